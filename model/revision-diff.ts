// What changed between two versions of a story, field by field and word by word (jsdiff),
// with the author of every inserted run and of every removed one where the document knows it.
// Bounded: jsdiff may look for at most `maxEditLength` edits in one text (or in the body's
// paragraph alignment) and the whole comparison has `timeoutMs`; past either bound that part is
// compared coarsely (a passage replaced whole, paragraphs paired in order) and the answer says so.
import * as Y from 'yjs';
import { diffArrays, diffWordsWithSpace } from 'diff';
import { MAX_BODY_DEPTH } from './article-limits.ts';
import { bodyFragment, headlineText, META_KEYS, metaMap, pictureMaps, readPicture, standfirstText, type PictureField } from './article-schema.ts';
import { BODY_NODES } from './body-schema.ts';
import { markNameOf } from './body-rules.ts';
import { SUGGESTION_KINDS, type SuggestionKind } from './suggestion-marks.ts';
import type { ArticleDiff, DiffSpan, FieldDiff, RevisionRef } from './api-types.ts';
import { authoredText, mapValueAuthor, RunCursor, type AuthoredText } from './text-authors.ts';
import { countWords } from './words.ts';

/** Maps a Yjs client id to the user who wrote with it, or null when unknown. */
export type AuthorOf = (client: number) => string | null;

/** Characters [from, to) of a block's text that are an open suggestion of `kind`. */
interface SuggestedRange {
  from: number;
  to: number;
  kind: SuggestionKind;
}

/** A text block of the body (paragraph, heading, list item paragraph, quote paragraph). */
interface Block extends AuthoredText {
  kind: string;
  suggestions: SuggestedRange[];
}

// The open suggestions in `texts` (one block's), as ranges of the block's text (embeds are not text, as in authoredText).
function suggestedRanges(texts: Y.XmlText[]): SuggestedRange[] {
  const ranges: SuggestedRange[] = [];
  let at = 0;
  for (const text of texts) {
    for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      if (typeof op.insert !== 'string') continue;
      const marks = Object.keys(op.attributes ?? {}).map(markNameOf);
      // A suggested deletion whose formatting someone also suggests changing reads as the deletion.
      const kind = (SUGGESTION_KINDS as readonly string[]).find((name) => marks.includes(name)) as SuggestionKind | undefined;
      if (kind) ranges.push({ from: at, to: at + op.insert.length, kind });
      at += op.insert.length;
    }
  }
  return ranges;
}

// `spans` with the added and unchanged text that is an open suggestion in the newer version (`ranges`) split off and marked.
function markSuggested(spans: DiffSpan[], ranges: SuggestedRange[]): DiffSpan[] {
  if (ranges.length === 0) return spans;
  const out: DiffSpan[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.kind === 'removed') {
      out.push(span);
      continue;
    }
    const end = at + span.text.length;
    let from = at;
    for (const range of ranges) {
      if (range.to <= from || range.from >= end) continue;
      if (range.from > from) out.push({ ...span, text: span.text.slice(from - at, range.from - at) });
      const to = Math.min(range.to, end);
      out.push({ ...span, text: span.text.slice(Math.max(range.from, from) - at, to - at), suggestion: range.kind });
      from = to;
    }
    if (from < end) out.push({ ...span, text: span.text.slice(from - at) });
    at = end;
  }
  return out;
}

const PICTURE_DIFF_FIELDS: { field: PictureField; label: string }[] = [
  { field: 'caption', label: 'caption' },
  { field: 'credit', label: 'credit' },
  { field: 'copyright', label: 'copyright' },
  { field: 'alt', label: 'alt text' },
];

// Text blocks in reading order; a block's text joins its Y.XmlText children. Nothing deeper than
// any body may nest (stored before the depth was capped) is read.
function blocksOf(parent: Y.XmlFragment | Y.XmlElement, out: Block[] = [], depth = 1): Block[] {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const texts = child.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText);
    if (texts.length > 0 || child.length === 0) {
      const parts = texts.map(authoredText);
      out.push({ kind: child.nodeName, text: parts.map((p) => p.text).join(''), runs: parts.flatMap((p) => p.runs), suggestions: suggestedRanges(texts) });
    } else if (depth < MAX_BODY_DEPTH) {
      blocksOf(child, out, depth + 1);
    }
  }
  return out;
}

const blockLabel = (block: Block, index: number) =>
  `${block.kind === BODY_NODES.heading ? 'Heading' : 'Paragraph'} ${index + 1}`;

