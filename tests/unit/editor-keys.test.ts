// Keyboard details: how shortcuts read on each platform, which ones open find, where the
// toolbar's arrow keys go, and which curly quote a straight one becomes.
import { describe, expect, it } from 'vitest';
import { BODY_KEYS, keyLabel } from '../../renderer/src/lib/body-shortcuts.ts';
import { findShortcut } from '../../renderer/src/lib/find-shortcuts.ts';
import { rovingTarget } from '../../renderer/src/lib/roving-focus.ts';
import { curlyQuote } from '../../renderer/src/lib/smart-quotes.ts';

describe('keyLabel', () => {
  it('reads headings as Ctrl+Alt+2 on Linux and Windows and ⌥⌘2 on macOS', () => {
    expect(keyLabel(BODY_KEYS.heading2, false)).toBe('Ctrl+Alt+2');
    expect(keyLabel(BODY_KEYS.heading3, false)).toBe('Ctrl+Alt+3');
    expect(keyLabel(BODY_KEYS.heading2, true)).toBe('⌥⌘2');
    expect(keyLabel(BODY_KEYS.paragraph, false)).toBe('Ctrl+Alt+0');
  });

  it('upper-cases letters and orders modifiers as each platform does', () => {
    expect(keyLabel(BODY_KEYS.strong, false)).toBe('Ctrl+B');
    expect(keyLabel(BODY_KEYS.redo, false)).toBe('Ctrl+Shift+Z');
    expect(keyLabel(BODY_KEYS.redo, true)).toBe('⇧⌘Z');
    expect(keyLabel(BODY_KEYS.sinkListItem, false)).toBe('Ctrl+]');
    expect(keyLabel('Mod--', false)).toBe('Ctrl+-');
  });
});

describe('findShortcut', () => {
  const key = (code: string, mods: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean } = {}) => ({
    code,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('opens find with Ctrl/⌘+F and find and replace with Ctrl/⌘+H, and ⌥⌘F on a Mac', () => {
    expect(findShortcut(key('KeyF', { ctrlKey: true }))).toBe('find');
    expect(findShortcut(key('KeyF', { metaKey: true }))).toBe('find');
    expect(findShortcut(key('KeyH', { ctrlKey: true }))).toBe('replace');
    expect(findShortcut(key('KeyH', { metaKey: true }))).toBe('replace');
    // ⌥ makes the Mac type "ƒ": the key's code is what counts.
    expect(findShortcut(key('KeyF', { metaKey: true, altKey: true }))).toBe('replace');
  });

  it('leaves every other key alone', () => {
    expect(findShortcut(key('KeyF'))).toBeNull();
    expect(findShortcut(key('KeyF', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(findShortcut(key('KeyF', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(findShortcut(key('KeyH', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(findShortcut(key('KeyG', { ctrlKey: true }))).toBeNull();
  });
});

describe('rovingTarget', () => {
  const enabled = [true, true, false, true, false];

  it('moves to the next or previous enabled item, wrapping around, and to the first or last', () => {
    expect(rovingTarget(enabled, 0, 'next')).toBe(1);
    expect(rovingTarget(enabled, 1, 'next')).toBe(3);
    expect(rovingTarget(enabled, 3, 'next')).toBe(0);
    expect(rovingTarget(enabled, 0, 'previous')).toBe(3);
    expect(rovingTarget(enabled, 0, 'last')).toBe(3);
    expect(rovingTarget(enabled, 3, 'first')).toBe(0);
  });

  it('has nowhere to go when nothing is enabled', () => {
    for (const move of ['next', 'previous', 'first', 'last'] as const) expect(rovingTarget([false, false], 0, move)).toBe(-1);
  });
});

describe('curlyQuote', () => {
  it('opens after the start, a space or an opening bracket or quote, and closes otherwise', () => {
    expect(curlyQuote('', '"')).toBe('“');
    expect(curlyQuote('He said ', '"')).toBe('“');
    expect(curlyQuote('(', '"')).toBe('“');
    expect(curlyQuote('“', "'")).toBe('‘');
    expect(curlyQuote('Hello,', '"')).toBe('”');
    expect(curlyQuote('It', "'")).toBe('’');
    expect(curlyQuote('', "'")).toBe('‘');
    expect(curlyQuote('rock ', "'")).toBe('‘');
  });

  it('is null for anything but a straight quote', () => {
    expect(curlyQuote('', 'a')).toBeNull();
    expect(curlyQuote('', '“')).toBeNull();
    expect(curlyQuote('', '""')).toBeNull();
  });
});
