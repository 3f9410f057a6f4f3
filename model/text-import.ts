// Plain-text import: a story file into a story. The format, as written by exportText:
//   - optional header lines at the very top, `Headline: …`, `Standfirst: …`, `Byline: …`
//     (label case-insensitive; only before the first paragraph; a repeated label wins last);
//   - one paragraph per non-blank line, trimmed; blank lines are ignored;
//   - `Picture Credit: NAME` anywhere is a picture credit, not a paragraph (an empty NAME is ignored);
//   - a line starting with a backslash followed by a label line or by another backslash is a
//     paragraph without that first backslash: how the export writes a paragraph that would
//     otherwise read as a label (`\Picture Credit: …` is the paragraph `Picture Credit: …`).
//     Any other backslash is plain text.
// \r\n and \r line ends, a leading BOM and surrounding whitespace are accepted.
import type * as Y from 'yjs';
import { addPicture, headlineText, META_KEYS, metaMap, replaceText, standfirstText } from './article-schema.ts';
import { appendParagraphs } from './body-tree.ts';

/** A story read from plain text, before it goes into a document. */
export interface ImportedStory {
  headline: string;
  standfirst: string;
  byline: string;
  paragraphs: string[];
  credits: string[];
}

/** The header labels of the text format, by story field, spelled as the export writes them. */
export const HEADER_LABELS = { headline: 'Headline', standfirst: 'Standfirst', byline: 'Byline' } as const;

/** The label of a picture credit line. */
export const CREDIT_LABEL = 'Picture Credit';

type HeaderField = keyof typeof HEADER_LABELS;

const ESCAPE = '\\';

// `Label: value`, label case-insensitive, any spacing; `s` lets the value hold U+2028/U+2029.
const labelPattern = (label: string) => new RegExp(`^${label.replace(' ', '\\s+')}\\s*:\\s*(.*)$`, 'is');

const CREDIT_PATTERN = labelPattern(CREDIT_LABEL);
const HEADER_PATTERNS = (Object.keys(HEADER_LABELS) as HeaderField[]).map(
  (field) => [field, labelPattern(HEADER_LABELS[field])] as const,
);

const isLabelLine = (line: string) => CREDIT_PATTERN.test(line) || HEADER_PATTERNS.some(([, pattern]) => pattern.test(line));

const isEscaped = (line: string) => line.startsWith(ESCAPE) && (line.startsWith(ESCAPE, 1) || isLabelLine(line.slice(1)));

/** A (trimmed, one-line) paragraph as the export writes it, so that parseStoryText reads it back unchanged. */
export function escapeParagraph(text: string): string {
  return isLabelLine(text) || isEscaped(text) ? ESCAPE + text : text;
}

/** Reads a plain-text story file. */
export function parseStoryText(text: string): ImportedStory {
  const story: ImportedStory = { headline: '', standfirst: '', byline: '', paragraphs: [], credits: [] };
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const credit = CREDIT_PATTERN.exec(line);
    if (credit) {
      if (credit[1]) story.credits.push(credit[1]);
      continue;
    }
    const header = story.paragraphs.length === 0 ? HEADER_PATTERNS.find(([, pattern]) => pattern.test(line)) : undefined;
    if (header) story[header[0]] = header[1].exec(line)?.[1] ?? '';
    else story.paragraphs.push(isEscaped(line) ? line.slice(1) : line);
  }
  return story;
}

/**
 * Writes an imported story into a document in one transaction: sets the non-empty headline,
 * standfirst and byline, appends the paragraphs, and adds one picture per credit (no image yet).
 */
export function importStoryIntoDoc(doc: Y.Doc, story: ImportedStory, newId: () => string): void {
  doc.transact(() => {
    if (story.headline) replaceText(headlineText(doc), story.headline);
    if (story.standfirst) replaceText(standfirstText(doc), story.standfirst);
    if (story.byline) metaMap(doc).set(META_KEYS.byline, story.byline);
    if (story.paragraphs.length > 0) appendParagraphs(doc, story.paragraphs);
    for (const credit of story.credits) addPicture(doc, { id: newId(), credit, hash: '' });
  });
}
