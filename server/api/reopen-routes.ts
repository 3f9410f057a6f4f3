// Reopening an approved story as an update or a correction: `POST /api/articles/:id/reopen`
// `{as: "update"|"correction", note}` in, ReopenResponse out. Editors only (403 before the body is
// read); 400 without a note or with another `as`; 409 when no revision is approved or the story is
// already reopened. Rate-limited per user and story like revision writes (429 with Retry-After).
import type { AmendmentKind } from '../../model/amendments.ts';
import { onlyFields, optionalString, readJsonObject } from '../http/json-body.ts';
import type { Router } from '../http/router.ts';
import type { Logger } from '../log.ts';
import { DEFAULT_QUOTAS, type QuotaOptions } from '../quotas/quota-options.ts';
import { articleWriteLimit } from '../quotas/article-write-limit.ts';
import type { WorkflowActions } from '../revisions/workflow-actions.ts';

/** Adds the reopen route. */
export function reopenRoutes(router: Router, actions: WorkflowActions, log: Logger, quotas: QuotaOptions = DEFAULT_QUOTAS): void {
  const writes = articleWriteLimit(quotas, log, 'reopen');
  router.on(
    'POST',
    '/api/articles/:id/reopen',
    async ({ req, params, principal }) => {
      const body = await readJsonObject(req);
      onlyFields(body, ['as', 'note']);
      // Whether `as` names a kind, and the note, are the workflow rules' to judge (model/workflow.ts).
      const as = (optionalString(body, 'as') ?? '') as AmendmentKind;
      const note = optionalString(body, 'note') ?? '';
      writes(principal.user, params.id, 'reopen');
      return { json: await actions.reopen(params.id, as, note, principal.user) };
    },
    { right: { action: 'approve', what: 'reopen approved stories (only an editor can)' } },
  );
}
