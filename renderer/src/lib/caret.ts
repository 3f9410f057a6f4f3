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
