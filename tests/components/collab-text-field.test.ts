// A collaborative plain-text field bound to a real Y.Text: local typing, remote edits, the caret, undo.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { headlineText, standfirstText } from '../../model/article-schema.ts';
import CollabTextField from '../../renderer/src/components/CollabTextField.svelte';
import type { Peer } from '../../renderer/src/lib/presence.ts';
import { control, type Control, type KeyInit } from './dom.ts';

/** A local document shown in the field and a remote one, kept in sync by hand. */
function setup(options: { multiline?: boolean; readOnly?: boolean; typing?: Peer[]; initial?: string; maxLength?: number } = {}) {
  const doc = new Y.Doc();
  const remoteDoc = new Y.Doc();
  const text = options.multiline ? standfirstText(doc) : headlineText(doc);
  const remote = options.multiline ? standfirstText(remoteDoc) : headlineText(remoteDoc);
  if (options.initial) {
    remote.insert(0, options.initial);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remoteDoc), 'remote');
  }
  const onfocuschange = vi.fn();
  const label = options.multiline ? 'Standfirst' : 'Headline';
  const result = render(CollabTextField, {
    label,
    text,
    multiline: options.multiline ?? false,
    readOnly: options.readOnly ?? false,
    typing: options.typing ?? [],
    placeholder: 'Write a headline',
    maxLength: options.maxLength,
    onfocuschange,
  });
  const field = control(screen.getByRole('textbox', { name: label }));
  /** Both ways: local changes reach the remote, remote changes reach the local document. */
  const syncFromLocal = () => Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remoteDoc)), 'local');
  const editRemotely = (edit: (t: Y.Text) => void) => {
    syncFromLocal();
    edit(remote);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remoteDoc, Y.encodeStateVector(doc)), 'remote');
  };
  return { ...result, doc, text, remote, field, onfocuschange, syncFromLocal, editRemotely };
}

/** Types as a browser would: the value changes, the caret sits after the change, an input event fires. */
async function typeAt(field: Control, index: number, typed: string, removed = 0) {
  const value = field.value.slice(0, index) + typed + field.value.slice(index + removed);
  field.value = value;
  field.setSelectionRange(index + typed.length, index + typed.length);
  await fireEvent.input(field);
}

const ctrl = (key: string, extra: Omit<KeyInit, 'key'> = {}): KeyInit => ({ key, ctrlKey: true, ...extra });

