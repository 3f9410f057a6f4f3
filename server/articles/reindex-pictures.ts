// Stories stored before pictures were indexed (schema 3) get their picture facts at start: the
// story list's counts and the credits index of their live draft and approved revision.
import { readPictures } from '../../model/article-schema.ts';
import type { Logger } from '../log.ts';
import { pictureUses } from '../pictures/picture-uses.ts';
import type { Revisions } from '../revisions/revisions.ts';
import type { ArticleRecord, Store } from '../storage/store.ts';
import { pictureCounts } from './article-summary.ts';
import type { Articles } from './articles.ts';

/**
 * Indexes the pictures of every story not indexed yet. Only
 * the picture facts are derived: the rest of the list entry (headline, time of the last change)
 * stays as stored, so a story created offline whose content has not arrived keeps its headline.
 */
export async function reindexPictures(store: Store, articles: Articles, revisions: Revisions, logger: Logger): Promise<void> {
  const records = await store.listUnindexedArticles();
  if (records.length > 0) logger.info(`indexing the pictures of ${records.length} stor${records.length === 1 ? 'y' : 'ies'} stored before pictures were indexed`);
  for (const record of records) {
    // One story that cannot be read must not keep the server from starting: it is tried again next time.
    try {
      await reindex(store, articles, revisions, record);
    } catch (error) {
      logger.error(`the pictures of story ${record.id} could not be indexed`, error);
    }
  }
}

async function reindex(store: Store, articles: Articles, revisions: Revisions, record: ArticleRecord): Promise<void> {
  const { id, headline, byline, desk, slug, wordCount, updatedAt, updatedBy, approvedRevision } = record;
  const draft = readPictures(await articles.currentDoc(id));
  const approved =
    approvedRevision === null ? undefined : { revision: approvedRevision, pictures: pictureUses(readPictures(await revisions.revisionDoc(id, approvedRevision))) };
  await store.updateArticleSummary(id, { headline, byline, desk, slug, wordCount, updatedAt, updatedBy, ...pictureCounts(draft) }, pictureUses(draft), approved);
}
