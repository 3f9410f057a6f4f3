// One timer for many rooms' periodic work: everything due in the same window runs in the same
// turn of the event loop, so the storage calls it makes travel to the store together.

/** Runs added tasks once, together, `delayMs` after the first of them was added. */
export class SharedTimer {
  private readonly due = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly delayMs: number) {}

  /** Schedules `task` for the next run (once, however often it is added). */
  add(task: () => void): void {
    this.due.add(task);
    this.timer ??= setTimeout(this.run, this.delayMs);
  }

  /** Drops `task` if it is waiting. */
  remove(task: () => void): void {
    this.due.delete(task);
  }

  private readonly run = (): void => {
    this.timer = null;
    const tasks = [...this.due];
    this.due.clear();
    for (const task of tasks) task();
  };
}
