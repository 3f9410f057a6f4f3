// "Run one at a time, once more if asked meanwhile": work that must not overlap itself (a
// compaction, a write of what piled up, a read of a list) and that must cover every request,
// without running once per request.

/** Runs a task one run at a time; a request during a run asks for one more run after it. */
export class SerialTask {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly task: () => Promise<void> | void) {}

  /**
   * Runs the task now, or once more after the run under way (however many ask meanwhile).
   * Resolves when the runs end with none asked for; rejects with the first run that fails (a
   * run asked for meanwhile is then dropped: the caller's next request runs it).
   */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // Stored before the task starts, so that a request the task itself makes counts as "meanwhile".
    let settle!: (drained: Promise<void>) => void;
    this.running = new Promise<void>((resolve) => (settle = resolve));
    settle(this.drain());
    return this.running;
  }

  /** A run is under way or asked for. */
  get busy(): boolean {
    return this.running !== null;
  }

  // The state is reset only after an await: never before `run` has returned.
  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.start();
      } while (this.again);
    } finally {
      this.again = false;
      this.running = null;
    }
  }

  // The task's promise; a task that throws at once becomes a rejection.
  private start(): Promise<void> | void {
    try {
      return this.task();
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
