// Slow reader: a client that asks for the whole story (sync step 1 with an empty state vector)
// or for everyone's presence again and again and never reads the answers. Before, the server
// queued every answer: 1,000 tiny frames against a 2 MB story took it to 3.5 GB, and nothing
// ever dropped the client (any frame counted as liveness). Now those requests are rate-limited
// per connection (1008), a connection with more than 8 MiB unsent is closed (1013), and a client
// that reconnects gets the story as usual.
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { connectClient, sleep, waitFor } from '../support/clients.ts';
import {
  awarenessMessage,
  fullStateAnswerBytes,
  mustOpen,
  QUERY_AWARENESS,
  sendMany,
  signIn,
  articleText,
  syncStep1Empty,
  whenClosed,
  writeLargeArticle,
  type Account,
} from './support/attackers.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

const MiB = 1024 * 1024;

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

/** A server with a story of about 2 MB and the honest editors typing in it. */
async function largeArticle(serverOptions: Record<string, unknown> = {}) {
  server = await startHostileServer({ serverOptions });
  const ana = await signIn(server, 'ana');
  const ben = await signIn(server, 'ben');
  const vic = await signIn(server, 'vic');
  const id = await server.createArticle(ana.token);
  await writeLargeArticle(server, id, ana.token, 2_000_000);
  const answerBytes = await fullStateAnswerBytes(server, id, vic.token);
  traffic = await HonestTraffic.start(server.wsUrl, id, ana.token, ben.token);
  return { server, ana, ben, vic, id, answerBytes };
}

/** A socket that stops reading as soon as it is open, then sends `frames` copies of `message`. */
async function neverReading(server: HostileServer, id: string, account: Account, message: Uint8Array, frames: number) {
  const ws = await mustOpen(server, id, account.token);
  sockets.push(ws);
  ws.pause();
  const closed = whenClosed(ws);
  await sendMany(ws, message, frames);
  return { ws, closed };
}

/** The server's close, read once the attacker reads again (the close frame waits behind what it did not read). */
async function closeSeenAfterReading(ws: WebSocket, closed: Promise<{ code: number; reason: string }>) {
  ws.resume();
  return closed;
}

/** A fresh stock client of `account` gets the whole story. */
async function reconnectsNormally(server: HostileServer, id: string, account: Account, expected: string) {
  const fresh = connectClient(server.wsUrl, id, account.token);
  try {
    await fresh.synced;
    await waitFor(() => articleText(fresh.doc).length >= expected.length, 'the reconnected client to have the whole story');
    return articleText(fresh.doc).startsWith(expected.slice(0, 1000)) && articleText(fresh.doc).length >= expected.length;
  } finally {
    fresh.destroy();
  }
}

