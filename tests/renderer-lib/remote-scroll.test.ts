// Changes from colleagues scroll the caret into view once a frame, not once each, and only when
// they moved it out of view: the real body editor (ProseMirror and y-prosemirror with
// lib/remote-scroll.ts) gets three remote changes in one go; ProseMirror measures the caret to
// scroll to it only at the next frame, only once, and not at all when it is still in view.
import { afterEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { EditorView } from 'prosemirror-view';
import { ProsemirrorBinding } from 'y-prosemirror';
import { bodyFragment } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { bodyEditorFixture } from './body-editor-fixture.ts';


afterEach(() => {
  vi.restoreAllMocks();
});
const { mountEditor } = bodyEditorFixture();

// The text of the colleague's body paragraph `n` (as appendParagraphs builds it: one text node).
const textOf = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

// The body editor with a colleague's copy of its story; `stillInView` says whether the caret is in view once the changes are shown.
async function editorWithColleague(stillInView: boolean) {
  // y-prosemirror measures the caret only in a browser (lib0 takes jsdom for Node): here it is in view before the changes.
  const inView = vi.spyOn(ProsemirrorBinding.prototype, '_isLocalCursorInView').mockReturnValue(true);
  vi.spyOn(ProsemirrorBinding.prototype, '_isDomSelectionInView').mockReturnValue(stillInView);
  const doc = new Y.Doc();
  appendParagraphs(doc, ['Mine', 'Theirs']);
  const colleague = new Y.Doc();
  Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
  const { editor, mount } = mountEditor(doc);
  editor.focus();
  await frame();
  // ProseMirror's own (untyped) method that measures the caret and scrolls to it.
  const scrolls = vi.spyOn(EditorView.prototype as unknown as { scrollToSelection(): void }, 'scrollToSelection');
  const typeAsColleague = (letters: string) => {
    for (const letter of letters) {
      const before = Y.encodeStateVector(doc);
      textOf(colleague, 1).insert(textOf(colleague, 1).length, letter);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, before), 'network');
    }
  };
  return { mount, inView, scrolls, typeAsColleague };
}

it('scrolls to the caret once, at the next frame, after several remote changes that moved it out of view', async () => {
  const { mount, inView, scrolls, typeAsColleague } = await editorWithColleague(false);
  typeAsColleague('abc');
  expect(mount.querySelectorAll('p')[1].textContent).toBe('Theirsabc');
  expect(scrolls).not.toHaveBeenCalled();
  expect(inView).toHaveBeenCalledTimes(1); // asked for the first change of the frame only

  await frame();
  expect(scrolls).toHaveBeenCalledTimes(1);
  await frame();
  expect(scrolls).toHaveBeenCalledTimes(1);
});

it('leaves the editor alone when the caret is still in view after the changes', async () => {
  const { mount, scrolls, typeAsColleague } = await editorWithColleague(true);
  typeAsColleague('abc');
  await frame();
  await frame();
  expect(mount.querySelectorAll('p')[1].textContent).toBe('Theirsabc');
  expect(scrolls).not.toHaveBeenCalled();
});
