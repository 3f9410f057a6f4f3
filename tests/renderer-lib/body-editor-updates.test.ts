// The body editor tells the page about its open suggestions only when they changed, not after
// every change of the text: a colleague typing must not make the suggestions panel redraw. The
// toolbar state likewise compares equal when nothing on it changed (BodyEditor.svelte keeps the old).
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { sameToolbar, type ToolbarState } from '../../renderer/src/lib/body-editor.ts';
import { bodyEditorFixture } from './body-editor-fixture.ts';
import type { OpenSuggestion } from '../../renderer/src/lib/suggest-mode.ts';

const { mountEditor } = bodyEditorFixture();

const textOf = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

it('tells the open suggestions once, not again while a colleague types', () => {
  const doc = new Y.Doc();
  appendParagraphs(doc, ['Mine', 'Theirs']);
  const colleague = new Y.Doc();
  Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
  const told: OpenSuggestion[][] = [];
  const states: ToolbarState[] = [];
  const { mount } = mountEditor(doc, {
    onState: (state) => states.push(state),
    onSuggestions: (list) => told.push(list),
  });
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
