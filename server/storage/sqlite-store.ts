// The embedded store: SQLite in the data dir, driven from a worker thread so that a disk
// sync never stalls the collaboration traffic on the main thread.
import { Worker } from 'node:worker_threads';
import { SqlStore } from './sql-store.ts';
import type { WorkerReply, WorkerReplyBatch, WorkerRequest, WorkerRequestBatch } from './sqlite-worker-messages.ts';
import { unpackDocument, type PackedDocument } from './packed-document.ts';
import { DuplicateError, type Store, type StoredDocument } from './store.ts';

type Method = WorkerRequest['method'];

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const rebuildError = (name: string, message: string) =>
  name === 'DuplicateError' ? new DuplicateError(message) : Object.assign(new Error(message), { name });

/**
 * `bytes` over a buffer of its own size. An update read from a websocket message is a view into
 * the socket's receive buffer, and postMessage clones a view's whole underlying buffer: kilobytes
 * per keystroke, on the main thread, without this copy.
 */
const ownBuffer = (bytes: Uint8Array): Uint8Array =>
  // Anything else goes on as it is, for the storage thread to refuse (the whole batch, as always).
  bytes instanceof Uint8Array && (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) ? bytes.slice() : bytes;

/** The main thread's end of the storage worker: calls are posted in batches and answered by id. */
class SqliteWorkerClient {
  private worker: Worker | null = null;
  private starting: Promise<Worker> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  /** Calls made in this turn of the event loop, posted together (one postMessage is not cheap). */
  private outbox: WorkerRequestBatch = [];

  constructor(private readonly dataDir: string) {}

  /** Starts the worker, if it is not running, and resolves once it has opened the database. */
  ensureWorker(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(new URL('./sqlite-worker-entry.mjs', import.meta.url), {
        workerData: { dataDir: this.dataDir },
      });
      worker.once('message', (reply: WorkerReply) => {
        this.starting = null;
        if (reply.kind !== 'ready') {
          reject(new Error(reply.kind === 'failed' ? reply.message : 'storage worker did not start'));
          return;
        }
        this.worker = worker;
        worker.on('message', (replies: WorkerReplyBatch) => replies.forEach((reply) => this.settle(reply)));
        resolve(worker);
      });
      worker.on('error', (error) => this.workerDied(worker, error));
      worker.on('exit', (code) => this.workerDied(worker, new Error(`storage worker exited with code ${code}`)));
    });
    return this.starting;
  }

  private settle(reply: WorkerReply): void {
    if (reply.kind !== 'result' && reply.kind !== 'error') return;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.kind === 'result') pending.resolve(reply.value);
    else pending.reject(rebuildError(reply.name, reply.message));
  }

  // A dead worker fails every call in flight (their writes are not confirmed); the next call starts a new one.
  private workerDied(worker: Worker, error: Error): void {
    if (this.worker !== worker && this.starting === null) return;
    this.worker = null;
    this.starting = null;
    if (this.closed) return;
    console.error(`[storage] SQLite worker stopped: ${error.message}; ${this.pending.size} call(s) failed`);
    for (const pending of this.pending.values()) pending.reject(new Error(`storage worker stopped: ${error.message}`));
    this.pending.clear();
  }

  /** Calls `method` on the worker's store with `args`; resolves with its answer. */
  async call(method: Method, args: unknown[]): Promise<unknown> {
    if (this.closed) throw new Error('the store is closed');
    const worker = await this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.outbox.length === 0) queueMicrotask(() => this.post(worker));
      this.outbox.push({ id, method, args });
    });
  }

  private post(worker: Worker): void {
    const batch = this.outbox;
    this.outbox = [];
    worker.postMessage(batch satisfies WorkerRequestBatch);
  }

  // The only call whose arguments change on the way: see ownBuffer.
  /** The worker sends the log packed into one transferred buffer (packed-document.ts). */
  async loadDocument(articleId: string): Promise<StoredDocument> {
    return unpackDocument((await this.call('loadDocument', [articleId])) as PackedDocument);
  }

  appendUpdates(articleId: string, updates: Uint8Array[]): Promise<number> {
    return this.call('appendUpdates', [articleId, updates.map(ownBuffer)]) as Promise<number>;
  }

  /** Finishes queued calls, closes the database and stops the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.worker) await this.call('close', []);
    this.closed = true;
    await this.worker?.terminate();
    this.worker = null;
  }
}

// Every other call goes to the worker as it is: the SqlStore there has the same methods.
for (const method of Object.getOwnPropertyNames(SqlStore.prototype) as Method[]) {
  if (method === ('constructor' as string) || Object.hasOwn(SqliteWorkerClient.prototype, method)) continue;
  Object.defineProperty(SqliteWorkerClient.prototype, method, {
    value(this: SqliteWorkerClient, ...args: unknown[]) {
      return this.call(method, args);
    },
  });
}

/** The embedded store: better-sqlite3 in a worker thread, every call the worker's SqlStore's. */
export type SqliteStore = Store;

/** Opening the embedded store. */
export const SqliteStore = {
  /** Opens (and migrates) the store in `dataDir`; rejects with the reason if it cannot. */
  async open(dataDir: string): Promise<SqliteStore> {
    const client = new SqliteWorkerClient(dataDir);
    await client.ensureWorker();
    // The loop above gave the client every Store call that it does not define itself.
    return client as unknown as Store;
  },
};
