// A room's work in the background: folding the story's log into a fresh snapshot a while after
// editing pauses (and at least every so often while it does not), and refreshing the story's
// list entry (its summary) a moment after a change. Each runs one at a time, and both can be
// run now (when the room unloads, when the server stops).
import * as Y from 'yjs';
import { SerialTask } from '../../model/serial-task.ts';
import type { Logger } from '../log.ts';
import type { StoredDocument } from '../storage/store.ts';
import { Debounce } from './debounce.ts';
import type { UpdateLog } from './update-log.ts';

/** When the upkeep runs. */
export interface UpkeepOptions {
  /** Compact this long after the last change... */
  compactAfterMs?: number;
  /** ...but at least this often while changes keep coming. */
  compactMaxWaitMs?: number;
  /** Refresh the story list entry this long after the last change. */
  summaryAfterMs?: number;
  /** Drop the cached encoding of the stored state once no client has asked for it this long (it is a whole copy of the story). */
  storedStateKeepMs?: number;
}

/** How long the stored state's encoding is kept unused: the clients opening a story together all get it. */
export const DEFAULT_STORED_STATE_KEEP_MS = 10_000;

/** Where the upkeep writes (the room's hooks, for its story). */
export interface UpkeepWriters {
  /** Stores `state` as the snapshot and drops the log's entries up to `uptoSeq`. */
  snapshot(state: Uint8Array, uptoSeq: number): Promise<void>;
  /** Refreshes the story list entry; `editorId` made the last change (null: unknown). */
  summary(editorId: string | null): Promise<void>;
}

/** The compaction and summary of one open story. */
export class RoomUpkeep {
  private readonly compactSoon: Debounce;
  private readonly summarySoon: Debounce;
  private readonly compaction = new SerialTask(() => this.writeSnapshot());
  // One write of the entry at a time: a write asked for while one is under way waits for it (and
  // runs after it if a change came meanwhile), so "written now" never returns before the entry is.
  private readonly summaryWrite = new SerialTask(() => this.writeDirtySummary());
  /** The log position the stored snapshot covers; -1 while a log left after it waits to be folded in. */
  private compactedSeq: number;
  private summaryDirty = false;
  private lastEditorId: string | null = null;
  /**
   * The document's whole state as stored, while nothing has changed since: a client that has
   * nothing gets these bytes as they are, instead of a fresh encoding (a cold open of a long
   * story spends tens of milliseconds encoding otherwise). A second copy of the whole story, so
   * it is dropped once unused for a while (`forgetStored`): an idle room keeps only its Y.Doc.
   */
  private stored: Uint8Array | null;
  private readonly forgetStored: Debounce;
  /** Counts changes to the document, whatever their origin (a peer's change is not in the log's position). */
  private version = 0;

  constructor(
    private readonly articleId: string,
    private readonly doc: Y.Doc,
    private readonly log: UpdateLog,
    private readonly writers: UpkeepWriters,
    private readonly logger: Logger,
    options: UpkeepOptions,
    loaded: StoredDocument,
  ) {
    const keepMs = options.storedStateKeepMs ?? DEFAULT_STORED_STATE_KEEP_MS;
    this.forgetStored = new Debounce(keepMs, Infinity, () => (this.stored = null));
    this.stored = loaded.updates.length === 0 ? loaded.snapshot : null;
    if (this.stored) this.forgetStored.poke();
    // A log left after the snapshot (a crash, a busy story) is folded in at the next compaction.
    this.compactedSeq = loaded.updates.length > 0 ? -1 : loaded.lastSeq;
    this.compactSoon = new Debounce(options.compactAfterMs ?? 2000, options.compactMaxWaitMs ?? 30_000, () =>
      void this.compact().catch((error) => this.logger.error(`compacting story ${articleId} failed; will retry`, error)),
    );
    this.summarySoon = new Debounce(options.summaryAfterMs ?? 1000, 10_000, () => {
      this.writeSummary().catch(() => undefined); // logged inside; retried on the next change or unload
    });
    if (this.compactedSeq === -1) this.compactSoon.poke();
  }

  /** The document's whole state as stored, or null once anything has changed since (or it went unused a while). */
  storedState(): Uint8Array | null {
    if (this.stored) this.forgetStored.poke();
    return this.stored;
  }

  /** The document changed, whatever the origin: the stored state no longer is its whole state. */
  changed(): void {
    if (this.stored) {
      this.stored = null;
      this.forgetStored.cancel();
    }
    this.version++;
  }

  /** A change this instance logs, made by `editorId` (null: unknown): compaction and the summary are due. */
  edited(editorId: string | null): void {
    this.lastEditorId = editorId;
    this.summaryDirty = true;
    this.summarySoon.poke();
    this.compactSoon.poke();
  }

  /** The snapshot covers the whole log, no compaction is under way, and the story list entry is written. */
  get isClean(): boolean {
    return this.compactedSeq === this.log.lastSeq && !this.summaryDirty && !this.summaryWrite.busy && !this.compaction.busy;
  }

  /** Folds the log into a fresh snapshot now (one compaction at a time; asked during one, once more after it). */
  compact(): Promise<void> {
    this.compactSoon.cancel();
    return this.compaction.run();
  }

  /**
   * Writes the story list entry now if a change since the last one needs it, and resolves once
   * the entry stored covers every change logged here so far (waiting for a write under way); throws if storage fails.
   */
  writeSummary(): Promise<void> {
    this.summarySoon.cancel();
    return this.summaryWrite.run();
  }

  private async writeDirtySummary(): Promise<void> {
    if (!this.summaryDirty) return;
    this.summaryDirty = false;
    try {
      await this.writers.summary(this.lastEditorId);
    } catch (error) {
      this.summaryDirty = true;
      this.logger.error(`updating the story list entry of ${this.articleId} failed`, error);
      throw error;
    }
  }

  /** Drops what is scheduled. */
  stop(): void {
    this.compactSoon.cancel();
    this.summarySoon.cancel();
    this.forgetStored.cancel();
    this.stored = null;
  }

  private async writeSnapshot(): Promise<void> {
    const upto = this.log.lastSeq;
    if (upto === this.compactedSeq) return;
    // Every log entry up to `upto` is already in the document, so this state covers them.
    const state = Y.encodeStateAsUpdate(this.doc);
    const version = this.version;
    await this.writers.snapshot(state, upto);
    this.compactedSeq = upto;
    if (this.version === version) {
      this.stored = state;
      this.forgetStored.poke();
    }
  }
}
