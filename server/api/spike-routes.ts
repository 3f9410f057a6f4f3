// Spiking a story and restoring it: `POST /api/articles/:id/spike` and `/unspike`, `{note?}` in,
// SpikeResponse out; 403 for a role the rules refuse, 409 when the story is already so. Each is
// rate-limited per user and story like revision writes (429 with Retry-After).
import type { SpikeStep } from '../../model/spike.ts';
import type { Spikes } from '../articles/spikes.ts';
import { optionalString, readJsonObject } from '../http/json-body.ts';
import type { Router } from '../http/router.ts';
import type { Logger } from '../log.ts';
import { DEFAULT_QUOTAS, type QuotaOptions } from '../quotas/quota-options.ts';
import { articleWriteLimit } from '../quotas/article-write-limit.ts';

const STEPS: readonly SpikeStep[] = ['spike', 'unspike'];

/** Adds the spike routes. */
export function spikeRoutes(router: Router, spikes: Spikes, log: Logger, quotas: QuotaOptions = DEFAULT_QUOTAS): void {
  const writes = articleWriteLimit(quotas, log, 'spike');
  for (const step of STEPS) {
    router.on('POST', `/api/articles/:id/${step}`, async ({ req, params, principal }) => {
      const note = (optionalString(await readJsonObject(req), 'note') ?? '').trim();
      writes(principal.user, params.id, step);
      return { json: await spikes.step(params.id, step, note, principal.user) };
    });
  }
}
