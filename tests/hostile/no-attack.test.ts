// The yardstick for every attack: the same honest editors against the same server with no
// attacker. Also proves the suite's own measuring: delivery times are taken, every keystroke
// the server confirmed is there for a new client, and still there after a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../support/clients.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

describe('no attack (the yardstick)', () => {
  it('delivers every honest keystroke, confirms it stored, and keeps it across a restart', async () => {
    server = await startHostileServer();
    const ana = await server.token('ana');
    const ben = await server.token('ben');
    const id = await server.createArticle(ana);
    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, id, ana, ben);
    await sleep(2000);
    const delivery = await traffic.stop();
    const rssPeak = peak();
    reportAttack({ attack: 'no attack', rssBefore, rssPeak, rssAfter: server.rss(), delivery });

    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.keystrokes).toBeGreaterThan(20);
    traffic.destroy();
    server = await server.restart();
    expect(await traffic.storedKeystrokes(server.wsUrl, id, await server.token('ben'))).toBe(delivery.keystrokes);
    traffic = null;
  });
});
