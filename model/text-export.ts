// Plain-text export: the story in the format parseStoryText reads (see model/text-import.ts).
//
// parseStoryText(exportText(doc)) gives back the headline, standfirst, byline, paragraphs and
// credits, normalised as follows (the import could not tell otherwise):
//   - line breaks inside a field, paragraph or credit, with the whitespace around them,
//     become one space; leading and trailing whitespace is dropped;
//   - empty (or whitespace-only) paragraphs, credits and header fields are left out;
//   - each text block (paragraph, heading, list item paragraph, quoted paragraph) becomes a
//     plain paragraph: headings, lists, quotes and marks are not kept;
//   - pictures without a credit are left out (the text format only carries credits).
// A paragraph that would read as a label line is escaped with a backslash (escapeParagraph),
// so it round-trips as a paragraph.
import type * as Y from 'yjs';
import { headlineText, readByline, readPictures, standfirstText } from './article-schema.ts';
import { blockText, readBody, textBlocks } from './body-tree.ts';
import { CREDIT_LABEL, escapeParagraph, HEADER_LABELS } from './text-import.ts';

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

const headerLine = (label: string, value: string) => {
  const text = oneLine(value);
  return text ? [`${label}: ${text}`] : [];
};

/** The story as plain text: header lines, a blank line, paragraphs separated by blank lines, credit lines. */
export function exportText(doc: Y.Doc): string {
  const header = [
    ...headerLine(HEADER_LABELS.headline, headlineText(doc).toString()),
    ...headerLine(HEADER_LABELS.standfirst, standfirstText(doc).toString()),
    ...headerLine(HEADER_LABELS.byline, readByline(doc)),
  ];
  const paragraphs = textBlocks(readBody(doc))
    .map((block) => oneLine(blockText(block)))
    .filter((text) => text !== '')
    .map(escapeParagraph);
  const credits = readPictures(doc)
    .map((picture) => oneLine(picture.credit))
    .filter((credit) => credit !== '')
    .map((credit) => `${CREDIT_LABEL}: ${credit}`);
  const sections = [header.join('\n'), paragraphs.join('\n\n'), credits.join('\n')].filter((s) => s !== '');
  return sections.length > 0 ? `${sections.join('\n\n')}\n` : '';
}
