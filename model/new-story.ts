// The first content of a new story. Whoever creates a story writes it once, so that two
// people opening an empty story at the same moment do not each add a first paragraph.
import * as Y from 'yjs';
import { bodyFragment, headlineText } from './article-schema.ts';
import { createParagraph } from './body-tree.ts';

/** A document holding `headline` and one empty body paragraph. */
export function newStoryDoc(headline = ''): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    if (headline !== '') headlineText(doc).insert(0, headline);
    bodyFragment(doc).insert(0, [createParagraph('')]);
  });
  return doc;
}
