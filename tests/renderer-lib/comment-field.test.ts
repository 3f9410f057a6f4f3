// The headline's and standfirst's side of comments (renderer/src/lib/comment-field.ts): what a
// selection in a field comments on, and which text of the field is marked.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText } from '../../model/article-schema.ts';
import { createThread, readThreads, setResolved, textAnchor } from '../../model/comment-threads.ts';
import { commentRangesIn, fieldCommentTarget } from '../../renderer/src/lib/comment-field.ts';

/** A textarea holding `value` with `from`–`to` selected. */
function field(value: string, from: number, to: number): HTMLTextAreaElement {
  const area = document.createElement('textarea');
  area.value = value;
  area.setSelectionRange(from, to);
  return area;
}

describe('a comment on a field', () => {
  it('is on the selected text without the blanks at its edges; none on blanks or nothing', () => {
    expect(fieldCommentTarget(field('Harbour bridge reopens', 7, 15), 'headline')).toEqual({ field: 'headline', from: 8, to: 14, quote: 'bridge' });
    expect(fieldCommentTarget(field('Two\nlines', 0, 9), 'standfirst')).toEqual({ field: 'standfirst', from: 0, to: 9, quote: 'Two\nlines' });
    expect(fieldCommentTarget(field('a   b', 1, 4), 'headline')).toBeNull();
    expect(fieldCommentTarget(field('Harbour', 3, 3), 'headline')).toBeNull();
  });

  it('marks the open threads’ text, overlapping ones joined, not resolved or deleted ones, nor other fields’', () => {
    const doc = new Y.Doc();
    const text = headlineText(doc);
    text.insert(0, 'Harbour bridge reopens after repairs');
    const on = (words: string, id: string) => {
      const from = text.toString().indexOf(words);
      createThread(doc, { id, field: 'headline', ...textAnchor(text, from, from + words.length), quote: words, author: 'ed', at: 1, text: 'Why?' });
    };
    on('bridge reopens', 'b');
    on('Harbour bridge', 'a');
    on('after', 'r');
    on('repairs', 'c');
    setResolved(doc, 'r', { by: 'ana', at: 2 });
    expect(commentRangesIn(readThreads(doc), 'headline')).toEqual([
      { from: 0, to: 'Harbour bridge reopens'.length },
      { from: 'Harbour bridge reopens after '.length, to: text.length },
    ]);
    expect(commentRangesIn(readThreads(doc), 'standfirst')).toEqual([]);
    text.delete(text.length - 'repairs'.length, 'repairs'.length);
    expect(commentRangesIn(readThreads(doc), 'headline')).toEqual([{ from: 0, to: 'Harbour bridge reopens'.length }]);
  });
});
