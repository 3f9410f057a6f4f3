// Attack: slow headers (slowloris). Hundreds of connections that send a request's headers one
// line at a time and never finish, and connections kept alive doing nothing. Node's timeouts
// are set deliberately (headers 20 s, idle keep-alive 5 s, checked every second; shortened here
// so the test is quick): every such connection is closed in bounded time, with a 408 where Node
// can say it, while the honest editors keep typing and requests keep being answered.
import { afterEach, describe, expect, it } from 'vitest';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';
import { idleAfterOneRequest, slowHeaders } from './support/slow-requests.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

const SLOW = 200;
const IDLE = 50;

describe('slow headers', () => {
  it('closes connections that never finish their headers or sit idle, in bounded time, while everyone else works', { timeout: 120_000 }, async () => {
    server = await startHostileServer({ serverOptions: { http: { headersTimeoutMs: 2_000, keepAliveTimeoutMs: 1_000 } } });
    const [ana, ben, vic] = await Promise.all([server.token('ana'), server.token('ben'), server.token('vic')]);
    const honestArticle = await server.createArticle(ana, 'Honest work');

    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, honestArticle, ana, ben);
    const slow = Array.from({ length: SLOW }, () => slowHeaders(server!.url, 500));
    const idle = Array.from({ length: IDLE }, () => idleAfterOneRequest(server!.url, vic));
    // Honest requests are answered meanwhile.
    const honest = await server.api('/api/articles', { token: ana });
    const closed = await Promise.all(slow.map((s) => s.closed));
    const idleFor = await Promise.all(idle);
    const delivery = await traffic.stop(60_000);
    const rssPeak = peak();
    const slowest = Math.max(...closed.map((c) => c.ms));
    const answered408 = closed.filter((c) => c.answer.startsWith('HTTP/1.1 408')).length;
    reportAttack({
      attack: 'slow headers',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `${SLOW} connections sending a header line every 500 ms closed within ${(slowest / 1000).toFixed(1)} s (headers limit 2 s), ${answered408} with 408; ${IDLE} idle keep-alive connections closed within ${(Math.max(...idleFor) / 1000).toFixed(1)} s (limit 1 s)`,
    });

    expect(honest.status).toBe(200);
    // Generous: Node's defaults would have kept them 60 s and more.
    expect(slowest).toBeLessThan(10_000);
    expect(answered408).toBe(SLOW);
    // Kept alive at least the limit (not cut at once), and closed soon after it.
    expect(Math.min(...idleFor)).toBeGreaterThan(800);
    expect(Math.max(...idleFor)).toBeLessThan(10_000);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1_000);
  });
});
