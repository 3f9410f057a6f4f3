// Spiking a story and restoring it, through the pure rules of model/spike.ts: each step is a
// workflow event (`spike`, `unspike`) and an audit entry, written with the story's spiked flag in
// one compare-and-set, so that two people spiking and restoring at once cannot both win.
import type { SpikeResponse } from '../../model/api-types.ts';
import { checkSpike, type SpikeStep } from '../../model/spike.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import type { NewWorkflowEvent, RevisionStore, User } from '../storage/store.ts';
import type { Articles } from './articles.ts';

const REFUSAL_STATUS = { forbidden: 403, conflict: 409 } as const;

/** Spike and restore over the store and the stories. */
export class Spikes {
  constructor(
    private readonly store: RevisionStore,
    private readonly articles: Articles,
  ) {}

  /** Takes `step` on story `articleId` for `by`, with an optional note; 404, 403 or 409 when it cannot be. */
  async step(articleId: string, step: SpikeStep, note: string, by: User): Promise<SpikeResponse> {
    const article = await this.articles.get(articleId);
    if (!article) throw notFound(`story ${articleId}`);
    const check = checkSpike(step, article, by.role);
    if (!check.ok) throw new HttpError(REFUSAL_STATUS[check.reason], check.message);
    const event: NewWorkflowEvent = { articleId, revision: null, action: step, userId: by.id, note, at: Date.now() };
    if (!(await this.store.setSpiked(event, { spiked: step === 'spike', approvedRevision: article.approvedRevision }))) {
      throw new HttpError(409, 'Someone else changed this story meanwhile; reload it and try again.');
    }
    const after = await this.articles.get(articleId);
    if (!after) throw notFound(`story ${articleId}`);
    return { article: after, event: { ...event, userName: by.displayName } };
  }
}
