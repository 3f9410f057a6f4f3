// Sign-in delays: the doubling waits and their cap, the in-memory ledger (free failures, waits
// owed by any key refuse without counting, up-front counting, forgiving, resetting, forgetting
// after a quiet period, pruning) with an injected clock.
import { describe, expect, it } from 'vitest';
import { delayAfter, MemoryLedger, type DelayPolicy, type ThrottleKey } from '../../server/auth/rate-limiter.ts';

const POLICY: DelayPolicy = { free: 3, baseMs: 1000, capMs: 10_000 };
const QUIET = 60_000;
const key = (name: string, policy = POLICY): ThrottleKey => ({ key: name, policy });

describe('delayAfter', () => {
  it('costs nothing for the free failures, then doubles from the base up to the cap', () => {
    expect([0, 1, 2, 3].map((n) => delayAfter(n, POLICY))).toEqual([0, 0, 0, 0]);
    expect([4, 5, 6, 7, 8, 9, 50, 5000].map((n) => delayAfter(n, POLICY))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
  });
});

describe('MemoryLedger', () => {
  it('lets the free failures through at once, then makes the key wait a growing time after each failure', async () => {
    const ledger = new MemoryLedger();
    let now = 1_000_000;
    for (let i = 1; i <= 3; i++) expect(await ledger.begin([key('ed')], QUIET, now)).toEqual({ waitMs: 0, failures: [i] });
    // The 4th failure is counted; from it the key owes 1 s.
    expect(await ledger.begin([key('ed')], QUIET, now)).toEqual({ waitMs: 0, failures: [4] });
    expect(await ledger.begin([key('ed')], QUIET, now + 400)).toEqual({ waitMs: 600 });
    // A refused attempt counts nothing: waiting it out is enough.
    now += 1000;
    expect(await ledger.begin([key('ed')], QUIET, now)).toEqual({ waitMs: 0, failures: [5] });
    expect(await ledger.begin([key('ed')], QUIET, now + 1999)).toEqual({ waitMs: 1 });
    expect((await ledger.begin([key('ed')], QUIET, now + 2000)).failures).toEqual([6]);
  });

  it('refuses when any key owes a wait, and then counts on none of them', async () => {
    const ledger = new MemoryLedger();
    const now = 5_000_000;
    for (let i = 0; i < 4; i++) await ledger.begin([key('addr:1')], QUIET, now);
    expect(await ledger.begin([key('user:ana'), key('addr:1')], QUIET, now)).toEqual({ waitMs: 1000 });
    // ana's key was not counted by the refused attempt.
    expect(await ledger.begin([key('user:ana')], QUIET, now)).toEqual({ waitMs: 0, failures: [1] });
    expect(await ledger.begin([key('user:ana'), key('addr:2')], QUIET, now)).toEqual({ waitMs: 0, failures: [2, 1] });
  });

  it('counts up front: a burst of parallel attempts gets only the free ones and one more', async () => {
    const ledger = new MemoryLedger();
    const answers = await Promise.all(Array.from({ length: 20 }, () => ledger.begin([key('ed')], QUIET, 0)));
    expect(answers.filter((a) => a.waitMs === 0)).toHaveLength(4);
    expect(answers.filter((a) => a.waitMs > 0)).toHaveLength(16);
  });

  it('forgives one failure, or resets a key entirely, after a success', async () => {
    const ledger = new MemoryLedger();
    for (let i = 0; i < 4; i++) await ledger.begin([key('user:ed'), key('addr:1')], QUIET, 0);
    await ledger.succeed(['addr:1'], ['user:ed']);
    expect(await ledger.begin([key('user:ed')], QUIET, 0)).toEqual({ waitMs: 0, failures: [1] });
    // The address had 4, one forgiven: 3 again, no wait, and the next one is its 4th.
    expect(await ledger.begin([key('addr:1')], QUIET, 0)).toEqual({ waitMs: 0, failures: [4] });
  });

  it('forgets a key that stayed quiet longer than the quiet period, and pruning drops it', async () => {
    const ledger = new MemoryLedger();
    for (let i = 0; i < 8; i++) await ledger.begin([key('ed')], QUIET, i * 20_000);
    await ledger.begin([key('ben')], QUIET, 200_000);
    expect(await ledger.begin([key('ed')], QUIET, 140_000 + QUIET + 1)).toEqual({ waitMs: 0, failures: [1] });
    ledger.prune(QUIET, 200_001 + QUIET);
    expect(ledger.size).toBe(1);
    ledger.prune(QUIET, 200_001 + QUIET + 1);
    expect(ledger.size).toBe(0);
  });

  it('caps the wait however many failures pile up, so the owner is never shut out for longer than the cap', async () => {
    const ledger = new MemoryLedger();
    let now = 0;
    for (let i = 0; i < 100; i++) {
      const admission = await ledger.begin([key('ed')], QUIET, now);
      now += admission.waitMs;
      if (admission.waitMs > 0) expect((await ledger.begin([key('ed')], QUIET, now)).waitMs).toBe(0);
    }
    expect((await ledger.begin([key('ed')], QUIET, now)).waitMs).toBe(POLICY.capMs);
  });
});
