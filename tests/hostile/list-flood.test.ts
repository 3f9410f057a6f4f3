// List flood: a newsroom whose stories' list texts are huge (5 MiB headlines, written into its
// tables before list texts were capped), notes as long as a request may carry on the latest
// revision of some stories, twenty concurrent story-list requests again and again,
// and event-stream floods (many streams from one user, a stream that never reads, a burst of new
// stories told to everyone), beside honest editors whose keystrokes are timed and checked.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIST_NOTE_MAX, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { MAX_PAGE_SIZE } from '../../server/articles/list-page.ts';
import { MAX_JSON_BYTES } from '../../server/http/json-body.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { FIELD_CAPS } from '../../model/article-limits.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { sleep, waitFor } from '../support/clients.ts';
import { articleEvent, openEventStream, readAllPages, type EventStreamClient } from '../support/list-events.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
const streams: EventStreamClient[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

const HUGE = 5 * 1024 * 1024;
const HUGE_ARTICLES = 3;
const ORDINARY_ARTICLES = 250;

/**
 * A data dir written before list texts were capped, holding stories with 5 MiB headlines (and
 * 1 MiB bylines, desks and slugs), and many ordinary ones: straight into its tables.
 */
async function floodedDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-hostile-'));
  const db = new Database(databasePath(dataDir));
  for (const migration of SQLITE_MIGRATIONS.slice(0, 3)) db.exec(migration);
  db.pragma('user_version = 3');
  const insert = db.prepare(
    'INSERT INTO articles (id, created_at, created_by, updated_at, headline, byline, desk, slug, pictures_indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)',
  );
  const huge = 'H'.repeat(HUGE);
  const large = 'L'.repeat(HUGE / 5);
  db.transaction(() => {
    for (let i = 0; i < HUGE_ARTICLES + ORDINARY_ARTICLES; i++) {
      const big = i < HUGE_ARTICLES;
      insert.run(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, i, 'seed', 1_000_000 + i, big ? huge : `Ordinary ${i}`, big ? large : '', big ? large : '', big ? large : '');
    }
  })();
  db.close();
  return dataDir;
}

