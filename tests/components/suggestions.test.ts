// Suggestions in the app: the list of open suggestions (in document order, in each author's
// colour, Accept and Reject per suggestion, per person and for all) and the body editor showing
// suggested text marked with who and when, its `Suggest changes` toggle, and settling a
// suggestion as a plain edit of the shared document.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES } from '../../model/body-schema.ts';
import { userColor } from '../../model/user-colors.ts';
import { ArticleUndo } from '../../renderer/src/lib/article-undo.ts';
import BodyEditor from '../../renderer/src/components/BodyEditor.svelte';
import SuggestionList from '../../renderer/src/components/SuggestionList.svelte';
import { openSuggestionsOf } from '../../renderer/src/lib/open-suggestions.svelte.ts';
import ArticleBlocks from '../../renderer/src/components/ArticleBlocks.svelte';
import { readableArticle } from '../../model/readable-article.ts';
import DiffView from '../../renderer/src/components/DiffView.svelte';

const ANA = { author: 'user-ana', authorName: 'Ana Lima', at: Date.UTC(2026, 11, 7, 14, 5) };
const BEN = { author: 'user-ben', authorName: 'Ben Okafor', at: Date.UTC(2026, 11, 7, 14, 6) };
const LISTED = [
  { kind: 'deletion' as const, id: 'd1', text: 'The ', ...BEN },
  { kind: 'insertion' as const, id: 'i1', text: 'big ', ...ANA },
  { kind: 'insertion' as const, id: 'i2', text: ' down', ...BEN },
];

describe('SuggestionList', () => {
  it('lists each open suggestion in order with who and what, in the author’s colour', () => {
    render(SuggestionList, { suggestions: LISTED, onsettle: vi.fn() });
    const items = within(screen.getByRole('list', { name: /Suggestions/ })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('aria-label'))).toEqual(['Ben Okafor: Delete “The ”', 'Ana Lima: Insert “big ”', 'Ben Okafor: Insert “ down”']);
    expect(items[1].style.getPropertyValue('--suggestion-color')).toBe(userColor('user-ana'));
    expect(within(items[1]).getByText(/Ana Lima/).textContent).toMatch(/7 Dec, \d\d:05/);
  });

  it('accepts or rejects one, one person’s, or all', async () => {
    const onsettle = vi.fn();
    render(SuggestionList, { suggestions: LISTED, onsettle });
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    await fireEvent.click(within(items[1]).getByRole('button', { name: 'Accept' }));
    await fireEvent.click(within(items[0]).getByRole('button', { name: 'Reject' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Accept all by Ben Okafor' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Reject all' }));
    expect(onsettle.mock.calls).toEqual([
      [{ suggestion: { kind: 'insertion', id: 'i1' } }, true],
      [{ suggestion: { kind: 'deletion', id: 'd1' } }, false],
      [{ author: 'user-ben' }, true],
      ['all', false],
    ]);
  });

  it('lists a formatting suggestion as what it changes, and settles it by kind and id', async () => {
    const onsettle = vi.fn();
    const change = { added: ['strong'], removed: ['em'] };
    render(SuggestionList, { suggestions: [{ kind: 'formatting' as const, id: 'f1', text: 'the mayor', change, ...ANA }], onsettle });
    const [item] = within(screen.getByRole('list', { name: 'Suggestions (1)' })).getAllByRole('listitem');
    expect(item.getAttribute('aria-label')).toBe('Ana Lima: Format “the mayor” bold, not italic');
    expect(item.style.getPropertyValue('--suggestion-color')).toBe(userColor('user-ana'));
    await fireEvent.click(within(item).getByRole('button', { name: 'Reject' }));
    expect(onsettle.mock.calls).toEqual([[{ suggestion: { kind: 'formatting', id: 'f1' } }, false]]);
  });

  it('offers nothing to press to someone who may not edit, and shows nothing when none is open', () => {
    const { unmount } = render(SuggestionList, { suggestions: LISTED, disabled: true, onsettle: vi.fn() });
    expect(screen.getAllByRole('button').every((b) => b.hasAttribute('disabled'))).toBe(true);
    unmount();
    render(SuggestionList, { suggestions: [], onsettle: vi.fn() });
    expect(screen.queryByRole('list')).toBeNull();
  });
});

