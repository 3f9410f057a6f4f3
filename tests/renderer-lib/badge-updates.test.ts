// The dock/taskbar badge is set once its number settles, and only when the number changed: a
// keystroke's moment of unsent work (0 → 1 → 0 within milliseconds) sets nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BADGE_SETTLE_MS, BadgeUpdates } from '../../renderer/src/lib/badge-updates.ts';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('BadgeUpdates', () => {
  it('sets the settled number once, and only when it changed', () => {
    const set = vi.fn();
    const badge = new BadgeUpdates(set);
    badge.want(0);
    vi.advanceTimersByTime(BADGE_SETTLE_MS);
    expect(set.mock.calls).toEqual([[0]]);

    // Keystrokes: unsent for a moment each, confirmed at once.
    for (let i = 0; i < 20; i++) {
      badge.want(1);
      vi.advanceTimersByTime(5);
      badge.want(0);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(BADGE_SETTLE_MS);
    expect(set.mock.calls).toEqual([[0]]);

    // Work left unsent: the badge says so once it settled, once.
    badge.want(1);
    badge.want(2);
    vi.advanceTimersByTime(BADGE_SETTLE_MS - 1);
    expect(set.mock.calls).toEqual([[0]]);
    vi.advanceTimersByTime(1);
    expect(set.mock.calls).toEqual([[0], [2]]);
    badge.want(2);
    vi.advanceTimersByTime(BADGE_SETTLE_MS);
    expect(set.mock.calls).toEqual([[0], [2]]);

    badge.want(0);
    badge.destroy();
    vi.advanceTimersByTime(BADGE_SETTLE_MS);
    expect(set.mock.calls).toEqual([[0], [2]]);
  });
});
