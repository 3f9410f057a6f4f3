// A child process holding some of the bench's editors (stock y-websocket clients), so that the
// client side is spread over several processes and never the bottleneck. It obeys the commands
// of bench/client-pool.ts over the IPC channel. Times are the monotonic clock (process.hrtime),
// which every process on the machine shares, so a keystroke typed here and received in another
// worker can be compared.
import * as Y from 'yjs';
import { applyStored, type StoredContent } from '../model/apply-stored.ts';
import { connectClient, waitFor, type TestClient } from '../tests/support/clients.ts';
import { loadSampleArticle, paragraphCount, paragraphText, seedArticle } from './article-content.ts';
import type { EditorSpec, WorkerReply, WorkerRequest } from './client-pool.ts';

process.setMaxListeners(0); // every WebsocketProvider adds a process 'exit' listener
const article = await loadSampleArticle();
const CHARS = 'the quick brown fox jumps over the lazy dog ';
const MIN_INTERVAL_MS = 100; // 10 chars/s
const MAX_INTERVAL_MS = 200; // 5 chars/s
const CONNECT_BATCH = 100; // editors connected at once, so that thousands do not all knock at the same moment
const KEEP_ALIVE_MS = 5_000;

/** Milliseconds on the machine-wide monotonic clock. */
const now = () => Number(process.hrtime.bigint()) / 1e6;

interface Editor {
  spec: EditorSpec;
  client: TestClient;
}

let editors: Editor[] = [];
// While typing is measured: each remote character received, as (client id, clock, time) triples.
let arrivals: number[] | null = null;

// A remote transaction carries the new clocks of each client it changed: every one is a character typed elsewhere.
function record(transaction: Y.Transaction): void {
  if (transaction.local || arrivals === null) return;
  const at = now();
  for (const [client, after] of transaction.afterState) {
    for (let clock = transaction.beforeState.get(client) ?? 0; clock < after; clock++) arrivals.push(client, clock, at);
  }
}

// An idle editor has no presence and receives nothing; the stock client would take 30 s of silence
// for a dead socket and reconnect, so the worker tells it now and then that the line is alive.
setInterval(() => {
  for (const { spec, client } of editors) if (spec.idle && client.provider.wsconnected) client.provider.wsLastMessageReceived = Date.now();
}, KEEP_ALIVE_MS).unref();

async function open(specs: EditorSpec[]): Promise<Record<string, number>> {
  const seeded: Record<string, number> = {};
  for (let i = 0; i < specs.length; i += CONNECT_BATCH) {
    const batch = specs.slice(i, i + CONNECT_BATCH).map((spec) => {
      const doc = new Y.Doc();
      doc.on('afterTransaction', record);
      const client = connectClient(spec.url, spec.story, spec.token, { doc, connect: false });
      if (spec.idle) client.provider.awareness.setLocalState(null);
      client.provider.connect();
      return { spec, client };
    });
    editors.push(...batch);
    await waitFor(() => batch.every((e) => e.client.provider.synced), 'every editor to sync', 120_000);
    for (const { spec, client } of batch) {
      if (!spec.seed) continue;
      seedArticle(client.doc, article);
      seeded[spec.story] = paragraphCount(client.doc);
    }
  }
  return seeded;
}

// One editor typing `count` characters with jittered pauses at its own cursor in a paragraph;
// `sending` is told the clock of each character just before it is inserted.
function type(doc: Y.Doc, paragraph: number, count: number, sending: (clock: number) => void): Promise<void> {
  const text = paragraphText(doc, paragraph);
  // The cursor sticks to the character before it, so other editors' typing does not move it.
  let cursor = Y.createRelativePositionFromTypeIndex(text, Math.floor(Math.random() * (text.length + 1)), -1);
  let typed = 0;
  return new Promise((resolve) => {
    const keystroke = () => {
      const index = Y.createAbsolutePositionFromRelativePosition(cursor, doc)?.index ?? text.length;
      sending(Y.getState(doc.store, doc.clientID));
      text.insert(index, CHARS[typed % CHARS.length]);
      cursor = Y.createRelativePositionFromTypeIndex(text, index + 1, -1);
      if (++typed < count) setTimeout(keystroke, MIN_INTERVAL_MS + Math.random() * (MAX_INTERVAL_MS - MIN_INTERVAL_MS));
      else resolve();
    };
    setTimeout(keystroke, Math.random() * MAX_INTERVAL_MS); // editors do not start in step
  });
}

let floors = 0;

// How long `work` takes, ms.
function timed(work: () => void): number {
  const t0 = now();
  work();
  return now() - t0;
}

// A fresh Y.Doc applying `stored` as a stock client's does: its provider listens for the
// document's updates (to send its own), so Yjs encodes what the apply changed (here the whole
// story) as an update to tell it.
function clientFloor(stored: StoredContent): number {
  const doc = new Y.Doc();
  doc.on('update', () => undefined);
  return timed(() => applyStored(doc, stored));
}

// One new stock client: connect → synced (ms), and whether it then holds `expected` (paragraph, text length).
async function coldOpen(url: string, story: string, token: string, [paragraph, length]: [number, number]): Promise<{ ms: number; complete: boolean }> {
  const t0 = now();
  const client = connectClient(url, story, token);
  try {
    let syncedAt = 0;
    void client.synced.then(() => (syncedAt = now()));
    await waitFor(() => syncedAt > 0, 'the client to sync', 30_000);
    const complete = paragraphCount(client.doc) > paragraph && paragraphText(client.doc, paragraph).length === length;
    return { ms: syncedAt - t0, complete };
  } finally {
    client.destroy();
  }
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'open':
      return open(request.editors);
    case 'await-content': {
      const mine = editors.filter((e) => request.paragraphs[e.spec.story] !== undefined);
      await waitFor(() => mine.every((e) => paragraphCount(e.client.doc) === request.paragraphs[e.spec.story]), 'every editor to have the story', 60_000);
      return null;
    }
    case 'record':
      arrivals = [];
      return null;
    case 'type': {
      const sent: number[] = [];
      await Promise.all(
        editors
          .filter((e) => e.spec.typist)
          .map(({ spec, client }) => {
            const paragraph = spec.paragraph % paragraphCount(client.doc);
            return type(client.doc, paragraph, request.keystrokes, (clock) => sent.push(client.doc.clientID, clock, now()));
          }),
      );
      return Float64Array.from(sent);
    }
    case 'received':
      return (arrivals?.length ?? 0) / 3;
    case 'collect': {
      const collected = Float64Array.from(arrivals ?? []);
      arrivals = null;
      return collected;
    }
    case 'cold-open':
      return coldOpen(request.url, request.story, request.token, request.expected);
    case 'floor': {
      const bare = () => timed(() => applyStored(new Y.Doc(), request.stored));
      const client = () => clientFloor(request.stored);
      // The second apply of the two meets warmer code: they take turns at going first.
      if (floors++ % 2 === 0) {
        const first = bare();
        return { bare: first, client: client() };
      }
      const first = client();
      return { bare: bare(), client: first };
    }
    case 'close':
      for (const { client } of editors) client.destroy();
      editors = [];
      return null;
  }
}

process.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (result) => process.send!({ id: request.id, result } satisfies WorkerReply),
    (error: Error) => process.send!({ id: request.id, error: error.message } satisfies WorkerReply),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ id: 0, result: 'ready' } satisfies WorkerReply);
