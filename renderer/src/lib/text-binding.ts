// Binds a plain <input> or <textarea> to a Y.Text: local typing becomes minimal Yjs edits,
// remote edits update the field without moving the user's cursor, and undo/redo undo only
// this user's own typing. A field's cap (model/article-limits.ts) holds here as on the server:
// typing or pasting past it keeps what fits, so the app never sends what the server refuses.
import * as Y from 'yjs';
import { simpleDiffString } from 'lib0/diff';
import { clipToCap } from '../../../model/article-limits.ts';
import { transformIndex } from './caret.ts';

/** A text field the binding drives. */
export type TextField = HTMLInputElement | HTMLTextAreaElement;

/** A field's cap, and who to tell whether the last edit was cut at it. */
export interface FieldCap {
  maxLength?: number;
  onLimit?: (limited: boolean) => void;
}

/** Keeps `field` and `text` equal; returns a function that unbinds. */
export function bindText(field: TextField, text: Y.Text, options: { singleLine?: boolean } & FieldCap = {}): () => void {
  const doc = text.doc!;
  // The origin of this field's own edits: remote observers skip them, undo tracks only them.
  const origin = { binding: 'text-field' };
  const undo = new Y.UndoManager(text, { trackedOrigins: new Set([origin]), captureTimeout: 500 });
  let composing = false;
  field.value = text.toString();

  const writeFieldToText = () => {
    const value = options.singleLine ? field.value.replace(/[\r\n]+/g, ' ') : field.value;
    const { index, remove, insert: typed } = simpleDiffString(text.toString(), value);
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
    const shown = limited ? text.toString() : value;
    if (shown !== field.value) field.value = shown;
    if (limited) field.setSelectionRange(index + insert.length, index + insert.length);
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
    const focused = document.activeElement === field;
    const start = field.selectionStart ?? 0;
    const end = field.selectionEnd ?? 0;
    field.value = text.toString();
    if (focused) field.setSelectionRange(transformIndex(start, event.delta, start !== end), transformIndex(end, event.delta));
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
    undo.destroy();
  };
}

/** Binds a field to a plain string in a Y.Map (last writer wins, cut at the cap); returns a function that unbinds. */
export function bindMapString(field: HTMLInputElement | HTMLSelectElement, map: Y.Map<unknown>, key: string, cap: FieldCap = {}): () => void {
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
    if (event.keysChanged.has(key) && field.value !== read()) field.value = read();
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
