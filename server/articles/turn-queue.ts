// CPU-heavy answers (a page of the story list: views and JSON) one per turn of the event loop, so
// that twenty of them arriving together never hold back everyone else's I/O (a keystroke) for
// the time of all twenty: between two jobs the loop polls for I/O.

/** Runs jobs in order, at most one per turn of the event loop. */
export class TurnQueue {
  private readonly jobs: (() => void)[] = [];
  private running = false;

  /** Runs `job` in a turn of its own; resolves with what it returns. */
  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(() => {
        try {
          resolve(job());
        } catch (error) {
          reject(error);
        }
      });
      if (!this.running) {
        this.running = true;
        setImmediate(this.next);
      }
    });
  }

  // An immediate set while immediates run waits for the next turn, after the loop polled for I/O.
  private readonly next = (): void => {
    const job = this.jobs.shift();
    if (!job) {
      this.running = false;
      return;
    }
    job();
    setImmediate(this.next);
  };
}
