// The first content of a new story. Whoever creates a story writes it once, so that two
// people opening an empty story at the same moment do not each add a first paragraph.
import * as Y from 'yjs';
import { bodyFragment, headlineText } from './article-schema.ts';
import { createParagraph } from './body-tree.ts';

/** Writes `headline` and one empty body paragraph into `doc`, in one transaction. */
export function writeFirstContent(doc: Y.Doc, headline = ''): void {
  doc.transact(() => {
    if (headline !== '') headlineText(doc).insert(0, headline);
    bodyFragment(doc).insert(0, [createParagraph('')]);
  });
}

/** A document holding `headline` and one empty body paragraph. */
export function newArticleDoc(headline = ''): Y.Doc {
  const doc = new Y.Doc();
  writeFirstContent(doc, headline);
  return doc;
}

/** True when `doc` has no body yet (a story created on this device, before its first content). */
export const hasNoBody = (doc: Y.Doc): boolean => bodyFragment(doc).length === 0;
