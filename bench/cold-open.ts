// Our server only (the baseline keeps nothing): how many bytes a story takes in the store
// after shutdown, and how long a new client takes to sync it from a freshly started server.
import { SqliteStore } from '../server/storage/sqlite-store.ts';
import { connectClient, waitFor } from '../tests/support/clients.ts';
import type { NewsroomDeployment } from './servers.ts';
import { median } from './stats.ts';
import { paragraphCount, paragraphText } from './article-content.ts';

/** A story's stored size. */
export interface StoredSize {
  snapshotBytes: number;
  logBytes: number;
  logEntries: number;
}

/** Cold-open timings. */
export interface ColdOpenResult {
  /** Connect-to-synced of each run, ms. */
  runs: number[];
  median: number;
  /** Every run's client got the whole text. */
  complete: boolean;
}

/** How many cold opens to time (each on a newly started server process). */
export const COLD_OPEN_RUNS = 3;

/** The store's documentSize of a story; run it while no server holds the data dir. */
export async function storedSize(dataDir: string, articleId: string): Promise<StoredSize> {
  const store = await SqliteStore.open(dataDir);
  try {
    return await store.documentSize(articleId);
  } finally {
    await store.close();
  }
}

/** Starts a new server process per run and times one client from connect to synced. */
export async function coldOpen(deployment: NewsroomDeployment, articleId: string, paragraph: number, textLength: number): Promise<ColdOpenResult> {
  const runs: number[] = [];
  let complete = true;
  for (let run = 0; run < COLD_OPEN_RUNS; run++) {
    const server = await deployment.start();
    const t0 = performance.now();
    const client = connectClient(server.wsUrl, articleId, server.token);
    try {
      let syncedAt = 0;
      void client.synced.then(() => (syncedAt = performance.now()));
      await waitFor(() => syncedAt > 0, 'the client to sync', 30_000);
      runs.push(syncedAt - t0);
      complete &&= paragraphCount(client.doc) > paragraph && paragraphText(client.doc, paragraph).length === textLength;
    } finally {
      client.destroy();
      await server.stop();
    }
  }
  return { runs, median: median(runs), complete };
}
