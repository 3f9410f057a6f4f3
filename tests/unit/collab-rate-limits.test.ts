// Token buckets and per-user quotas with an injected clock.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../server/collab/rate-limit.ts';
import { UserQuotas } from '../../server/collab/user-quotas.ts';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('TokenBucket', () => {
  it('lets a burst through, then one per refill interval', () => {
    const c = clock();
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, c.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    c.advance(499);
    expect(bucket.take()).toBe(false);
    c.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never holds more than its burst, however long it was quiet', () => {
    const c = clock();
    const bucket = new TokenBucket({ burst: 2, perSecond: 10 }, c.now);
    c.advance(3_600_000);
    expect(bucket.isFull).toBe(true);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    expect(bucket.isFull).toBe(false);
  });

  it('refuses nothing at a steady rate just under the limit', () => {
    const c = clock();
    const bucket = new TokenBucket({ burst: 1, perSecond: 30 }, c.now);
    for (let i = 0; i < 300; i++) {
      expect(bucket.take()).toBe(true);
      c.advance(34);
    }
  });
});

describe('UserQuotas', () => {
  it('caps open connections per user and frees a slot when one closes', () => {
    const quotas = new UserQuotas({ connectionsPerUser: 2 });
    expect([quotas.admit('vic'), quotas.admit('vic'), quotas.admit('vic')]).toEqual([true, true, false]);
    expect(quotas.admit('ana')).toBe(true); // another user is not affected
    quotas.release('vic');
    expect([quotas.admit('vic'), quotas.admit('vic')]).toEqual([true, false]);
    for (let i = 0; i < 2; i++) quotas.release('vic');
    expect([quotas.admit('vic'), quotas.admit('vic'), quotas.admit('vic')]).toEqual([true, true, false]);
  });

  it('bounds the stories loaded on one user’s behalf per minute', () => {
    const quotas = new UserQuotas({ articleOpensPerMinute: 3 });
    expect([1, 2, 3, 4].map(() => quotas.chargeArticleOpen('vic'))).toEqual([true, true, true, false]);
    expect(quotas.chargeArticleOpen('ana')).toBe(true);
  });
});
