// The story list entry of a story, derived from its document. Every reader it uses skips or reads
// '' for a value it cannot read, and each text is cut to its field's cap: a story stored with an
// odd or oversized value (before documents were checked) still lists, and lists small.
import type * as Y from 'yjs';
import { clipToCap, FIELD_CAPS } from '../../model/article-limits.ts';
import { META_KEYS, readDeskFacts, readMetaString, type Picture } from '../../model/article-schema.ts';
import { readableArticle } from '../../model/readable-article.ts';
import { picturesMissingCredit } from '../../model/workflow.ts';
import { bodyWordCount } from '../../model/words.ts';
import type { ArticleSummary } from '../storage/store.ts';
import { contentFingerprint } from './content-fingerprint.ts';

/** The list entry's picture facts: how many pictures, and how many lack a credit (they block approval). */
export function pictureCounts(pictures: Picture[]): Pick<ArticleSummary, 'pictureCount' | 'picturesMissingCredit'> {
  return { pictureCount: pictures.length, picturesMissingCredit: picturesMissingCredit(pictures).length };
}

/** The list entry facts of `doc`, as of `now`, last changed by `editorId` (the store keeps their texts capped). */
export function summarize(doc: Y.Doc, editorId: string | null, now = Date.now()): ArticleSummary {
  // The document is read once: the fingerprint and the counts come from the same reading.
  const article = readableArticle(doc);
  const { assignees, deadline, targetWords, urgency } = readDeskFacts(doc);
  return {
    headline: clipToCap(article.headline, FIELD_CAPS.headline),
    byline: clipToCap(article.byline, FIELD_CAPS.byline),
    desk: clipToCap(readMetaString(doc, META_KEYS.desk), FIELD_CAPS.desk),
    slug: clipToCap(article.slug, FIELD_CAPS.slug),
    wordCount: bodyWordCount(article.body),
    assignees,
    deadline,
    targetWords,
    urgency,
    ...pictureCounts(article.pictures),
    contentHash: contentFingerprint(article),
    updatedAt: now,
    updatedBy: editorId,
  };
}
