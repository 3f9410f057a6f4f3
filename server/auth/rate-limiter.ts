// Failed sign-in counting per key (a username, an address) over a sliding window.

/** Limits failures per key: after `maxFailures` within `windowMs`, the key is blocked until the oldest expires. */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const times = this.recent(key);
    if (times.length < this.maxFailures) return 0;
    return times[times.length - this.maxFailures] + this.windowMs - this.now();
  }

  /** Records one failure for `key`. */
  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** Takes back the most recent failure of `key` (an attempt counted up front that succeeded). */
  forgive(key: string): void {
    const times = this.failures.get(key);
    times?.pop();
    if (times?.length === 0) this.failures.delete(key);
  }

  /** Forgets `key`'s failures (after a successful sign-in). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  /** Drops keys with no recent failures, so the map stays small. */
  prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}
