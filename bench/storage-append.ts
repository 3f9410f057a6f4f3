// `npx tsx bench/storage-append.ts`: the append path on its own, the part of the bench that the
// storage layer decides. 10,000 single-keystroke Yjs updates appended to one story through the
// SQLite store (its worker thread) and, with TEST_DATABASE_URL, the Postgres store: one append at
// a time (each waits for its commit, as a lone typist's batches do) and 100 at once (as the
// batches of many stories arriving together). Each update is a view into a larger buffer, as a
// websocket message's is. Prints the rates; asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { PostgresStore } from '../server/storage/postgres-store.ts';
import { SqliteStore } from '../server/storage/sqlite-store.ts';
import type { Store } from '../server/storage/store.ts';
import { createTestDatabase } from '../tests/support/postgres.ts';

const UPDATES = Number(process.env.APPEND_UPDATES ?? 10_000);
const ROUNDS = Number(process.env.APPEND_ROUNDS ?? 3);
const BURST = 100;

// One character typed at a time into a text, each update as a view into a 64 KiB receive buffer.
function keystrokes(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('bench');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => {
    const received = new Uint8Array(64 * 1024);
    received.set(update, 100);
    updates.push(received.subarray(100, 100 + update.byteLength));
  });
  for (let i = 0; i < count; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
  return updates;
}

// Milliseconds for appending every update to a new story, one at a time or BURST at once.
async function timeAppends(store: Store, article: string, updates: Uint8Array[], mode: 'one at a time' | '100 at once'): Promise<number> {
  await store.createArticle({ id: article, createdBy: 'bench', createdAt: Date.now(), headline: article });
  const t0 = performance.now();
  if (mode === 'one at a time') for (const update of updates) await store.appendUpdates(article, [update]);
  else {
    for (let i = 0; i < updates.length; i += BURST) await Promise.all(updates.slice(i, i + BURST).map((update) => store.appendUpdates(article, [update])));
  }
  const ms = performance.now() - t0;
  const stored = await store.loadDocument(article);
  if (stored.updates.length !== updates.length) throw new Error(`${stored.updates.length} of ${updates.length} updates stored`);
  return ms;
}

async function measure(name: string, store: Store): Promise<void> {
  const updates = keystrokes(UPDATES);
  for (const mode of ['one at a time', '100 at once'] as const) {
    const runs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(await timeAppends(store, `${mode}-${round}`, updates, mode));
    const rates = runs.map((ms) => Math.round((UPDATES / ms) * 1000).toLocaleString('en'));
    console.log(`${name}, ${mode}: ${runs.map((ms) => `${ms.toFixed(0)} ms`).join(', ')} (${rates.join(', ')} appends/s)`);
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-append-'));
const sqlite = await SqliteStore.open(dataDir);
try {
  await measure('SQLite', sqlite);
} finally {
  await sqlite.close();
  await rm(dataDir, { recursive: true, force: true });
}

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) console.log('Postgres: skipped (set TEST_DATABASE_URL)');
else {
  const database = await createTestDatabase(adminUrl);
  const postgres = await PostgresStore.open(database.url);
  try {
    await measure('Postgres', postgres);
  } finally {
    await postgres.close();
    await database.drop();
  }
}
