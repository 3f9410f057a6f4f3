// The quota counters: a token bucket per key (revision writes per user and story) and slots per
// user and in total (uploads in progress).
import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../server/quotas/token-buckets.ts';
import { UserSlots } from '../../server/quotas/user-slots.ts';

describe('TokenBuckets', () => {
  it('allows a burst, then one per interval, and says when to come back', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 1000, () => now);
    expect([1, 2, 3].map(() => buckets.take('ana').allowed)).toEqual([true, true, true]);
    expect(buckets.take('ana')).toEqual({ allowed: false, retryAfterMs: 1000, firstRefusal: true });
    now = 400;
    // Still refused, and not the first refusal of this run (one log line per flood).
    expect(buckets.take('ana')).toEqual({ allowed: false, retryAfterMs: 600, firstRefusal: false });
    now = 1000;
    expect(buckets.take('ana').allowed).toBe(true);
    expect(buckets.take('ana')).toMatchObject({ allowed: false, firstRefusal: true });
  });

  it('keeps keys apart and refills no further than the burst', () => {
    let now = 0;
    const buckets = new TokenBuckets(2, 1000, () => now);
    buckets.take('ana');
    buckets.take('ana');
    expect(buckets.take('ana').allowed).toBe(false);
    expect(buckets.take('ben').allowed).toBe(true);
    now = 60_000;
    expect([1, 2, 3].map(() => buckets.take('ana').allowed)).toEqual([true, true, false]);
  });
});

describe('UserSlots', () => {
  it('gives each user perUser slots, everyone maxTotal, and takes each back once', () => {
    const slots = new UserSlots(2, 3);
    const a1 = slots.take('ana');
    const a2 = slots.take('ana');
    expect(slots.take('ana')).toEqual({ refused: 'user' });
    const b1 = slots.take('ben');
    expect(slots.take('cy')).toEqual({ refused: 'total' });
    if (!('release' in a1) || !('release' in a2) || !('release' in b1)) throw new Error('expected slots');
    a1.release();
    a1.release();
    expect('release' in slots.take('cy')).toBe(true);
    expect(slots.take('ana')).toEqual({ refused: 'total' });
  });
});
