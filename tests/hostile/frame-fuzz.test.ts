// Fuzz: tens of thousands of frames, valid y-websocket messages of every kind and mutations of
// them (bit flips, truncations, inserted bytes, corrupted lengths, splices, garbage), sent by a
// reporter and a viewer over connections that are reopened whenever the server closes one; a
// SAVED request after each burst checks that the server read it and answered or closed.
// Meanwhile honest editors type. Afterwards: the server is up and answering, it closed what it
// refused with a logged reason, its memory stayed bounded, every honest keystroke was delivered
// and confirmed, it shuts down cleanly (exit 0), and a restarted server has every confirmed one.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as prng from 'lib0/prng';
import { encodeSaved, MESSAGE_READ_ONLY, MESSAGE_SAVED, readSavedSeq } from '../../model/saved-protocol.ts';
import { sleep } from '../support/clients.ts';
import { FrameFuzzer } from './support/frame-fuzzer.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const WORKERS = 4;

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

/** Opens a socket, or null when the upgrade was refused (the server may limit how fast one user reconnects). */
function open(url: string): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(null);
    });
    ws.on('open', () => resolve(ws));
    ws.on('error', () => resolve(null));
  });
}

interface FuzzCounts {
  sent: number;
  connections: number;
  refusedUpgrades: number;
  closedByServer: number;
  /** Barriers neither answered nor closed within 10 s: the server left a connection hanging. */
  unanswered: number;
}

// A SAVED request is answered (SAVED or READ_ONLY) only after everything before it on the
// connection was handled: the barrier that tells this worker the server read its burst.
const BARRIER_BASE = 900_000_000;

function answered(ws: WebSocket, seq: number): Promise<'answered' | 'closed' | 'silent'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done('silent'), 10_000);
    const onMessage = (data: Buffer) => {
      const bytes = new Uint8Array(data);
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_READ_ONLY || (type === MESSAGE_SAVED && readSavedSeq(decoder) === seq)) done('answered');
    };
    const onClose = () => done('closed');
    function done(how: 'answered' | 'closed' | 'silent') {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(how);
    }
    ws.on('message', onMessage);
    ws.once('close', onClose);
    if (ws.readyState !== WebSocket.OPEN) done('closed');
  });
}

// One fuzzing worker: bursts of valid frames ending in (usually) one mutated frame, each followed
// by a barrier; a connection the server closed is replaced by a new one.
async function fuzzWorker(url: string, rng: prng.PRNG, share: { remaining: number }, counts: FuzzCounts): Promise<void> {
  let barrier = BARRIER_BASE;
  while (share.remaining > 0) {
    const ws = await open(url);
    if (!ws) {
      counts.refusedUpgrades++;
      await sleep(250);
      continue;
    }
    counts.connections++;
    const fuzzer = new FrameFuzzer(rng);
    while (share.remaining > 0 && ws.readyState === WebSocket.OPEN) {
      for (let i = 0; i < 20 && share.remaining > 0; i++) {
        const { frame, mutated } = fuzzer.next(0.15);
        ws.send(frame);
        share.remaining--;
        counts.sent++;
        if (mutated) break;
      }
      const seq = ++barrier;
      ws.send(encodeSaved(seq));
      const how = await answered(ws, seq);
      if (how === 'closed') counts.closedByServer++;
      if (how === 'silent') counts.unanswered++;
    }
    fuzzer.destroy();
    if (ws.readyState === WebSocket.OPEN) ws.close();
    await new Promise((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve(null) : ws.once('close', resolve)));
  }
}

describe('frame fuzz', () => {
  it(`survives ${FRAMES} valid and mutated frames (seed ${SEED}) with honest editors unharmed and everything confirmed stored`, async () => {
    server = await startHostileServer();
    const ana = await server.token('ana');
    const ben = await server.token('ben');
    const tokens = [await server.token('mallory'), await server.token('vic')];
    const id = await server.createArticle(ana);

    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, id, ana, ben);
    const rng = prng.create(SEED);
    const counts: FuzzCounts = { sent: 0, connections: 0, refusedUpgrades: 0, closedByServer: 0, unanswered: 0 };
    const share = { remaining: FRAMES };
    await Promise.all(
      Array.from({ length: WORKERS }, (_, i) => fuzzWorker(`${server!.wsUrl}/${id}?token=${tokens[i % tokens.length]}`, prng.create(prng.uint32(rng, 0, 0xffffffff)), share, counts)),
    );
    const delivery = await traffic.stop();
    const rssPeak = peak();
    const rssAfter = server.rss();
    reportAttack({
      attack: 'frame fuzz',
      rssBefore,
      rssPeak,
      rssAfter,
      delivery,
      note: `${counts.sent} frames over ${counts.connections} connections, ${counts.closedByServer} closed by the server, ${counts.refusedUpgrades} upgrades refused, ${counts.unanswered} left unanswered`,
    });

    expect(counts.sent).toBe(FRAMES);
    expect(counts.unanswered).toBe(0);
    expect(server.child.exitCode).toBeNull();
    // The server refused what it could not read, and said why, naming the sender.
    expect(counts.closedByServer).toBeGreaterThan(0);
    expect(server.logLines('closing connection of mallory').length + server.logLines('closing connection of vic').length).toBeGreaterThan(0);
    // Everyone else kept working.
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1000);
    expect(rssPeak - rssBefore).toBeLessThan(300 * 1024 * 1024);
    // The list, the export and a clean shutdown still work, and the confirmed keystrokes are stored.
    expect((await server.api('/api/articles', { token: ana })).status).toBe(200);
    expect((await server.api(`/api/articles/${id}/export?format=ninjs`, { token: ana })).status).toBe(200);
    traffic.destroy();
    const typed = delivery.keystrokes;
    const spent = traffic;
    traffic = null;
    expect(await server.stop()).toBe(0);
    server = await server.restart();
    expect(await spent.storedKeystrokes(server.wsUrl, id, await server.token('ben'))).toBe(typed);
  }, 180_000);
});
