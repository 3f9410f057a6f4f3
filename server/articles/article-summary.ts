// The story list entry of a story, derived from its document.
import type * as Y from 'yjs';
import { headlineText, META_KEYS, readByline, readMetaString } from '../../model/article-schema.ts';
import { articleWordCount } from '../../model/words.ts';
import type { ArticleSummary } from '../storage/store.ts';

/** The list entry facts of `doc`, as of `now`, last changed by `editorId`. */
export function summarize(doc: Y.Doc, editorId: string | null, now = Date.now()): ArticleSummary {
  return {
    headline: headlineText(doc).toString(),
    byline: readByline(doc),
    desk: readMetaString(doc, META_KEYS.desk),
    slug: readMetaString(doc, META_KEYS.slug),
    wordCount: articleWordCount(doc),
    updatedAt: now,
    updatedBy: editorId,
  };
}
