// Suggested formatting (issue 14): in suggestion mode, bold and italic are applied and recorded
// as a `formatting` suggestion against the original formatting; accepting keeps them, rejecting
// restores the original; exports publish the original; the update check and the author rule
// take a well-formed formatting mark by its sender and refuse anything else.
import { toggleMark } from 'prosemirror-commands';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { updateYFragment } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { approvalBlockers } from '../../model/approval-blockers.ts';
import { BodyLength } from '../../model/body-length.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { readBody } from '../../model/body-tree.ts';
import { bodyHtml } from '../../model/html-export.ts';
import { markIdentity } from '../../model/mark-authors.ts';
import { openSuggestionsIn } from '../../model/open-suggestions.ts';
import { exportText } from '../../model/text-export.ts';
import { checkUpdateContent } from '../../model/update-check.ts';
import { openSuggestions, resolveSuggestions, setSuggesting, suggestModePlugin, suggestTransaction, type SuggestAuthor } from '../../renderer/src/lib/suggest-mode.ts';

const ANA: SuggestAuthor = { id: 'user-ana', name: 'Ana Lima' };
const BEN: SuggestAuthor = { id: 'user-ben', name: 'Ben Okafor' };
const s = bodySchema;
const strong = s.marks[BODY_MARKS.strong].create();
const formatting = (attrs: Record<string, unknown>) => s.marks[BODY_MARKS.formatting].create({ id: 'f1', author: 'user-ana', authorName: 'Ana Lima', at: 1_000, added: [], removed: [], ...attrs });
const doc = (...texts: PMNode[]) => s.node('doc', null, [s.node(BODY_NODES.paragraph, null, texts)]);

/** An editor suggesting as `author` (when `on`), dispatching the way the body editor does. */
class Editor {
  state: EditorState;
  private ids = 0;

  constructor(start: PMNode, readonly author: SuggestAuthor, on = true) {
    this.state = EditorState.create({ schema: s, doc: start, plugins: [suggestModePlugin(author)] });
    if (on) setSuggesting(true)(this.state, (tr) => (this.state = this.state.apply(tr)));
  }

  /** Runs `command` on the text from `from` to `to`. */
  run(command: Command, from: number, to: number): this {
    this.state = this.state.apply(this.state.tr.setSelection(TextSelection.create(this.state.doc, from, to)));
    command(this.state, (tr) => (this.state = this.state.apply(suggestTransaction(this.state, tr, { now: () => 1_000, newId: () => `${this.author.id}-${++this.ids}` }))));
    return this;
  }

  bold(from: number, to: number): this {
    return this.run(toggleMark(s.marks[BODY_MARKS.strong]), from, to);
  }

  italic(from: number, to: number): this {
    return this.run(toggleMark(s.marks[BODY_MARKS.em]), from, to);
  }

  settle(scope: Parameters<typeof resolveSuggestions>[1], accept: boolean): this {
    this.state = this.state.apply(resolveSuggestions(this.state, scope, accept)!);
    return this;
  }

  /** Each text node as `text` with its mark names (formatting as `fmt+strong-em`). */
  get shown(): string[] {
    const out: string[] = [];
    this.state.doc.descendants((node) => {
      if (!node.isText) return true;
      const names = node.marks.map((m) => (m.type.name === BODY_MARKS.formatting ? `fmt${m.attrs.added.map((n: string) => `+${n}`).join('')}${m.attrs.removed.map((n: string) => `-${n}`).join('')}` : m.type.name));
      out.push(names.length ? `${node.text}[${names.join(' ')}]` : node.text!);
      return false;
    });
    return out;
  }
}

// "The cat sat." with positions: T=1, "cat" is 5–8, "sat" 9–12.
const plain = () => doc(s.text('The cat sat.'));

