// A stable colour per user, from a palette readable as text background with white type, and the
// check that keeps a colour someone else sent out of CSS unless it is a plain `#rrggbb`.

/** Colours with enough contrast for white labels (WCAG AA for large text at least). */
export const USER_COLORS = ['#b3261e', '#1f6feb', '#2e7d32', '#8e24aa', '#c2410c', '#00796b', '#ad1457', '#5d4037', '#3949ab', '#6d4c41'];

/** The colour of user `id`. */
export function userColor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length];
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** `value` (lower-cased) when it is a `#rrggbb` colour, which every palette colour is; null for anything else. */
export function checkedColor(value: unknown): string | null {
  return typeof value === 'string' && HEX_COLOR.test(value) ? value.toLowerCase() : null;
}
