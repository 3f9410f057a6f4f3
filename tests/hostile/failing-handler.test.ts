// Attack: requests whose handler fails after it has read the body. Before, such a request was
// never answered (the router took the consumed request for a client that went away): each one
// held a socket and its memory until the client gave up. Now every one is a 500 {error} at once
// with a log line naming the route and the user, and the honest editors type on.
import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../support/clients.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { FAILING_MARK, startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

describe('a handler failing after reading the body', () => {
  it('answers every such request with 500 at once, and nothing is left hanging', async () => {
    // Creating a story whose headline carries the mark fails in the store, after the body was read.
    const s = (server = await startHostileServer({ failingStoreCalls: ['createArticle'] }));
    const ana = await s.token('ana');
    const mallory = await s.token('mallory');
    const id = await s.createArticle(ana);
    const rssBefore = s.rss();
    const peak = s.sampleRss();
    traffic = await HonestTraffic.start(s.wsUrl, id, ana, await s.token('ben'));

    // 200 of them, 10 at a time; a request not answered within 15 s counts as left hanging (status 0).
    const started = performance.now();
    const statuses: { status: number; body: { error?: string } }[] = [];
    const send = () =>
      s
        .api('/api/articles', { method: 'POST', token: mallory, json: { headline: FAILING_MARK }, signal: AbortSignal.timeout(15_000) })
        .then(async (response) => ({ status: response.status, body: (await response.json()) as { error?: string } }))
        .catch((error: Error) => ({ status: 0, body: { error: error.name } }));
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (statuses.length < 200) statuses.push(await send());
    }));
    const answeredIn = performance.now() - started;
    await sleep(1000);
    const delivery = await traffic.stop();
    reportAttack({
      attack: 'handler failing after reading the body',
      rssBefore,
      rssPeak: peak(),
      rssAfter: s.rss(),
      delivery,
      note: `${statuses.length} such requests (10 at a time) all answered in ${answeredIn.toFixed(0)} ms: ${statuses.filter((r) => r.status === 500).length} × 500`,
    });

    expect(statuses.filter((r) => r.status === 0)).toEqual([]);
    for (const { status, body } of statuses) {
      expect(status).toBe(500);
      expect(body.error).toMatch(/internal error/);
    }
    expect(statuses.length).toBeGreaterThanOrEqual(200);
    expect(s.logLines('POST /api/articles (/api/articles) for mallory failed').length).toBe(statuses.length);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(await traffic.storedKeystrokes(s.wsUrl, id, ana)).toBe(delivery.keystrokes);
  });
});
