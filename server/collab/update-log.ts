// A story's durable update log writer. Updates are batched for a few milliseconds, merged
// into one entry and appended; only when the append has resolved do they count as stored.
// A failed append keeps the batch (in order, ahead of newer updates) and retries with backoff.
import * as Y from 'yjs';
import type { Logger } from '../log.ts';

/** Appends one merged update durably and resolves with its log position. */
export type AppendUpdate = (update: Uint8Array) => Promise<number>;

/** Tunables for tests and benchmarks. */
export interface UpdateLogOptions {
  /** How long to gather updates before writing them as one entry. */
  batchMs?: number;
  /** First retry delay after a failed write; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

interface Waiter {
  mark: number;
  resolve(): void;
}

/** Batches, writes and tracks which updates are durable. */
export class UpdateLog {
  private pending: Uint8Array[] = [];
  /** Count of updates ever enqueued; a "mark" names the state after that many. */
  private enqueued = 0;
  private durable = 0;
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  /** Log position of the newest durable entry (0: none since load). */
  lastSeq: number;

  constructor(
    private readonly name: string,
    private readonly append: AppendUpdate,
    private readonly log: Logger,
    private readonly options: UpdateLogOptions = {},
    initialSeq = 0,
  ) {
    this.lastSeq = initialSeq;
  }

  /** Queues an update for the log. */
  enqueue(update: Uint8Array): void {
    this.pending.push(update);
    this.enqueued++;
    this.schedule(this.options.batchMs ?? 2);
  }

  /** The mark covering everything enqueued so far. */
  get mark(): number {
    return this.enqueued;
  }

  /** True when everything enqueued is durable. */
  get isDurable(): boolean {
    return this.durable === this.enqueued;
  }

  /** Resolves once everything up to `mark` is durable (waits through failures and retries). */
  whenDurable(mark = this.enqueued): Promise<void> {
    if (this.durable >= mark) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ mark, resolve }));
  }

  /** Writes what is queued now; resolves true when it is all durable, false if a write failed. */
  async flush(): Promise<boolean> {
    const target = this.enqueued;
    while (this.durable < target) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      const before = this.failures;
      await (this.writing ?? this.write());
      if (this.failures > before) return false;
    }
    return true;
  }

  /** Stops retrying (the room is going away after a final flush attempt). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delay: number): void {
    if (this.timer || this.writing || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, delay);
  }

  private write(): Promise<void> {
    if (this.writing) return this.writing;
    if (this.pending.length === 0) return Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    const mark = this.enqueued;
    this.writing = (async () => {
      try {
        const merged = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
        this.lastSeq = await this.append(merged);
        this.durable = mark;
        this.failures = 0;
        this.release();
      } catch (error) {
        // Keep the batch ahead of anything newer: the log must stay in causal order.
        this.pending = batch.concat(this.pending);
        this.failures++;
        const retry = Math.min((this.options.retryMs ?? 100) * 2 ** (this.failures - 1), this.options.maxRetryMs ?? 5000);
        this.log.error(
          `STORAGE WRITE FAILED for story ${this.name}: ${batch.length} update(s) are held in memory, NOT saved; retry ${this.failures} in ${retry} ms`,
          error,
        );
        this.writing = null;
        if (this.timer === null && !this.stopped) this.timer = setTimeout(() => ((this.timer = null), void this.write()), retry);
        return;
      }
      this.writing = null;
      if (this.pending.length > 0) this.schedule(0);
    })();
    return this.writing;
  }

  private release(): void {
    const ready = this.waiters.filter((w) => w.mark <= this.durable);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.mark > this.durable);
    for (const waiter of ready) waiter.resolve();
  }
}
