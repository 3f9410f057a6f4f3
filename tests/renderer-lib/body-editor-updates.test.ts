// The body editor tells the page about its open suggestions only when they changed, not after
// every change of the text: a colleague typing must not make the suggestions panel redraw. The
// toolbar state likewise compares equal when nothing on it changed (BodyEditor.svelte keeps the old).
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { bodyFragment } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { createBodyEditor, sameToolbar, type ToolbarState } from '../../renderer/src/lib/body-editor.ts';
import { ArticleUndo } from '../../renderer/src/lib/article-undo.ts';
import type { OpenSuggestion } from '../../renderer/src/lib/suggest-mode.ts';

// jsdom lays nothing out; ProseMirror and y-prosemirror ask where the caret is.
const NO_RECT = { top: 0, bottom: 0, left: 0, right: 0, width: 0, height: 0, x: 0, y: 0, toJSON: () => ({}) };
Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => NO_RECT;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.replaceChildren();
});

const textOf = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

it('tells the open suggestions once, not again while a colleague types', () => {
  const doc = new Y.Doc();
  appendParagraphs(doc, ['Mine', 'Theirs']);
  const colleague = new Y.Doc();
  Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
  const mount = document.createElement('div');
  document.body.append(mount);
  const told: OpenSuggestion[][] = [];
  const states: ToolbarState[] = [];
  const editor = createBodyEditor(mount, {
    fragment: bodyFragment(doc),
    author: { id: 'user-test', name: 'Tester' },
    awareness: new Awareness(doc),
    undoManager: new ArticleUndo(doc),
    editable: true,
    onState: (state) => states.push(state),
    onSuggestions: (list) => told.push(list),
    onFocusChange: () => {},
    onLimit: () => {},
    onLinkRequest: () => {},
  });
  cleanups.push(() => editor.destroy());
  expect(told).toEqual([[]]);

  for (const letter of 'abc') {
    const before = Y.encodeStateVector(doc);
    textOf(colleague, 1).insert(textOf(colleague, 1).length, letter);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, before), 'network');
  }
  expect(mount.querySelectorAll('p')[1].textContent).toBe('Theirsabc');
  expect(told).toEqual([[]]);
  // The toolbar was told again, the same.
  expect(states.length).toBeGreaterThan(1);
  expect(states.every((state) => sameToolbar(state, states[0]))).toBe(true);
  expect(sameToolbar(states[0], { ...states[0], strong: !states[0].strong })).toBe(false);
});