/** How far a comparison may go before it turns coarse. */
export interface DiffLimits {
  /** Most edits (words and spaces added plus removed) jsdiff looks for in one text, or paragraphs in the body's alignment. */
  maxEditLength: number;
  /** Time for the whole word-by-word comparison, in ms; what is left after it is compared coarsely. */
  timeoutMs: number;
}

/**
 * Generous for real stories (a paragraph rewritten by 500 words, 500 paragraphs replaced),
 * and at most a few hundred ms of jsdiff per text on a two-core server (jsdiff's cost grows with
 * the square of the edits: 1,000 edits took 150 ms, 2,000 took 600 ms).
 */
export const DEFAULT_DIFF_LIMITS: DiffLimits = { maxEditLength: 1000, timeoutMs: 2000 };

/** Why a comparison turned coarse, as the answer says it. */
export const COARSE_REASONS = {
  passage: 'some passages changed too much to compare word by word and are shown replaced whole',
  paragraphs: 'so many paragraphs changed that they are paired in order instead of matched',
  time: 'the comparison ran out of time, so the rest is shown replaced whole',
} as const;

type CoarseReason = keyof typeof COARSE_REASONS;

/** One comparison's budget: jsdiff's limits, a deadline, and why any part went coarse. */
class Budget {
  readonly reasons = new Set<CoarseReason>();
  private readonly deadline: number;

  constructor(private readonly limits: DiffLimits) {
    this.deadline = Date.now() + limits.timeoutMs;
  }

  /** jsdiff's abort options for the next call, or null once the time is spent. */
  options(): { maxEditLength: number; timeout: number } | null {
    const left = this.deadline - Date.now();
    return left > 0 ? { maxEditLength: this.limits.maxEditLength, timeout: left } : null;
  }

  /** Notes that jsdiff gave up (or was never asked): on time, or else for `reason`. */
  gaveUp(reason: CoarseReason): void {
    this.reasons.add(Date.now() >= this.deadline ? 'time' : reason);
  }

