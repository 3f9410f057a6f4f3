// Avatar colours and initials; the palette's distinctness (also to colour-blind eyes) and contrast.
import { describe, expect, it } from 'vitest';
import { initials, USER_COLORS, userColor } from '../../renderer/src/lib/colors.ts';
import { contrastRatio, DIFF_TINTS, distinctColors, INKS, labelInk, tint } from '../../model/user-colors.ts';
import { DEFICIENCIES, deltaE2000, simulate, type Deficiency } from '../support/color-vision.ts';

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

// The smallest CIEDE2000 distance between two palette colours, as seen with `vision`.
function closestPair(colors: string[], vision: 'normal' | Deficiency): { distance: number; pair: string } {
  let closest = { distance: Infinity, pair: '' };
  const seen = (c: string) => (vision === 'normal' ? c : simulate(c, vision));
  for (const [i, a] of colors.entries()) {
    for (const b of colors.slice(i + 1)) {
      const distance = deltaE2000(seen(a), seen(b));
      if (distance < closest.distance) closest = { distance, pair: `${a} ${b}` };
    }
  }
  return closest;
}

describe('the palette', () => {
  // CIEDE2000: about 2 is just noticeable; categorical colours want 10 or more.
  const DISTINCT = 12;

  it('has colours far apart in normal vision and with protanopia, deuteranopia and tritanopia', () => {
    for (const vision of ['normal', ...DEFICIENCIES] as const) {
      const { distance, pair } = closestPair(USER_COLORS, vision);
      expect(distance, `${vision}: ${pair}`).toBeGreaterThanOrEqual(DISTINCT);
    }
  });

  it('would have caught the two browns two users got (#5d4037, #6d4c41)', () => {
    expect(closestPair(['#5d4037', '#6d4c41'], 'normal').distance).toBeLessThan(DISTINCT);
  });

  it('has no red, the colour of danger and of removed words in the summary, so no insertion is drawn in red', () => {
    // (Marks, not colours, tell insertions from removals, so a colour-blind reader loses nothing here.)
    for (const color of USER_COLORS) expect(deltaE2000(color, '#a4241b'), color).toBeGreaterThanOrEqual(25);
    // The old palette's first colour was that red.
    expect(deltaE2000('#b3261e', '#a4241b')).toBeLessThan(25);
  });

  it('gives each colour a label ink (white or the app’s ink) that reads at 4.5:1 or more', () => {
    for (const color of USER_COLORS) expect(contrastRatio(color, labelInk(color)), color).toBeGreaterThanOrEqual(4.5);
    expect(labelInk('#332288')).toBe(INKS.light);
    expect(labelInk('#ddcc77')).toBe(INKS.dark);
  });

  it('keeps the app’s text readable (4.5:1) on a comparison’s tints and on a collaborator’s selection', () => {
    for (const color of USER_COLORS) {
      expect(contrastRatio(INKS.dark, tint(color, DIFF_TINTS.added)), `${color} inserted`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(INKS.dark, tint(color, DIFF_TINTS.removed)), `${color} removed`).toBeGreaterThanOrEqual(4.5);
      // body-editor.ts draws a selection as the colour at alpha 0x70.
      expect(contrastRatio(INKS.dark, tint(color, 0x70 / 255)), `${color} selection`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('computes WCAG contrast ratios and tints', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(tint('#000000', 0.5)).toBe('#808080');
    expect(tint('#332288', 1)).toBe('#332288');
  });
});

describe('distinctColors', () => {
  it('keeps each user’s own colour when nobody before has it', () => {
    expect(distinctColors(['u-ana', 'u-ben'])).toEqual(new Map([
      ['u-ana', userColor('u-ana')],
      ['u-ben', userColor('u-ben')],
    ]));
  });

  it('gives the second of two users with the same colour the first one free', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `user-${i}`);
    const first = ids[0];
    const twin = ids.find((id) => id !== first && userColor(id) === userColor(first))!;
    const colors = distinctColors([first, twin]);
    expect(colors.get(first)).toBe(userColor(first));
    expect(colors.get(twin)).not.toBe(userColor(first));
    expect(USER_COLORS).toContain(colors.get(twin));
  });

  it('gives as many users as the palette has all different colours, then repeats', () => {
    const ids = Array.from({ length: USER_COLORS.length + 2 }, (_, i) => `user-${i}`);
    const colors = distinctColors(ids);
    expect(new Set(ids.slice(0, USER_COLORS.length).map((id) => colors.get(id))).size).toBe(USER_COLORS.length);
    for (const id of ids) expect(USER_COLORS).toContain(colors.get(id));
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
