// Suggestion mode (issue 14): while it is on, an edit to the body is not made but suggested. The
// editor hands each local transaction to `suggestTransaction`, which compares the document before
// and after it and writes instead: the new text marked `insertion` (after the text it replaces),
// and the text the edit removed kept, marked `deletion` — except this user's own open insertions,
// which are really removed, and someone else's, which stay theirs (rejecting them removes them). Edits that remove no text (Enter, a join of paragraphs) are made as
// they are, with any new text marked. Making text bold or italic (or not) is applied and recorded
// as a suggested change of formatting (suggest-formatting.ts). Other formatting and structure (a
// link, a heading, a quote, a list: any other step) are not suggested: they are made directly.
// Accepting and rejecting are plain edits (`resolveSuggestions`).
import { EditorState, Plugin, PluginKey, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { ySyncPluginKey } from 'y-prosemirror';
import { BODY_MARKS, bodySchema } from '../../../model/body-schema.ts';
import { newSuggestionId, type FormattingAttrs, type SuggestionAttrs, type SuggestionKind } from '../../../model/suggestion-marks.ts';
import { formattingRanges, suggestFormatting } from './suggest-formatting.ts';

/** Who suggests: the signed-in user. */
export interface SuggestAuthor {
  id: string;
  name: string;
}

/** Suggestion mode's state in an editor: on or off, and whose suggestions it makes. */
export interface SuggestModeState {
  on: boolean;
  author: SuggestAuthor;
}

/** The plugin's key: its state says whether the editor suggests. */
export const suggestModeKey = new PluginKey<SuggestModeState>('suggest-mode');

// Meta on a transaction the plugin must not rewrite (accepting, rejecting, its own rewrites) or that switches the mode.
const SKIP = 'suggest-mode-skip';

/** Suggestion mode for `author`, off at first. */
export function suggestModePlugin(author: SuggestAuthor): Plugin<SuggestModeState> {
  return new Plugin<SuggestModeState>({
    key: suggestModeKey,
    state: {
      init: () => ({ on: false, author }),
      apply: (tr, value) => {
        const on = tr.getMeta(suggestModeKey) as boolean | undefined;
        return on === undefined || on === value.on ? value : { ...value, on };
      },
    },
  });
}

/** Whether `state`'s editor is suggesting. */
export const isSuggesting = (state: EditorState): boolean => suggestModeKey.getState(state)?.on ?? false;

/** Turns suggestion mode on or off (`on` absent: toggles it). */
export const setSuggesting =
  (on?: boolean): Command =>
  (state, dispatch) => {
    dispatch?.(state.tr.setMeta(suggestModeKey, on ?? !isSuggesting(state)).setMeta(SKIP, true));
    return true;
  };

/** Options for tests: the clock and the ids of new suggestions. */
export interface SuggestOptions {
  now?: () => number;
  newId?: () => string;
}

const insertionType = bodySchema.marks[BODY_MARKS.insertion];
const deletionType = bodySchema.marks[BODY_MARKS.deletion];
const formattingType = bodySchema.marks[BODY_MARKS.formatting];

// The suggestion mark of `kind` on `node` by `author`, if any.
function ownMark(node: PMNode | null | undefined, kind: SuggestionKind, author: string): Mark | undefined {
  return node?.marks.find((m) => m.type.name === kind && (m.attrs as SuggestionAttrs).author === author);
}

// A mark for new suggested text: the one of the same kind right beside it, if it is this author's
// (typing on, or deleting on, continues one suggestion), else a new one.
function markFor(doc: PMNode, kind: SuggestionKind, from: number, to: number, author: SuggestAuthor, opts: SuggestOptions): Mark {
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  const beside = ownMark($from.nodeBefore, kind, author.id) ?? ownMark($to.nodeAfter, kind, author.id);
  if (beside) return beside;
  const attrs: SuggestionAttrs = { id: (opts.newId ?? newSuggestionId)(), author: author.id, authorName: author.name, at: (opts.now ?? Date.now)() };
  return bodySchema.marks[kind].create(attrs);
}

// Whether a transaction is this user's own change (not one the mode made, nor one from others).
function isLocal(tr: Transaction): boolean {
  if (!tr.docChanged || tr.getMeta(SKIP)) return false;
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return !sync?.isChangeOrigin;
}

// Whether a transaction is someone's local text edit this mode should turn into a suggestion.
function isLocalEdit(tr: Transaction): boolean {
  // prosemirror-transform is not a dependency of its own here: a step says its type in its JSON.
  return isLocal(tr) && tr.steps.every((step) => (step.toJSON() as { stepType?: string }).stepType === 'replace');
}

/** Marks the text in `from`–`to` of `tr`'s document as an insertion by `author`. */
function markInserted(tr: Transaction, from: number, to: number, author: SuggestAuthor, opts: SuggestOptions): void {
  if (from >= to || tr.doc.textBetween(from, to) === '') return;
  tr.addMark(from, to, markFor(tr.doc, 'insertion', from, to, author, opts));
}

/**
 * `tr` (made on `state`) as a suggestion when `state`'s editor is suggesting and `tr` is a local
 * edit; otherwise `tr` itself.
 */
export function suggestTransaction(state: EditorState, tr: Transaction, opts: SuggestOptions = {}): Transaction {
  const mode = suggestModeKey.getState(state);
  if (!mode?.on) return tr;
  const formatting = isLocal(tr) ? formattingRanges(tr) : null;
  if (formatting) {
    suggestFormatting(state.doc, tr.setMeta(SKIP, true), formatting, { author: mode.author, ...opts });
    return tr;
  }
  if (!isLocalEdit(tr)) return tr;
  const { author } = mode;
  const before = state.doc;
  const after = tr.doc;
  const start = before.content.findDiffStart(after.content);
  if (start === null) return tr;
  let { a: endA, b: endB } = before.content.findDiffEnd(after.content)!;
  // Where the same characters repeat, the two ends can overlap the start (as in prosemirror-view's change reading).
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  tr.setMeta(SKIP, true);
  // Nothing but structure removed (Enter, joining paragraphs): made as it is, new text marked.
  if (before.textBetween(start, endA) === '') {
    markInserted(tr, start, endB, author, opts);
    return tr;
  }
  const out = state.tr.setMeta(SKIP, true);
  for (const key of ['paste', 'uiEvent', 'addToHistory'] as const) if (tr.getMeta(key) !== undefined) out.setMeta(key, tr.getMeta(key));
  // The new content goes after the text it replaces, marked as inserted.
  out.replace(endA, endA, after.slice(start, endB));
  const insertedFrom = out.mapping.map(endA, -1);
  const insertedTo = out.mapping.map(endA, 1);
  markInserted(out, insertedFrom, insertedTo, author, opts);
  // The removed text stays, marked as deleted; this author's own open insertions really go; someone
  // else's open insertion stays as it is (a deletion mark would replace it: the marks exclude each other).
  const own: [number, number][] = [];
  const kept: [number, number][] = [];
  out.doc.nodesBetween(start, endA, (node, pos) => {
    if (!node.isText) return true;
    const from = Math.max(pos, start);
    const to = Math.min(pos + node.nodeSize, endA);
    if (ownMark(node, 'insertion', author.id)) own.push([from, to]);
    else if (!deletionType.isInSet(node.marks) && !insertionType.isInSet(node.marks)) kept.push([from, to]);
    return false;
  });
  // One edit is one suggestion, even where someone else's insertion splits what it deletes.
  let deletion: Mark | null = null;
  for (const [from, to] of kept) out.addMark(from, to, (deletion ??= markFor(out.doc, 'deletion', from, to, author, opts)));
  for (const [from, to] of own.reverse()) out.delete(from, to);
  out.setSelection(TextSelection.create(out.doc, caretAfter(state, out, start, endA, insertedFrom, insertedTo)));
  return out;
}

// Where the caret goes: after new text; before the deleted text after Backspace (the caret was at
// its end) or a selection's removal; after it after Delete (the caret was at its start).
function caretAfter(state: EditorState, out: Transaction, start: number, endA: number, insertedFrom: number, insertedTo: number): number {
  if (insertedTo > insertedFrom) return out.mapping.map(insertedTo);
  const { empty, head } = state.selection;
  const forward = empty && head === start && head !== endA;
  return forward ? out.mapping.map(endA, 1) : out.mapping.map(start, -1);
}

/** One open suggestion: its mark's attributes, kind and text, and where it is. */
export interface OpenSuggestion extends SuggestionAttrs {
  kind: SuggestionKind;
  /** A formatting suggestion's change (`formatting` only). */
  change?: Pick<FormattingAttrs, 'added' | 'removed'>;
  /** The text it inserts, deletes or formats (parts in different paragraphs joined by a space). */
  text: string;
  /** Its ranges in the document, in order. */
  ranges: { from: number; to: number }[];
}

/** The open suggestions in `doc`, in document order (by where each starts). */
export function openSuggestions(doc: PMNode): OpenSuggestion[] {
  const found = new Map<string, OpenSuggestion>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type !== insertionType && mark.type !== deletionType && mark.type !== formattingType) continue;
      const { added, removed, ...attrs } = mark.attrs as FormattingAttrs;
      const key = `${mark.type.name}:${attrs.id}`;
      const from = pos;
      const to = pos + node.nodeSize;
      const seen = found.get(key);
      if (!seen) {
        const change = mark.type === formattingType ? { change: { added, removed } } : {};
        found.set(key, { ...attrs, kind: mark.type.name as SuggestionKind, text: node.text!, ranges: [{ from, to }], ...change });
        continue;
      }
      const last = seen.ranges[seen.ranges.length - 1];
      if (last.to === from) {
        last.to = to;
        seen.text += node.text!;
      } else {
        seen.ranges.push({ from, to });
        seen.text += ` ${node.text!}`;
      }
    }
    return false;
  });
  return [...found.values()];
}