  /** The answer's sentence, or undefined when nothing went coarse. */
  sentence(): string | undefined {
    if (this.reasons.size === 0) return undefined;
    const text = [...this.reasons].map((reason) => COARSE_REASONS[reason]).join('; ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  }
}

// Splits characters [from, to) of `source` (read through `cursor`) into spans of one author each (null: unknown).
function authoredSpans(kind: DiffSpan['kind'], source: AuthoredText, cursor: RunCursor, from: number, to: number, authorOf: AuthorOf): DiffSpan[] {
  const spans: DiffSpan[] = [];
  const push = (text: string, authorId: string | null) => {
    const last = spans[spans.length - 1];
    if (last && last.authorId === authorId) last.text += text;
    else spans.push({ kind, text, authorId });
  };
  let at = from;
  for (const run of cursor.take(from, to)) {
    push(source.text.slice(at, at + run.length), authorOf(run.client));
    at += run.length;
  }
  if (at < to) push(source.text.slice(at, to), null);
  return spans;
}

const sameSpan = (text: string): DiffSpan[] => (text === '' ? [] : [{ kind: 'same', text, authorId: null }]);

// How many leading characters `a` and `b` share, cut back to the end of a word.
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let n = 0;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  if (n === a.length && n === b.length) return n;
  while (n > 0 && !/\s/.test(a[n - 1])) n--;
  return n;
}

// How many trailing characters `a` and `b` share outside their first `skip`, cut back to the start of a word.
function commonSuffix(a: string, b: string, skip: number): number {
  const limit = Math.min(a.length, b.length) - skip;
  let n = 0;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  while (n > 0 && !/\s/.test(a[a.length - n])) n--;
  return n;
}

// The coarse comparison of two texts: the common start and end kept, everything between replaced whole.
function replacedWhole(before: AuthoredText, after: AuthoredText, authorOf: AuthorOf): DiffSpan[] {
  const start = commonPrefix(before.text, after.text);
  const end = commonSuffix(before.text, after.text, start);
  return [
    ...sameSpan(before.text.slice(0, start)),
    ...authoredSpans('removed', before, new RunCursor(before.runs), start, before.text.length - end, authorOf),
    ...authoredSpans('added', after, new RunCursor(after.runs), start, after.text.length - end, authorOf),
    ...sameSpan(before.text.slice(before.text.length - end)),
  ];
}

// The spans for characters [b0, b1) of `before` replaced by [a0, a1) of `after` (either may be
// empty). Where one passage holds the other whole between their common start and end (letters
// typed into a word or cut from it), only the difference is marked: the letters that stayed are
// not shown as inserted by whoever first wrote them. Otherwise the words are replaced whole.
function replacement(before: AuthoredText, after: AuthoredText, cursors: { before: RunCursor; after: RunCursor }, [b0, b1]: number[], [a0, a1]: number[], authorOf: AuthorOf): DiffSpan[] {
  const removed = before.text.slice(b0, b1);
  const added = after.text.slice(a0, a1);
  let start = 0;
  while (start < removed.length && start < added.length && removed[start] === added[start]) start++;
  let end = 0;
  while (end < removed.length - start && end < added.length - start && removed[removed.length - 1 - end] === added[added.length - 1 - end]) end++;
  if (start + end < removed.length && start + end < added.length) start = end = 0;
  return [
    ...sameSpan(added.slice(0, start)),
    ...authoredSpans('removed', before, cursors.before, b0 + start, b1 - end, authorOf),
    ...authoredSpans('added', after, cursors.after, a0 + start, a1 - end, authorOf),
    ...sameSpan(added.slice(added.length - end)),
  ];
}

// Word-level spans turning `before` into `after` (unchanged text has no author); `coarse` when the budget forced replacedWhole.
function diffTexts(before: AuthoredText, after: AuthoredText, authorOf: AuthorOf, budget: Budget): { spans: DiffSpan[]; coarse: boolean } {
  const options = budget.options();
  const changes = options ? diffWordsWithSpace(before.text, after.text, options) : undefined;
  if (!changes) {
    budget.gaveUp('passage');
    return { spans: replacedWhole(before, after, authorOf), coarse: true };
  }
  const spans: DiffSpan[] = [];
  const push = (span: DiffSpan) => {
    const last = spans[spans.length - 1];
    if (span.kind === 'same' && last?.kind === 'same') last.text += span.text;
    else spans.push(span);
  };
  const cursors = { before: new RunCursor(before.runs), after: new RunCursor(after.runs) };
  let beforeAt = 0;
  let afterAt = 0;
  // Where the current run of removed and added changes started, in each text.
  let changeFrom: [number, number] | null = null;
  const flush = () => {
    if (changeFrom) replacement(before, after, cursors, [changeFrom[0], beforeAt], [changeFrom[1], afterAt], authorOf).forEach(push);
    changeFrom = null;
  };
  for (const change of changes) {
    const length = change.value.length;
    if (change.added || change.removed) {
      changeFrom ??= [beforeAt, afterAt];
      if (change.added) afterAt += length;
      else beforeAt += length;
    } else {
      flush();
      push({ kind: 'same', text: change.value, authorId: null });
      beforeAt += length;
      afterAt += length;
    }
  }
  flush();
  return { spans, coarse: false };
}

const changed = (spans: DiffSpan[]) => spans.some((s) => s.kind !== 'same');

function fieldDiff(key: string, label: string, before: AuthoredText, after: AuthoredText, authorOf: AuthorOf, budget: Budget): FieldDiff | null {
  if (before.text === after.text) return null;
  const { spans, coarse } = diffTexts(before, after, authorOf, budget);
  if (!changed(spans)) return null;
  return coarse ? { key, label, spans, coarse } : { key, label, spans };
}

// A plain map value: one author (whoever set it last) for the whole value.
function mapText(doc: Y.Doc, key: string): AuthoredText {
  const value = metaMap(doc).get(key);
  const text = typeof value === 'string' ? value : '';
  const client = mapValueAuthor(metaMap(doc), key);
  return { text, runs: client === null || text === '' ? [] : [{ client, length: text.length }] };
}

function pictureTexts(doc: Y.Doc): Map<string, Record<string, AuthoredText>> {
  const pictures = new Map<string, Record<string, AuthoredText>>();
  for (const map of pictureMaps(doc)) {
    const picture = readPicture(map);
    const fields: Record<string, AuthoredText> = {};
    for (const { field } of PICTURE_DIFF_FIELDS) {
      const client = mapValueAuthor(map as Y.Map<unknown>, field);
      const text = picture[field];
      fields[field] = { text, runs: client === null || text === '' ? [] : [{ client, length: text.length }] };
    }
    pictures.set(picture.id, fields);
  }
  return pictures;
}

/** A stretch of the body's alignment: blocks in both versions, only in the old one (removed) or only in the new one (added). */
interface BlockPart {
  value: Block[];
  added: boolean;
  removed: boolean;
}

// The coarse alignment: identical blocks at the start and at the end kept, the blocks between
// removed and added in order (so the loop below pairs them up by position).
function alignedInOrder(before: Block[], after: Block[]): BlockPart[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start].text === after[start].text) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end].text === after[after.length - 1 - end].text) end++;
  const parts: BlockPart[] = [
    { value: before.slice(0, start), added: false, removed: false },
    { value: before.slice(start, before.length - end), added: false, removed: true },
    { value: after.slice(start, after.length - end), added: true, removed: false },
    { value: before.slice(before.length - end), added: false, removed: false },
  ];
  return parts.filter((part) => part.value.length > 0);
}