describe('suggested formatting in the editor', () => {
  it('applies bold and records it as the author’s suggestion, listed with who, what and when', () => {
    const editor = new Editor(plain(), ANA).bold(5, 8);
    expect(editor.shown).toEqual(['The ', 'cat[strong fmt+strong]', ' sat.']);
    expect(openSuggestions(editor.state.doc)).toEqual([
      { kind: 'formatting', id: 'user-ana-1', author: 'user-ana', authorName: 'Ana Lima', at: 1_000, text: 'cat', ranges: [{ from: 5, to: 8 }], change: { added: ['strong'], removed: [] } },
    ]);
  });

  it('merges a second change by the same author, and toggling back to the original drops the suggestion', () => {
    const editor = new Editor(plain(), ANA).bold(5, 8).italic(5, 8);
    expect(editor.shown).toEqual(['The ', 'cat[strong em fmt+strong+em]', ' sat.']);
    expect(openSuggestions(editor.state.doc)).toHaveLength(1);
    editor.bold(5, 8).italic(5, 8);
    expect(editor.shown).toEqual(['The cat sat.']);
    expect(openSuggestions(editor.state.doc)).toEqual([]);
  });

  it('records removing the original formatting, and over someone else’s suggestion makes it the later author’s, still against the original', () => {
    const editor = new Editor(doc(s.text('The '), s.text('cat', [strong]), s.text(' sat.')), ANA).bold(5, 8);
    expect(editor.shown).toEqual(['The ', 'cat[fmt-strong]', ' sat.']);
    const ben = new Editor(editor.state.doc, BEN).italic(5, 8);
    expect(ben.shown).toEqual(['The ', 'cat[em fmt+em-strong]', ' sat.']);
    expect(openSuggestions(ben.state.doc).map((x) => [x.authorName, x.change])).toEqual([['Ben Okafor', { added: ['em'], removed: ['strong'] }]]);
  });

  it('formats a suggested insertion directly, and formats directly when suggestion mode is off', () => {
    const ins = s.marks[BODY_MARKS.insertion].create({ id: 'i1', author: 'user-ben', authorName: 'Ben Okafor', at: 5 });
    const editor = new Editor(doc(s.text('The '), s.text('big ', [ins]), s.text('cat')), ANA).bold(1, 12);
    expect(editor.shown).toEqual(['The [strong fmt+strong]', 'big [strong insertion]', 'cat[strong fmt+strong]']);
    expect(openSuggestions(editor.state.doc).map((x) => x.kind)).toEqual(['formatting', 'insertion']);
    expect(new Editor(plain(), ANA, false).bold(5, 8).shown).toEqual(['The ', 'cat[strong]', ' sat.']);
  });

  it('accepting keeps the new formatting; rejecting restores the original; all by one person includes formatting', () => {
    const start = () => new Editor(doc(s.text('The cat '), s.text('sat', [strong]), s.text('.')), ANA).bold(5, 8).bold(9, 12).italic(9, 12);
    expect(start().shown).toEqual(['The ', 'cat[strong fmt+strong]', ' ', 'sat[em fmt+em-strong]', '.']);
    const [cat] = openSuggestions(start().state.doc);
    expect(start().settle({ suggestion: { kind: 'formatting', id: cat.id } }, true).shown).toEqual(['The ', 'cat[strong]', ' ', 'sat[em fmt+em-strong]', '.']);
    expect(start().settle({ author: 'user-ana' }, true).shown).toEqual(['The ', 'cat[strong]', ' ', 'sat[em]', '.']);
    expect(start().settle('all', false).shown).toEqual(['The cat ', 'sat[strong]', '.']);
  });

  it('settles formatting on text also suggested for deletion before the deletion moves any text', () => {
    const del = s.marks[BODY_MARKS.deletion].create({ id: 'd1', author: 'user-ben', authorName: 'Ben Okafor', at: 5 });
    const start = () => new Editor(doc(s.text('The '), s.text('cat', [del]), s.text(' sat.')), ANA).bold(5, 12);
    expect(start().shown).toEqual(['The ', 'cat[strong deletion fmt+strong]', ' sat[strong fmt+strong]', '.']);
    expect(start().settle('all', true).shown).toEqual(['The ', ' sat[strong]', '.']);
    expect(start().settle('all', false).shown).toEqual(['The cat sat.']);
  });
});

/** A Y.Doc whose body is `content`, written as the editor writes it. */
function storyOf(content: PMNode): Y.Doc {
  const ydoc = new Y.Doc();
  updateYFragment(ydoc, bodyFragment(ydoc), content, { mapping: new Map(), isOMark: new Map() });
  return ydoc;
}

