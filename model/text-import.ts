// Plain-text import: a story file into a story. The format, as written by exportText:
//   - optional header lines at the very top, `Headline: …`, `Standfirst: …`, `Byline: …`
//     (label case-insensitive; only before the first paragraph; a repeated label wins last);
//   - one paragraph per non-blank line, trimmed; blank lines are ignored;
//   - without a `Headline:` line, a first paragraph that reads as a headline (firstLineIsHeadline)
//     is the headline, when more paragraphs follow; otherwise the headline stays empty for the
//     reporter to write. An empty `Headline:` line says "no headline" (the first paragraph stays one);
//   - `Picture Caption: TEXT` and `Picture Credit: NAME` anywhere describe pictures, not paragraphs:
//     a caption belongs to the credit line right after it; a credit without a caption before it,
//     or a caption not followed by a credit, is a picture of its own (an empty TEXT or NAME is ignored);
//   - a line starting with a backslash followed by a label line or by another backslash is a
//     paragraph without that first backslash: how the export writes a paragraph that would
//     otherwise read as a label (`\Picture Credit: …` is the paragraph `Picture Credit: …`).
//     Any other backslash is plain text.
// \r\n and \r line ends, a leading BOM and surrounding whitespace are accepted.
import type * as Y from 'yjs';
import { addPicture, headlineText, META_KEYS, metaMap, replaceText, standfirstText } from './article-schema.ts';
import { appendParagraphs } from './body-tree.ts';

/** A picture read from plain text: its caption and credit (either may be ''), no image yet. */
export interface ImportedPicture {
  caption: string;
  credit: string;
}

/** A story read from plain text, before it goes into a document. */
export interface ImportedArticle {
  headline: string;
  standfirst: string;
  byline: string;
  paragraphs: string[];
  pictures: ImportedPicture[];
}

/** The header labels of the text format, by story field, spelled as the export writes them. */
export const HEADER_LABELS = { headline: 'Headline', standfirst: 'Standfirst', byline: 'Byline' } as const;

/** The label of a picture credit line. */
export const CREDIT_LABEL = 'Picture Credit';

/** The label of a picture caption line (written right before the picture's credit line). */
export const CAPTION_LABEL = 'Picture Caption';

/** The longest first paragraph taken as a headline, in characters and in words. */
export const INFERRED_HEADLINE_MAX = { chars: 120, words: 16 } as const;

type HeaderField = keyof typeof HEADER_LABELS;

const ESCAPE = '\\';

// `Label: value`, label case-insensitive, any spacing; `s` lets the value hold U+2028/U+2029.
const labelPattern = (label: string) => new RegExp(`^${label.replace(' ', '\\s+')}\\s*:\\s*(.*)$`, 'is');

const CREDIT_PATTERN = labelPattern(CREDIT_LABEL);
const CAPTION_PATTERN = labelPattern(CAPTION_LABEL);
const HEADER_PATTERNS = (Object.keys(HEADER_LABELS) as HeaderField[]).map(
  (field) => [field, labelPattern(HEADER_LABELS[field])] as const,
);

const isLabelLine = (line: string) =>
  CREDIT_PATTERN.test(line) || CAPTION_PATTERN.test(line) || HEADER_PATTERNS.some(([, pattern]) => pattern.test(line));

const isEscaped = (line: string) => line.startsWith(ESCAPE) && (line.startsWith(ESCAPE, 1) || isLabelLine(line.slice(1)));

// A sentence ends with one of these (then maybe closing quotes or brackets); a headline does not.
// `?` and `!` are left out: "Is the bridge safe?" is a headline.
const SENTENCE_END = /[.,;:\u2026]["'\u2019\u201d)\]]*$/;

/** A (trimmed, one-line) paragraph as the export writes it, so that parseArticleText reads it back unchanged. */
export function escapeParagraph(text: string): string {
  return isLabelLine(text) || isEscaped(text) ? ESCAPE + text : text;
}

/**
 * Whether `line`, the first paragraph line of a file without a `Headline:` line, reads as a
 * headline: not escaped, at most INFERRED_HEADLINE_MAX long, not ending like a sentence.
 */
export function firstLineIsHeadline(line: string): boolean {
  return (
    !isEscaped(line) &&
    line.length <= INFERRED_HEADLINE_MAX.chars &&
    line.split(/\s+/).length <= INFERRED_HEADLINE_MAX.words &&
    !SENTENCE_END.test(line)
  );
}

/** Reads a plain-text story file. */
export function parseArticleText(text: string): ImportedArticle {
  const article: ImportedArticle = { headline: '', standfirst: '', byline: '', paragraphs: [], pictures: [] };
  let headlineLine = false;
  let firstLine = '';
  // A caption waiting for the credit line that may follow it.
  let caption: ImportedPicture | null = null;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const credit = CREDIT_PATTERN.exec(line)?.[1];
    if (credit !== undefined) {
      if (credit) article.pictures.push({ caption: caption?.caption ?? '', credit });
      else if (caption) article.pictures.push(caption);
      caption = null;
      continue;
    }
    if (caption) article.pictures.push(caption);
    caption = null;
    const captionText = CAPTION_PATTERN.exec(line)?.[1];
    if (captionText !== undefined) {
      if (captionText) caption = { caption: captionText, credit: '' };
      continue;
    }
    const header = article.paragraphs.length === 0 ? HEADER_PATTERNS.find(([, pattern]) => pattern.test(line)) : undefined;
    if (header) {
      article[header[0]] = header[1].exec(line)?.[1] ?? '';
      if (header[0] === 'headline') headlineLine = true;
      continue;
    }
    if (article.paragraphs.length === 0) firstLine = line;
    article.paragraphs.push(isEscaped(line) ? line.slice(1) : line);
  }
  if (caption) article.pictures.push(caption);
  if (!headlineLine && article.paragraphs.length > 1 && firstLineIsHeadline(firstLine)) article.headline = article.paragraphs.shift()!;
  return article;
}

/**
 * Writes an imported story into a document in one transaction: sets the non-empty headline,
 * standfirst and byline, appends the paragraphs, and adds its pictures (no image yet).
 */
export function importArticleIntoDoc(doc: Y.Doc, article: ImportedArticle, newId: () => string): void {
  doc.transact(() => {
    if (article.headline) replaceText(headlineText(doc), article.headline);
    if (article.standfirst) replaceText(standfirstText(doc), article.standfirst);
    if (article.byline) metaMap(doc).set(META_KEYS.byline, article.byline);
    if (article.paragraphs.length > 0) appendParagraphs(doc, article.paragraphs);
    for (const { caption, credit } of article.pictures) addPicture(doc, { id: newId(), caption, credit, hash: '' });
  });
}