// Blocks aligned by identical text (jsdiff, within the budget), else in order.
function alignBlocks(before: Block[], after: Block[], budget: Budget): BlockPart[] {
  const options = budget.options();
  const parts = options ? diffArrays(before, after, { comparator: (a, b) => a.text === b.text, ...options }) : undefined;
  if (parts) return parts;
  budget.gaveUp('paragraphs');
  return alignedInOrder(before, after);
}

function bodyDiffs(before: Block[], after: Block[], authorOf: AuthorOf, budget: Budget): FieldDiff[] {
  const out: FieldDiff[] = [];
  const empty: AuthoredText = { text: '', runs: [] };
  let beforeIndex = 0;
  let afterIndex = 0;
  let removed: { block: Block; index: number }[] = [];
  const flushRemoved = () => {
    for (const { block, index } of removed) {
      const diff = fieldDiff(`body:removed:${index}`, `${blockLabel(block, index)} (removed)`, block, empty, authorOf, budget);
      if (diff) out.push(diff);
    }
    removed = [];
  };
  // A removed block followed by an added one is an edit of it.
  for (const part of alignBlocks(before, after, budget)) {
    const count = part.value.length;
    if (part.removed) {
      removed.push(...part.value.map((block, i) => ({ block, index: beforeIndex + i })));
      beforeIndex += count;
    } else if (part.added) {
      for (const block of part.value) {
        const partner = removed.shift();
        const label = blockLabel(block, afterIndex);
        const diff = fieldDiff(`body:${afterIndex}`, partner ? label : `${label} (new)`, partner?.block ?? empty, block, authorOf, budget);
        if (diff) out.push({ ...diff, spans: markSuggested(diff.spans, block.suggestions) });
        afterIndex++;
      }
      flushRemoved();
    } else {
      flushRemoved();
      beforeIndex += count;
      afterIndex += count;
    }
  }
  flushRemoved();
  return out;
}

/**
 * Every change from `before` to `after`, and how many words were added and removed, within
 * `limits`: `coarse` (with `coarseReason`) when any part had to be compared coarsely.
 */
export function diffArticles(
  before: Y.Doc,
  after: Y.Doc,
  refs: { from: RevisionRef; to: RevisionRef },
  authorOf: AuthorOf,
  limits: DiffLimits = DEFAULT_DIFF_LIMITS,
): Omit<ArticleDiff, 'authors'> {
  const budget = new Budget(limits);
  const fields: FieldDiff[] = [];
  const push = (diff: FieldDiff | null) => diff && fields.push(diff);
  const field = (key: string, label: string, a: AuthoredText, b: AuthoredText) => push(fieldDiff(key, label, a, b, authorOf, budget));
  field('headline', 'Headline', authoredText(headlineText(before)), authoredText(headlineText(after)));
  field('standfirst', 'Standfirst', authoredText(standfirstText(before)), authoredText(standfirstText(after)));
  field('byline', 'Byline', mapText(before, META_KEYS.byline), mapText(after, META_KEYS.byline));
  fields.push(...bodyDiffs(blocksOf(bodyFragment(before)), blocksOf(bodyFragment(after)), authorOf, budget));

  const beforePictures = pictureTexts(before);
  const afterPictures = pictureTexts(after);
  const ids = [...new Set([...afterPictures.keys(), ...beforePictures.keys()])];
  const empty: AuthoredText = { text: '', runs: [] };
  ids.forEach((id, index) => {
    for (const { field: name, label } of PICTURE_DIFF_FIELDS) {
      field(`picture:${id}:${name}`, `Picture ${index + 1} ${label}`, beforePictures.get(id)?.[name] ?? empty, afterPictures.get(id)?.[name] ?? empty);
    }
  });

  const words = (kind: DiffSpan['kind']) =>
    countWords(fields.flatMap((f) => f.spans.filter((s) => s.kind === kind).map((s) => s.text)).join(' '));
  const coarseReason = budget.sentence();
  return {
    from: refs.from,
    to: refs.to,
    fields,
    wordsAdded: words('added'),
    wordsRemoved: words('removed'),
    coarse: coarseReason !== undefined,
    ...(coarseReason === undefined ? {} : { coarseReason }),
  };
}
