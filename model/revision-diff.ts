// What changed between two versions of a story, field by field and word by word (jsdiff),
// with the author of every inserted run and of every removed one where the document knows it.
import * as Y from 'yjs';
import { diffArrays, diffWordsWithSpace } from 'diff';
import { MAX_BODY_DEPTH } from './article-limits.ts';
import { bodyFragment, headlineText, META_KEYS, metaMap, pictureMaps, readPicture, standfirstText, type PictureField } from './article-schema.ts';
import { BODY_NODES } from './body-schema.ts';
import type { ArticleDiff, DiffSpan, FieldDiff, RevisionRef } from './api-types.ts';
import { authorRuns, mapValueAuthor, runsIn, type AuthorRun } from './text-authors.ts';
import { countWords } from './words.ts';

/** Maps a Yjs client id to the user who wrote with it, or null when unknown. */
export type AuthorOf = (client: number) => string | null;

/** A piece of text with who wrote each character. */
interface AuthoredText {
  text: string;
  runs: AuthorRun[];
}

/** A text block of the body (paragraph, heading, list item paragraph, quote paragraph). */
interface Block extends AuthoredText {
  kind: string;
}

const PICTURE_DIFF_FIELDS: { field: PictureField; label: string }[] = [
  { field: 'caption', label: 'caption' },
  { field: 'credit', label: 'credit' },
  { field: 'copyright', label: 'copyright' },
  { field: 'alt', label: 'alt text' },
];

const authored = (text: Y.Text): AuthoredText => ({ text: text.toString(), runs: authorRuns(text) });

// Text blocks in reading order; a block's text joins its Y.XmlText children. Nothing deeper than
// any body may nest (stored before the depth was capped) is read.
function blocksOf(parent: Y.XmlFragment | Y.XmlElement, out: Block[] = [], depth = 1): Block[] {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const texts = child.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText);
    if (texts.length > 0 || child.length === 0) {
      const parts = texts.map(authored);
      out.push({ kind: child.nodeName, text: parts.map((p) => p.text).join(''), runs: parts.flatMap((p) => p.runs) });
    } else if (depth < MAX_BODY_DEPTH) {
      blocksOf(child, out, depth + 1);
    }
  }
  return out;
}

const blockLabel = (block: Block, index: number) =>
  `${block.kind === BODY_NODES.heading ? 'Heading' : 'Paragraph'} ${index + 1}`;

// Splits characters [from, to) of `source` into spans of one author each (null: unknown).
function authoredSpans(kind: DiffSpan['kind'], source: AuthoredText, from: number, to: number, authorOf: AuthorOf): DiffSpan[] {
  const spans: DiffSpan[] = [];
  const push = (text: string, authorId: string | null) => {
    const last = spans[spans.length - 1];
    if (last && last.authorId === authorId) last.text += text;
    else spans.push({ kind, text, authorId });
  };
  let at = from;
  for (const run of runsIn(source.runs, from, to)) {
    push(source.text.slice(at, at + run.length), authorOf(run.client));
    at += run.length;
  }
  if (at < to) push(source.text.slice(at, to), null);
  return spans;
}

/** Word-level spans turning `before` into `after`; unchanged text has no author. */
export function diffTexts(before: AuthoredText, after: AuthoredText, authorOf: AuthorOf): DiffSpan[] {
  const spans: DiffSpan[] = [];
  let beforeAt = 0;
  let afterAt = 0;
  for (const change of diffWordsWithSpace(before.text, after.text)) {
    const length = change.value.length;
    if (change.added) {
      spans.push(...authoredSpans('added', after, afterAt, afterAt + length, authorOf));
      afterAt += length;
    } else if (change.removed) {
      spans.push(...authoredSpans('removed', before, beforeAt, beforeAt + length, authorOf));
      beforeAt += length;
    } else {
      spans.push({ kind: 'same', text: change.value, authorId: null });
      beforeAt += length;
      afterAt += length;
    }
  }
  return spans;
}

const changed = (spans: DiffSpan[]) => spans.some((s) => s.kind !== 'same');

function fieldDiff(key: string, label: string, before: AuthoredText, after: AuthoredText, authorOf: AuthorOf): FieldDiff | null {
  if (before.text === after.text) return null;
  const spans = diffTexts(before, after, authorOf);
  return changed(spans) ? { key, label, spans } : null;
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

function bodyDiffs(before: Block[], after: Block[], authorOf: AuthorOf): FieldDiff[] {
  const out: FieldDiff[] = [];
  const empty: AuthoredText = { text: '', runs: [] };
  let beforeIndex = 0;
  let afterIndex = 0;
  let removed: { block: Block; index: number }[] = [];
  const flushRemoved = () => {
    for (const { block, index } of removed) {
      const diff = fieldDiff(`body:removed:${index}`, `${blockLabel(block, index)} (removed)`, block, empty, authorOf);
      if (diff) out.push(diff);
    }
    removed = [];
  };
  // Align blocks by identical text; a removed block followed by an added one is an edit.
  for (const part of diffArrays(before, after, { comparator: (a, b) => a.text === b.text })) {
    const count = part.count ?? part.value.length;
    if (part.removed) {
      removed.push(...part.value.map((block, i) => ({ block, index: beforeIndex + i })));
      beforeIndex += count;
    } else if (part.added) {
      for (const block of part.value) {
        const partner = removed.shift();
        const label = blockLabel(block, afterIndex);
        const diff = fieldDiff(`body:${afterIndex}`, partner ? label : `${label} (new)`, partner?.block ?? empty, block, authorOf);
        if (diff) out.push(diff);
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

/** Every change from `before` to `after`, and how many words were added and removed. */
export function diffArticles(before: Y.Doc, after: Y.Doc, refs: { from: RevisionRef; to: RevisionRef }, authorOf: AuthorOf): Omit<ArticleDiff, 'authors'> {
  const fields: FieldDiff[] = [];
  const push = (diff: FieldDiff | null) => diff && fields.push(diff);
  push(fieldDiff('headline', 'Headline', authored(headlineText(before)), authored(headlineText(after)), authorOf));
  push(fieldDiff('standfirst', 'Standfirst', authored(standfirstText(before)), authored(standfirstText(after)), authorOf));
  push(fieldDiff('byline', 'Byline', mapText(before, META_KEYS.byline), mapText(after, META_KEYS.byline), authorOf));
  fields.push(...bodyDiffs(blocksOf(bodyFragment(before)), blocksOf(bodyFragment(after)), authorOf));

  const beforePictures = pictureTexts(before);
  const afterPictures = pictureTexts(after);
  const ids = [...new Set([...afterPictures.keys(), ...beforePictures.keys()])];
  ids.forEach((id, index) => {
    for (const { field, label } of PICTURE_DIFF_FIELDS) {
      const empty: AuthoredText = { text: '', runs: [] };
      push(fieldDiff(`picture:${id}:${field}`, `Picture ${index + 1} ${label}`, beforePictures.get(id)?.[field] ?? empty, afterPictures.get(id)?.[field] ?? empty, authorOf));
    }
  });

  const words = (kind: DiffSpan['kind']) =>
    countWords(fields.flatMap((f) => f.spans.filter((s) => s.kind === kind).map((s) => s.text)).join(' '));
  return { from: refs.from, to: refs.to, fields, wordsAdded: words('added'), wordsRemoved: words('removed') };
}
