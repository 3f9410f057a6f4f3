// Heavy reads are tried again while the server says it is busy (429: this user's heavy requests
// are at their limit; 503: every worker is taken), a few times, and never for any other failure.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/lib/api.ts';
import { retryWhileBusy } from '../../renderer/src/lib/retry-while-busy.ts';

const answers = (...outcomes: (Error | string)[]) => {
  const load = vi.fn(async () => {
    const next = outcomes.shift()!;
    if (next instanceof Error) throw next;
    return next;
  });
  return load;
};

describe('retryWhileBusy', () => {
  it('tries again after a pause while the server answers 429 or 503, then returns the answer', async () => {
    const sleep = vi.fn(async (_ms: number) => undefined);
    const load = answers(new ApiError(429, 'you already have 2 heavy requests'), new ApiError(503, 'the server is busy'), 'the comparison');
    expect(await retryWhileBusy(load, { sleep, pauseMs: 700 })).toBe('the comparison');
    expect(load).toHaveBeenCalledTimes(3);
    expect(sleep.mock.calls).toEqual([[700], [700]]);
  });

  it('gives up after the attempts allowed, with the server’s last refusal', async () => {
    const sleep = vi.fn(async () => undefined);
    const load = answers(...Array.from({ length: 5 }, (_, i) => new ApiError(429, `busy ${i + 1}`)));
    await expect(retryWhileBusy(load, { sleep, attempts: 3 })).rejects.toThrow('busy 3');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('does not retry any other failure', async () => {
    const sleep = vi.fn(async () => undefined);
    for (const failure of [new ApiError(404, 'revision 9 of story s not found'), new ApiError(0, 'cannot reach the server'), new Error('broken')]) {
      const load = answers(failure, 'never');
      await expect(retryWhileBusy(load, { sleep })).rejects.toBe(failure);
      expect(load).toHaveBeenCalledOnce();
    }
    expect(sleep).not.toHaveBeenCalled();
  });
});
