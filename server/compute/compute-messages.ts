// Messages between the compute pool (main thread) and its worker threads.
import type { ComputeTaskName } from './compute-tasks.ts';

/** Main → worker: run a task, or the answer to a task's question. */
export type ToWorker =
  | { kind: 'job'; id: number; task: ComputeTaskName; input: unknown }
  | { kind: 'answer'; id: number; value: string[] };

/** Worker → main: started (ready for jobs), a task's result or failure, or a question the running task asks. */
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'ask'; id: number; question: string[] };
