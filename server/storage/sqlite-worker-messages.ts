// Messages between the SQLite store and its worker thread.
import type { Store } from './store.ts';

/** A Store call, by method name. */
export interface WorkerRequest {
  id: number;
  method: keyof Store;
  args: unknown[];
}

/** What crosses to the worker in one postMessage: every call made in one turn of the event loop. */
export type WorkerRequestBatch = WorkerRequest[];

/** What crosses back: the answers of one committed batch. */
export type WorkerReplyBatch = WorkerReply[];

/** The worker's answer to a call, or its start-up status. */
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; name: string; message: string };
