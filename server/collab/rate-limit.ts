// Token buckets: how the server bounds what one connection (or one user) may ask for per second
// while letting a real client's bursts through.

/** A rate: up to `burst` at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

// One clock for every bucket: a bound function per bucket would cost each connection a few of them.
const monotonicNow = (): number => performance.now();

/** A token bucket; `take()` spends one token if there is one. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limit: RateLimit,
    /** Milliseconds; injected by tests. */
    private readonly now: () => number = monotonicNow,
  ) {
    this.tokens = limit.burst;
    this.refilledAt = now();
  }

  /** Spends a token: true if one was left, false if the caller is over the rate. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether the bucket is full again (its owner has been quiet long enough to forget). */
  get isFull(): boolean {
    this.refill();
    return this.tokens >= this.limit.burst;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.limit.perSecond);
    this.refilledAt = now;
  }
}
