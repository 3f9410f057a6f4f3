// The workflow steps on a revision: submit, approve and reject through the pure rules of
// model/workflow.ts, and restore, which writes an old revision's content into the live draft; and
// reopening an approved story as an update or a correction. Each one is recorded as a workflow
// event, which the store also writes to the audit log; each approval is numbered as a version
// (model/amendments.ts), carrying the update or correction the story was reopened as.
import * as random from 'lib0/random';
import * as Y from 'yjs';
import type { ArticleListItem, ReopenResponse, WorkflowEvent, WorkflowResponse } from '../../model/api-types.ts';
import { numberApproval, type AmendmentKind } from '../../model/amendments.ts';
import { approvalBlockers, waivedBlockers, type ApprovalBlocker, type ApprovalWaivers } from '../../model/approval-blockers.ts';
import { applyTransition, type Transition, type WorkflowState } from '../../model/workflow.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { ComputePool } from '../compute/compute-pool.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import { pictureUses } from '../pictures/picture-uses.ts';
import type { DocumentLog, NewWorkflowEvent, RevisionStore, User, WorkflowChange } from '../storage/store.ts';
import { ownerOf, type Revisions } from './revisions.ts';

// A Yjs client id the story has never used, for edits made on its behalf elsewhere.
function unusedClientId(doc: Y.Doc): number {
  let id: number;
  do id = random.uint32();
  while (doc.store.clients.has(id));
  return id;
}

/** The review steps: file a revision, approve it, or send it back. */
export type ReviewStep = 'submit' | 'approve' | 'reject';

/** What comes with a review step: a note (required to send back), and for an approval the blockers the editor explicitly sets aside. */
export interface ReviewInput extends ApprovalWaivers {
  note: string;
}

const REFUSAL_STATUS = { forbidden: 403, conflict: 409, invalid: 400 } as const;

// A story's workflow state, from its list entry.
const stateOf = (article: ArticleListItem): WorkflowState => ({
  status: article.status,
  submittedRevision: article.submittedRevision,
  approvedRevision: article.approvedRevision,
  reopened: article.reopened,
});

/** Workflow steps over the store, the revisions and the open rooms. */
export class WorkflowActions {
  constructor(
    private readonly store: RevisionStore & DocumentLog,
    private readonly revisions: Revisions,
    private readonly rooms: Rooms,
    private readonly compute: ComputePool,
  ) {}

  /** Takes a review step on revision `number`; an approval is refused (409) while a blocker of that revision stands. */
  async review(articleId: string, number: number, step: ReviewStep, input: ReviewInput, by: User): Promise<WorkflowResponse> {
    const { note } = input;
    const article = await this.revisions.article(articleId);
    if (!(await this.store.getRevision(articleId, number))) throw notFound(`revision ${number} of story ${articleId}`);
    // Approval checks THAT revision, not the live draft: its pictures, and its notes, open
    // suggestions and comments not resolved there, each of which blocks it.
    const content = step === 'approve' ? await this.revisions.revisionApprovalContent(articleId, number, by) : null;
    const pictures = content?.pictures ?? [];
    const transition: Transition = content
      ? { kind: 'approve', revision: number, ...content, allowMissingImages: input.allowMissingImages }
      : step === 'reject'
        ? { kind: step, revision: number, note }
        : { kind: 'submit', revision: number };
    const from = stateOf(article);
    const result = applyTransition(from, transition, by.role);
    if (!result.ok) throw new HttpError(REFUSAL_STATUS[result.reason], result.message);
    const event = this.event(articleId, number, step, note, by);
    // The version it makes follows the story's earlier ones; the move below fails if another approval came first.
    const approvedVersion = step === 'approve' ? numberApproval(await this.store.listVersions(articleId), from.reopened ?? null) : undefined;
    // An approval re-indexes the approved revision's pictures for the credits report, in the same
    // transaction, and the audit names every missing image the editor chose to approve without.
    const waived = step === 'approve' ? waivedBlockers(approvalBlockers({ pictures }), input) : [];
    const change: WorkflowChange = {
      from,
      to: result.state,
      ...(step === 'approve' ? { approvedPictures: pictureUses(pictures), approvedVersion } : {}),
      ...(waived.length > 0 ? { approvedWithoutImages: waived.map(({ pictureId, position, caption }) => ({ pictureId, position, caption })) } : {}),
    };
    if (!(await this.store.recordWorkflowEvent(event, change))) {
      throw new HttpError(409, 'Someone else moved this story along meanwhile. Reload it and try again.');
    }
    return this.response(event, number, by);
  }

  /**
   * Reopens the approved story as an update or a correction with the editor's note (model/workflow.ts
   * says who may and when): recorded as a `reopen` event on the approved revision.
   */
  async reopen(articleId: string, as: AmendmentKind, note: string, by: User): Promise<ReopenResponse> {
    const article = await this.revisions.article(articleId);
    const from = stateOf(article);
    const result = applyTransition(from, { kind: 'reopen', as, note }, by.role);
    if (!result.ok) throw new HttpError(REFUSAL_STATUS[result.reason], result.message);
    const event = this.event(articleId, from.approvedRevision, 'reopen', result.state.reopened?.note ?? note, by);
    if (!(await this.store.recordWorkflowEvent(event, { from, to: result.state }))) {
      throw new HttpError(409, 'Someone else moved this story along meanwhile. Reload it and try again.');
    }
    return { article: await this.revisions.article(articleId), event: { ...event, userName: by.displayName } };
  }

  /** What blocks approving revision `number` (none for a revision that can be approved as it is). */
  async blockers(articleId: string, number: number, by: User): Promise<ApprovalBlocker[]> {
    await this.revisions.article(articleId);
    return approvalBlockers(await this.revisions.revisionApprovalContent(articleId, number, by));
  }

  /**
   * Brings revision `number`'s content back as a new change on top of the live draft, live for
   * everyone connected. The edits are worked out in a compute worker on a copy of the draft (a
   * long story's took seconds of the main thread) and applied here as one server change; what
   * colleagues typed meanwhile merges with them, as any concurrent edit does.
   */
  async restore(articleId: string, number: number, note: string, by: User): Promise<WorkflowResponse> {
    await this.revisions.article(articleId);
    const revision = await this.revisions.revisionState(articleId, number);
    const room = await this.rooms.acquire(articleId);
    try {
      const clientId = unusedClientId(room.doc);
      const edits = await this.compute.run('restore', { live: [Y.encodeStateAsUpdate(room.doc)], revision: [revision], clientId }, ownerOf(by));
      if (edits) {
        room.changeAsServer('restore', by.id, (doc) => Y.applyUpdate(doc, edits));
        // The edits were written as `clientId` in the worker: they are the restoring user's.
        await this.store.addClientAuthors(articleId, [{ clientId, userId: by.id }]);
      }
    } finally {
      room.release();
    }
    const event = this.event(articleId, number, 'restore', note, by);
    await this.store.recordWorkflowEvent(event);
    return this.response(event, number, by);
  }

  private event(articleId: string, revision: number | null, action: WorkflowEvent['action'], note: string, by: User): NewWorkflowEvent {
    return { articleId, revision, action, userId: by.id, note, at: Date.now() };
  }

  private async response(event: NewWorkflowEvent, number: number, by: User): Promise<WorkflowResponse> {
    // The answer's entry tells the draft as it is now (a restore just changed it): the page shows it at once.
    const [article, revision] = await Promise.all([this.revisions.currentArticle(event.articleId), this.revisions.info(event.articleId, number)]);
    return { article, revision, event: { ...event, userName: by.displayName } };
  }
}
