// Liveness after a server stall: the server's own event loop is blocked for longer than the ping
// interval (a long synchronous task), while every client answers its pings on time. Before, the
// ping check ran first after the stall (Node runs timers before reading sockets), found the
// pongs unread and dropped every healthy client. Now the verdict waits until pending input is
// read, a round that comes late drops nobody, and one that comes too soon after it waits; a
// client that really stopped answering is still dropped, with a log line naming it. (The server
// child stalls right after a round of pings, when every pong is in flight: the worst moment.)
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectClient, sleep, waitFor, type TestClient } from '../support/clients.ts';
import { signIn, whenClosed } from './support/attackers.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

const MiB = 1024 * 1024;
const PING_MS = 500;
const STALL_MS = 3000;

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

describe('liveness after a server stall', () => {
  it('a stall of 6 ping intervals right after a round of pings drops no healthy client; a silent one is still dropped', async () => {
    server = await startHostileServer({ serverOptions: { collab: { pingIntervalMs: PING_MS }, stallMs: STALL_MS } });
    const ana = await signIn(server, 'ana');
    const ben = await signIn(server, 'ben');
    const vic = await signIn(server, 'vic');
    const id = await server.createArticle(ana.token);
    traffic = await HonestTraffic.start(server.wsUrl, id, ana.token, ben.token);
    // Idle viewers: they send nothing, only answer pings.
    for (let i = 0; i < 5; i++) clients.push(connectClient(server.wsUrl, id, vic.token));
    await Promise.all(clients.map((c) => c.synced));
    const everyone = [traffic.writer, traffic.reader, ...clients];
    let drops = 0;
    for (const client of everyone) {
      client.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') drops++;
      });
    }
    const rssBefore = server.rss();
    const peak = server.sampleRss();

    await sleep(3 * PING_MS);
    const dropLinesBefore = server.logLines('stopped answering pings').length;
    process.kill(server.pid, 'SIGUSR2');
    await sleep(STALL_MS + 5 * PING_MS);
    const dropLines = server.logLines('stopped answering pings').length - dropLinesBefore;
    // A client that really stopped answering is still found.
    const silent = new WebSocket(`${server.wsUrl}/${id}?token=${vic.token}`, { autoPong: false });
    await new Promise((resolve) => silent.once('open', resolve));
    const silentClosed = whenClosed(silent);
    const silentClose = await silentClosed;
    const delivery = await traffic.stop();
    const rssPeak = peak();
    reportAttack({
      attack: `liveness after a server stall of ${STALL_MS} ms (ping every ${PING_MS} ms)`,
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `${drops} honest clients dropped; the silent one closed ${silentClose.code}`,
    });

    expect(drops).toBe(0);
    expect(dropLines).toBe(0);
    expect(everyone.every((c) => c.provider.wsconnected)).toBe(true);
    expect(silentClose.code).toBe(1006); // terminated: it was not listening
    await waitFor(() => server!.logLines('dropping the collaboration socket of vic on story').length > 0, 'the silent client’s log line');
    expect(rssPeak - rssBefore).toBeLessThan(200 * MiB);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    // Keystrokes typed during a stall wait for it; everything else arrives as usual.
    expect(delivery.p99).toBeLessThan(STALL_MS + 1000);
    expect(delivery.p50).toBeLessThan(1000);
    expect(await traffic.storedKeystrokes(server.wsUrl, id, ben.token)).toBe(delivery.keystrokes);
  });
});
