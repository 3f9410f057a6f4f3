// A small pool of worker threads for the CPU-heavy work of HTTP requests (compute-tasks.ts),
// so that no request holds the main thread, where every story's keystrokes are relayed. Bounded
// everywhere: a few workers, a short queue (503 beyond it), a few jobs per user (429 beyond),
// a time limit per job (its worker is stopped and replaced: 503), and a heap limit per worker.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HttpError } from '../http/http-error.ts';
import type { Logger } from '../log.ts';
import type { FromWorker, ToWorker } from './compute-messages.ts';
import type { ComputeInput, ComputeOutput, ComputeTaskName } from './compute-tasks.ts';

/** The pool's bounds. */
export interface ComputePoolOptions {
  /** Worker threads at most; started when needed. */
  workers: number;
  /** Jobs waiting for a worker at most; one more is refused with 503. */
  maxQueued: number;
  /** Jobs one user may have running or waiting at most; one more is refused with 429. */
  perUser: number;
  /** A job running longer is stopped (its worker replaced) and answered 503. */
  jobTimeoutMs: number;
  /** Each worker's JavaScript heap, in MiB: a job that needs more fails (503) instead of swelling the server. */
  workerHeapMb: number;
  /** A worker idle this long is stopped, giving its memory back. */
  idleMs: number;
}

/** One worker per spare core (the main thread keeps one), at most two; the rest as documented in the README. */
export const DEFAULT_COMPUTE_OPTIONS: ComputePoolOptions = {
  workers: Math.max(1, Math.min(2, availableParallelism() - 1)),
  maxQueued: 16,
  perUser: 2,
  jobTimeoutMs: 30_000,
  workerHeapMb: 512,
  idleMs: 60_000,
};

/** Who a job is for (limits and log lines), what to call it in messages, and how to answer its questions. */
export interface JobOwner {
  userId: string;
  username: string;
  /** Answers the task's question (which of these pictures are stored). */
  answer?: (question: string[]) => Promise<string[]>;
}

interface Job {
  id: number;
  task: ComputeTaskName;
  input: unknown;
  owner: JobOwner;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Whether the worker has loaded its code: a job's time starts then, not while the worker starts. */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const WORKER_ENTRY = new URL('./compute-worker-entry.mjs', import.meta.url);

/** Runs compute tasks in worker threads, within the bounds of ComputePoolOptions. */
export class ComputePool {
  private readonly options: ComputePoolOptions;
  private readonly queue: Job[] = [];
  private readonly slots = new Set<Slot>();
  private readonly jobsOf = new Map<string, number>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly log: Logger,
    options: Partial<ComputePoolOptions> = {},
  ) {
    this.options = { ...DEFAULT_COMPUTE_OPTIONS, ...options };
  }

  /** Runs `task` on `input` for `owner`; 429 when the owner has too many jobs, 503 when the pool is full or the job fails its bounds. */
  run<T extends ComputeTaskName>(task: T, input: ComputeInput<T>, owner: JobOwner): Promise<ComputeOutput<T>> {
    if (this.closed) return Promise.reject(new HttpError(503, 'the server is shutting down'));
    const mine = this.jobsOf.get(owner.userId) ?? 0;
    if (mine >= this.options.perUser) {
      this.log.warn(`compute: ${owner.username} already has ${mine} heavy requests running; ${task} refused (429)`);
      return Promise.reject(
        new HttpError(429, `you already have ${mine} heavy requests (comparisons, exports, saves, reports) running at once; try again when one finishes`, { 'retry-after': '1' }),
      );
    }
    const startsNow = [...this.slots].some((slot) => slot.job === null) || this.slots.size < this.options.workers;
    if (!startsNow && this.queue.length >= this.options.maxQueued) {
      this.log.warn(`compute: queue full (${this.queue.length} waiting); ${task} for ${owner.username} refused (503)`);
      return Promise.reject(new HttpError(503, 'the server is busy with other comparisons, exports and saves; try again in a moment', { 'retry-after': '2' }));
    }
    this.jobsOf.set(owner.userId, mine + 1);
    return new Promise<ComputeOutput<T>>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, input, owner, resolve, reject });
      this.dispatch();
    });
  }

  /** Refuses what waits, stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new HttpError(503, 'the server is shutting down'));
    await Promise.all([...this.slots].map((slot) => this.stop(slot, new HttpError(503, 'the server is shutting down'))));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => s.job === null);
      if (!slot && this.slots.size < this.options.workers) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMb } });
    // Only jobs keep the process alive, never a worker waiting for one.
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    worker.on('message', (message: FromWorker) => this.receive(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const job = slot.job;
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (job) this.log.warn(`compute: ${job.task} for ${job.owner.username} ${outOfMemory ? 'needed more memory than allowed' : `failed: ${error.message}`} (503)`);
      void this.stop(slot, new HttpError(503, outOfMemory ? 'this request needs more memory than the server allows one request' : 'the request failed on the server; try again'));
    });
    worker.on('exit', () => void this.stop(slot, new HttpError(503, 'the request failed on the server; try again')));
    this.slots.add(slot);
    return slot;
  }

  // The job goes to the worker at once (a starting worker receives it once loaded); its time runs from when the worker is ready.
  private start(slot: Slot, job: Job): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage({ kind: 'job', id: job.id, task: job.task, input: job.input } satisfies ToWorker);
    if (slot.ready) this.startClock(slot, job);
  }

  private startClock(slot: Slot, job: Job): void {
    slot.timer = setTimeout(() => {
      this.log.warn(`compute: ${job.task} for ${job.owner.username} ran past ${this.options.jobTimeoutMs} ms and was stopped (503)`);
      void this.stop(slot, new HttpError(503, `this request took longer than ${Math.max(1, Math.round(this.options.jobTimeoutMs / 1000))} s and was stopped`));
    }, this.options.jobTimeoutMs);
  }

  private receive(slot: Slot, message: FromWorker): void {
    if (message.kind === 'ready') {
      slot.ready = true;
      if (slot.job) this.startClock(slot, slot.job);
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    if (message.kind === 'ask') {
      const answer = job.owner.answer ?? (async () => []);
      answer(message.question).then(
        (value) => slot.job === job && slot.worker.postMessage({ kind: 'answer', id: job.id, value } satisfies ToWorker),
        (error: unknown) => {
          this.log.error(`compute: answering ${job.task}'s question failed`, error);
          void this.stop(slot, error instanceof Error ? error : new Error(String(error)));
        },
      );
      return;
    }
    this.finish(slot);
    if (message.kind === 'done') {
      this.settle(job, null, message.value);
    } else {
      this.log.error(`compute: ${job.task} for ${job.owner.username} failed in the worker: ${message.message}`);
      this.settle(job, new Error(`${job.task} failed in the compute worker`));
    }
    this.dispatch();
  }

  // The slot's job is over: the worker waits for the next one, or is stopped after idleMs.
  private finish(slot: Slot): void {
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.worker.unref();
    slot.timer = setTimeout(() => void this.stop(slot, null), this.options.idleMs);
    slot.timer.unref();
  }

  // Stops a worker (a job on it fails with `error`) and lets the queue move on to a new one.
  private async stop(slot: Slot, error: Error | null): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    if (job) this.settle(job, error ?? new Error('the compute worker stopped'));
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }

  private settle(job: Job, error: Error | null, value?: unknown): void {
    const left = (this.jobsOf.get(job.owner.userId) ?? 1) - 1;
    if (left > 0) this.jobsOf.set(job.owner.userId, left);
    else this.jobsOf.delete(job.owner.userId);
    if (error) job.reject(error);
    else job.resolve(value);
  }
}
