// Debouncing with a maximum wait: work that should happen once things are quiet, but not be
// put off for ever while they never are (a story's compaction while people keep typing).

/**
 * A debounced task with a maximum wait. A poke only notes the time; one timer re-arms itself
 * until things have been quiet for `delayMs` (or `maxWaitMs` has passed since the first poke),
 * so a burst of keystrokes costs no timer churn. With `maxWaitMs` equal to `delayMs` the task
 * runs `delayMs` after the first poke, gathering what comes meanwhile.
 */
export class Debounce {
  private timer: NodeJS.Timeout | null = null;
  private firstAt = 0;
  private lastAt = 0;

  constructor(
    private readonly delayMs: number,
    private readonly maxWaitMs: number,
    private readonly task: () => void,
  ) {}

  /** Something happened: run the task once it has been quiet for `delayMs` (at most `maxWaitMs` from the first poke). */
  poke(): void {
    this.lastAt = Date.now();
    if (this.timer) return;
    this.firstAt = this.lastAt;
    this.timer = setTimeout(this.check, this.delayMs);
  }

  /** Drops the waiting run, if any. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly check = (): void => {
    const now = Date.now();
    const wait = Math.min(this.lastAt + this.delayMs, this.firstAt + this.maxWaitMs) - now;
    if (wait > 0) {
      this.timer = setTimeout(this.check, wait);
      return;
    }
    this.timer = null;
    this.task();
  };
}
