// After a crash, a story's log can hold thousands of updates its snapshot does not cover yet, and
// the first client to open it would wait while the server applies them all (50,000 keystrokes:
// hundreds of milliseconds). A server that starts therefore opens each such story itself, in the
// background and one at a time, and stores it: the room's own compaction folds the log into a
// snapshot, exactly as after any editing, so the story opens like any other by the time someone
// asks for it. A story someone opens meanwhile is simply shared with them.
import type { Logger } from '../log.ts';
import type { Store } from '../storage/store.ts';
import type { Rooms } from './rooms.ts';

/** Logs at least this long are folded at start (a few hundred entries apply in milliseconds when the story opens). */
export const FOLD_LOG_ENTRIES = 1000;

/** The background folding of long logs, from start until done or stopped. */
export class LongLogFolding {
  private stopped = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<Store, 'listLongLogs'>,
    private readonly rooms: Pick<Rooms, 'acquire' | 'inMemory'>,
    private readonly logger: Logger,
    private readonly minEntries = FOLD_LOG_ENTRIES,
  ) {}

  /** Starts folding in the background. */
  start(): void {
    this.running = this.run();
  }

  /** Resolves once the folding started is over (done, stopped or failed: it never rejects). */
  get done(): Promise<void> {
    return this.running;
  }

  /** Folds no further story; resolves once the one under way is stored (or failed). Before the rooms close. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.running;
  }

  private async run(): Promise<void> {
    let ids: string[];
    try {
      ids = await this.store.listLongLogs(this.minEntries);
    } catch (error) {
      this.logger.error('listing the stories with long logs to fold failed; they are folded when next opened', error);
      return;
    }
    if (ids.length > 0) this.logger.info(`folding the long logs of ${ids.length} stor${ids.length === 1 ? 'y' : 'ies'} (left by a crash) into snapshots`);
    for (const id of ids) {
      if (this.stopped) return;
      // Open already: its room folds the log itself.
      if (this.rooms.inMemory(id)) continue;
      try {
        const room = await this.rooms.acquire(id);
        try {
          await room.persist();
        } finally {
          room.release();
        }
      } catch (error) {
        // Nothing is lost: the log keeps every update, and the story's next open folds it.
        this.logger.error(`folding the log of story ${id} failed; it is folded when next opened`, error);
      }
    }
  }
}
