// Revisions and the workflow: list and take revisions, submit / approve / reject / restore one,
// say what blocks approving one, and compare any two versions of a story. Every write on a
// story's revisions is rate-limited per user and story (429 with Retry-After); comparisons and
// blocker checks run in the compute pool.
import { jsonText } from './json-text.ts';
import { optionalBoolean, optionalString, readJsonObject } from '../http/json-body.ts';
import type { RequestContext, Router } from '../http/router.ts';
import type { Logger } from '../log.ts';
import { DEFAULT_QUOTAS, type QuotaOptions } from '../quotas/quota-options.ts';
import { articleWriteLimit } from '../quotas/article-write-limit.ts';
import { parseDiffRef, parseRevisionNumber } from '../revisions/revision-refs.ts';
import type { Revisions } from '../revisions/revisions.ts';
import type { ReviewInput, ReviewStep, WorkflowActions } from '../revisions/workflow-actions.ts';

const REVIEW_STEPS: readonly ReviewStep[] = ['submit', 'approve', 'reject'];

// The optional `note` of a JSON body, trimmed ('' when absent).
const noteOf = (body: Record<string, unknown>) => (optionalString(body, 'note') ?? '').trim();

// A review step's body: `{note?, allowMissingImages?}` (the flag only means something to approve).
const reviewInputOf = async ({ req }: RequestContext): Promise<ReviewInput> => {
  const body = await readJsonObject(req);
  return { note: noteOf(body), allowMissingImages: optionalBoolean(body, 'allowMissingImages') ?? false };
};

/** Adds the revision routes. */
export function revisionRoutes(router: Router, revisions: Revisions, actions: WorkflowActions, log: Logger, quotas: QuotaOptions = DEFAULT_QUOTAS): void {
  const writes = articleWriteLimit(quotas, log, 'revision');
  // Counts one revision write by the caller on the story (which must exist), or refuses it with 429.
  const rateLimited = async ({ params, principal }: RequestContext, what: string) => {
    await revisions.article(params.id);
    writes(principal.user, params.id, what);
  };

  router.on('GET', '/api/articles/:id/revisions', async ({ params }) => ({ json: await revisions.list(params.id) }));

  router.on('POST', '/api/articles/:id/revisions', async (ctx) => {
    await rateLimited(ctx, 'save');
    return { status: 201, json: await revisions.snapshot(ctx.params.id, noteOf(await readJsonObject(ctx.req)), ctx.principal.user) };
  }, { right: { action: 'snapshotRevision', what: 'save revisions' } });

  for (const step of REVIEW_STEPS) {
    router.on('POST', `/api/articles/:id/revisions/:rev/${step}`, async (ctx) => {
      const number = parseRevisionNumber(ctx.params.rev);
      await rateLimited(ctx, step);
      return { json: await actions.review(ctx.params.id, number, step, await reviewInputOf(ctx), ctx.principal.user) };
    });
  }

  router.on('GET', '/api/articles/:id/revisions/:rev/blockers', async ({ params, principal }) => ({
    json: await actions.blockers(params.id, parseRevisionNumber(params.rev), principal.user),
  }));

  router.on('POST', '/api/articles/:id/revisions/:rev/restore', async (ctx) => {
    const number = parseRevisionNumber(ctx.params.rev);
    await rateLimited(ctx, 'restore');
    return { json: await actions.restore(ctx.params.id, number, noteOf(await readJsonObject(ctx.req)), ctx.principal.user) };
  }, { right: { action: 'restore', what: 'restore revisions' } });

  router.on('GET', '/api/articles/:id/diff', async ({ params, url, principal }) => {
    const from = parseDiffRef(url.searchParams.get('from'), 'from');
    const to = parseDiffRef(url.searchParams.get('to'), 'to');
    return jsonText(await revisions.diff(params.id, from, to, principal.user));
  });
}
