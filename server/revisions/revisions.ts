// Revisions of a story: taking one (an immutable snapshot of the server's current state, with its
// content fingerprint), listing them with their workflow status and decisions, reading any one's
// content (or the approved one's, or the live draft's) for exports and the read-only view, and
// comparing two of them with who wrote what. Decoding, counting and comparing run in the compute
// workers: the main thread only moves bytes.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { VersionStamp } from '../../model/amendments.ts';
import type { ArticleListItem, CreatedRevision, RevisionInfo, RevisionRef } from '../../model/api-types.ts';
import type { Picture } from '../../model/article-schema.ts';
import type { ApprovalContent } from '../../model/approval-blockers.ts';
import { DEFAULT_DIFF_LIMITS, type DiffLimits } from '../../model/revision-diff.ts';
import type { Articles } from '../articles/articles.ts';
import type { ComputePool, JobOwner } from '../compute/compute-pool.ts';
import type { ArticleUpdates } from '../compute/compute-tasks.ts';
import { SharedResults } from '../compute/shared-results.ts';
import { notFound } from '../http/http-error.ts';
import type { AccountStore, DocumentLog, RevisionStore, User } from '../storage/store.ts';
import type { ContentRef, DiffRef } from './revision-refs.ts';
import { revisionInfos } from './revision-status.ts';

/** A story's content at one point, as Yjs updates: which revision it is ('live' for the draft), and when it was written. */
export interface ArticleContent {
  updates: ArticleUpdates;
  ref: RevisionRef;
  at: number;
}

/** How much finished comparison text is kept for repeated requests (characters). */
const KEPT_DIFF_CHARS = 32 * 1024 * 1024;

/** Who a compute job is for. */
export const ownerOf = (user: User): JobOwner => ({ userId: user.id, username: user.username });

/**
 * `bytes` over a buffer of its own size: postMessage copies a view's whole underlying buffer, and
 * updates read from storage may be views into larger (pooled) buffers.
 */
const ownBytes = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());

/** Revision operations over the store and the stories. */
export class Revisions {
  private readonly diffs = new SharedResults(KEPT_DIFF_CHARS);

  constructor(
    private readonly store: RevisionStore & DocumentLog & AccountStore,
    private readonly articles: Articles,
    private readonly compute: ComputePool,
    private readonly diffLimits: DiffLimits = DEFAULT_DIFF_LIMITS,
  ) {}

  /** The story, or 404. */
  async article(articleId: string): Promise<ArticleListItem> {
    const article = await this.articles.get(articleId);
    if (!article) throw notFound(`story ${articleId}`);
    return article;
  }

  /** The story's entry once it is brought up to the open document (it otherwise follows a change a moment later), or 404. */
  async currentArticle(articleId: string): Promise<ArticleListItem> {
    await this.articles.settleEntry(articleId);
    return this.article(articleId);
  }

  /** The story's revisions with their status, oldest first. */
  async list(articleId: string): Promise<RevisionInfo[]> {
    const article = await this.article(articleId);
    const [records, events, versions] = await Promise.all([
      this.store.listRevisions(articleId),
      this.store.listWorkflowEvents(articleId),
      this.store.listVersions(articleId),
    ]);
    return revisionInfos(records, article, events, versions);
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
    const updates = (await this.articles.currentUpdates(articleId)).map(ownBytes);
    // The list entry is written from the document as it is now, as new as what this revision holds.
    await this.articles.settleEntry(articleId);
    const { state, wordCount, contentHash } = await this.compute.run('revision', { updates }, ownerOf(by));
    const record = await this.store.addRevision({ articleId, createdAt: Date.now(), createdBy: by.id, note, wordCount, contentHash, state });
    return { id: record.number, ...(await this.info(articleId, record.number)) };
  }

  /** The version revision `number` was last approved as, or null when it never was (exports of it carry it). */
  async approvedVersionOf(articleId: string, number: number): Promise<VersionStamp | null> {
    const stamp = (await this.store.listVersions(articleId)).filter((version) => version.revision === number).at(-1);
    return stamp ? { version: stamp.version, amendment: stamp.amendment } : null;
  }

