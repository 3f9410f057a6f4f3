// A story's durable update log writer. Updates are batched for a few milliseconds, merged
// into a few entries and appended; only when the append has resolved do they count as stored.
// A failed append keeps the batch (in order, ahead of newer updates) and retries with backoff.
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import { SharedTimer } from './shared-timer.ts';

/**
 * How long updates gather before a write (rooms.ts uses it for the shared timer too). Each write
 * is a disk sync on the storage thread, which costs more CPU than everything else an update does
 * (bench/update-cost.ts): 20 ms gathers the keystrokes of everyone typing in a story at once
 * (ten people at 5–10 chars/s type one every 13 ms), at the cost of confirming saves up to 20 ms
 * later. A keystroke reaches the other editors before it is written, so it does not wait for this.
 */
export const DEFAULT_BATCH_MS = 20;

/** Appends updates durably, all or none, and resolves with the last one's log position. */
export type AppendUpdates = (updates: Uint8Array[]) => Promise<number>;

// Y.mergeUpdates grows much worse than linearly with the number of updates (20,000 one-key
// updates take seconds), so a backlog is merged in chunks of this many, one log entry each.
export const MERGE_CHUNK = 100;

/** `updates` merged into entries of at most MERGE_CHUNK updates each. */
export function mergeInChunks(updates: Uint8Array[]): Uint8Array[] {
  const entries: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += MERGE_CHUNK) {
    const chunk = updates.slice(i, i + MERGE_CHUNK);
    entries.push(chunk.length === 1 ? chunk[0] : Y.mergeUpdates(chunk));
  }
  return entries;
}

/** Tunables for tests and benchmarks. */
export interface UpdateLogOptions {
  /**
   * When to write gathered updates. Rooms share one, so that every story's batch reaches the
   * store in the same turn (one message to the storage thread, one disk sync).
   */
  writeTimer?: SharedTimer;
  /** First retry delay after a failed write; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** Told of each update as it is queued and of each write that made updates durable (room-fanout.ts publishes both). */
export interface LogWatcher {
  /** `update` was queued; `mark` names the state after it. */
  queued(update: Uint8Array, mark: number): void;
  /** The updates after mark `from` up to mark `upto` are durable now. */
  durable(from: number, upto: number): void;
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
  /** Set while a failed write waits to be retried. */
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly writeTimer: SharedTimer;
  private writing: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  private watcher: LogWatcher | null = null;
  /** Log position of the newest durable entry (0: none since load). */
  lastSeq: number;

  constructor(
    private readonly name: string,
    private readonly append: AppendUpdates,
    private readonly log: Logger,
    private readonly options: UpdateLogOptions = {},
    initialSeq = 0,
  ) {
    this.lastSeq = initialSeq;
    this.writeTimer = options.writeTimer ?? new SharedTimer(DEFAULT_BATCH_MS);
  }

  /** Queues an update for the log. */
  enqueue(update: Uint8Array): void {
    this.pending.push(update);
    this.enqueued++;
    this.watcher?.queued(update, this.enqueued);
    if (!this.writing && !this.stopped) this.writeTimer.add(this.writeSoon);
  }

  /** Tells `watcher` (one at a time; null: nobody) of what is queued and made durable from now on. */
  watch(watcher: LogWatcher | null): void {
    this.watcher = watcher;
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
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
      const before = this.failures;
      await (this.writing ?? this.write());
      if (this.failures > before) return false;
    }
    return true;
  }

  /** Stops retrying (the room is going away after a final flush attempt). */
  stop(): void {
    this.stopped = true;
    this.writeTimer.remove(this.writeSoon);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private readonly writeSoon = (): void => {
    if (this.retryTimer === null) void this.write();
  };

  private write(): Promise<void> {
    if (this.writing) return this.writing;
    if (this.pending.length === 0) return Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    const mark = this.enqueued;
    this.writing = (async () => {
      try {
        this.lastSeq = await this.append(mergeInChunks(batch));
        const from = this.durable;
        this.durable = mark;
        this.failures = 0;
        this.watcher?.durable(from, mark);
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
        if (this.retryTimer === null && !this.stopped) this.retryTimer = setTimeout(() => ((this.retryTimer = null), void this.write()), retry);
        return;
      }
      this.writing = null;
      if (this.pending.length > 0 && !this.stopped) this.writeTimer.add(this.writeSoon);
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
