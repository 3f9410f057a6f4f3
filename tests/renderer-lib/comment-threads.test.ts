// The story's comment threads as the app reads them: in a story with no thread, typing hands on
// no new list (which would make the editor redraw its highlights); with threads, every change does,
// since a colleague's change replaces the editor's whole document and the highlights with it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { createParagraph } from '../../model/body-tree.ts';
import { createThread, textAnchor } from '../../model/comment-threads.ts';
import { commentThreadsOf } from '../../renderer/src/lib/comment-threads.svelte.ts';

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function story() {
  const doc = new Y.Doc();
  bodyFragment(doc).insert(0, [createParagraph('The bridge will close in May.'), createParagraph('The council said so.')]);
  const text = (i: number) => (bodyFragment(doc).get(i) as Y.XmlElement).get(0) as Y.XmlText;
  return { doc, text };
}

describe('comment threads', () => {
  it('keeps the empty list while there is no thread, and hands on a new one on each change once there is', async () => {
    const { doc, text } = story();
    const threads = commentThreadsOf(doc);
    const none = threads.threads;
    text(1).insert(text(1).length, ' And more.');
    await settle();
    expect(threads.threads).toBe(none);

    createThread(doc, { id: 't', field: 'body', ...textAnchor(text(0), 4, 10), quote: 'bridge', author: 'ed', at: 1, text: 'Which one?' });
    await settle();
    const one = threads.threads;
    expect(one).not.toBe(none);
    expect(one.map((t) => t.current)).toEqual(['bridge']);

    // After the thread's text: what it says is the same, but the editor must draw it again.
    text(1).insert(0, 'Indeed. ');
    await settle();
    expect(threads.threads).not.toBe(one);
    expect(threads.threads).toEqual(one);

    // Before it: it moved, and is read anew.
    text(0).insert(0, 'Yes: ');
    await settle();
    expect(threads.threads).not.toBe(one);
    expect(threads.threads[0]).toMatchObject({ current: 'bridge', from: one[0].from + 5 });
  });
});
