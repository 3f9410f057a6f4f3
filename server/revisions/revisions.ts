// Revisions of a story: taking one (an immutable snapshot of the server's current state),
// listing them with their workflow status, reading any one's content (or the approved one's, or
// the live draft's) for exports, and comparing two of them with who wrote what.
import * as Y from 'yjs';
import type { ArticleDiff, ArticleListItem, CreatedRevision, RevisionInfo, RevisionRef } from '../../model/api-types.ts';
import { diffArticles } from '../../model/revision-diff.ts';
import { can } from '../../model/roles.ts';
import { articleWordCount } from '../../model/words.ts';
import type { Articles } from '../articles/articles.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import type { Store, User } from '../storage/store.ts';
import type { ContentRef, DiffRef } from './revision-refs.ts';
import { revisionInfos } from './revision-status.ts';

/** A story's content at one point: the document, which revision it is ('live' for the draft), and when it was written. */
export interface StoryContent {
  doc: Y.Doc;
  ref: RevisionRef;
  at: number;
}

const docOf = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
};

/** Revision operations over the store and the stories. */
export class Revisions {
  constructor(
    private readonly store: Store,
    private readonly articles: Articles,
  ) {}

  /** The story, or 404. */
  async article(articleId: string): Promise<ArticleListItem> {
    const article = await this.articles.get(articleId);
    if (!article) throw notFound(`story ${articleId}`);
    return article;
  }

  /** The story's revisions with their status, oldest first. */
  async list(articleId: string): Promise<RevisionInfo[]> {
    const article = await this.article(articleId);
    const [records, events] = await Promise.all([this.store.listRevisions(articleId), this.store.listWorkflowEvents(articleId)]);
    return revisionInfos(records, article, events);
  }

  /** One revision with its status, or 404. */
  async info(articleId: string, number: number): Promise<RevisionInfo> {
    const info = (await this.list(articleId)).find((revision) => revision.number === number);
    if (!info) throw notFound(`revision ${number} of story ${articleId}`);
    return info;
  }

  /** Takes a revision of what the server holds now (the open document when the story is open). */
  async snapshot(articleId: string, note: string, by: User): Promise<CreatedRevision> {
    await this.article(articleId);
    if (!can(by.role, 'snapshotRevision')) throw new HttpError(403, `a ${by.role} cannot save revisions`);
    const doc = await this.articles.currentDoc(articleId);
    const record = await this.store.addRevision({
      articleId,
      createdAt: Date.now(),
      createdBy: by.id,
      note,
      wordCount: articleWordCount(doc),
      state: Y.encodeStateAsUpdate(doc),
    });
    return { id: record.number, ...(await this.info(articleId, record.number)) };
  }

  /** A revision's document, or 404. */
  async revisionDoc(articleId: string, number: number): Promise<Y.Doc> {
    const state = await this.store.loadRevisionState(articleId, number);
    if (!state) throw notFound(`revision ${number} of story ${articleId}`);
    return docOf(state);
  }

  /** The content `ref` names: a revision, the approved one (404 when none is), or the live draft. */
  async content(article: ArticleListItem, ref: ContentRef): Promise<StoryContent> {
    if (ref === 'live') return { doc: await this.articles.currentDoc(article.id), ref, at: article.updatedAt };
    const number = ref === 'approved' ? article.approvedRevision : ref;
    if (number === null) throw notFound(`an approved revision of story ${article.id}`);
    const record = await this.store.getRevision(article.id, number);
    if (!record) throw notFound(`revision ${number} of story ${article.id}`);
    return { doc: await this.revisionDoc(article.id, number), ref: number, at: record.createdAt };
  }

  /** What changed from `from` to `to`, with the names of the authors it mentions. */
  async diff(articleId: string, from: DiffRef, to: DiffRef): Promise<ArticleDiff> {
    const article = await this.article(articleId);
    const side = (ref: DiffRef) => (ref === 0 ? { doc: new Y.Doc(), ref } : this.content(article, ref));
    const [before, after, clients] = await Promise.all([
      side(from),
      side(to),
      this.store.listClientAuthors(articleId),
    ]);
    const userOf = new Map(clients.map(({ clientId, userId }) => [clientId, userId]));
    const diff = diffArticles(before.doc, after.doc, { from: before.ref, to: after.ref }, (client) => userOf.get(client) ?? null);
    const ids = [...new Set(diff.fields.flatMap((field) => field.spans.map((span) => span.authorId)))].filter((id): id is string => id !== null);
    const users = await Promise.all(ids.map((id) => this.store.getUser(id)));
    return { ...diff, authors: ids.map((id, i) => ({ id, name: users[i]?.displayName ?? 'unknown user' })) };
  }
}
