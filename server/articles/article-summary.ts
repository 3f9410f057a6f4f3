// The story list entry of a story, derived from its document.
import type * as Y from 'yjs';
import { headlineText, META_KEYS, readByline, readMetaString, readPictures, type Picture } from '../../model/article-schema.ts';
import { picturesMissingCredit } from '../../model/workflow.ts';
import { articleWordCount } from '../../model/words.ts';
import type { ArticleSummary } from '../storage/store.ts';

/** The list entry's picture facts: how many pictures, and how many lack a credit (they block approval). */
export function pictureCounts(pictures: Picture[]): Pick<ArticleSummary, 'pictureCount' | 'picturesMissingCredit'> {
  return { pictureCount: pictures.length, picturesMissingCredit: picturesMissingCredit(pictures).length };
}

/** The list entry facts of `doc`, as of `now`, last changed by `editorId` (the store keeps their texts capped). */
export function summarize(doc: Y.Doc, editorId: string | null, now = Date.now()): ArticleSummary {
  return {
    headline: headlineText(doc).toString(),
    byline: readByline(doc),
    desk: readMetaString(doc, META_KEYS.desk),
    slug: readMetaString(doc, META_KEYS.slug),
    wordCount: articleWordCount(doc),
    ...pictureCounts(readPictures(doc)),
    updatedAt: now,
    updatedBy: editorId,
  };
}
