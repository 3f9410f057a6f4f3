// Attack: upload flood. One account opens ten uploads at once and keeps them open, then drips
// bodies byte by byte or stops sending halfway. Uploads in progress are bounded per user (3;
// the rest 429 at once) and in total; a body that stalls is refused with 408 after the idle
// timeout and one that drips is cut at the request timeout, freeing its slot. Everyone else
// keeps uploading and typing.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../support/clients.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';
import { openUpload, type OpenUpload } from './support/slow-requests.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

/** A PNG of noise (it does not compress): about `side`² × 3 bytes. */
const noisePng = (side: number) => sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png().toBuffer();

/** Posts a whole picture at once; returns the status. */
async function upload(server: HostileServer, token: string, bytes: Buffer): Promise<number> {
  const response = await server.api('/api/pictures', { method: 'POST', token, body: bytes, headers: { 'content-type': 'image/png' } });
  await response.text();
  return response.status;
}

describe('upload flood', () => {
  it('lets one account have 3 uploads in progress, refuses the rest with 429 at once, and leaves others uploading', { timeout: 120_000 }, async () => {
    server = await startHostileServer();
    const [ana, ben, mallory] = await Promise.all([server.token('ana'), server.token('ben'), server.token('mallory')]);
    const honestArticle = await server.createArticle(ana, 'Honest work');
    const images = await Promise.all(Array.from({ length: 10 }, () => noisePng(400)));

    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, honestArticle, ana, ben);
    // Ten uploads, each declaring its whole size and sending its first 16 KiB, then waiting.
    const open: OpenUpload[] = images.map((image) => {
      const upload = openUpload(server!.url, mallory, image.length);
      upload.write(image.subarray(0, 16 * 1024));
      return upload;
    });
    await sleep(1_000);
    const refused = await Promise.all(open.filter((u) => u.settled()).map((u) => u.outcome));
    const held = open.filter((u) => !u.settled());
    // Ana's upload goes through meanwhile.
    const anaStatus = await upload(server, ana, await noisePng(100));
    // Mallory finishes the three she holds; they are stored.
    held.forEach((u) => u.write(images[open.indexOf(u)].subarray(16 * 1024)));
    held.forEach((u) => u.end());
    const finished = await Promise.all(held.map((u) => u.outcome));
    const after = await upload(server, mallory, await noisePng(90));
    const delivery = await traffic.stop(60_000);
    const rssPeak = peak();
    reportAttack({
      attack: 'upload flood (concurrent)',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `10 uploads at once by one account (${(images[0].length / 1024).toFixed(0)} KiB each): ${held.length} held, ${refused.length} refused (${[...new Set(refused.map((r) => r.status))].join('/')}) in ≤ ${Math.max(...refused.map((r) => r.ms)).toFixed(0)} ms`,
    });

    expect(held.length).toBe(3);
    expect(refused.length).toBe(7);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(JSON.parse(r.body).error).toMatch(/at most 3 uploads/);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    expect(server.logLines('uploads in progress').some((line) => line.includes('mallory'))).toBe(true);
    expect(anaStatus).toBe(201);
    expect(finished.map((f) => f.status)).toEqual([201, 201, 201]);
    expect(after).toBe(201);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1_000);
  });

  it('refuses a stalled upload with 408 after the body idle timeout, cuts a dripping one at the request timeout, and frees their slots', { timeout: 120_000 }, async () => {
    // Short timeouts so the test is quick; the defaults are 15 s idle and 300 s per request.
    server = await startHostileServer({ serverOptions: { http: { bodyIdleTimeoutMs: 1_000, requestTimeoutMs: 4_000, headersTimeoutMs: 2_000 } } });
    const [ana, ben, mallory] = await Promise.all([server.token('ana'), server.token('ben'), server.token('mallory')]);
    const honestArticle = await server.createArticle(ana, 'Honest work');
    const image = await noisePng(300);

    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, honestArticle, ana, ben);
    // Stalled: a first kilobyte, then nothing.
    const stalled = openUpload(server.url, mallory, image.length);
    stalled.write(image.subarray(0, 1024));
    // Dripping: 100 bytes every 300 ms (never idle for a second), on mallory's other two slots.
    const drips = [0, 1].map(() => openUpload(server!.url, mallory, image.length));
    let at = 0;
    const dripper = setInterval(() => {
      for (const d of drips) d.write(image.subarray(at, at + 100));
      at += 100;
    }, 300);
    const stall = await stalled.outcome;
    const cut = await Promise.all(drips.map((d) => d.outcome));
    clearInterval(dripper);
    // Every slot is free again.
    const after = await upload(server, mallory, image);
    const delivery = await traffic.stop(60_000);
    const rssPeak = peak();
    reportAttack({
      attack: 'upload flood (slow drip)',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `stalled upload answered ${stall.status} after ${(stall.ms / 1000).toFixed(1)} s (idle limit 1 s); 2 dripping uploads (100 B / 300 ms) ended after ${cut.map((c) => (c.ms / 1000).toFixed(1)).join(', ')} s (request limit 4 s) with ${cut.map((c) => c.status).join('/')}`,
    });

    expect(stall.status).toBe(408);
    expect(JSON.parse(stall.body).error).toMatch(/stopped arriving/);
    expect(stall.ms).toBeLessThan(5_000);
    expect(server.logLines('408').some((line) => line.includes('mallory'))).toBe(true);
    for (const c of cut) {
      // Node answers 408 itself when it can, else the connection is simply cut: either way, well before the body would end.
      expect([0, 408]).toContain(c.status);
      expect(c.ms).toBeLessThan(15_000);
    }
    expect(server.logLines('ended before its body did').filter((line) => line.includes('mallory')).length).toBe(2);
    expect(after).toBe(201);
    // The honest websockets outlived the request timeout untouched.
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1_000);
    expect(await traffic.storedKeystrokes(server.wsUrl, honestArticle, ben)).toBe(delivery.keystrokes);
  });
});
