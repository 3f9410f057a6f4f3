// The storage worker thread: owns the SQLite connection and runs the calls the main thread
// sends. Calls that arrive together share one transaction (group commit: one disk sync for
// many small appends), each inside its own savepoint so one failure spoils only itself.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteDatabase } from './sqlite-database.ts';
import type { WorkerReply, WorkerReplyBatch, WorkerRequest, WorkerRequestBatch } from './sqlite-worker-messages.ts';

const port = parentPort;
if (!port) throw new Error('sqlite-worker must run in a worker thread');

const { dataDir } = workerData as { dataDir: string };
let database: SqliteDatabase;
try {
  database = new SqliteDatabase(dataDir);
} catch (error) {
  port.postMessage({ kind: 'failed', message: (error as Error).message } satisfies WorkerReply);
  process.exit(1);
}
port.postMessage({ kind: 'ready' } satisfies WorkerReply);

let queue: WorkerRequest[] = [];
let draining = false;

function run(request: WorkerRequest): WorkerReply {
  try {
    const method = database[request.method] as (...args: unknown[]) => unknown;
    const value = database.transaction(() => method.apply(database, request.args));
    return { kind: 'result', id: request.id, value };
  } catch (error) {
    const { name, message } = error as Error;
    return { kind: 'error', id: request.id, name, message };
  }
}

function drain(): void {
  draining = false;
  const batch = queue;
  queue = [];
  let replies: WorkerReply[];
  try {
    replies = database.transaction(() => batch.map(run));
  } catch (error) {
    // The commit itself failed (disk full, I/O error): nothing in the batch is stored.
    const message = `storage commit failed: ${(error as Error).message}`;
    replies = batch.map((r) => ({ kind: 'error', id: r.id, name: 'Error', message }));
  }
  port!.postMessage(replies satisfies WorkerReplyBatch);
}

port.on('message', (requests: WorkerRequestBatch) => {
  const close = requests.find((r) => r.method === 'close');
  if (close) {
    queue.push(...requests.filter((r) => r !== close));
    if (queue.length > 0) drain();
    database.close();
    port.postMessage([{ kind: 'result', id: close.id, value: undefined }] satisfies WorkerReplyBatch);
    return;
  }
  queue.push(...requests);
  if (!draining) {
    draining = true;
    // Whatever else is already waiting joins this batch. Writes need no extra wait: the rooms'
    // shared write timer already sends every story's batch in one message.
    setImmediate(drain);
  }
});
