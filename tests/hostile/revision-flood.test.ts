// Attack: revision flood. Every revision stores the whole story again, so a script saving a
// long story in a loop fills the disk. Revision writes are rate-limited per user and story: a
// burst of 20, then one every 6 s; the rest are 429 with Retry-After, with one log line naming
// the user. A reporter saving and submitting several times a minute never meets the limit.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../server/quotas/quota-options.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { distinctWords, paragraphsOf, writeBody } from './support/long-articles.ts';
import { reportAttack } from './support/report.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

const FLOOD = 100;
const BURST = DEFAULT_QUOTAS.revisionBurst;

describe('revision flood', () => {
  it('holds one account to the revision rate on a story, answers 429 with Retry-After, and leaves honest saves alone', { timeout: 120_000 }, async () => {
    server = await startHostileServer();
    const [ana, ben, mallory] = await Promise.all([server.token('ana'), server.token('ben'), server.token('mallory')]);
    const target = await server.createArticle(mallory, 'Saved again and again');
    await writeBody(server, target, mallory, paragraphsOf(distinctWords(5_000, 'w'), 50));
    const honestArticle = await server.createArticle(ana, 'Honest work');

    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, honestArticle, ana, ben);
    const save = (token: string, id: string) => server!.api(`/api/articles/${id}/revisions`, { method: 'POST', token, json: { note: 'again' } });
    // Two at a time (more at once meets the per-user limit on heavy requests first), as fast as the server answers.
    const flood: Response[] = [];
    const floodStart = performance.now();
    for (let i = 0; i < FLOOD; i += 2) flood.push(...(await Promise.all([save(mallory, target), save(mallory, target)])));
    // The bucket refills one write every interval: a flood slowed by a loaded machine may earn one or two more.
    const refills = Math.floor((performance.now() - floodStart) / DEFAULT_QUOTAS.revisionIntervalMs);
    // Meanwhile a reporter saves her own work several times in a minute, and submits it.
    const honest: number[] = [];
    for (let i = 0; i < 5; i++) honest.push((await save(ana, honestArticle)).status);
    const submitted = await server.api(`/api/articles/${honestArticle}/revisions/5/submit`, { method: 'POST', token: ana, json: {} });
    // And she may save mallory's story too: the limit is per user.
    const alongside = (await save(ana, target)).status;
    const delivery = await traffic.stop(60_000);
    const rssPeak = peak();

    const statuses = flood.map((r) => r.status);
    const refused = flood.filter((r) => r.status === 429);
    reportAttack({
      attack: 'revision flood',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `${FLOOD} saves of a 5,000-word story by one account: ${statuses.filter((s) => s === 201).length} stored, ${refused.length} refused with 429 (Retry-After ${refused[0]?.headers.get('retry-after')} s)`,
    });

    const stored = statuses.filter((s) => s === 201).length;
    expect(stored).toBeGreaterThanOrEqual(BURST);
    expect(stored).toBeLessThanOrEqual(BURST + refills);
    expect(refused.length).toBe(FLOOD - stored);
    const body = (await refused[0].json()) as { error: string };
    expect(body.error).toMatch(/too many revision/i);
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused[0].headers.get('retry-after'))).toBeLessThanOrEqual(6);
    const revisions = (await (await server.api(`/api/articles/${target}/revisions`, { token: mallory })).json()) as unknown[];
    expect(revisions.length).toBe(stored + 1);
    // One log line for each run of refusals (one, unless a refill came between), naming the account.
    const lines = server.logLines('too fast').filter((line) => line.includes('mallory')).length;
    expect(lines).toBeGreaterThanOrEqual(1);
    expect(lines).toBeLessThanOrEqual(1 + (stored - BURST));

    expect(honest).toEqual([201, 201, 201, 201, 201]);
    expect(submitted.status).toBe(200);
    expect(alongside).toBe(201);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1_000);
  });
});
