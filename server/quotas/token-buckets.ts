// A rate per key (a user on a story): `burst` actions at once, then one more every `intervalMs`
// (a token bucket). Refusals say when to try again; only the first of a run of refusals is
// flagged, so that a flood makes one log line, not thousands.

/** What `take` decided. */
export type Take = { allowed: true } | { allowed: false; retryAfterMs: number; firstRefusal: boolean };

interface Bucket {
  tokens: number;
  at: number;
  refusing: boolean;
}

/** Keys beyond which buckets that have filled up again are forgotten. */
const PRUNE_ABOVE = 10_000;

/** Token buckets by key. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst: number,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private tokensOf(bucket: Bucket, now: number): number {
    return Math.min(this.burst, bucket.tokens + (now - bucket.at) / this.intervalMs);
  }

  /** Takes one action for `key` if its bucket allows it. */
  take(key: string): Take {
    const now = this.now();
    if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now, refusing: false };
    const tokens = this.tokensOf(bucket, now);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now, refusing: false });
      return { allowed: true };
    }
    this.buckets.set(key, { tokens, at: now, refusing: true });
    return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) * this.intervalMs), firstRefusal: !bucket.refusing };
  }

  // A full bucket is the same as none.
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (this.tokensOf(bucket, now) >= this.burst) this.buckets.delete(key);
  }
}
