// GET /api/credits: every credit in use, as JSON or (?format=csv) as a CSV download; ?q= filters.
import { creditReports, groupCredits } from '../credits/credit-groups.ts';
import { creditsCsv } from '../credits/credits-csv.ts';
import { badRequest } from '../http/http-error.ts';
import type { Router } from '../http/router.ts';
import type { Store } from '../storage/store.ts';

const FORMATS = ['json', 'csv'];

/** Adds the credits route. */
export function creditRoutes(router: Router, store: Store): void {
  router.on('GET', '/api/credits', async ({ url }) => {
    const format = url.searchParams.get('format') ?? 'json';
    if (!FORMATS.includes(format)) throw badRequest(`format must be one of ${FORMATS.join(', ')}`);
    const groups = groupCredits(await store.listCreditUses(), url.searchParams.get('q') ?? '');
    if (format === 'json') return { json: creditReports(groups) };
    return {
      body: creditsCsv(groups),
      headers: { 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': 'attachment; filename="credits.csv"' },
    };
  });
}
