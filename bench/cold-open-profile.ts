// Where a warm process's cold open goes: builds the automerge-paper story (as a snapshot) and a
// story with a long unmerged log, then, in one process that has opened other stories already,
// times connect → synced for each with the store's bytes as they are, beside the client floor
// (a fresh Y.Doc applying the same bytes). Run with --cpu-prof to see where the time goes:
//   node --import tsx bench/cold-open-profile.ts [PROFILE.cpuprofile]
// (with a file name, the timed opens only are profiled, on the main thread, into that file).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { appendParagraphs } from '../model/body-tree.ts';
import { applyStored } from '../model/apply-stored.ts';
import { startTestServer, type TestServer } from '../tests/support/test-server.ts';
import { connectClient, waitFor } from '../tests/support/clients.ts';
import { paragraphCount, paragraphText } from './article-content.ts';
import { loadTrace } from './trace.ts';

/** Entries in the long log (one keystroke each), as after a crash that left it unfolded. */
const LOG_ENTRIES = 50_000;

// Connect → synced of a story not in memory; waits until it is unloaded again.
async function timeOpen(server: TestServer, id: string, token: string): Promise<number> {
  const t0 = performance.now();
  const client = connectClient(server.wsUrl, id, token);
  await client.synced;
  const ms = performance.now() - t0;
  client.destroy();
  await waitFor(() => !server.server.rooms.inMemory(id), 'the story to unload', 30_000);
  return ms;
}

// The client's floor: a fresh Y.Doc applying the same stored bytes.
function floor(stored: { snapshot: Uint8Array | null; updates: readonly Uint8Array[] }): number {
  const t0 = performance.now();
  const doc = new Y.Doc();
  applyStored(doc, stored);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const trace = await loadTrace();
  if (!trace) throw new Error('no traces folder');
  const dataDir = await mkdtemp(join(tmpdir(), 'cold-open-'));
  const server = await startTestServer({ dataDir, rooms: { compactAfterMs: 600_000, compactMaxWaitMs: 600_000 } });
  try {
    const { token } = await server.user('ana', 'reporter');
    const store = server.server.store;
    // The paper, typed transaction by transaction into a paragraph of a new story, stored as its snapshot.
    const paperId = await server.createArticle(token);
    const base = await store.loadDocument(paperId);
    const doc = new Y.Doc();
    applyStored(doc, base);
    appendParagraphs(doc, ['']);
    const text = paragraphText(doc, paragraphCount(doc) - 1);
    for (const txn of trace.txns) {
      doc.transact(() => {
        for (const [position, deleted, inserted] of txn.patches) {
          if (deleted > 0) text.delete(position, deleted);
          if (inserted) text.insert(position, inserted);
        }
      });
    }
    await store.compact(paperId, Y.encodeStateAsUpdate(doc), base.lastSeq);
    // A story whose log was never folded in: LOG_ENTRIES one-keystroke entries.
    const logId = await server.createArticle(token);
    const logDoc = new Y.Doc();
    applyStored(logDoc, await store.loadDocument(logId));
    const updates: Uint8Array[] = [];
    logDoc.on('update', (u: Uint8Array) => updates.push(u));
    appendParagraphs(logDoc, ['']);
    const logText = paragraphText(logDoc, paragraphCount(logDoc) - 1);
    for (let i = 0; i < LOG_ENTRIES; i++) logText.insert(logText.length, String.fromCharCode(97 + (i % 26)));
    for (let i = 0; i < updates.length; i += 1000) await store.appendUpdates(logId, updates.slice(i, i + 1000));

    // Warm the process: open and close a few stories of each kind.
    const warmIds = [await server.createArticle(token), await server.createArticle(token)];
    for (const id of warmIds) await timeOpen(server, id, token);
    const profileFile = process.argv[2];
    const session = new Session();
    if (profileFile) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
    }
    const results: Record<string, { open: number[]; floor: number[] }> = { paper: { open: [], floor: [] }, log: { open: [], floor: [] } };
    // The log story first: its first unload folds the log into a snapshot.
    results.log.floor.push(floor(await store.loadDocument(logId)));
    results.log.open.push(await timeOpen(server, logId, token));
    for (let round = 0; round < 5; round++) {
      results.paper.floor.push(floor(await store.loadDocument(paperId)));
      results.paper.open.push(await timeOpen(server, paperId, token));
    }
    if (profileFile) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(profileFile, JSON.stringify(profile));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const [name, r] of Object.entries(results)) {
      console.log(`${name}: open ${r.open.map((x) => x.toFixed(0)).join(' ')} ms (median ${median(r.open).toFixed(1)}), floor median ${median(r.floor).toFixed(1)} ms`);
    }
  } finally {
    await server.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