/** Which suggestions to settle: one (by kind and id), one person's (by user id), or all. */
export type SuggestionScope = { suggestion: { kind: SuggestionKind; id: string } } | { author: string } | 'all';

const inScope = (scope: SuggestionScope, s: OpenSuggestion) =>
  scope === 'all' || ('author' in scope ? s.author === scope.author : s.kind === scope.suggestion.kind && s.id === scope.suggestion.id);

// Settles a formatting suggestion: accepting keeps the formatting shown; rejecting takes off what
// it added and puts back what it removed. Either way its mark goes. Moves no text.
function resolveFormatting(tr: Transaction, s: OpenSuggestion, accept: boolean): void {
  const { kind: _kind, text: _text, ranges, change, ...attrs } = s;
  const mark = formattingType.create({ ...attrs, ...change });
  for (const { from, to } of ranges) {
    if (!accept) {
      for (const name of change!.added) tr.removeMark(from, to, bodySchema.marks[name]);
      for (const name of change!.removed) tr.addMark(from, to, bodySchema.marks[name].create());
    }
    tr.removeMark(from, to, mark);
  }
}

/**
 * Accepts (`accept` true) or rejects the suggestions in `scope`: accepting an insertion keeps its
 * text and drops the mark, accepting a deletion deletes the text; rejecting does the reverse.
 * Formatting is settled first, while no text has moved. A plain edit (null: nothing to settle).
 */
export function resolveSuggestions(state: EditorState, scope: SuggestionScope, accept: boolean): Transaction | null {
  const all = openSuggestions(state.doc).filter((s) => inScope(scope, s));
  if (all.length === 0) return null;
  const tr = state.tr.setMeta(SKIP, true);
  for (const s of all) if (s.kind === 'formatting') resolveFormatting(tr, s, accept);
  const chosen = all.filter((s) => s.kind !== 'formatting');
  const ranges = chosen.flatMap((s) => s.ranges.map((r) => ({ ...r, s })));
  // From the end back, so that earlier positions stay put.
  ranges.sort((x, y) => y.from - x.from);
  for (const { from, to, s } of ranges) {
    const type = s.kind === 'insertion' ? insertionType : deletionType;
    const removesText = (s.kind === 'insertion') !== accept;
    if (removesText) tr.delete(from, to);
    else tr.removeMark(from, to, type.create({ id: s.id, author: s.author, authorName: s.authorName, at: s.at }));
  }
  return tr;
}
