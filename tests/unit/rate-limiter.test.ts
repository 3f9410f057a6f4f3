// FailureLimiter with an injected clock: blocking after N failures, the sliding window,
// reset, and pruning.
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../server/auth/rate-limiter.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** The limiter's internal map, to check that pruning really forgets keys. */
const keysOf = (limiter: FailureLimiter) => [...(limiter as unknown as { failures: Map<string, number[]> }).failures.keys()];

describe('FailureLimiter', () => {
  it('lets a key try until it has N failures, then blocks it', () => {
    const c = clock();
    const limiter = new FailureLimiter(3, 60_000, c.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('alice')).toBe(0);
      limiter.fail('alice');
      c.advance(1000);
    }
    // Failures at t0, t0+1 s, t0+2 s; now t0+3 s: blocked until t0+60 s.
    expect(limiter.retryAfterMs('alice')).toBe(57_000);
    expect(limiter.retryAfterMs('bob')).toBe(0);
  });

  it('releases a key once the oldest counted failure leaves the window', () => {
    const c = clock();
    const limiter = new FailureLimiter(2, 10_000, c.now);
    limiter.fail('k');
    c.advance(4000);
    limiter.fail('k');
    expect(limiter.retryAfterMs('k')).toBe(6000);
    c.advance(5999);
    expect(limiter.retryAfterMs('k')).toBe(1);
    c.advance(1);
    // The first failure is exactly windowMs old: it no longer counts.
    expect(limiter.retryAfterMs('k')).toBe(0);
    // One failure is still in the window, so one more blocks again, until the second one expires.
    limiter.fail('k');
    expect(limiter.retryAfterMs('k')).toBe(4000);
    c.advance(10_000);
    expect(limiter.retryAfterMs('k')).toBe(0);
  });

  it('with more failures than N, waits for the N-th newest to expire', () => {
    const c = clock();
    const limiter = new FailureLimiter(2, 10_000, c.now);
    for (const gap of [0, 1000, 1000, 1000]) {
      c.advance(gap);
      limiter.fail('k');
    }
    // Failures at 0, 1, 2, 3 s; now 3 s. Two are allowed, so it waits until the one at 2 s expires.
    expect(limiter.retryAfterMs('k')).toBe(9000);
  });

  it('reset forgets a key', () => {
    const c = clock();
    const limiter = new FailureLimiter(2, 60_000, c.now);
    limiter.fail('alice');
    limiter.fail('alice');
    limiter.fail('bob');
    limiter.fail('bob');
    expect(limiter.retryAfterMs('alice')).toBeGreaterThan(0);
    limiter.reset('alice');
    expect(limiter.retryAfterMs('alice')).toBe(0);
    limiter.fail('alice');
    expect(limiter.retryAfterMs('alice')).toBe(0);
    expect(limiter.retryAfterMs('bob')).toBeGreaterThan(0);
  });

  it('prune drops keys with no recent failures and keeps the others', () => {
    const c = clock();
    const limiter = new FailureLimiter(5, 10_000, c.now);
    limiter.fail('old1');
    limiter.fail('old2');
    c.advance(6000);
    limiter.fail('recent');
    expect(keysOf(limiter).sort()).toEqual(['old1', 'old2', 'recent']);
    c.advance(5000);
    limiter.prune();
    expect(keysOf(limiter)).toEqual(['recent']);
    c.advance(10_000);
    limiter.prune();
    expect(keysOf(limiter)).toEqual([]);
  });

  it('keys are exact strings (the caller normalises)', () => {
    const limiter = new FailureLimiter(1, 60_000, clock().now);
    limiter.fail('Alice');
    expect(limiter.retryAfterMs('Alice')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('alice')).toBe(0);
  });
});
