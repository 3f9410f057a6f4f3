// Server resident memory per idle open story: VmRSS of the server process with N sample-sized
// stories open (one client each, idle past the time a room keeps its cold-open cache) minus
// VmRSS with none open, divided by N. Enough stories that the difference stands above the
// allocator's noise (a few hundred KiB between readings of a server of ~180 MiB).
import * as Y from 'yjs';
import type { ImportedArticle } from '../model/text-import.ts';
import { DEFAULT_STORED_STATE_KEEP_MS } from '../server/collab/room-upkeep.ts';
import { connectClient, sleep, waitFor, type TestClient } from '../tests/support/clients.ts';
import { readRssBytes } from './proc.ts';
import type { BenchServer } from './servers.ts';
import { paragraphCount, seedArticle } from './article-content.ts';
import { median } from './stats.ts';

/**
 * Stories opened for the measurement; each of the bench's accounts opens a share (a user may open
 * 60 a minute). 500, not 100: V8 grows its heap in steps of about a megabyte, so 100 small stories
 * read anywhere from 11 to 162 KiB each between runs, while 500 read 76–100 KiB (stock 78–83).
 */
const MEMORY_ARTICLES = 500;

/** What the memory measurement found. */
export interface MemoryResult {
  articles: number;
  idleRss: number;
  openRss: number;
  perArticle: number;
}

const SETTLE_MS = 1000;

/** Median of a few VmRSS readings of `pid` over a second, after a pause to let the server settle. */
export async function settledRss(pid: number): Promise<number> {
  await sleep(SETTLE_MS);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(readRssBytes(pid));
    await sleep(200);
  }
  return median(readings);
}

/** The token of the `i`th story's account. */
const tokenOf = (server: BenchServer, i: number): string => server.tokens?.[i % server.tokens.length] ?? server.token;

/** Connects one client per story, each bringing the sample story when `seed`; resolves once all have it. */
async function openArticles(server: BenchServer, ids: string[], article: ImportedArticle, seed: boolean): Promise<TestClient[]> {
  const clients = ids.map((id, i) => {
    const doc = new Y.Doc();
    if (seed) seedArticle(doc, article);
    return connectClient(server.wsUrl, id, tokenOf(server, i), { doc });
  });
  await waitFor(() => clients.every((c) => c.provider.synced), 'every client to sync', 30_000);
  // At least the sample's paragraphs: a server may start a story with content of its own.
  await waitFor(() => clients.every((c) => paragraphCount(c.doc) >= article.paragraphs.length), 'every story to be open', 30_000);
  return clients;
}

/** Writes the sample story into each story through a client, and waits until the server has stored it. */
async function writeArticles(server: BenchServer, ids: string[], article: ImportedArticle): Promise<void> {
  const writers = ids.map((id, i) => connectClient(server.wsUrl, id, tokenOf(server, i), { track: true }));
  await waitFor(() => writers.every((w) => w.provider.synced), 'every writer to sync', 30_000);
  for (const writer of writers) seedArticle(writer.doc, article);
  await waitFor(() => writers.every((w) => w.tracker!.state.unsaved === 0), 'the server to store every story', 30_000);
  for (const writer of writers) writer.destroy();
}

/**
 * Measures on a fresh server process. `start` starts one; `durable` says whether stories
 * outlive their clients: then they are written first and the server restarted, so that they
 * are opened from storage; the baseline instead gets each story from its client.
 */
export async function measureMemory(start: () => Promise<BenchServer>, durable: boolean, article: ImportedArticle): Promise<MemoryResult> {
  let server = await start();
  try {
    const ids: string[] = [];
    // The last one is for warming up; each story belongs to the account that opens it.
    for (let i = 0; i <= MEMORY_ARTICLES; i++) ids.push(await server.createArticle(i));
    if (durable) {
      await writeArticles(server, ids, article);
      await server.stop();
      server = await start();
    }
    // One story opened and closed first, so that "none open" already includes the code paths of
    // opening one. What opening the others grows for good (storage caches, bounded) still counts:
    // an upper bound. (Opening and closing all of them first leaves the heap at its peak, and the
    // difference then drowns in what the collector gives back.)
    for (const client of await openArticles(server, ids.slice(MEMORY_ARTICLES), article, !durable)) client.destroy();
    const idleRss = await settledRss(server.pid);
    const clients = await openArticles(server, ids.slice(0, MEMORY_ARTICLES), article, !durable);
    // Idle: past the time a room keeps the stored state's encoding for clients opening it together.
    await sleep(DEFAULT_STORED_STATE_KEEP_MS);
    const openRss = await settledRss(server.pid);
    for (const client of clients) client.destroy();
    return { articles: MEMORY_ARTICLES, idleRss, openRss, perArticle: (openRss - idleRss) / MEMORY_ARTICLES };
  } finally {
    await server.stop();
  }
}
