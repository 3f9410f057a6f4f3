// The checks both the server and the renderer apply to presence: colours, names, cursors, typing times.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isDrawableCaretState, isPresenceCursor, PRESENCE_NAME_MAX, presenceName, presenceTypingAt } from '../../model/presence.ts';
import { checkedColor, USER_COLORS } from '../../model/user-colors.ts';

describe('checkedColor', () => {
  it('passes every palette colour and any #rrggbb, lower-cased', () => {
    for (const color of USER_COLORS) expect(checkedColor(color)).toBe(color);
    expect(checkedColor('#A1B2C3')).toBe('#a1b2c3');
  });

  it('refuses everything that could carry more than a colour into CSS', () => {
    for (const value of ['red', '#abc', '#abcdef0', '#abcdef;x', 'url(x)', 'var(--a)', ' #abcdef', '#abcdef ', 'expression(1)', '', 1, null, undefined, {}]) {
      expect(checkedColor(value), inspect(value)).toBeNull();
    }
  });
});

describe('presenceName', () => {
  it('trims, removes unprintable and direction-changing characters, and cuts to the maximum', () => {
    expect(presenceName('  Ana Lima ')).toBe('Ana Lima');
    expect(presenceName('A\u0000n\u202ea\u200b')).toBe('Ana');
    expect(presenceName('Zoë 🦊')).toBe('Zoë 🦊');
    expect([...presenceName('🦊'.repeat(100))!]).toHaveLength(PRESENCE_NAME_MAX);
  });

  it('is null for a non-string or a name with nothing printable', () => {
    for (const value of ['', '   ', '\u202e\u0007', 5, null, ['Ana'], { name: 'Ana' }]) expect(presenceName(value), inspect(value)).toBeNull();
  });
});

describe('isPresenceCursor and isDrawableCaretState', () => {
  const position = { type: { client: 1, clock: 0 }, tname: 'x', item: null, assoc: -1 };

  it('accepts what y-prosemirror writes, and no cursor at all', () => {
    expect(isPresenceCursor({ anchor: position, head: {} })).toBe(true);
    expect(isPresenceCursor(null)).toBe(true);
    expect(isPresenceCursor(undefined)).toBe(true);
  });

  it('refuses cursors y-prosemirror would throw on or misread', () => {
    for (const cursor of [{ anchor: position }, { anchor: null, head: position }, { anchor: { type: { client: -1, clock: 0 } }, head: {} }, { anchor: { item: { client: 1 } }, head: {} }, { anchor: { tname: 5 }, head: {} }, { anchor: { assoc: 0.5 }, head: {} }, 'x', []]) {
      expect(isPresenceCursor(cursor), JSON.stringify(cursor)).toBe(false);
    }
  });

  it('draws a caret only for an object state whose user is an object and whose cursor resolves', () => {
    expect(isDrawableCaretState({ user: { name: 'Ana' }, cursor: { anchor: position, head: position } })).toBe(true);
    expect(isDrawableCaretState({})).toBe(true);
    expect(isDrawableCaretState({ user: 'Ana', cursor: { anchor: position, head: position } })).toBe(false);
    expect(isDrawableCaretState({ cursor: { anchor: null, head: null } })).toBe(false);
    expect(isDrawableCaretState(7)).toBe(false);
    expect(isDrawableCaretState(null)).toBe(false);
  });
});

describe('presenceTypingAt', () => {
  it('passes a non-negative safe integer and nothing else', () => {
    expect(presenceTypingAt(1_760_000_000_000)).toBe(1_760_000_000_000);
    expect(presenceTypingAt(0)).toBe(0);
    for (const value of [-5, 0.5, 2 ** 53, Number.POSITIVE_INFINITY, Number.NaN, '12', null, undefined, {}, [3]]) {
      expect(presenceTypingAt(value), inspect(value)).toBeNull();
    }
  });
});
