// Heavy answers one per turn of the event loop: whatever else was waiting (I/O, an immediate)
// runs between two of them, in order, and a failing job fails only its own caller.
import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../server/articles/turn-queue.ts';

describe('TurnQueue', () => {
  it('runs jobs in order, one per turn, letting other work in between', async () => {
    const queue = new TurnQueue();
    const log: string[] = [];
    const jobs = [1, 2, 3].map((n) =>
      queue.run(() => {
        log.push(`job ${n}`);
        if (n === 1) setImmediate(() => log.push('someone else'));
        return n * 10;
      }),
    );
    expect(await Promise.all(jobs)).toEqual([10, 20, 30]);
    expect(log).toEqual(['job 1', 'someone else', 'job 2', 'job 3']);
  });

  it('rejects the caller of a job that throws, and goes on with the others', async () => {
    const queue = new TurnQueue();
    const failing = queue.run(() => {
      throw new Error('broken page');
    });
    const fine = queue.run(() => 'fine');
    await expect(failing).rejects.toThrow('broken page');
    expect(await fine).toBe('fine');
  });
});
