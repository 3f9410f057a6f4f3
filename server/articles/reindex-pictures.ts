// Stories stored before some derived facts were kept get them at start: the pictures' index
// (schema 3: the story list's counts and the credits index of the live draft and the approved
// revision) and the content fingerprints (schema 6: of the live draft, and of the approved
// revision, which tell whether the story changed since approval).
import { readableArticle } from '../../model/readable-article.ts';
import type { Logger } from '../log.ts';
import { pictureUses } from '../pictures/picture-uses.ts';
import type { Revisions } from '../revisions/revisions.ts';
import type { ApprovedFacts, ArticleRecord, ArticleStore } from '../storage/store.ts';
import { pictureCounts } from './article-summary.ts';
import type { Articles } from './articles.ts';
import { contentFingerprint } from './content-fingerprint.ts';

/**
 * Derives the missing facts of every story that lacks some. Only those facts are derived: the
 * rest of the list entry (headline, time of the last change) stays as stored, so a story created
 * offline whose content has not arrived keeps its headline.
 */
export async function reindexPictures(store: ArticleStore, articles: Articles, revisions: Revisions, logger: Logger): Promise<void> {
  const records = await store.listUnindexedArticles();
  if (records.length > 0) logger.info(`indexing the pictures of ${records.length} stor${records.length === 1 ? 'y' : 'ies'} (and fingerprinting their content) stored before these were kept`);
  for (const record of records) {
    // One story that cannot be read must not keep the server from starting: it is tried again next time.
    try {
      await reindex(store, articles, revisions, record);
    } catch (error) {
      logger.error(`the pictures of story ${record.id} could not be indexed (nor its content fingerprinted)`, error);
    }
  }
}

async function reindex(store: ArticleStore, articles: Articles, revisions: Revisions, record: ArticleRecord): Promise<void> {
  const { id, headline, byline, desk, slug, wordCount, assignees, deadline, targetWords, urgency, updatedAt, updatedBy, approvedRevision } = record;
  const draft = readableArticle(await articles.currentDoc(id));
  let approved: ApprovedFacts | undefined;
  if (approvedRevision !== null) {
    const article = readableArticle(await revisions.revisionDoc(id, approvedRevision));
    approved = { revision: approvedRevision, pictures: pictureUses(article.pictures), contentHash: contentFingerprint(article) };
  }
  const summary = { headline, byline, desk, slug, wordCount, assignees, deadline, targetWords, urgency, updatedAt, updatedBy, ...pictureCounts(draft.pictures), contentHash: contentFingerprint(draft) };
  await store.updateArticleSummary(id, summary, pictureUses(draft.pictures), approved);
}