/** Opens the event stream on a raw connection, then never reads; `closed` once the server let go (seen when it reads again). */
async function nonReadingStream(url: string, token: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(`GET /api/events HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n\r\n`);
  const state = { socket, closed: false };
  socket.on('close', () => (state.closed = true));
  socket.on('error', () => undefined);
  await sleep(300);
  socket.pause();
  return state;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

describe('list flood', () => {
  it('keeps every page small and every honest keystroke flowing under list and event-stream floods', { timeout: 120_000 }, async () => {
    server = await startHostileServer({ dataDir: await floodedDataDir() });
    const ana = await server.token('ana');
    const ben = await server.token('ben');
    const mallory = await server.token('mallory');
    const id = await server.createArticle(ana);
    const rssBefore = server.rss();
    const peak = server.sampleRss();
    // The longest notes a request may carry, each the latest event of a story: every list read meets them.
    for (let i = 0; i < 3; i++) {
      const noted = await server.createArticle(mallory, `Noted ${i}`);
      const saved = await server.api(`/api/articles/${noted}/revisions`, { method: 'POST', token: mallory, json: { note: 'N'.repeat(MAX_JSON_BYTES - 100) } });
      expect(saved.status).toBe(201);
    }
    traffic = await HonestTraffic.start(server.wsUrl, id, ana, ben);
    // An honest colleague's list stays live through all of it.
    const honest = await openEventStream(server.url, ben);
    streams.push(honest);

    // 1. Twenty concurrent list requests, ten times over, half of them for the largest page.
    const roundMs: number[] = [];
    let largestPage = 0;
    let answers = 0;
    for (let round = 0; round < 10; round++) {
      const start = performance.now();
      const replies = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const response = await server!.api(`/api/articles${i % 2 ? `?limit=${MAX_PAGE_SIZE}` : ''}`, { token: mallory });
          return { status: response.status, text: await response.text() };
        }),
      );
      roundMs.push(performance.now() - start);
      for (const { status, text } of replies) {
        expect(status).toBe(200);
        largestPage = Math.max(largestPage, Buffer.byteLength(text));
        answers++;
      }
    }
    const afterLists = traffic.stats();
    const all = await readAllPages(server.url, mallory);
    const entries = all.pages.flat();
    expect(entries).toHaveLength(HUGE_ARTICLES + ORDINARY_ARTICLES + 4);
    for (const entry of entries) {
      expect([...entry.headline].length).toBeLessThanOrEqual(LIST_TEXT_MAX);
      expect([...(entry.lastEvent?.note ?? '')].length).toBeLessThanOrEqual(LIST_NOTE_MAX);
    }
    // 500 entries at most, each a few hundred bytes (capped texts): never megabytes.
    expect(largestPage).toBeLessThan(1024 * 1024);

    // 2. Event-stream floods from one user: fifty at once (five get through), and one of those never reads.
    const attacker = await nonReadingStream(server.url, mallory);
    const tries = await Promise.all(Array.from({ length: 49 }, () => openEventStream(server!.url, mallory)));
    streams.push(...tries);
    const accepted = tries.filter((s) => s.status === 200).length;
    const refused = tries.filter((s) => s.status === 429).length;
    expect(accepted + 1).toBe(5);
    expect(refused).toBe(45);
    // The streams that do read are closed by their attacker; the non-reader stays, its buffer filling.
    for (const s of tries) s.close();

    // 3. A burst of new stories with fat headlines (escaped six bytes a character in JSON), told to every stream.
    // As long as a headline may be (the list cuts it to its own cap again).
    const fat = '\u0001'.repeat(FIELD_CAPS.headline);
    let created = 0;
    const dropped = () => server!.logLines('closing the event stream of mallory').length > 0;
    const burstStart = performance.now();
    while (!dropped() && created < 6000 && performance.now() - burstStart < 40_000) {
      const made = await Promise.all(
        // Stories "made offline": the headline goes into the list entry only (where it is capped), not into a document.
        Array.from({ length: 20 }, () => server!.api('/api/articles', { method: 'POST', token: mallory, json: { id: randomUUID(), headline: fat } })),
      );
      created += made.filter((r) => r.status === 201).length;
    }
    await waitFor(dropped, 'the server to close the stream nobody reads', 20_000);
    const burstMs = performance.now() - burstStart;
    attacker.socket.resume();
    await waitFor(() => attacker.closed, 'the unread connection to close');
    const lastId = ((await (await server.api('/api/articles', { method: 'POST', token: ana, json: { headline: 'After the flood' } })).json()) as { id: string }).id;
    await honest.next(articleEvent(lastId), 'the honest list to hear of a story after the flood', 0, 20_000);
    expect(honest.isEnded).toBe(false);

    const delivery = await traffic.stop();
    const rssPeak = peak();
    const figures = {
      pages:
        `20 concurrent list requests × 10: round p50 ${quantile(roundMs, 0.5).toFixed(0)} ms, max ${Math.max(...roundMs).toFixed(0)} ms; ` +
        `largest page ${(largestPage / 1024).toFixed(0)} KiB (${answers} answers); keystroke p99 over those ${afterLists.p99.toFixed(1)} ms`,
      streams: `${accepted + 1} of 50 streams accepted, ${refused} refused (429); the unread one closed after ${created} fat stories (${(burstMs / 1000).toFixed(1)} s)`,
    };
    reportAttack({ attack: 'list flood', rssBefore, rssPeak, rssAfter: server.rss(), delivery, note: `${figures.pages}; ${figures.streams}` });
    expect(server.logLines('refusing an event stream of mallory').length).toBeGreaterThan(0);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    // Generous: the target is 100 ms, reported above; seconds would mean the list stalls the server again.
    expect(delivery.p99).toBeLessThan(1000);

    traffic.destroy();
    server = await server.restart();
    expect(await traffic.storedKeystrokes(server.wsUrl, id, await server.token('ben'))).toBe(delivery.keystrokes);
    traffic = null;
  });
});
