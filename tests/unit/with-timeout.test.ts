// Waiting for a promise, but not for ever.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withTimeout } from '../../model/with-timeout.ts';

afterEach(() => vi.useRealTimers());

describe('withTimeout', () => {
  it('settles as the promise does when it settles in time, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await expect(withTimeout(Promise.resolve('kept'), 1000, 'gave up')).resolves.toBe('kept');
    expect(vi.getTimerCount()).toBe(0);
    await expect(withTimeout(Promise.reject(new Error('broken')), 1000, 'gave up')).rejects.toThrow('broken');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves with the fallback once the time is up', async () => {
    vi.useFakeTimers();
    const waiting = withTimeout(new Promise<string>(() => undefined), 1000, false);
    await vi.advanceTimersByTimeAsync(999);
    let result: string | boolean | undefined;
    void waiting.then((value) => (result = value));
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBe(false);
  });
});
