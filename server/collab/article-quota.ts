// A story's size quota. The size is an approximate running figure, so that checking it costs
// nothing per keystroke: the bytes the story took in storage when it was opened (snapshot plus
// log) or its encoded state when last measured, plus the bytes of every update applied since.
// That overestimates (merged updates and garbage-collected deletions take less), so only when
// an update would pass the quota is the document measured again, by encoding its state — at
// most once per MEASURE_EVERY_MS, so a client hammering a full story costs one encoding a while.
import * as Y from 'yjs';

/** The default size quota of one story: far above what its field caps let content reach. */
export const DEFAULT_MAX_ARTICLE_BYTES = 16 * 1024 * 1024;

/** The least time between two measurements of the document. */
export const MEASURE_EVERY_MS = 5_000;

const mib = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(2))} MiB`;

/** How big one open story is, against its quota. */
export class ArticleQuota {
  private size: number;
  private measuredAt = -Infinity;

  constructor(
    private readonly doc: Y.Doc,
    /** What the story took in storage when opened. */
    storedBytes: number,
    private readonly maxBytes: number,
  ) {
    this.size = storedBytes;
    doc.on('update', this.grow);
  }

  /** The running size in bytes. */
  get bytes(): number {
    return this.size;
  }

  /** Why the story may not take an update of `bytes` more, or null. */
  refusal(bytes: number): string | null {
    if (this.size + bytes <= this.maxBytes) return null;
    const now = Date.now();
    if (now - this.measuredAt >= MEASURE_EVERY_MS) {
      this.measuredAt = now;
      this.size = Y.encodeStateAsUpdate(this.doc).length;
    }
    return this.size + bytes <= this.maxBytes ? null : `story over its size quota of ${mib(this.maxBytes)}`;
  }

  /** Stops following the document. */
  destroy(): void {
    this.doc.off('update', this.grow);
  }

  private readonly grow = (update: Uint8Array): void => {
    this.size += update.length;
  };
}
