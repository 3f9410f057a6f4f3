// Where the text binding puts the caret when a remote edit changes the text around it, and where
// it records a local edit (lib/caret.ts).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { simpleDiffString } from 'lib0/diff';
import { changeDelta, diffAtCaret, transformIndex, type TextChange } from '../../renderer/src/lib/caret.ts';

describe('transformIndex', () => {
  it('leaves the caret alone for an empty delta', () => {
    expect(transformIndex(3, [])).toBe(3);
  });

  it('moves the caret right by an insert before it', () => {
    expect(transformIndex(5, [{ insert: 'abc' }])).toBe(8);
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
  });

  it('keeps the caret before text inserted exactly at it', () => {
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5);
    expect(transformIndex(0, [{ insert: 'abc' }])).toBe(0);
  });

  it('with `before` (a selection’s start), moves past text inserted exactly at it', () => {
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'abc' }], true)).toBe(8);
    expect(transformIndex(0, [{ insert: 'abc' }], true)).toBe(3);
    // Elsewhere it behaves as without.
    expect(transformIndex(5, [{ retain: 7 }, { insert: 'abc' }], true)).toBe(5);
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }], true)).toBe(8);
    expect(transformIndex(5, [{ retain: 3 }, { delete: 6 }], true)).toBe(3);
  });

  it('ignores inserts after the caret', () => {
    expect(transformIndex(5, [{ retain: 7 }, { insert: 'abc' }])).toBe(5);
  });

  it('moves the caret left by a delete before it', () => {
    expect(transformIndex(5, [{ delete: 2 }])).toBe(3);
    expect(transformIndex(5, [{ retain: 1 }, { delete: 4 }])).toBe(1);
  });

  it('moves the caret to the start of a delete that spans it', () => {
    expect(transformIndex(5, [{ retain: 3 }, { delete: 6 }])).toBe(3);
    expect(transformIndex(5, [{ delete: 10 }])).toBe(0);
  });

  it('leaves the caret alone for a delete starting at or after it', () => {
    expect(transformIndex(5, [{ retain: 5 }, { delete: 3 }])).toBe(5);
    expect(transformIndex(5, [{ retain: 8 }, { delete: 3 }])).toBe(5);
  });

  it('applies several operations in order', () => {
    // "abcde|fg" → delete "b", insert "xyz" after "a": "axyzcde|fg"
    expect(transformIndex(5, [{ retain: 1 }, { delete: 1 }, { insert: 'xyz' }])).toBe(7);
    // insert before, delete spanning: "ab|cdef" → insert "12" at 0, delete "bcd" → "12a|ef"
    expect(transformIndex(2, [{ insert: '12' }, { retain: 1 }, { delete: 3 }])).toBe(3);
    // a replacement entirely after the caret
    expect(transformIndex(1, [{ retain: 2 }, { delete: 2 }, { insert: 'zz' }])).toBe(1);
  });

  it('agrees with Yjs relative positions (bound to the character on the left, or with `before` on the right) over random edits', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const doc = new Y.Doc();
      const text = doc.getText('t');
      text.insert(0, 'the quick brown fox jumps'.slice(0, 5 + random(20)));
      const caret = random(text.length + 1);
      const anchor = Y.createRelativePositionFromTypeIndex(text, caret, -1);
      const anchorRight = Y.createRelativePositionFromTypeIndex(text, caret, 0);
      let delta: { retain?: number; insert?: unknown; delete?: number }[] = [];
      text.observe((event) => (delta = event.delta));
      doc.transact(() => {
        for (let op = 1 + random(3); op > 0; op--) {
          const at = random(text.length + 1);
          if (random(2) === 0 || at === text.length) text.insert(at, 'XY'.slice(0, 1 + random(2)));
          else text.delete(at, 1 + random(Math.min(4, text.length - at)));
        }
      });
      const expected = Y.createAbsolutePositionFromRelativePosition(anchor, doc)!.index;
      expect(transformIndex(caret, delta), JSON.stringify({ round, caret, delta })).toBe(expected);
      const expectedBefore = Y.createAbsolutePositionFromRelativePosition(anchorRight, doc)!.index;
      expect(transformIndex(caret, delta, true), JSON.stringify({ round, caret, delta, before: true })).toBe(expectedBefore);
    }
  });
});

const apply = (text: string, change: TextChange) => text.slice(0, change.index) + change.insert + text.slice(change.index + change.remove);

describe('diffAtCaret', () => {
  it('records a letter typed just before an identical one as the one before it', () => {
    // "Hello |n" (a colleague's "n" after the caret) and "n" typed: the caret is now at 7.
    expect(diffAtCaret('Hello n', 'Hello nn', 7)).toEqual({ index: 6, remove: 0, insert: 'n' });
    // lib0's diff (what the field used) says the letter went after the colleague's.
    expect(simpleDiffString('Hello n', 'Hello nn')).toEqual({ index: 7, remove: 0, insert: 'n' });
    // Several letters, some of them repeats of what follows.
    expect(diffAtCaret('ab-ben', 'ab-b-ben', 5)).toEqual({ index: 3, remove: 0, insert: 'b-' });
  });

  it('deletes the letter the caret deleted among repeats: Backspace and Delete', () => {
    // "aa|a" Backspace → "a|a": the second letter went.
    expect(diffAtCaret('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
    // "a|aa" Delete → "a|a": the second letter went too.
    expect(diffAtCaret('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
    // "aa|" Backspace → "a|".
    expect(diffAtCaret('aa', 'a', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('replaces a selection with what was typed or pasted', () => {
    // "the [red] car" with "blue" typed over "red".
    expect(diffAtCaret('the red car', 'the blue car', 8)).toEqual({ index: 4, remove: 3, insert: 'blue' });
    // With "redder" pasted over it, the letters that stay keep who wrote them.
    expect(diffAtCaret('the red car', 'the redder car', 10)).toEqual({ index: 7, remove: 0, insert: 'der' });
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    // 😀 and 😃 share their first UTF-16 unit.
    expect(diffAtCaret('a😀', 'a😃', 3)).toEqual({ index: 1, remove: 2, insert: '😃' });
    expect(diffAtCaret('😀b', '😃b', 2)).toEqual({ index: 0, remove: 2, insert: '😃' });
  });

  it('always gives an edit that turns one text into the other, wherever the caret is', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (n: number) => Array.from({ length: n }, () => 'ab-n'[random(4)]).join('');
    for (let round = 0; round < 500; round++) {
      const before = word(random(10));
      const at = random(before.length + 1);
      const after = before.slice(0, at) + word(random(4)) + before.slice(at + random(before.length - at + 1));
      const caret = random(after.length + 2);
      const change = diffAtCaret(before, after, caret);
      expect(apply(before, change), JSON.stringify({ before, after, caret })).toBe(after);
      expect(change.remove + change.insert.length).toBeLessThanOrEqual(before.length + after.length);
    }
  });

  it('as a delta, moves a caret as Yjs would for the same edit', () => {
    // A whole value that came from elsewhere, placed as far left as the texts allow: "n|" → "nn|".
    expect(transformIndex(1, changeDelta(diffAtCaret('n', 'nn', 0)))).toBe(2);
    expect(transformIndex(3, changeDelta(diffAtCaret('abc', 'abXc', 0)))).toBe(4);
    expect(transformIndex(1, changeDelta(diffAtCaret('abc', 'abXc', 0)))).toBe(1);
  });
});
