// Binds a plain <input> or <textarea> to a Y.Text: local typing becomes minimal Yjs edits,
// remote edits update the field without moving the user's cursor, and undo/redo undo only
// this user's own typing.
import * as Y from 'yjs';
import { simpleDiffString } from 'lib0/diff';
import { transformIndex } from './caret.ts';


/** A text field the binding drives. */
export type TextField = HTMLInputElement | HTMLTextAreaElement;

/**
 * Keeps `field` and `text` equal; returns a function that unbinds. Undo is `options.undo` (the
 * story's history, whose scope holds `text`) with this field's edits added to it, or a history
 * of the field's own.
 */
export function bindText(field: TextField, text: Y.Text, options: { singleLine?: boolean; undo?: Y.UndoManager } = {}): () => void {
  const doc = text.doc!;
  // The origin of this field's own edits: remote observers skip them, undo tracks only them.
  const origin = { binding: 'text-field' };
  const undo = sharedOrOwnUndo(text, origin, options.undo);
  let composing = false;
  field.value = text.toString();

  const writeFieldToText = () => {
    const value = options.singleLine ? field.value.replace(/[\r\n]+/g, ' ') : field.value;
    const { index, remove, insert } = simpleDiffString(text.toString(), value);
    if (remove === 0 && insert === '') return;
    doc.transact(() => {
      if (remove > 0) text.delete(index, remove);
      if (insert) text.insert(index, insert);
    }, origin);
    if (value !== field.value) field.value = value;
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

/** Binds a field to a plain string in a Y.Map (last writer wins); returns a function that unbinds. */
export function bindMapString(field: HTMLInputElement | HTMLSelectElement, map: Y.Map<unknown>, key: string): () => void {
  const read = () => {
    const value = map.get(key);
    return typeof value === 'string' ? value : '';
  };
  field.value = read();
  const onInput = () => {
    if (read() !== field.value) map.set(key, field.value);
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