/** A body reading `The [+big ]cat [-sat].` (Ana inserts, Ben deletes). */
function suggestedDoc(): Y.Doc {
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  text.insert(0, 'The ', {});
  text.insert(4, 'big ', { [BODY_MARKS.insertion]: { id: 'i1', ...ANA } });
  text.insert(8, 'cat ', {});
  text.insert(12, 'sat', { [BODY_MARKS.deletion]: { id: 'd1', ...BEN } });
  text.insert(15, '.', {});
  const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
  paragraph.insert(0, [text]);
  bodyFragment(doc).insert(0, [paragraph]);
  return doc;
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('BodyEditor with suggestions', () => {
  function mount(doc: Y.Doc, readOnly = false) {
    return render(BodyEditor, { fragment: bodyFragment(doc), author: { id: 'user-eve', name: 'Eve' }, awareness: new Awareness(doc), undoManager: new ArticleUndo(doc), readOnly, typing: [], onfocuschange: vi.fn() });
  }

  it('shows suggested text marked in its author’s colour, saying who and when', async () => {
    const { container } = mount(suggestedDoc());
    await tick();
    const ins = container.querySelector('ins.suggestion')!;
    expect(ins.textContent).toBe('big ');
    expect(ins.getAttribute('title')).toMatch(/^Suggested insertion by Ana Lima, 7 Dec, \d\d:05$/);
    expect(ins.getAttribute('style')).toContain(userColor('user-ana'));
    expect(container.querySelector('del.suggestion')?.getAttribute('title')).toMatch(/^Suggested deletion by Ben Okafor/);
  });

  it('toggles Suggest changes with the toolbar button', async () => {
    mount(suggestedDoc());
    await tick();
    const toggle = screen.getByRole('button', { name: 'Suggest changes' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
  });

  it('shares its open suggestions with the panel, and settling them there is an edit of the shared document', async () => {
    const doc = suggestedDoc();
    mount(doc);
    await tick();
    // The panel's list (region `Comments and suggestions`) reads this state and calls its settle.
    const open = openSuggestionsOf(doc);
    expect(open.list.map((s) => `${s.authorName}: ${s.kind} “${s.text}”`)).toEqual(['Ana Lima: insertion “big ”', 'Ben Okafor: deletion “sat”']);
    open.settle!({ suggestion: { kind: 'deletion', id: 'd1' } }, true);
    await tick();
    expect(bodyFragment(doc).toString()).toBe(`<paragraph>The <insertion at="${ANA.at}" author="user-ana" authorName="Ana Lima" id="i1">big </insertion>cat .</paragraph>`);
    open.settle!({ suggestion: { kind: 'insertion', id: 'i1' } }, false);
    await tick();
    expect(bodyFragment(doc).toString()).toBe('<paragraph>The cat .</paragraph>');
    expect(open.list).toEqual([]);
  });

  it('offers no settling while read-only', async () => {
    const doc = suggestedDoc();
    mount(doc, true);
    await tick();
    expect(openSuggestionsOf(doc).list).toHaveLength(2);
    expect(openSuggestionsOf(doc).settle).toBeNull();
  });
});

describe('a version’s read-only view', () => {
  it('shows open suggestions marked as the editor does, saying who and when', () => {
    const { container } = render(ArticleBlocks, { blocks: readableArticle(suggestedDoc()).body });
    expect(container.querySelector('p')?.textContent?.trim()).toBe('The big cat sat.');
    const ins = container.querySelector('ins.suggestion.insertion')!;
    expect(ins.textContent).toBe('big ');
    expect(ins.getAttribute('title')).toMatch(/^Suggested insertion by Ana Lima, 7 Dec/);
    expect(container.querySelector('del.suggestion.deletion')?.getAttribute('title')).toMatch(/^Suggested deletion by Ben Okafor/);
  });

  it('shows a suggested change of formatting with the new formatting, saying who, when and what', () => {
    const doc = suggestedDoc();
    const text = (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(8, 3, { [BODY_MARKS.strong]: {}, [BODY_MARKS.formatting]: { id: 'f1', ...BEN, added: ['strong'], removed: [] } }); // "cat"
    const { container } = render(ArticleBlocks, { blocks: readableArticle(doc).body });
    const marked = container.querySelector('span.suggestion.formatting')!;
    expect(marked.querySelector('strong')?.textContent).toBe('cat');
    expect(marked.getAttribute('title')).toMatch(/^Suggested formatting by Ben Okafor, 7 Dec, \d\d:06: bold$/);
    expect(marked.getAttribute('style')).toContain(userColor('user-ben'));
  });
});

describe('the comparison view', () => {
  it('shows which changed text is only suggested', () => {
    const diff = {
      from: 1 as const,
      to: 2 as const,
      wordsAdded: 1,
      wordsRemoved: 0,
      coarse: false,
      authors: [{ id: 'ed', name: 'Ed Marsh' }],
      fields: [
        {
          key: 'body:0',
          label: 'Paragraph 1',
          spans: [
            { kind: 'same' as const, text: 'The talks ended ', authorId: null },
            { kind: 'added' as const, text: 'late ', authorId: 'ed', suggestion: 'insertion' as const },
            { kind: 'same' as const, text: 'without a deal', authorId: null, suggestion: 'deletion' as const },
            { kind: 'same' as const, text: '.', authorId: null },
          ],
        },
      ],
    };
    const { container } = render(DiffView, { diff });
    expect(container.querySelector('p.text')?.textContent?.trim()).toBe('The talks ended late without a deal.');
    expect(container.querySelector('ins.suggested')?.getAttribute('title')).toBe('Added, written by Ed Marsh; a suggested insertion, not accepted yet');
    const deletion = container.querySelector('.suggested.deletion')!;
    expect(deletion.textContent).toBe('without a deal');
    expect(deletion.getAttribute('title')).toBe('Unchanged: suggested for deletion, not accepted yet');
    expect(container.querySelector('.sample.suggested')?.textContent).toBe('Suggested, not accepted yet');
  });

  it('says of unchanged text whose formatting is suggested that it is', () => {
    const spans = [
      { kind: 'same' as const, text: 'The ', authorId: null },
      { kind: 'same' as const, text: 'talks', authorId: null, suggestion: 'formatting' as const },
      { kind: 'added' as const, text: ' ended', authorId: 'ed' },
    ];
    const diff = { from: 1 as const, to: 2 as const, wordsAdded: 1, wordsRemoved: 0, coarse: false, authors: [{ id: 'ed', name: 'Ed Marsh' }], fields: [{ key: 'body:0', label: 'Paragraph 1', spans }] };
    const { container } = render(DiffView, { diff });
    const marked = container.querySelector('.suggested.formatting')!;
    expect(marked.textContent).toBe('talks');
    expect(marked.getAttribute('title')).toBe('Unchanged: a suggested change of formatting, not accepted yet');
  });
});
