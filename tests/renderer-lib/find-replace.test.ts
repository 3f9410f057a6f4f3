// Find and replace over a real story document and a real body editor (ProseMirror bound by
// y-prosemirror, in jsdom): matches across the headline and the body that follow anyone's edits,
// Replace all as one Yjs update a colleague receives whole, and one undo taking back all of it
// and only it, through the story's one undo history.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { bodyFragment, headlineText, standfirstText } from '../../model/article-schema.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { createBodyEditor, type BodyEditor } from '../../renderer/src/lib/body-editor.ts';
import { FindReplace } from '../../renderer/src/lib/find-replace.svelte.ts';
import { ArticleUndo } from '../../renderer/src/lib/article-undo.ts';

beforeAll(() => {
  // jsdom lays nothing out.
  Element.prototype.scrollIntoView = () => undefined;
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup) step();
  cleanup = [];
});

/** Ana's story with a body editor and find, and Ben's copy receiving her updates one by one. */
function setup() {
  const doc = new Y.Doc();
  headlineText(doc).insert(0, 'The bridge reopens: Bridge news');
  standfirstText(doc).insert(0, 'Nothing to find here.');
  appendParagraphs(doc, ['A bridge for cyclists.', 'Cars cross the BRIDGE slowly.']);
  const ben = new Y.Doc();
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'ben') return;
    updates.push(update);
    Y.applyUpdate(ben, update, 'ana');
  });
  const undo = new ArticleUndo(doc);
  const mount = document.createElement('div');
  document.body.append(mount);
  const editor: BodyEditor = createBodyEditor(mount, {
    fragment: bodyFragment(doc),
    author: { id: 'user-test', name: 'Tester' },
    awareness: new Awareness(doc),
    undoManager: undo,
    editable: true,
    onState: () => undefined,
    onFocusChange: () => undefined,
    onLinkRequest: () => undefined,
    onLimit: () => undefined,
  });
  const finder = new FindReplace(doc, undo, () => editor.find);
  cleanup.push(() => {
    finder.destroy();
    editor.destroy();
    undo.close();
    mount.remove();
  });
  const article = (d: Y.Doc) => ({ headline: headlineText(d).toString(), body: readBody(d).map(blockText) });
  return { doc, ben, updates, undo, finder, editor, mount, article };
}

describe('find and replace in a story', () => {
  it('finds across the headline and the body, in reading order, ignoring case', () => {
    const { finder, mount } = setup();
    finder.search({ text: 'bridge', caseSensitive: false });
    expect(finder.matches.map((m) => m.field)).toEqual(['headline', 'headline', 'body', 'body']);
    expect(finder.current).toBe(0);
    expect(finder.inField('headline')).toEqual({ text: 'The bridge reopens: Bridge news', ranges: [expect.objectContaining({ from: 4, to: 10 }), expect.objectContaining({ from: 20, to: 26 })], current: 0 });
    expect(finder.inField('standfirst')).toBeNull();
    expect([...mount.querySelectorAll('.find-match')].map((m) => m.textContent)).toEqual(['bridge', 'BRIDGE']);
    finder.step(1);
    finder.step(1);
    expect(mount.querySelector('.find-current')?.textContent).toBe('bridge');
    expect(finder.inField('headline')?.current).toBe(-1);
    finder.search({ text: 'bridge', caseSensitive: true });
    expect(finder.matches).toHaveLength(2);
  });

  it('follows a colleague’s edit: new matches appear, changed ones go', () => {
    const { doc, ben, finder } = setup();
    finder.search({ text: 'bridge', caseSensitive: false });
    ben.transact(() => standfirstText(ben).insert(0, 'A bridge. '));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(doc)), 'ben');
    expect(finder.matches.map((m) => m.field)).toEqual(['headline', 'headline', 'standfirst', 'body', 'body']);
  });

  it('replaces all in one Yjs update the colleague receives whole, and one undo takes back all of it and only it', () => {
    const { doc, ben, updates, undo, finder, article } = setup();
    // Ana's own typing in the headline just before, as its field binding makes it.
    const fieldOrigin = { binding: 'text-field' };
    undo.addTrackedOrigin(fieldOrigin);
    doc.transact(() => headlineText(doc).insert(0, 'Live: '), fieldOrigin);
    const before = article(doc);

    finder.search({ text: 'bridge', caseSensitive: false });
    updates.length = 0;
    expect(finder.replaceAll('span')).toBe(4);
    expect(updates).toHaveLength(1);
    const replaced = { headline: 'Live: The span reopens: span news', body: ['A span for cyclists.', 'Cars cross the span slowly.'] };
    expect(article(doc)).toEqual(replaced);
    expect(article(ben)).toEqual(replaced);
    expect(finder.matches).toEqual([]);

    undo.undo();
    expect(article(doc)).toEqual(before);
    expect(article(ben)).toEqual(before);
    expect(headlineText(ben).toString()).toMatch(/^Live: /);
    undo.undo();
    expect(headlineText(ben).toString()).toBe('The bridge reopens: Bridge news');
    undo.redo();
    undo.redo();
    expect(article(ben)).toEqual(replaced);
  });

  it('replaces the match shown, keeps its marks, then shows the next; an empty replacement deletes', () => {
    const { finder, article, doc, mount } = setup();
    finder.search({ text: 'bridge', caseSensitive: false });
    finder.step(1);
    finder.step(1);
    finder.replaceCurrent('viaduct');
    expect(article(doc).body[0]).toBe('A viaduct for cyclists.');
    expect(finder.matches[finder.current]).toMatchObject({ field: 'body' });
    expect(mount.querySelector('.find-current')?.textContent).toBe('BRIDGE');
    finder.replaceCurrent('');
    expect(article(doc).body[1]).toBe('Cars cross the  slowly.');
    // A replacement that itself matches is not shown next: the next match after it is.
    headlineText(doc).insert(0, 'news: ');
    finder.search({ text: 'news', caseSensitive: false });
    finder.replaceCurrent('good news');
    expect(headlineText(doc).toString()).toBe('good news: The bridge reopens: Bridge news');
    expect(finder.matches[finder.current]).toMatchObject({ field: 'headline', from: 38 });
    finder.replaceCurrent('good news');
    // The last one replaced: back to the first, which is inside the first replacement.
    expect(finder.matches[finder.current]).toMatchObject({ field: 'headline', from: 5 });
  });

  it('leaves no highlight once cleared', () => {
    const { finder, mount } = setup();
    finder.search({ text: 'bridge', caseSensitive: false });
    finder.clear();
    expect(finder.matches).toEqual([]);
    expect(mount.querySelectorAll('.find-match')).toHaveLength(0);
  });
});
