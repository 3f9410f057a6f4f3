// Smart quotes in a plain field bound to a Y.Text: the curly quote goes into the document, and
// Backspace or Ctrl+Z right after (not later) puts the straight one back, in the document too.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindSmartQuotes } from '../../renderer/src/lib/smart-quotes-field.ts';
import { bindText } from '../../renderer/src/lib/text-binding.ts';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup) step();
  cleanup = [];
});

function setup(initial = '') {
  const doc = new Y.Doc();
  const text = doc.getText('field');
  text.insert(0, initial);
  const field = document.createElement('textarea');
  document.body.append(field);
  const unbind = [bindSmartQuotes(field), bindText(field, text)];
  cleanup.push(() => {
    for (const stop of unbind) stop();
    field.remove();
  });
  field.focus();
  field.setSelectionRange(field.value.length, field.value.length);
  /** Types one character as a browser does: beforeinput, then (unless prevented) the text and input. */
  const type = (data: string) => {
    const proceed = field.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data, cancelable: true, bubbles: true }));
    if (!proceed) return;
    field.setRangeText(data, field.selectionStart, field.selectionEnd, 'end');
    field.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data, bubbles: true }));
  };
  const key = (init: KeyboardEventInit) => field.dispatchEvent(new KeyboardEvent('keydown', { ...init, cancelable: true, bubbles: true }));
  return { text, field, type, key };
}

describe('bindSmartQuotes', () => {
  it('curls quotes as they are typed, into the document', () => {
    const { text, type } = setup('He said');
    for (const c of ` "it's ok"`) type(c);
    expect(text.toString()).toBe('He said “it’s ok”');
  });

  it('gives the straight quote back on Backspace right after', () => {
    const { text, type, key } = setup('Say ');
    type('"');
    expect(text.toString()).toBe('Say “');
    expect(key({ key: 'Backspace' })).toBe(false);
    expect(text.toString()).toBe('Say "');
    // Only once: the next Backspace deletes as usual (not prevented).
    expect(key({ key: 'Backspace' })).toBe(true);
  });

  it('gives it back on Ctrl+Z right after, before the field’s own undo sees the key', () => {
    const { text, field, type, key } = setup('It');
    type("'");
    expect(key({ key: 'z', ctrlKey: true })).toBe(false);
    expect(text.toString()).toBe("It'");
    expect(field.value).toBe("It'");
  });

  it('does nothing on Backspace once something else happened after the quote', () => {
    const { text, type, key } = setup('A');
    type("'");
    key({ key: 'ArrowLeft' });
    expect(key({ key: 'Backspace' })).toBe(true);
    expect(text.toString()).toBe('A’');
  });
});
