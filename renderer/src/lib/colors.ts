// Avatar colours and the ink for their initials (the palette is shared with the server, in model/), and initials.
export { labelInk, USER_COLORS, userColor } from '../../../model/user-colors.ts';

/** Initials for an avatar: first letters of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? '?').slice(0, 2)).toUpperCase();
}
