// Presence: what each client shows of itself in a story's awareness. The server fills in the
// user part from the signed-in account; the server and the renderer both check the rest with the
// functions here before using it (a colour goes into CSS, a name into the page, a cursor into
// y-prosemirror, which throws on a malformed one).

/** Longest name shown for a person in a story, in characters; longer ones are cut. */
export const PRESENCE_NAME_MAX = 64;

/** Who a presence state belongs to, as the server sets it. */
export interface PresenceUser {
  id: string;
  /** The account's display name. */
  name: string;
  role: string;
  /** A `#rrggbb` colour. */
  color: string;
}

// Control, format (bidi overrides, zero-width) and line/paragraph separator characters.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** A name fit to show: unprintable characters removed, trimmed, cut to PRESENCE_NAME_MAX characters; null when nothing is left. */
export function presenceName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = [...value.replace(UNPRINTABLE, '').trim()].slice(0, PRESENCE_NAME_MAX).join('').trim();
  return name === '' ? null : name;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isYjsId = (value: unknown) => value == null || (isRecord(value) && isCount(value.client) && isCount(value.clock));

// The JSON form of a Yjs relative position (Y.relativePositionToJSON), which y-prosemirror resolves.
function isRelativePosition(value: unknown): boolean {
  return (
    isRecord(value) &&
    isYjsId(value.type) &&
    isYjsId(value.item) &&
    (value.tname == null || typeof value.tname === 'string') &&
    (value.assoc == null || Number.isSafeInteger(value.assoc))
  );
}

/** Whether `value` is a caret y-prosemirror can resolve without throwing: absent, or `{anchor, head}` relative positions. */
export function isPresenceCursor(value: unknown): boolean {
  return value == null || (isRecord(value) && isRelativePosition(value.anchor) && isRelativePosition(value.head));
}

/** Whether y-prosemirror can draw a caret from awareness state `state` without throwing: an object whose `user` is an object (or absent) and whose `cursor` is resolvable. */
export function isDrawableCaretState(state: unknown): boolean {
  return isRecord(state) && (state.user == null || isRecord(state.user)) && isPresenceCursor(state.cursor);
}

/** The presence field a client sets (to its clock's `Date.now()`) as its user types: who is typing is whose value changed lately. */
export const TYPING_AT_FIELD = 'typingAt';

/** A `typingAt` value fit to use: a non-negative safe integer (milliseconds), else null. */
export function presenceTypingAt(value: unknown): number | null {
  return isCount(value) ? (value as number) : null;
}
