// Debouncing with a maximum wait: the task runs once things are quiet, but not later than the
// maximum wait after the first poke while pokes keep coming.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Debounce } from '../../server/collab/debounce.ts';

afterEach(() => vi.useRealTimers());

describe('Debounce', () => {
  it('runs once, the delay after the last of a burst of pokes', () => {
    vi.useFakeTimers();
    let runs = 0;
    const debounce = new Debounce(100, 10_000, () => runs++);
    for (let i = 0; i < 5; i++) {
      debounce.poke();
      vi.advanceTimersByTime(50);
    }
    expect(runs).toBe(0);
    vi.advanceTimersByTime(49);
    expect(runs).toBe(0);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(1);
  });

  it('runs at the maximum wait while pokes never stop, and keeps one timer', () => {
    vi.useFakeTimers();
    let runs = 0;
    const debounce = new Debounce(100, 1000, () => runs++);
    for (let t = 0; t < 1000; t += 50) {
      debounce.poke();
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(50);
    }
    expect(runs).toBe(1);
  });

  it('drops the waiting run when cancelled', () => {
    vi.useFakeTimers();
    let runs = 0;
    const debounce = new Debounce(100, 1000, () => runs++);
    debounce.poke();
    debounce.cancel();
    vi.advanceTimersByTime(5000);
    expect(runs).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
