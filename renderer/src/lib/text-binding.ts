// Binds a plain <input> or <textarea> to a Y.Text: local typing becomes minimal Yjs edits,
// remote edits update the field without moving the user's cursor, and undo/redo undo only
// this user's own typing. A field's cap (model/article-limits.ts) holds here as on the server:
// typing or pasting past it keeps what fits, so the app never sends what the server refuses.
import * as Y from 'yjs';
import { clipToCap } from '../../../model/article-limits.ts';
import { changeDelta, diffAtCaret, transformIndex, type TextDelta } from './caret.ts';

/** A text field the binding drives. */
export type TextField = HTMLInputElement | HTMLTextAreaElement;

/** A field's cap, and who to tell whether the last edit was cut at it. */
export interface FieldCap {
  maxLength?: number;
  onLimit?: (limited: boolean) => void;
}

// Shows `value` in `field`; a focused field's caret and selection follow `delta`, the remote edit
// (text inserted at a collapsed caret stays after it, so someone typing there does not push it).
function showKeepingCaret(field: TextField, value: string, delta: TextDelta): void {
  const focused = field.ownerDocument.activeElement === field;
  const start = field.selectionStart ?? 0;
  const end = field.selectionEnd ?? 0;
  field.value = value;
  if (focused) field.setSelectionRange(transformIndex(start, delta, start !== end), transformIndex(end, delta));
}

/**
 * Keeps `field` and `text` equal; returns a function that unbinds. Undo is `options.undo` (the
 * story's history, whose scope holds `text`) with this field's edits added to it, or a history
 * of the field's own.
 */
export function bindText(field: TextField, text: Y.Text, options: { singleLine?: boolean; undo?: Y.UndoManager } & FieldCap = {}): () => void {
  const doc = text.doc!;
  // The origin of this field's own edits: remote observers skip them, undo tracks only them.
  const origin = { binding: 'text-field' };
  const undo = sharedOrOwnUndo(text, origin, options.undo);
  let composing = false;
  field.value = text.toString();

  // What the field stores: line breaks become spaces in a single-line field.
  const flatten = (value: string) => (options.singleLine ? value.replace(/[\r\n]+/g, ' ') : value);
  const writeFieldToText = () => {
    const value = flatten(field.value);
    // The edit ends at the caret: a letter typed before an identical one goes before it in Yjs too.
    const caret = flatten(field.value.slice(0, field.selectionEnd ?? field.value.length)).length;
    const { index, remove, insert: typed } = diffAtCaret(text.toString(), value, caret);
    // Only what fits under the cap goes in (a field already over it, from a merge, can only shrink).
    const room = Math.max(0, (options.maxLength ?? Infinity) - (text.length - remove));
    const insert = typed.length > room ? clipToCap(typed, room) : typed;
    const limited = insert !== typed;
    if (remove === 0 && insert === '') {
      if (limited) field.value = text.toString();
      options.onLimit?.(limited);
      return;
    }
    doc.transact(() => {
      if (remove > 0) text.delete(index, remove);
      if (insert) text.insert(index, insert);
    }, origin);
    if (limited) {
      field.value = text.toString();
      field.setSelectionRange(index + insert.length, index + insert.length);
    } else if (value !== field.value) {
      field.value = value;
      field.setSelectionRange(caret, caret);
    }
    options.onLimit?.(limited);
  };

  const onInput = () => {
    if (!composing) writeFieldToText();
  };
  const onCompositionStart = () => (composing = true);
  const onCompositionEnd = () => {
    composing = false;
    writeFieldToText();
  };
  const onKeyDown = (event: Event) => {
    const key = event as KeyboardEvent;
    if (!(key.ctrlKey || key.metaKey) || key.altKey) return;
    const k = key.key.toLowerCase();
    const redo = (k === 'z' && key.shiftKey) || k === 'y';
    if (k !== 'z' && !redo) return;
    // The browser's own undo would replay keystrokes over other people's edits.
    event.preventDefault();
    if (redo) undo.redo();
    else undo.undo();
  };

  const onTextChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return; // the field already shows its own edit
    showKeepingCaret(field, text.toString(), event.delta);
  };

  field.addEventListener('input', onInput);
  field.addEventListener('compositionstart', onCompositionStart);
  field.addEventListener('compositionend', onCompositionEnd);
  field.addEventListener('keydown', onKeyDown);
  text.observe(onTextChange);
  return () => {
    field.removeEventListener('input', onInput);
    field.removeEventListener('compositionstart', onCompositionStart);
    field.removeEventListener('compositionend', onCompositionEnd);
    field.removeEventListener('keydown', onKeyDown);
    text.unobserve(onTextChange);
    undo.release();
  };
}

// The undo history the field uses, and how to let go of it when unbinding.
function sharedOrOwnUndo(text: Y.Text, origin: object, shared: Y.UndoManager | undefined) {
  if (!shared) {
    const own = new Y.UndoManager(text, { trackedOrigins: new Set([origin]), captureTimeout: 500 });
    return { undo: () => own.undo(), redo: () => own.redo(), release: () => own.destroy() };
  }
  shared.addTrackedOrigin(origin);
  return { undo: () => shared.undo(), redo: () => shared.redo(), release: () => shared.removeTrackedOrigin(origin) };
}

/** Binds a field to a plain string in a Y.Map (last writer wins, cut at the cap); returns a function that unbinds. */
export function bindMapString(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, map: Y.Map<unknown>, key: string, cap: FieldCap = {}): () => void {
  const read = () => {
    const value = map.get(key);
    return typeof value === 'string' ? value : '';
  };
  field.value = read();
  const onInput = () => {
    const value = clipToCap(field.value, cap.maxLength ?? Infinity);
    const limited = value !== field.value;
    if (limited) field.value = value;
    if (read() !== value) map.set(key, value);
    cap.onLimit?.(limited);
  };
  const onChange = (event: Y.YMapEvent<unknown>) => {
    if (!event.keysChanged.has(key) || field.value === read()) return;
    if (field.tagName === 'SELECT') field.value = read();
    // The value came whole: where text was added is guessed, as far left as the texts allow
    // (a colleague typing at this caret adds before the letters typed here since).
    else showKeepingCaret(field as HTMLInputElement | HTMLTextAreaElement, read(), changeDelta(diffAtCaret(field.value, read(), 0)));
  };
  field.addEventListener('input', onInput);
  field.addEventListener('change', onInput);
  map.observe(onChange);
  return () => {
    field.removeEventListener('input', onInput);
    field.removeEventListener('change', onInput);
    map.unobserve(onChange);
  };
}
