// GET /api/credits: every credit in use, as JSON or (?format=csv) as a CSV download; ?q= filters.
// The grouping runs in a compute worker; identical requests in flight share one computation.
import type { ComputePool } from '../compute/compute-pool.ts';
import { SharedResults } from '../compute/shared-results.ts';
import { badRequest } from '../http/http-error.ts';
import type { Router } from '../http/router.ts';
import { ownerOf } from '../revisions/revisions.ts';
import type { PictureStore } from '../storage/store.ts';
import { jsonText } from './json-text.ts';

const FORMATS = ['json', 'csv'] as const;
const isFormat = (format: string): format is (typeof FORMATS)[number] => (FORMATS as readonly string[]).includes(format);

/** Adds the credits route. */
export function creditRoutes(router: Router, store: PictureStore, compute: ComputePool): void {
  // Nothing is kept: the index changes with every edit, so only requests in flight share a result.
  const reports = new SharedResults(0);
  router.on('GET', '/api/credits', async ({ url, principal }) => {
    const format = url.searchParams.get('format') ?? 'json';
    if (!isFormat(format)) throw badRequest(`format must be one of ${FORMATS.join(', ')}`);
    const query = url.searchParams.get('q') ?? '';
    const body = await reports.get(
      // Each person's report holds only the stories they may know exist.
      JSON.stringify([principal.user.id, format, query]),
      async () => compute.run('credits', { uses: await store.listCreditUses(principal.user.id), query, format }, ownerOf(principal.user)),
      false,
    );
    if (format === 'json') return jsonText(body);
    return {
      body,
      headers: { 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': 'attachment; filename="credits.csv"' },
    };
  });
}