describe('suggested formatting in the stored story', () => {
  const body = () => doc(s.text('The '), s.text('cat', [strong, formatting({ added: ['strong'] })]), s.text(' '), s.text('sat', [formatting({ id: 'f2', removed: ['strong', 'em'] })]), s.text('.'));

  it('exports the original formatting: the suggestion is not accepted yet', () => {
    const ydoc = storyOf(body());
    expect(bodyHtml(ydoc)).toBe('<p>The cat <strong><em>sat</em></strong>.</p>');
    expect(exportText(ydoc)).toContain('The cat sat.');
  });

  it('refuses approval naming the open formatting suggestion', () => {
    const blockers = approvalBlockers({ pictures: [], suggestions: openSuggestionsIn(readBody(storyOf(body()))) });
    expect(blockers.map((b) => b.problem)).toEqual([
      'Ana Lima’s suggested formatting of “cat” (bold) is still open.',
      'Ana Lima’s suggested formatting of “sat” (not bold, not italic) is still open.',
    ]);
  });

  /** What the server's check says of `edit` by `userId` to `server`'s copy (applied when it passes). */
  function check(server: Y.Doc, edit: (doc: Y.Doc) => void, userId = 'user-ana', known = new Set<string>()): string | null {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    edit(client);
    const update = Y.encodeStateAsUpdate(client, before);
    const problem = checkUpdateContent(server, Y.decodeUpdate(update), new BodyLength(server).value, { username: userId, userId, knownMark: (id) => known.has(id) });
    if (problem === null) Y.applyUpdate(server, update);
    return problem;
  }
  const marked = (value: unknown) => (ydoc: Y.Doc) => {
    const text = new Y.XmlText();
    text.insert(0, 'cat', { [BODY_MARKS.formatting]: value });
    const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
    paragraph.insert(0, [text]);
    bodyFragment(ydoc).insert(0, [paragraph]);
  };
  const ATTRS = { id: 'f1', author: 'user-ana', authorName: 'Ana Lima', at: 1_000, added: ['strong'], removed: [] };

  it('takes what the editor writes, suggesting and settling, from its author', () => {
    const server = new Y.Doc();
    const write = (content: PMNode) => check(server, (ydoc) => updateYFragment(ydoc, bodyFragment(ydoc), content, { mapping: new Map(), isOMark: new Map() }));
    expect(write(plain())).toBeNull();
    expect(write(body())).toBeNull();
    expect(write(doc(s.text('The '), s.text('cat', [strong]), s.text(' sat.')))).toBeNull();
  });

  it.each<[string, unknown, RegExp]>([
    ['a link among its formats', { ...ATTRS, added: ['link'] }, /^a formatting suggestion whose added \["link"\]/],
    ['a format twice', { ...ATTRS, added: ['strong', 'strong'] }, /^a formatting suggestion whose added/],
    ['formats that are not a list', { ...ATTRS, removed: 'strong' }, /^a formatting suggestion whose added/],
    ['no removed list', { ...ATTRS, removed: undefined }, /^a formatting suggestion whose added/],
    ['no change', { ...ATTRS, added: [] }, /^a formatting suggestion that changes nothing$/],
    ['one format both added and removed', { ...ATTRS, removed: ['strong'] }, /^a formatting suggestion that both adds and removes one format$/],
    ['no author', { ...ATTRS, author: undefined }, /^a suggestion author undefined/],
    ['an attribute it lacks', { ...ATTRS, colour: 'red' }, /^an attribute “colour” the mark “formatting” does not have$/],
  ])('refuses a formatting suggestion with %s', (_name, value, expected) => {
    expect(check(new Y.Doc(), marked(value))).toMatch(expected);
  });

  it('refuses a formatting suggestion naming someone else, unless it is exactly one the story has', () => {
    expect(check(new Y.Doc(), marked(ATTRS), 'user-mallory')).toBe('a suggestion by "user-ana", who is not the sender');
    const known = new Set([markIdentity(BODY_MARKS.formatting, ATTRS)!]);
    expect(check(new Y.Doc(), marked({ ...ATTRS }), 'user-ben', known)).toBeNull();
    expect(check(new Y.Doc(), marked({ ...ATTRS, added: ['em'] }), 'user-ben', known)).toBe('a suggestion by "user-ana", who is not the sender');
  });

  it('shows the suggestion in the author’s colour with who, when and what', () => {
    const mark: Mark = formatting({ added: ['strong'], removed: ['em'] });
    const [tag, attrs] = s.marks[BODY_MARKS.formatting].spec.toDOM!(mark, true) as [string, Record<string, string>];
    expect(tag).toBe('span');
    expect(attrs.class).toBe('suggestion formatting');
    expect(attrs.title).toMatch(/^Suggested formatting by Ana Lima, 1 Jan, \d\d:\d\d: bold, not italic$/);
  });
});
