// Avatar colours and initials.
import { describe, expect, it } from 'vitest';
import { initials, USER_COLORS, userColor } from '../../renderer/src/lib/colors.ts';

describe('userColor', () => {
  it('is the same colour for the same user, every time', () => {
    expect(userColor('u-ana')).toBe(userColor('u-ana'));
    expect(userColor('')).toBe(userColor(''));
  });

  it('always picks from the palette', () => {
    for (const id of ['', 'a', 'u-ana', 'u-ben', '0f8e1c2a-77b3-4c1e-9d0a-3b1e5e6f7a8b', 'Zoë', '🦊']) expect(USER_COLORS).toContain(userColor(id));
  });

  it('spreads users over the palette', () => {
    const used = new Set(Array.from({ length: 100 }, (_, i) => userColor(`user-${i}`)));
    expect(used.size).toBeGreaterThanOrEqual(USER_COLORS.length - 1);
  });

  it('has only distinct six-digit hex colours', () => {
    expect(new Set(USER_COLORS).size).toBe(USER_COLORS.length);
    for (const color of USER_COLORS) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('initials', () => {
  it.each([
    ['Ana Lima', 'AL'],
    ['ana lima', 'AL'],
    ['Ben', 'BE'],
    ['Mia van der Berg', 'MV'],
    ['  Zoë   Adams  ', 'ZA'],
    ['Émile Zola', 'ÉZ'],
    ['x', 'X'],
    ['', '?'],
    ['   ', '?'],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
