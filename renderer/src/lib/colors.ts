// A stable colour per user, from a palette readable as text background with white type.

/** Colours with enough contrast for white labels (WCAG AA for large text at least). */
export const USER_COLORS = ['#b3261e', '#1f6feb', '#2e7d32', '#8e24aa', '#c2410c', '#00796b', '#ad1457', '#5d4037', '#3949ab', '#6d4c41'];

/** The colour of user `id`. */
export function userColor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length];
}

/** Initials for an avatar: first letters of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? '?').slice(0, 2)).toUpperCase();
}
