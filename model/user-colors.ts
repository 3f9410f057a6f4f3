// A stable colour per user from a palette chosen for distinctness, also for colour-blind people;
// the text colour that reads on each; the tints a comparison draws with; and the check that keeps
// a colour someone else sent out of CSS unless it is a plain `#rrggbb`.

/**
 * Paul Tol's "muted" qualitative scheme without its two reds (rose, wine), so that nobody's
 * insertions look like deletions: indigo, cyan, teal, green, olive, sand, purple. Any two differ
 * by a CIEDE2000 distance of 12 or more in normal vision and in simulated protanopia,
 * deuteranopia and tritanopia (tests/unit/renderer-colors.test.ts measures it).
 */
export const USER_COLORS = ['#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#ddcc77', '#aa4499'];

/** The colour of user `id`. */
export function userColor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length];
}

/** Colours for the users `ids` in one view: each keeps their own colour unless someone listed before has it, then the first one free. */
export function distinctColors(ids: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    if (colors.has(id)) continue;
    const own = userColor(id);
    // Past the palette's size colours repeat: then everyone keeps their own.
    const color = !taken.has(own) ? own : (USER_COLORS.find((c) => !taken.has(c)) ?? own);
    colors.set(id, color);
    taken.add(color);
  }
  return colors;
}

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

// WCAG 2 relative luminance of `#rrggbb`.
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The app's text colour (--ink) and white: the two colours labels are written in. */
export const INKS = { dark: '#1c1b19', light: '#ffffff' } as const;

/** The text colour for a label on `background` (`#rrggbb`): white or the app's ink, whichever contrasts more. */
export function labelInk(background: string): string {
  return contrastRatio(background, INKS.light) >= contrastRatio(background, INKS.dark) ? INKS.light : INKS.dark;
}

/** How strongly a comparison tints inserted and removed text with its author's colour. */
export const DIFF_TINTS = { added: 0.35, removed: 0.18 } as const;

/** `color` laid at `alpha` over white, as `#rrggbb` (the background a comparison gives a passage). */
export function tint(color: string, alpha: number): string {
  return `#${channels(color)
    .map((c) => Math.round(c * alpha + 255 * (1 - alpha)).toString(16).padStart(2, '0'))
    .join('')}`;
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** `value` (lower-cased) when it is a `#rrggbb` colour, which every palette colour is; null for anything else. */
export function checkedColor(value: unknown): string | null {
  return typeof value === 'string' && HEX_COLOR.test(value) ? value.toLowerCase() : null;
}