describe('slow reader', () => {
  it('1,000 “send me the whole story” frames against a 2 MB story, never read: closed at the rate limit, the editors type on', async () => {
    const { server, ben, vic, id, answerBytes } = await largeArticle();
    const rssBefore = server.rss();
    const peak = server.sampleRss();

    const { ws, closed } = await neverReading(server, id, vic, syncStep1Empty(), 1000);
    await waitFor(() => server.logLines('closing connection of vic').length > 0, 'the server to close the slow reader', 20_000);
    await sleep(1500); // the honest editors type on while the server still holds what the reader did not read
    const close = await closeSeenAfterReading(ws, closed);
    const delivery = await traffic!.stop();
    const rssPeak = peak();
    reportAttack({
      attack: 'slow reader: sync step 1 × 1000 against a 2 MB story',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `the whole story's answer (sync step 2) is ${(answerBytes / MiB).toFixed(2)} MiB; closed ${close.code} “${close.reason}”`,
    });

    expect(close).toEqual({ code: 1008, reason: 'sync requests over the rate' });
    expect(server.logLines('closing connection of vic to story').some((l) => l.includes('sync requests over the rate'))).toBe(true);
    expect(rssPeak - rssBefore).toBeLessThan(200 * MiB);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1000);
    const article = articleText(traffic!.writer.doc);
    expect(await reconnectsNormally(server, id, vic, article)).toBe(true);
    expect(await traffic!.storedKeystrokes(server.wsUrl, id, ben.token)).toBe(delivery.keystrokes);
  });

  it('with the request rate lifted, the same reader is closed once 8 MiB wait unsent (1013), and gets the story normally when it reconnects', async () => {
    const { server, ben, vic, id, answerBytes } = await largeArticle({ rooms: { syncRequestRate: { burst: 100_000, perSecond: 100_000 } } });
    // A story's whole state sent once must fit under the limit, or a new client could never open it.
    expect(answerBytes).toBeLessThan(8 * MiB);
    const rssBefore = server.rss();
    const peak = server.sampleRss();

    const { ws, closed } = await neverReading(server, id, vic, syncStep1Empty(), 1000);
    await waitFor(() => server.logLines('closing connection of vic').length > 0, 'the server to close the slow reader', 20_000);
    await sleep(1500); // the honest editors type on while the server still holds what the reader did not read
    const close = await closeSeenAfterReading(ws, closed);
    const delivery = await traffic!.stop();
    const rssPeak = peak();
    reportAttack({
      attack: 'slow reader: unsent bytes past the limit (rate lifted)',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `closed ${close.code} “${close.reason}”`,
    });

    expect(close.code).toBe(1013);
    expect(close.reason).toMatch(/^too far behind: \d+\.\d MiB unsent$/);
    expect(server.logLines('closing connection of vic to story').some((l) => l.includes('too far behind') && l.includes('not reading'))).toBe(true);
    expect(rssPeak - rssBefore).toBeLessThan(200 * MiB);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1000);
    expect(await reconnectsNormally(server, id, vic, articleText(traffic!.writer.doc))).toBe(true);
    expect(await traffic!.storedKeystrokes(server.wsUrl, id, ben.token)).toBe(delivery.keystrokes);
  });

  it('awareness queries against the largest presence the server allows, never read: closed at the rate limit', async () => {
    server = await startHostileServer();
    const ana = await signIn(server, 'ana');
    const ben = await signIn(server, 'ben');
    const vic = await signIn(server, 'vic');
    const mallory = await signIn(server, 'mallory');
    const id = await server.createArticle(ana.token);
    traffic = await HonestTraffic.start(server.wsUrl, id, ana.token, ben.token);

    // Mallory first tries a 1 MB state (refused), then fills 20 sockets × 4 ids with states just under 4 KiB.
    const huge = await mustOpen(server, id, mallory.token);
    const hugeClosed = whenClosed(huge);
    huge.send(awarenessMessage([[1, 1, { pad: 'x'.repeat(1024 * 1024) }]]));
    expect((await hugeClosed).code).toBe(1008);
    for (let s = 0; s < 20; s++) {
      const ws = await mustOpen(server, id, mallory.token);
      sockets.push(ws);
      ws.send(awarenessMessage([0, 1, 2, 3].map((k): [number, number, unknown] => [10_000 + s * 4 + k, 1, { pad: 'x'.repeat(3800) }])));
    }
    await waitFor(() => traffic!.reader.provider.awareness.getStates().size >= 80, 'Mallory’s presence to reach the reader');
    const rssBefore = server.rss();
    const peak = server.sampleRss();

    const { ws, closed } = await neverReading(server, id, vic, QUERY_AWARENESS, 1000);
    await waitFor(() => server!.logLines('closing connection of vic').length > 0, 'the server to close the slow reader', 20_000);
    await sleep(1500); // the honest editors type on while the server still holds what the reader did not read
    const close = await closeSeenAfterReading(ws, closed);
    const delivery = await traffic.stop();
    const rssPeak = peak();
    reportAttack({
      attack: 'slow reader: awareness queries × 1000 against 80 presence states of 4 KiB',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `closed ${close.code} “${close.reason}”; Mallory's 1 MB state refused`,
    });

    expect(close).toEqual({ code: 1008, reason: 'presence queries over the rate' });
    expect(server.logLines('closing connection of mallory to story').some((l) => l.includes('presence state of'))).toBe(true);
    expect(server.logLines('closing connection of vic to story').some((l) => l.includes('presence queries over the rate'))).toBe(true);
    expect(rssPeak - rssBefore).toBeLessThan(200 * MiB);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1000);
    expect(await traffic.storedKeystrokes(server.wsUrl, id, ben.token)).toBe(delivery.keystrokes);
  });
});
