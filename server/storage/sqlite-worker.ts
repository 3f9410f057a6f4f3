// The storage worker thread: owns the SQLite connection and runs the Store calls the main thread
// sends, as the shared SQL (sql-store.ts). Calls that arrive together share one transaction
// (group commit: one disk sync for many small appends), each inside its own savepoint so one
// failure spoils only itself. One call runs at a time, so the connection is never shared.
import { parentPort, workerData } from 'node:worker_threads';
import { packDocument, packedTransfers } from './packed-document.ts';
import { SqliteSession } from './sqlite-database.ts';
import { SQLITE_DIALECT } from './sqlite-dialect.ts';
import { SqlStore } from './sql-store.ts';
import type { StoredDocument } from './store.ts';
import type { WorkerReply, WorkerReplyBatch, WorkerRequest, WorkerRequestBatch } from './sqlite-worker-messages.ts';

const port = parentPort;
if (!port) throw new Error('sqlite-worker must run in a worker thread');

const { dataDir } = workerData as { dataDir: string };
let session: SqliteSession;
try {
  session = new SqliteSession(dataDir);
} catch (error) {
  port.postMessage({ kind: 'failed', message: (error as Error).message } satisfies WorkerReply);
  process.exit(1);
}
const store = new SqlStore(session, SQLITE_DIALECT);
port.postMessage({ kind: 'ready' } satisfies WorkerReply);

let queue: WorkerRequest[] = [];
/** The batch being committed, if any; calls arriving meanwhile wait for the next one. */
let draining: Promise<void> | null = null;

/** Buffers the replies of the batch under way hand over to the main thread (packed logs). */
let transfers: ArrayBuffer[] = [];

async function run(request: WorkerRequest): Promise<WorkerReply> {
  try {
    // Called on the store itself, so its methods keep their `this`.
    const calls = store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const value = await session.transaction(() => calls[request.method](...request.args));
    if (request.method === 'loadDocument') {
      const packed = packDocument(value as StoredDocument);
      transfers.push(...packedTransfers(packed));
      return { kind: 'result', id: request.id, value: packed };
    }
    return { kind: 'result', id: request.id, value };
  } catch (error) {
    const { name, message } = error as Error;
    return { kind: 'error', id: request.id, name, message };
  }
}

async function drain(): Promise<void> {
  while (queue.length > 0) {
    const batch = queue;
    queue = [];
    let replies: WorkerReply[];
    try {
      replies = await session.transaction(async () => {
        const answers: WorkerReply[] = [];
        for (const request of batch) answers.push(await run(request));
        return answers;
      });
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing in the batch is stored.
      const message = `storage commit failed: ${(error as Error).message}`;
      replies = batch.map((r) => ({ kind: 'error', id: r.id, name: 'Error', message }));
    }
    port!.postMessage(replies satisfies WorkerReplyBatch, transfers);
    transfers = [];
  }
  draining = null;
}

port.on('message', (requests: WorkerRequestBatch) => {
  const close = requests.find((r) => r.method === 'close');
  queue.push(...requests.filter((r) => r !== close));
  // Whatever else is already waiting joins this batch. Writes need no extra wait: the rooms'
  // shared write timer already sends every story's batch in one message.
  draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drain);
  if (close) {
    void draining.then(() => {
      session.close();
      port.postMessage([{ kind: 'result', id: close.id, value: undefined }] satisfies WorkerReplyBatch);
    });
  }
});
