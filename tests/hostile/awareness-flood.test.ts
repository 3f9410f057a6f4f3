// Awareness flood: a viewer sends presence messages with a million client ids (about 8 MB each,
// under the 16 MiB frame limit), ten times; and churns presence with null states (removals of
// ids it never set, and of other people's ids) over fifty connections. Before, y-protocols
// applied all of it: the server grew by gigabytes that were never freed, and other editors'
// keystrokes waited tens of seconds. Now each message is refused from its entry count and the
// sender closed (1008), removals of ids a connection never set are ignored, and the honest
// editors type on.
import { afterEach, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../support/clients.ts';
import { awarenessFlood, awarenessMessage, mustOpen, signIn, whenClosed, type Closed } from './support/attackers.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

const MiB = 1024 * 1024;

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

describe('awareness flood', () => {
  it('a viewer’s 8 MB presence message with a million client ids, sent 10 times: refused each time, the editors type on', async () => {
    server = await startHostileServer();
    const ana = await signIn(server, 'ana');
    const ben = await signIn(server, 'ben');
    const vic = await signIn(server, 'vic');
    const id = await server.createArticle(ana.token);
    traffic = await HonestTraffic.start(server.wsUrl, id, ana.token, ben.token);
    await sleep(500);
    const rssBefore = server.rss();
    const peak = server.sampleRss();

    const flood = awarenessFlood(1_000_000, '[0]');
    const closes: Closed[] = [];
    for (let round = 0; round < 10; round++) {
      // A determined attacker reconnects after every refusal.
      const ws = await mustOpen(server, id, vic.token);
      const closed = whenClosed(ws);
      ws.send(flood);
      closes.push(await closed);
    }
    await sleep(1000);
    const delivery = await traffic.stop();
    const rssPeak = peak();
    const rssAfter = server.rss();
    reportAttack({
      attack: 'awareness flood (1M client ids × 10)',
      rssBefore,
      rssPeak,
      rssAfter,
      delivery,
      note: `${(flood.length / MiB).toFixed(1)} MiB per message; closed ${closes.map((c) => c.code).join(',')}`,
    });

    for (const close of closes) expect(close).toEqual({ code: 1008, reason: expect.stringMatching(/presence update with 1000000 entries/) });
    expect(server.logLines('closing connection of vic to story').filter((l) => l.includes('1000000 entries'))).toHaveLength(10);
    expect(rssPeak - rssBefore).toBeLessThan(200 * MiB);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1000);
    expect(await traffic.storedKeystrokes(server.wsUrl, id, ben.token)).toBe(delivery.keystrokes);
  });

  it('null-state churn: removals of ids a viewer never set (its own, others’, a million at once) over 50 connections leave nothing behind and remove nobody', async () => {
    server = await startHostileServer({ serverOptions: { rooms: { awarenessForgetAfterMs: 1000 } } });
    const ana = await signIn(server, 'ana');
    const ben = await signIn(server, 'ben');
    const vic = await signIn(server, 'vic');
    const id = await server.createArticle(ana.token);
    traffic = await HonestTraffic.start(server.wsUrl, id, ana.token, ben.token);
    const writer = traffic.writer;
    writer.provider.awareness.setLocalStateField('field', 'body');
    const writerId = writer.doc.clientID;
    const seesWriter = () => traffic!.reader.provider.awareness.getStates().get(writerId)?.field === 'body';
    await waitFor(seesWriter, 'the reader to see the writer’s presence');
    const rssBefore = server.rss();
    const peak = server.sampleRss();

    const closes: Closed[] = [];
    for (let round = 0; round < 50; round++) {
      const ws = await mustOpen(server, id, vic.token);
      const closed = whenClosed(ws);
      const own = 1_000_000 + round;
      ws.send(awarenessMessage([[own, 1, { pad: 'p'.repeat(3000) }]]));
      ws.send(awarenessMessage([[own, 2, null]]));
      // Removing the writer (a later clock) and ids nobody set: ignored, and nothing is kept for them.
      ws.send(awarenessMessage([[writerId, 1000, null], [own + 5_000_000, 7, null], [own + 6_000_000, 7, null]]));
      if (round % 10 === 0) ws.send(awarenessFlood(1_000_000, 'null')); // a million removals at once: refused
      else ws.close();
      closes.push(await closed);
    }
    await sleep(1500);
    const delivery = await traffic.stop();
    const rssPeak = peak();
    const rssAfter = server.rss();
    const refused = closes.filter((c) => c.code === 1008);
    reportAttack({
      attack: 'awareness null-state churn (50 connections)',
      rssBefore,
      rssPeak,
      rssAfter,
      delivery,
      note: `${refused.length} refused (1008), the rest closed by the attacker`,
    });

    expect(refused).toHaveLength(5);
    for (const close of refused) expect(close.reason).toMatch(/presence update with 1000000 entries/);
    expect(server.logLines('closing connection of vic to story').length).toBeGreaterThanOrEqual(5);
    expect(seesWriter()).toBe(true);
    expect(traffic.reader.provider.awareness.getStates().get(writerId)?.user?.id).toBe(ana.id);
    // None of the attacker's states outlived it.
    const states = [...traffic.reader.provider.awareness.getStates().values()];
    expect(states.filter((s) => (s.user as { id?: string } | undefined)?.id === vic.id)).toEqual([]);
    expect(rssPeak - rssBefore).toBeLessThan(200 * MiB);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1000);
    expect(await traffic.storedKeystrokes(server.wsUrl, id, ben.token)).toBe(delivery.keystrokes);
  });
});
