// The body as plain data: read the Y.XmlFragment that y-prosemirror writes into a small
// tree the exports walk, and write plain paragraphs into it (the text import).
import * as Y from 'yjs';
import { MAX_BODY_DEPTH } from './article-limits.ts';
import { bodyFragment } from './article-schema.ts';
import { markNameOf, markProblem } from './body-rules.ts';
import { BODY_NODES, BODY_MARKS } from './body-schema.ts';
import { inNote } from './notes.ts';
import { suggestionAttrsProblem, type FormattingAttrs, type SuggestionAttrs } from './suggestion-marks.ts';

/** A run of text with its marks; `href` is set when the run is a link. */
export interface TextRun {
  text: string;
  strong: boolean;
  em: boolean;
  href?: string;
  /** Set when the run is a suggested insertion (exports leave it out: see publishedBlocks). */
  insertion?: SuggestionAttrs;
  /** Set when the run is suggested for deletion (still part of the text until accepted). */
  deletion?: SuggestionAttrs;
  /** Set when the run's formatting (`strong`, `em`: as shown) is a suggested change (exports publish the original: see publishedBlocks). */
  formatting?: FormattingAttrs;
}

// A suggestion mark's attributes as read, or undefined when malformed (stored before they were checked): then the run reads as plain text.
const suggestionOf = (value: unknown): SuggestionAttrs | undefined =>
  typeof value === 'object' && value !== null && suggestionAttrsProblem(value as Record<string, unknown>) === null ? { ...(value as SuggestionAttrs) } : undefined;

// A formatting suggestion's attributes as read, or undefined when malformed (then the run's formatting reads as it is shown).
const formattingOf = (value: unknown): FormattingAttrs | undefined =>
  markProblem(BODY_MARKS.formatting, value) === null && value !== null ? structuredClone(value as FormattingAttrs) : undefined;

/** A block of the body: its element name, attributes, and either runs or child blocks. */
export interface BodyBlock {
  type: string;
  attrs: Record<string, unknown>;
  runs: TextRun[];
  children: BodyBlock[];
}

function runsOf(text: Y.XmlText): TextRun[] {
  const runs: TextRun[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    // Notes never publish (model/notes.ts): their text is not read at all.
    if (typeof op.insert !== 'string' || inNote(op.attributes)) continue;
    const run: TextRun = { text: op.insert, strong: false, em: false };
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const type = markNameOf(key);
      if (type === BODY_MARKS.strong) run.strong = true;
      else if (type === BODY_MARKS.em) run.em = true;
      else if (type === BODY_MARKS.link) {
        const href = (value as { href?: unknown } | null)?.href;
        if (typeof href === 'string') run.href = href;
      } else if (type === BODY_MARKS.insertion || type === BODY_MARKS.deletion) {
        const attrs = suggestionOf(value);
        if (attrs) run[type] = attrs;
      } else if (type === BODY_MARKS.formatting) {
        const attrs = formattingOf(value);
        if (attrs) run.formatting = attrs;
      }
    }
    runs.push(run);
  }
  return runs;
}

// Elements nested deeper than any body may (stored before the depth was capped) are left out. A
// block that held only notes (or only such blocks) is null: left out, not published empty.
function blockOf(element: Y.XmlElement, depth: number): BodyBlock | null {
  const block: BodyBlock = { type: element.nodeName, attrs: element.getAttributes(), runs: [], children: [] };
  let leftOut = false;
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      const runs = runsOf(child);
      leftOut ||= runs.length === 0 && child.length > 0;
      block.runs.push(...runs);
    } else if (child instanceof Y.XmlElement && depth < MAX_BODY_DEPTH) {
      const inner = blockOf(child, depth + 1);
      if (inner) block.children.push(inner);
      else leftOut = true;
    }
  }
  return leftOut && block.runs.length === 0 && block.children.length === 0 ? null : block;
}

/** The body's published blocks as plain data, in order; notes, whatever is not an element, and anything deeper than MAX_BODY_DEPTH are left out. */
export function readBody(doc: Y.Doc): BodyBlock[] {
  return bodyFragment(doc)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)
    .map((element) => blockOf(element, 1))
    .filter((block) => block !== null);
}

// A run with its original formatting: a suggested change of formatting undone (it is not accepted yet).
function originalRun({ formatting, ...run }: TextRun): TextRun {
  if (!formatting) return run;
  const had = (mark: string, shown: boolean) => formatting.removed.includes(mark) || (shown && !formatting.added.includes(mark));
  return { ...run, strong: had(BODY_MARKS.strong, run.strong), em: had(BODY_MARKS.em, run.em) };
}

/** `blocks` as they are published: suggested insertions left out, suggested deletions kept as plain text, suggested formatting as it was (none is accepted yet). */
export function publishedBlocks(blocks: BodyBlock[]): BodyBlock[] {
  return blocks.map((block) => ({
    ...block,
    runs: block.runs.filter((run) => !run.insertion).map(({ insertion: _insertion, deletion: _deletion, ...run }) => originalRun(run)),
    children: publishedBlocks(block.children),
  }));
}

/** The body's blocks as every export carries them (see publishedBlocks). */
export const readPublishedBody = (doc: Y.Doc): BodyBlock[] => publishedBlocks(readBody(doc));

/** The plain text of a block and everything inside it. */
export function blockText(block: BodyBlock): string {
  return block.runs.map((r) => r.text).join('') + block.children.map(blockText).join(' ');
}

/** Every text-bearing block (paragraph or heading) in document order, lists and quotes flattened. */
export function textBlocks(blocks: BodyBlock[]): BodyBlock[] {
  return blocks.flatMap((b) => (b.children.length > 0 ? textBlocks(b.children) : [b]));
}

/** Builds a paragraph element holding `text`, ready to insert into the body. */
export function createParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
  const content = new Y.XmlText();
  content.insert(0, text);
  paragraph.insert(0, [content]);
  return paragraph;
}

/** Appends plain paragraphs to the end of the body. */
export function appendParagraphs(doc: Y.Doc, paragraphs: string[]): void {
  const body = bodyFragment(doc);
  doc.transact(() => body.insert(body.length, paragraphs.map(createParagraph)));
}
