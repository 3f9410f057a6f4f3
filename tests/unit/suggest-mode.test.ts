// Suggestion mode as a pure ProseMirror plugin: typing, deleting (backward, forward, a
// selection), replacing a selection, pasting, deleting one's own suggestion, and accepting or
// rejecting one suggestion, one person's, or all.
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { Slice, type Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { openSuggestions, resolveSuggestions, setSuggesting, suggestModePlugin, suggestTransaction, type SuggestAuthor } from '../../renderer/src/lib/suggest-mode.ts';

const ANA: SuggestAuthor = { id: 'user-ana', name: 'Ana Lima' };
const BEN: SuggestAuthor = { id: 'user-ben', name: 'Ben Okafor' };

const p = (text: string) => bodySchema.node(BODY_NODES.paragraph, null, text ? [bodySchema.text(text)] : []);
const doc = (...texts: string[]) => bodySchema.node('doc', null, texts.map(p));

/** An editor holding `texts` (one paragraph each), suggesting as `author` when `on`. */
class Editor {
  state: EditorState;
  private ids = 0;

  constructor(
    start: PMNode,
    readonly author: SuggestAuthor,
    on = true,
  ) {
    this.state = EditorState.create({ schema: bodySchema, doc: start, plugins: [suggestModePlugin(author)] });
    if (on) setSuggesting(true)(this.state, (tr) => (this.state = this.state.apply(tr)));
  }

  /** Dispatches `tr` the way the body editor does: through suggestTransaction. */
  dispatch(make: (state: EditorState) => Transaction): this {
    const tr = suggestTransaction(this.state, make(this.state), { now: () => 1_000, newId: () => `${this.author.id}-${++this.ids}` });
    this.state = this.state.apply(tr);
    return this;
  }

  select(from: number, to = from): this {
    return this.dispatch((s) => s.tr.setSelection(TextSelection.create(s.doc, from, to)));
  }

  type(text: string): this {
    return this.dispatch((s) => s.tr.insertText(text));
  }

  backspace(): this {
    return this.dispatch((s) => (s.selection.empty ? s.tr.delete(s.selection.from - 1, s.selection.from) : s.tr.deleteSelection()));
  }

  deleteForward(): this {
    return this.dispatch((s) => s.tr.delete(s.selection.from, s.selection.from + 1));
  }

  /** The paragraphs with insertions as [+text] and deletions as [-text]. */
  get shown(): string[] {
    const out: string[] = [];
    this.state.doc.forEach((block) => {
      let line = '';
      block.forEach((node) => {
        const kind = node.marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion')?.type.name;
        line += kind === 'insertion' ? `[+${node.text}]` : kind === 'deletion' ? `[-${node.text}]` : node.text;
      });
      out.push(line);
    });
    return out;
  }

  /** What the body says once every suggestion is accepted (or rejected). */
  settled(accept: boolean): string[] {
    const tr = resolveSuggestions(this.state, 'all', accept);
    const state = tr ? this.state.apply(suggestTransaction(this.state, tr)) : this.state;
    const out: string[] = [];
    state.doc.forEach((block) => out.push(block.textContent));
    return out;
  }
}

describe('suggestion mode', () => {
  it('marks typed text as one insertion by the author, with who and when', () => {
    const editor = new Editor(doc('The cat sat.'), ANA).select(5).type('b').type('ig ');
    expect(editor.shown).toEqual(['The [+big ]cat sat.']);
    const [s] = openSuggestions(editor.state.doc);
    expect(s).toMatchObject({ kind: 'insertion', id: 'user-ana-1', author: 'user-ana', authorName: 'Ana Lima', at: 1_000, text: 'big ' });
    expect(editor.state.selection.from).toBe(9);
  });

  it('keeps text deleted with Backspace, marked as one deletion, and moves the caret before it', () => {
    const editor = new Editor(doc('The cat sat.'), ANA).select(8).backspace().backspace().backspace().backspace();
    expect(editor.shown).toEqual(['The[- cat] sat.']);
    expect(openSuggestions(editor.state.doc)).toHaveLength(1);
    expect(editor.state.selection.from).toBe(4);
    // Backspace over text already suggested for deletion only moves on.
    editor.select(8).backspace();
    expect(editor.shown).toEqual(['The[- cat] sat.']);
  });

  it('keeps text deleted with Delete and moves the caret after it', () => {
    const editor = new Editor(doc('The cat sat.'), ANA).select(5).deleteForward().deleteForward();
    expect(editor.shown).toEqual(['The [-ca]t sat.']);
    expect(editor.state.selection.from).toBe(7);
    expect(openSuggestions(editor.state.doc)).toHaveLength(1);
  });

  it('replaces a selection with a deletion followed by an insertion', () => {
    const editor = new Editor(doc('The cat sat.'), ANA).select(5, 8).type('dog');
    expect(editor.shown).toEqual(['The [-cat][+dog] sat.']);
    expect(editor.settled(true)).toEqual(['The dog sat.']);
    expect(editor.settled(false)).toEqual(['The cat sat.']);
  });

  it('pastes across paragraphs as a suggestion: the text stays, the pasted text is inserted', () => {
    const editor = new Editor(doc('One two', 'three four'), ANA).dispatch((s) => s.tr.replace(5, 15, new Slice(bodySchema.node('doc', null, [p('PASTED')]).content, 1, 1)).setMeta('paste', true));
    expect(editor.shown).toEqual(['One [-two]', '[-three][+PASTED] four']);
    expect(editor.settled(false)).toEqual(['One two', 'three four']);
  });

  it('really removes the author’s own open insertion when they delete it, and marks the rest', () => {
    const editor = new Editor(doc('The cat sat.'), ANA).select(5).type('big ').backspace().backspace();
    expect(editor.shown).toEqual(['The [+bi]cat sat.']);
    // A selection over own insertion and original text: the insertion goes, the original is marked.
    editor.select(4, 7).backspace();
    expect(editor.shown).toEqual(['The[- ]cat sat.']);
    expect(openSuggestions(editor.state.doc).map((s) => s.kind)).toEqual(['deletion']);
  });

  it('leaves someone else’s suggested insertion theirs, marks the text around it, and leaves edits alone when off', () => {
    const ben = new Editor(doc('The cat sat.'), BEN).select(5).type('big ');
    const ana = new Editor(ben.state.doc, ANA).select(3, 10).backspace();
    expect(ana.shown).toEqual(['Th[-e ][+big ][-c]at sat.']);
    expect(openSuggestions(ana.state.doc).map((s) => [s.kind, s.authorName])).toEqual([
      ['deletion', 'Ana Lima'],
      ['insertion', 'Ben Okafor'],
    ]);
    const off = new Editor(doc('The cat sat.'), ANA, false).select(5, 8).type('dog');
    expect(off.shown).toEqual(['The dog sat.']);
  });

  it('makes other formatting and structure directly: a link, a heading (bold and italic are suggested: suggest-formatting.test.ts)', () => {
    const editor = new Editor(doc('The cat sat.'), ANA)
      .dispatch((s) => s.tr.addMark(5, 8, bodySchema.marks.link.create({ href: 'https://example.com' })))
      .dispatch((s) => s.tr.setBlockType(1, 1, bodySchema.nodes[BODY_NODES.heading], { level: 2 }));
    expect(editor.shown).toEqual(['The cat sat.']);
    expect(editor.state.doc.firstChild!.type.name).toBe(BODY_NODES.heading);
    expect(editor.state.doc.rangeHasMark(5, 8, bodySchema.marks.link)).toBe(true);
    expect(openSuggestions(editor.state.doc)).toEqual([]);
  });

  it('makes Enter as it is, and marks the text typed after it', () => {
    const editor = new Editor(doc('The cat sat.'), ANA).select(8).dispatch((s) => s.tr.split(8)).type('New');
    expect(editor.shown).toEqual(['The cat', '[+New] sat.']);
  });
});

describe('accepting and rejecting suggestions', () => {
  // Ana inserts "big " and deletes "sat"; Ben inserts " down" and deletes "The ".
  function twoPeople() {
    const ana = new Editor(doc("The cat sat."), ANA).select(5).type("big ").select(16).backspace().backspace().backspace();
    const ben = new Editor(ana.state.doc, BEN);
    ben.select(16).type('down').select(1, 5).backspace();
    return ben;
  }

  it('lists open suggestions in document order', () => {
    const editor = twoPeople();
    expect(editor.shown).toEqual(['[-The ][+big ]cat [-sat][+down].']);
    expect(openSuggestions(editor.state.doc).map((s) => [s.kind, s.authorName, s.text])).toEqual([
      ['deletion', 'Ben Okafor', 'The '],
      ['insertion', 'Ana Lima', 'big '],
      ['deletion', 'Ana Lima', 'sat'],
      ['insertion', 'Ben Okafor', 'down'],
    ]);
  });

  it('accepts or rejects one suggestion', () => {
    const editor = twoPeople();
    const [, bigInsert, satDelete] = openSuggestions(editor.state.doc);
    editor.state = editor.state.apply(resolveSuggestions(editor.state, { suggestion: { kind: 'insertion', id: bigInsert.id } }, true)!);
    expect(editor.shown).toEqual(['[-The ]big cat [-sat][+down].']);
    editor.state = editor.state.apply(resolveSuggestions(editor.state, { suggestion: { kind: 'deletion', id: satDelete.id } }, false)!);
    expect(editor.shown).toEqual(['[-The ]big cat sat[+down].']);
    editor.state = editor.state.apply(resolveSuggestions(editor.state, { suggestion: { kind: 'deletion', id: openSuggestions(editor.state.doc)[0].id } }, true)!);
    expect(editor.shown).toEqual(['big cat sat[+down].']);
  });

  it('accepts all of one person’s and rejects all of another’s', () => {
    const editor = twoPeople();
    editor.state = editor.state.apply(resolveSuggestions(editor.state, { author: ANA.id }, true)!);
    expect(editor.shown).toEqual(['[-The ]big cat [+down].']);
    editor.state = editor.state.apply(resolveSuggestions(editor.state, { author: BEN.id }, false)!);
    expect(editor.shown).toEqual(['The big cat .']);
    expect(resolveSuggestions(editor.state, 'all', true)).toBeNull();
  });

  it('accepts all or rejects all, even in suggestion mode (settling is never itself suggested)', () => {
    expect(twoPeople().settled(true)).toEqual(['big cat down.']);
    expect(twoPeople().settled(false)).toEqual(['The cat sat.']);
  });
});
