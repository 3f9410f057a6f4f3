// Caps on what one story list entry may carry, so that a page of the list stays small whatever
// the documents (or an attacker writing straight into them) hold. The full texts stay in the
// story's document and its revisions; the list shows their start.
import { MAX_ASSIGNEES } from './article-limits.ts';
import { USERNAME_MAX } from './people-types.ts';

/** Most characters (code points) of a headline, byline, desk, slug or a person's name in a list entry. */
export const LIST_TEXT_MAX = 300;

/** Most characters of the latest workflow event's note in a list entry (an editor's send-back note). */
export const LIST_NOTE_MAX = 1000;

/** Most characters of a list entry's assignees as stored: a JSON array of at most MAX_ASSIGNEES usernames. */
export const LIST_ASSIGNEES_JSON_MAX = MAX_ASSIGNEES * (USERNAME_MAX + 3) + 2;

/** Most people listed as having a story open in one entry. */
export const LIST_OPEN_BY_MAX = 20;

/** What ends a capped text. */
export const ELLIPSIS = '…';

/**
 * `text` if it has at most `max` code points, else its first `max - 1` code points and an
 * ellipsis: never more than `max` code points, and never half a surrogate pair.
 */
export function capText(text: string, max: number): string {
  // UTF-16 units are at least as many as code points: a short string is short either way.
  if (text.length <= max) return text;
  let end = 0;
  let count = 0;
  while (end < text.length && count < max) {
    end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    count++;
  }
  if (end >= text.length) return text;
  // Back off one code point to make room for the ellipsis.
  const last = text.codePointAt(end - 1);
  const lastIsLowSurrogate = last !== undefined && last >= 0xdc00 && last <= 0xdfff && end >= 2;
  return text.slice(0, end - (lastIsLowSurrogate ? 2 : 1)) + ELLIPSIS;
}