  /** A revision's stored state, or 404. */
  async revisionState(articleId: string, number: number): Promise<Uint8Array> {
    const state = await this.store.loadRevisionState(articleId, number);
    if (!state) throw notFound(`revision ${number} of story ${articleId}`);
    return ownBytes(state);
  }

  /** A revision's document, or 404 (decoded here: for restoring it into the live draft and for reindexing at start). */
  async revisionDoc(articleId: string, number: number): Promise<Y.Doc> {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await this.revisionState(articleId, number));
    return doc;
  }

  /** A revision's pictures, read in a compute worker for `by`, or 404. */
  async revisionPictures(articleId: string, number: number, by: User): Promise<Picture[]> {
    return this.compute.run('pictures', { updates: [await this.revisionState(articleId, number)] }, ownerOf(by));
  }

  /** What approving revision `number` is checked against (its pictures, notes, open suggestions and comments), read in one compute job for `by`, or 404. */
  async revisionApprovalContent(articleId: string, number: number, by: User): Promise<ApprovalContent> {
    return this.compute.run('approvalContent', { updates: [await this.revisionState(articleId, number)] }, ownerOf(by));
  }

  /** The content `ref` names: a revision, the approved one (404 when none is), or the live draft. */
  async content(article: ArticleListItem, ref: ContentRef): Promise<ArticleContent> {
    if (ref === 'live') return { updates: (await this.articles.currentUpdates(article.id)).map(ownBytes), ref, at: article.updatedAt };
    const number = ref === 'approved' ? article.approvedRevision : ref;
    if (number === null) throw notFound(`an approved revision of story ${article.id}`);
    const record = await this.store.getRevision(article.id, number);
    if (!record) throw notFound(`revision ${number} of story ${article.id}`);
    return { updates: [await this.revisionState(article.id, number)], ref: number, at: record.createdAt };
  }

  /**
   * The readable content of the version `ref` names, as StoryVersion JSON text: read in a compute
   * worker for `by`, with the revision's status and decisions (null for the live draft).
   */
  async version(articleId: string, ref: ContentRef, by: User): Promise<string> {
    const article = await this.article(articleId);
    const content = await this.content(article, ref);
    const [readable, revision] = await Promise.all([
      this.compute.run('readable', { updates: content.updates }, ownerOf(by)),
      content.ref === 'live' ? null : this.info(articleId, content.ref),
    ]);
    // The content is already JSON text: it is put into the answer as it is, not parsed and written again.
    return `{"ref":${JSON.stringify(content.ref)},"at":${content.at},"revision":${JSON.stringify(revision)},"content":${readable}}`;
  }

  /**
   * What changed from `from` to `to` (an ArticleDiff as JSON text), compared in a compute worker
   * for `by` within the diff limits. The same comparison of the same content with the same
   * authors is computed once: requests while it runs, and for a while after, share its answer.
   */
  async diff(articleId: string, from: DiffRef, to: DiffRef, by: User): Promise<string> {
    const article = await this.article(articleId);
    const side = async (ref: DiffRef): Promise<{ updates: ArticleUpdates; ref: RevisionRef }> => (ref === 0 ? { updates: [], ref } : this.content(article, ref));
    const [before, after, authors] = await Promise.all([side(from), side(to), this.store.listClientAuthors(articleId)]);
    const clients = authors.map(({ clientId, userId }): [number, string] => [clientId, userId]);
    const userIds = [...new Set(authors.map((author) => author.userId))];
    const users = await Promise.all(userIds.map((id) => this.store.getUser(id)));
    const names = userIds.map((id, i): [string, string] => [id, users[i]?.displayName ?? 'unknown user']);
    const refs = { from: before.ref, to: after.ref };

    // Every length first, then the bytes: no two different inputs hash the same stream.
    const lengths = (updates: ArticleUpdates) => updates.map((update) => update.length);
    const key = createHash('sha256').update(JSON.stringify([refs, clients, names, lengths(before.updates), lengths(after.updates)]));
    for (const update of [...before.updates, ...after.updates]) key.update(update);
    return this.diffs.get(key.digest('hex'), () =>
      this.compute.run('diff', { before: before.updates, after: after.updates, refs, clients, names, limits: this.diffLimits }, ownerOf(by)),
    );
  }
}
