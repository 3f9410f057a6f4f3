// Messages between the SQLite store and its worker thread.
import type { SqliteDatabase } from './sqlite-database.ts';

/** A storage call, by method name of SqliteDatabase. */
export interface WorkerRequest {
  id: number;
  method: Exclude<keyof SqliteDatabase, 'transaction'>;
  args: unknown[];
}

/** The worker's answer to a call, or its start-up status. */
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; name: string; message: string };
