// Where a caret goes when someone else edits the text: pure, so it is tested without a DOM.

/** A Yjs text delta (Y.YTextEvent.delta). */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[];

/**
 * Where a caret at `index` ends up after `delta` (a Yjs text delta); text inserted at the caret
 * stays after it, unless `before` (for the start of a selection, so remote text inserted there
 * is not pulled into the selection and replaced by the next keystroke).
 */
export function transformIndex(index: number, delta: TextDelta, before = false): number {
  let oldPosition = 0;
  let shift = 0;
  for (const op of delta) {
    if (oldPosition > index) break;
    if (op.retain !== undefined) oldPosition += op.retain;
    else if (typeof op.insert === 'string') {
      if (oldPosition < index || (before && oldPosition === index)) shift += op.insert.length;
    } else if (op.delete !== undefined) {
      shift -= Math.max(0, Math.min(op.delete, index - oldPosition));
      oldPosition += op.delete;
    }
  }
  return index + shift;
}

/** An edit of a text: `remove` characters at `index` replaced by `insert`. */
export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The edit turning `before` into `after` that ends at `caret` (an index in `after`) wherever the
 * texts allow it, as typing, deleting and pasting do. A letter typed just before an identical one
 * is then the one before it: lib0's simpleDiffString would record it after that letter, which may
 * be a colleague's, and the next letters typed there by both would interleave.
 */
export function diffAtCaret(before: string, after: string, caret: number): TextChange {
  const shorter = Math.min(before.length, after.length);
  // The unchanged end first, no longer than the text after the caret; then the unchanged start.
  const rightLimit = Math.min(shorter, Math.max(0, after.length - caret));
  let right = 0;
  while (right < rightLimit && before.charCodeAt(before.length - 1 - right) === after.charCodeAt(after.length - 1 - right)) right++;
  if (right > 0 && isLowSurrogate(before.charCodeAt(before.length - right))) right--;
  let left = 0;
  while (left < shorter - right && before.charCodeAt(left) === after.charCodeAt(left)) left++;
  if (left > 0 && isHighSurrogate(before.charCodeAt(left - 1))) left--;
  return { index: left, remove: before.length - left - right, insert: after.slice(left, after.length - right) };
}

/** `change` as a Yjs text delta. */
export const changeDelta = (change: TextChange): TextDelta => [{ retain: change.index }, { delete: change.remove }, { insert: change.insert }];
