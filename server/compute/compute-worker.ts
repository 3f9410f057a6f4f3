// A compute worker thread: runs one task at a time for the pool (compute-pool.ts). A task may
// ask the main thread one question at a time (the export asks which pictures are stored).
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './compute-messages.ts';
import { COMPUTE_TASKS } from './compute-tasks.ts';

const port = parentPort;
if (!port) throw new Error('compute-worker must run in a worker thread');

let answer: ((value: string[]) => void) | null = null;

const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'answer') {
    answer?.(message.value);
    answer = null;
    return;
  }
  const { id, task, input } = message;
  const ask = (question: string[]) =>
    new Promise<string[]>((resolve) => {
      answer = resolve;
      post({ kind: 'ask', id, question });
    });
  const tasks = COMPUTE_TASKS as Record<typeof task, (input: unknown, ask: (question: string[]) => Promise<string[]>) => unknown>;
  Promise.resolve()
    .then(() => tasks[task](input, ask))
    .then(
      (value) => post({ kind: 'done', id, value }),
      (error: unknown) => post({ kind: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});

post({ kind: 'ready' });
