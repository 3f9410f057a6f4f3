// The serial task runner: one run at a time, and one more run after it however many ask meanwhile.
import { describe, expect, it } from 'vitest';
import { SerialTask } from '../../model/serial-task.ts';

/** A task whose runs each wait for `open()`. */
function gatedTask() {
  const gates: ((fail?: Error) => void)[] = [];
  let runs = 0;
  const task = new SerialTask(
    () =>
      new Promise<void>((resolve, reject) => {
        runs++;
        gates.push((fail) => (fail ? reject(fail) : resolve()));
      }),
  );
  return { task, runs: () => runs, open: (fail?: Error) => gates.shift()!(fail) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SerialTask', () => {
  it('runs at once when idle, and is not busy once the run ends', async () => {
    const { task, runs, open } = gatedTask();
    const done = task.run();
    expect(runs()).toBe(1);
    expect(task.busy).toBe(true);
    open();
    await done;
    expect(task.busy).toBe(false);
  });

  it('runs once more after the run under way, however many ask meanwhile, and never two at once', async () => {
    const { task, runs, open } = gatedTask();
    const first = task.run();
    const asked = [task.run(), task.run(), task.run()];
    await tick();
    expect(runs()).toBe(1);
    open();
    await tick();
    expect(runs()).toBe(2);
    let settled = false;
    void Promise.all([first, ...asked]).then(() => (settled = true));
    await tick();
    expect(settled).toBe(false); // everyone waits for the run that covers their request
    open();
    await Promise.all([first, ...asked]);
    expect(runs()).toBe(2);
    expect(task.busy).toBe(false);
  });

  it('counts a request the task makes itself as made meanwhile', async () => {
    let runs = 0;
    const task: SerialTask = new SerialTask(() => {
      runs++;
      if (runs === 1) void task.run();
    });
    await task.run();
    expect(runs).toBe(2);
  });

  it('rejects every waiter with a failed run, drops the request made meanwhile, and runs again when asked', async () => {
    const { task, runs, open } = gatedTask();
    const first = task.run();
    const second = task.run();
    open(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    await expect(second).rejects.toThrow('disk full');
    expect(runs()).toBe(1);
    expect(task.busy).toBe(false);
    const third = task.run();
    expect(runs()).toBe(2);
    open();
    await third;
  });

  it('turns a task that throws at once into a rejection', async () => {
    const task = new SerialTask(() => {
      throw new Error('broken');
    });
    await expect(task.run()).rejects.toThrow('broken');
    expect(task.busy).toBe(false);
  });
});
