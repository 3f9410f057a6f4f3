// Who is typing now: a change of a client's typingAt, by this computer's clock, for a few seconds.
import { describe, expect, it } from 'vitest';
import { TYPING_SHOWN_MS, TypingClock } from '../../renderer/src/lib/typing-clock.ts';

const values = (entries: [number, number | null][]) => new Map(entries);

describe('TypingClock', () => {
  it('counts a client as typing from a change of its value until TYPING_SHOWN_MS later', () => {
    const clock = new TypingClock();
    clock.update(values([[1, null]]), 1000);
    expect(clock.typing(1000)).toEqual(new Set());
    clock.update(values([[1, 5]]), 2000);
    expect(clock.typing(2000)).toEqual(new Set([1]));
    expect(clock.nextExpiry(2000)).toBe(TYPING_SHOWN_MS);
    expect(clock.typing(2000 + TYPING_SHOWN_MS - 1)).toEqual(new Set([1]));
    expect(clock.typing(2000 + TYPING_SHOWN_MS)).toEqual(new Set());
    expect(clock.nextExpiry(2000 + TYPING_SHOWN_MS)).toBeNull();
  });

  it('does not count a value first seen (an idle caret from minutes ago), nor the same value again', () => {
    const clock = new TypingClock();
    clock.update(values([[1, 123]]), 10_000);
    expect(clock.typing(10_000)).toEqual(new Set());
    clock.update(values([[1, 123]]), 11_000);
    expect(clock.typing(11_000)).toEqual(new Set());
    expect(clock.nextExpiry(11_000)).toBeNull();
  });

  it('ignores the other computer’s clock: a value far in the past or future counts the same', () => {
    const clock = new TypingClock();
    clock.update(values([[1, 0], [2, 9e15]]), 50);
    clock.update(values([[1, 1], [2, 9e15 + 1]]), 100);
    expect(clock.typing(100)).toEqual(new Set([1, 2]));
  });

  it('keeps each client apart and forgets one that left', () => {
    const clock = new TypingClock();
    clock.update(values([[1, 1], [2, 1]]), 0);
    clock.update(values([[1, 2], [2, 1]]), 1000);
    expect(clock.typing(1000)).toEqual(new Set([1]));
    clock.update(values([[2, 1]]), 1500);
    expect(clock.typing(1500)).toEqual(new Set());
    // Back again with a value: first seen once more, so not typing until it changes.
    clock.update(values([[1, 2], [2, 1]]), 1600);
    expect(clock.typing(1600)).toEqual(new Set());
  });

  it('stops counting a client whose value went away', () => {
    const clock = new TypingClock();
    clock.update(values([[1, 1]]), 0);
    clock.update(values([[1, 2]]), 100);
    clock.update(values([[1, null]]), 200);
    expect(clock.typing(200)).toEqual(new Set());
  });
});
