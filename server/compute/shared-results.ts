// Identical requests share one computation: a second request for what is being computed waits
// for that result, and recent results are kept (up to a size) for the requests that follow. The
// review screen asks for the same comparison by itself, so repeats are the normal case.

/** Results by key: in flight, and (for kept ones) recently computed, least recently used dropped first. */
export class SharedResults {
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly kept = new Map<string, string>();
  private keptChars = 0;

  /** `maxChars`: how much text the kept results may hold together. */
  constructor(private readonly maxChars: number) {}

  /**
   * The result for `key`: a kept one, the one being computed, or `compute()`'s. `keep: false`
   * for results that go stale without the key changing (only requests in flight share them).
   */
  get(key: string, compute: () => Promise<string>, keep = true): Promise<string> {
    const kept = this.kept.get(key);
    if (kept !== undefined) {
      // Most recently used goes to the end.
      this.kept.delete(key);
      this.kept.set(key, kept);
      return Promise.resolve(kept);
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    const result = compute().then((value) => {
      if (keep) this.keep(key, value);
      return value;
    });
    this.inFlight.set(key, result);
    // A failure is not kept: the next request tries again.
    const done = () => this.inFlight.delete(key);
    result.then(done, done);
    return result;
  }

  private keep(key: string, value: string): void {
    if (value.length > this.maxChars) return;
    this.kept.set(key, value);
    this.keptChars += value.length;
    for (const [oldest, text] of this.kept) {
      if (this.keptChars <= this.maxChars) break;
      this.kept.delete(oldest);
      this.keptChars -= text.length;
    }
  }
}
