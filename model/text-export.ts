// Plain-text export: the story in the format parseArticleText reads (see model/text-import.ts).
//
// parseArticleText(exportText(doc)) gives back the headline, standfirst, byline, paragraphs and
// pictures' captions and credits, normalised as follows (the import could not tell otherwise):
//   - line breaks inside a field, paragraph, caption or credit, with the whitespace around them,
//     become one space; leading and trailing whitespace is dropped;
//   - empty (or whitespace-only) paragraphs, captions, credits and header fields are left out;
//   - each text block (paragraph, heading, list item paragraph, quoted paragraph) becomes a
//     plain paragraph: headings, lists, quotes and marks are not kept;
//   - pictures with neither caption nor credit are left out (the text format carries only those two);
//     a captioned picture without a credit gets an empty `Picture Credit:` line.
// A paragraph that would read as a label line is escaped with a backslash (escapeParagraph),
// so it round-trips as a paragraph; a story without a headline whose first paragraph would read
// as one gets an empty `Headline:` line, so that paragraph stays a paragraph.
//
// An approved version that amends the story ends with its line, `Correction (2): note` or
// `Update (1): note` (model/amendments.ts); imported again, that line is the last paragraph.
import type * as Y from 'yjs';
import { amendmentLine, type Amendment } from './amendments.ts';
import { headlineText, readByline, readPictures, standfirstText } from './article-schema.ts';
import { blockText, readPublishedBody, textBlocks } from './body-tree.ts';
import { NO_MARKS, releaseLines, type ReleaseMarks } from './release-state.ts';
import { CAPTION_LABEL, CREDIT_LABEL, escapeParagraph, firstLineIsHeadline, HEADER_LABELS } from './text-import.ts';

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

const labelLine = (label: string, value: string) => {
  const text = oneLine(value);
  return text ? [`${label}: ${text}`] : [];
};

// A picture's caption line, then its credit line; a captioned picture without a credit gets an
// empty credit line, so that its caption is not read as the caption of the next picture's credit.
function pictureLines(picture: { caption: string; credit: string }): string[] {
  const caption = labelLine(CAPTION_LABEL, picture.caption);
  const credit = labelLine(CREDIT_LABEL, picture.credit);
  return caption.length > 0 && credit.length === 0 ? [...caption, `${CREDIT_LABEL}:`] : [...caption, ...credit];
}

/**
 * The story as plain text: header lines, a blank line, paragraphs separated by blank lines,
 * caption and credit lines, and the amendment's line if any; led by its release lines (KILLED,
 * LEGAL HOLD, EMBARGOED) and a blank line when `release` has any.
 */
export function exportText(doc: Y.Doc, amendment: Amendment | null = null, release: ReleaseMarks = NO_MARKS): string {
  const paragraphs = textBlocks(readPublishedBody(doc))
    .map((block) => oneLine(blockText(block)))
    .filter((text) => text !== '')
    .map(escapeParagraph);
  const headline = labelLine(HEADER_LABELS.headline, headlineText(doc).toString());
  const noHeadline = headline.length === 0 && paragraphs.length > 1 && firstLineIsHeadline(paragraphs[0]) ? [`${HEADER_LABELS.headline}:`] : [];
  const header = [
    ...headline,
    ...noHeadline,
    ...labelLine(HEADER_LABELS.standfirst, standfirstText(doc).toString()),
    ...labelLine(HEADER_LABELS.byline, readByline(doc)),
  ];
  const pictures = readPictures(doc).flatMap(pictureLines);
  const amended = amendment ? amendmentLine(amendment) : '';
  const sections = [releaseLines(release).join('\n'), header.join('\n'), paragraphs.join('\n\n'), pictures.join('\n'), amended].filter((s) => s !== '');
  return sections.length > 0 ? `${sections.join('\n\n')}\n` : '';
}
