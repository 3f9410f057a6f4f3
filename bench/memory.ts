// Server resident memory per open story: VmRSS of the server process with N sample-sized
// stories open (one client each) minus VmRSS with none open, divided by N.
import * as Y from 'yjs';
import type { ImportedArticle } from '../model/text-import.ts';
import { connectClient, sleep, waitFor, type TestClient } from '../tests/support/clients.ts';
import { readRssBytes } from './proc.ts';
import type { BenchServer } from './servers.ts';
import { paragraphCount, seedArticle } from './article-content.ts';
import { median } from './stats.ts';

/** Stories opened for the measurement. */
const MEMORY_ARTICLES = 20;

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

/** Connects one client per story, each bringing the sample story when `seed`; resolves once all have it. */
async function openArticles(server: BenchServer, ids: string[], article: ImportedArticle, seed: boolean): Promise<TestClient[]> {
  const clients = ids.map((id) => {
    const doc = new Y.Doc();
    if (seed) seedArticle(doc, article);
    return connectClient(server.wsUrl, id, server.token, { doc });
  });
  await waitFor(() => clients.every((c) => c.provider.synced), 'every client to sync', 30_000);
  // At least the sample's paragraphs: a server may start a story with content of its own.
  await waitFor(() => clients.every((c) => paragraphCount(c.doc) >= article.paragraphs.length), 'every story to be open', 30_000);
  return clients;
}

/** Writes the sample story into each story through a client, and waits until the server has stored it. */
async function writeArticles(server: BenchServer, ids: string[], article: ImportedArticle): Promise<void> {
  const writers = ids.map((id) => connectClient(server.wsUrl, id, server.token, { track: true }));
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
    for (let i = 0; i <= MEMORY_ARTICLES; i++) ids.push(await server.createArticle()); // the last one is for warming up
    if (durable) {
      await writeArticles(server, ids, article);
      await server.stop();
      server = await start();
    }
    // One story opened and closed first, so that "none open" already includes the code paths of opening one.
    for (const client of await openArticles(server, ids.slice(MEMORY_ARTICLES), article, !durable)) client.destroy();
    const idleRss = await settledRss(server.pid);
    const clients = await openArticles(server, ids.slice(0, MEMORY_ARTICLES), article, !durable);
    const openRss = await settledRss(server.pid);
    for (const client of clients) client.destroy();
    return { articles: MEMORY_ARTICLES, idleRss, openRss, perArticle: (openRss - idleRss) / MEMORY_ARTICLES };
  } finally {
    await server.stop();
  }
}