describe('CollabTextField', () => {
  it('is a text field named by its label, showing the Y.Text', () => {
    const { field } = setup({ initial: 'Harbour bridge reopens' });
    expect(field.tagName).toBe('TEXTAREA');
    expect(field.value).toBe('Harbour bridge reopens');
    expect(field.placeholder).toBe('Write a headline');
    expect(field.readOnly).toBe(false);
  });

  it('writes typing into the Y.Text', async () => {
    const { field, text } = setup();
    await typeAt(field, 0, 'Harbour');
    expect(text.toString()).toBe('Harbour');
    await typeAt(field, 7, ' bridge');
    expect(text.toString()).toBe('Harbour bridge');
    await typeAt(field, 0, 'The ');
    expect(text.toString()).toBe('The Harbour bridge');
    // Deleting ("Harbour" → "")
    await typeAt(field, 4, '', 8);
    expect(text.toString()).toBe('The bridge');
  });

  it('sends only the change, so a concurrent remote edit elsewhere survives', async () => {
    const { field, text, remote, syncFromLocal, doc } = setup({ initial: 'bridge reopens' });
    syncFromLocal();
    // The remote user edits the end while we type at the start (neither has seen the other yet).
    remote.insert(remote.length, ' today');
    await typeAt(field, 0, 'Harbour ');
    syncFromLocal();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote.doc!, Y.encodeStateVector(doc)), 'remote');
    expect(text.toString()).toBe('Harbour bridge reopens today');
    expect(remote.toString()).toBe('Harbour bridge reopens today');
    expect(field.value).toBe('Harbour bridge reopens today');
  });

  it('shows a remote change', () => {
    const { field, editRemotely } = setup({ initial: 'bridge' });
    editRemotely((t) => t.insert(0, 'Harbour '));
    expect(field.value).toBe('Harbour bridge');
    editRemotely((t) => t.delete(0, 8));
    expect(field.value).toBe('bridge');
  });

  it('keeps the caret next to the same text when a remote edit lands before it', () => {
    const { field, editRemotely } = setup({ initial: 'bridge reopens' });
    field.focus();
    field.setSelectionRange(6, 6); // "bridge|"
    editRemotely((t) => t.insert(0, 'Harbour '));
    expect(field.value).toBe('Harbour bridge reopens');
    expect([field.selectionStart, field.selectionEnd]).toEqual([14, 14]);
    expect(field.value.slice(0, field.selectionStart ?? -1)).toBe('Harbour bridge');

    editRemotely((t) => t.delete(0, 8));
    expect([field.selectionStart, field.selectionEnd]).toEqual([6, 6]);
  });

  it('leaves the caret alone when a remote edit lands after it, and keeps a selection', () => {
    const { field, editRemotely } = setup({ initial: 'Harbour bridge' });
    field.focus();
    field.setSelectionRange(0, 7); // "Harbour" selected
    editRemotely((t) => t.insert(t.length, ' reopens'));
    expect(field.value).toBe('Harbour bridge reopens');
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 7]);
    editRemotely((t) => t.insert(0, 'The '));
    expect([field.selectionStart, field.selectionEnd]).toEqual([4, 11]);
    expect(field.value.slice(field.selectionStart ?? -1, field.selectionEnd ?? -1)).toBe('Harbour');
  });

  it('keeps the caret before text a remote user inserts exactly at it', () => {
    const { field, editRemotely } = setup({ initial: 'Harbour bridge' });
    field.focus();
    field.setSelectionRange(7, 7);
    editRemotely((t) => t.insert(7, ' old'));
    expect(field.value).toBe('Harbour old bridge');
    expect(field.selectionStart).toBe(7);
  });

  it('does not insert a newline on Enter in a one-line field', async () => {
    const { field, text } = setup({ initial: 'Harbour' });
    const notCancelled = await fireEvent.keyDown(field, { key: 'Enter' });
    expect(notCancelled).toBe(false);
    expect(text.toString()).toBe('Harbour');
  });

  it('turns pasted line breaks into spaces in a one-line field', async () => {
    const { field, text } = setup();
    await typeAt(field, 0, 'Harbour\nbridge\r\nreopens');
    expect(text.toString()).toBe('Harbour bridge reopens');
    expect(field.value).toBe('Harbour bridge reopens');
  });

  it('allows Enter and line breaks in a multi-line field', async () => {
    const { field, text } = setup({ multiline: true });
    expect(await fireEvent.keyDown(field, { key: 'Enter' })).toBe(true);
    await typeAt(field, 0, 'First line\nSecond line');
    expect(text.toString()).toBe('First line\nSecond line');
  });

  it('undoes only your own typing with Ctrl+Z, not a remote edit', async () => {
    const { field, text, editRemotely } = setup({ initial: 'bridge' });
    field.focus();
    await typeAt(field, 0, 'Harbour ');
    editRemotely((t) => t.insert(t.length, ' reopens'));
    expect(text.toString()).toBe('Harbour bridge reopens');

    const notCancelled = await fireEvent.keyDown(field, ctrl('z'));
    expect(notCancelled).toBe(false); // the browser's own undo would replay keystrokes over the remote edit
    expect(text.toString()).toBe('bridge reopens');
    expect(field.value).toBe('bridge reopens');

    // Nothing more of ours to undo: the remote words stay.
    await fireEvent.keyDown(field, ctrl('z'));
    expect(text.toString()).toBe('bridge reopens');
  });

  it('redoes with Ctrl+Shift+Z and Ctrl+Y, and undoes with Cmd+Z', async () => {
    const { field, text } = setup();
    field.focus();
    await typeAt(field, 0, 'Harbour');
    await fireEvent.keyDown(field, ctrl('z'));
    expect(text.toString()).toBe('');
    await fireEvent.keyDown(field, ctrl('Z', { shiftKey: true }));
    expect(text.toString()).toBe('Harbour');
    await fireEvent.keyDown(field, { key: 'z', metaKey: true });
    expect(text.toString()).toBe('');
    await fireEvent.keyDown(field, ctrl('y'));
    expect(text.toString()).toBe('Harbour');
    expect(field.value).toBe('Harbour');
  });

  it('does not undo a remote edit when you have typed nothing', async () => {
    const { field, text, editRemotely } = setup({ initial: 'Harbour' });
    editRemotely((t) => t.insert(t.length, ' bridge'));
    await fireEvent.keyDown(field, ctrl('z'));
    expect(text.toString()).toBe('Harbour bridge');
  });

  it('leaves other shortcuts alone', async () => {
    const { field } = setup({ initial: 'Harbour' });
    expect(await fireEvent.keyDown(field, ctrl('a'))).toBe(true);
    expect(await fireEvent.keyDown(field, ctrl('z', { altKey: true }))).toBe(true);
    expect(await fireEvent.keyDown(field, { key: 'z' })).toBe(true);
  });

  it('reports focus and blur, so others can see who is in the field', () => {
    const { field, onfocuschange } = setup();
    field.focus();
    expect(onfocuschange).toHaveBeenLastCalledWith(true);
    field.blur();
    expect(onfocuschange).toHaveBeenLastCalledWith(false);
    expect(onfocuschange).toHaveBeenCalledTimes(2);
  });

  it('shows who else is typing in it, without changing the field’s name', () => {
    const ben: Peer = { clientId: 2, userId: 'u-ben', name: 'Ben Okafor', color: '#2e7d32', field: 'headline', isSelf: false };
    const { field } = setup({ typing: [ben] });
    expect(screen.getByText('Ben Okafor is typing here')).toBeTruthy();
    expect(control(screen.getByRole('textbox', { name: 'Headline' }))).toBe(field);
  });

  it('is read-only when the user may not edit', () => {
    const { field } = setup({ readOnly: true, initial: 'Harbour' });
    expect(field.readOnly).toBe(true);
    expect(field.value).toBe('Harbour');
  });

  it('stops following the Y.Text once removed', () => {
    const { field, unmount, editRemotely, text } = setup({ initial: 'Harbour' });
    unmount();
    expect(() => editRemotely((t) => t.insert(0, 'The '))).not.toThrow();
    expect(text.toString()).toBe('The Harbour');
    expect(field.value).toBe('Harbour');
  });

  it('keeps typing and pasting within its cap, says so, and sends nothing past it', async () => {
    const { field, text } = setup({ maxLength: 10 });
    await typeAt(field, 0, 'Harbour');
    expect(screen.queryByRole('status')).toBeNull();
    await typeAt(field, 7, ' bridge reopens');
    expect(text.toString()).toBe('Harbour br');
    expect(field.value).toBe('Harbour br');
    expect(field.selectionStart).toBe(10);
    expect(screen.getByRole('status').textContent).toBe('Headline is limited to 10 characters; the rest was not added.');
    // Typing at the cap adds nothing; a replace within it goes through, and the message goes.
    await typeAt(field, 3, 'x');
    expect(text.toString()).toBe('Harbour br');
    await typeAt(field, 0, 'Ferry', 7);
    expect(text.toString()).toBe('Ferry br');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('lets a field that a merge took past its cap shrink', async () => {
    const { field, text, editRemotely } = setup({ maxLength: 10, initial: 'Harbour' });
    editRemotely((t) => t.insert(7, ' bridge reopens'));
    expect(field.value).toBe('Harbour bridge reopens');
    await typeAt(field, 7, '', 7); // deletes " bridge"
    expect(text.toString()).toBe('Harbour reopens');
    await typeAt(field, 0, 'x');
    expect(text.toString()).toBe('Harbour reopens');
    expect(screen.getByRole('status')).toBeTruthy();
  });
});
