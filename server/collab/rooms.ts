// The open rooms: loads a story on first use (once, however many clients ask at the same
// moment), and unloads it after its last client leaves, but only once all of it is stored.
import type { Logger } from '../log.ts';
import type { StoredDocument, User } from '../storage/store.ts';
import { Room, type RoomHooks, type RoomOptions } from './room.ts';
import { SharedTimer } from './shared-timer.ts';
import { CLOSE } from './transport.ts';
import { DEFAULT_BATCH_MS } from './update-log.ts';

/** Timing for unloading, on top of each room's own. */
export interface RoomsOptions extends Omit<RoomOptions, 'writeTimer' | 'presenceChanged'> {
  /** How long updates gather before every story's batch is written together. */
  batchMs?: number;
  /** Wait before retrying to store an idle room that failed to persist. */
  unloadRetryMs?: number;
}

/**
 * Told as stories open and close. A server that shares its stories with other instances links
 * each room to them here; a single server needs none of it.
 */
export interface RoomLifecycle {
  /** Before the story is read from storage: what other instances change from now on must reach the room. */
  beforeLoad(articleId: string): Promise<void>;
  /** The story is open. */
  opened(room: Room): void;
  /** The story failed to load, or was unloaded. */
  closed(articleId: string): void;
}

const SINGLE_INSTANCE: RoomLifecycle = { beforeLoad: async () => undefined, opened: () => undefined, closed: () => undefined };

/** Registry of open rooms. */
export class Rooms {
  private readonly open = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Set<Room>();
  private shuttingDown = false;
  private readonly roomOptions: RoomOptions;
  private readonly presenceListeners = new Set<(articleId: string) => void>();

  constructor(
    private readonly hooks: RoomHooks,
    private readonly logger: Logger,
    private readonly options: RoomsOptions = {},
    private readonly lifecycle: RoomLifecycle = SINGLE_INSTANCE,
  ) {
    this.roomOptions = {
      ...options,
      writeTimer: new SharedTimer(options.batchMs ?? DEFAULT_BATCH_MS),
      presenceChanged: (room) => this.presenceListeners.forEach((listener) => listener(room.articleId)),
    };
  }

  /** `listener` is told when a client joins or leaves a story (who has it open may have changed). */
  onPresence(listener: (articleId: string) => void): void {
    this.presenceListeners.add(listener);
  }

  /**
   * The open room of a story and holds it open; pair with `room.release()`. `early` is told the
   * story as stored, before the server applies it, when this call is the one that loads it.
   */
  async acquire(articleId: string, early?: (stored: StoredDocument) => Promise<void> | void): Promise<Room> {
    if (this.shuttingDown) throw new Error('the server is shutting down');
    const existing = this.open.get(articleId);
    if (existing) {
      existing.hold();
      return existing;
    }
    let loading = this.loading.get(articleId);
    if (!loading) {
      loading = this.load(articleId, early);
      this.loading.set(articleId, loading);
      loading
        .then((room) => this.open.set(articleId, room))
        .catch(() => undefined)
        .finally(() => this.loading.delete(articleId));
    }
    const room = await loading;
    room.hold();
    return room;
  }

  private async load(articleId: string, early?: (stored: StoredDocument) => Promise<void> | void): Promise<Room> {
    await this.lifecycle.beforeLoad(articleId);
    try {
      const room = await Room.load(articleId, this.hooks, this.logger, this.roomOptions, (r) => void this.unloadWhenIdle(r), early);
      this.lifecycle.opened(room);
      return room;
    } catch (error) {
      this.lifecycle.closed(articleId);
      throw error;
    }
  }

  /** The open room of a story, if any. */
  get(articleId: string): Room | undefined {
    return this.open.get(articleId);
  }

  /** Whether a story is open or being loaded: joining it loads nothing more from storage. */
  inMemory(articleId: string): boolean {
    return this.open.has(articleId) || this.loading.has(articleId);
  }

  /** Who is connected to each open story. */
  presence(): Map<string, User[]> {
    return new Map([...this.open].map(([id, room]) => [id, room.users()]));
  }

  /** How many stories are open. */
  get size(): number {
    return this.open.size;
  }

  // Stores everything and frees the room, unless a client came back in the meantime.
  private async unloadWhenIdle(room: Room): Promise<void> {
    if (this.shuttingDown || this.unloading.has(room)) return;
    this.unloading.add(room);
    try {
      // Stored at least once (it also stores what other instances relayed and may not have yet);
      // a few more rounds catch changes made while storing; never spin if storing makes no progress.
      for (let round = 0; round === 0 || (room.isIdle && !room.isClean); round++) {
        if (round === 5) throw new Error('still not fully stored after 5 rounds');
        await room.persist();
      }
      if (room.isIdle && this.open.get(room.articleId) === room) {
        this.open.delete(room.articleId);
        this.lifecycle.closed(room.articleId);
        room.destroy();
        this.logger.debug(`story ${room.articleId} unloaded`);
      }
    } catch (error) {
      // The room stays in memory with everything it holds; try again later.
      this.logger.error(`story ${room.articleId} could not be stored on unload; keeping it in memory and retrying`, error);
      setTimeout(() => void this.unloadWhenIdle(room), this.options.unloadRetryMs ?? 5000).unref();
    } finally {
      this.unloading.delete(room);
    }
  }

  /** Shutdown: disconnects every client, stores every room and frees it. Resolves with the rooms that could not be stored (still open, for a rescue). */
  async closeAll(): Promise<{ failed: Room[] }> {
    this.shuttingDown = true;
    await Promise.allSettled([...this.loading.values()]);
    const rooms = [...this.open.values()];
    for (const room of rooms) room.closeAll(CLOSE.serviceRestart, 'server restarting');
    const failed: Room[] = [];
    await Promise.all(
      rooms.map(async (room) => {
        try {
          await room.persist();
          // An unload under way when the shutdown began may have freed it meanwhile.
          if (this.open.get(room.articleId) !== room) return;
          this.lifecycle.closed(room.articleId);
          room.destroy();
          this.open.delete(room.articleId);
        } catch (error) {
          this.logger.error(`story ${room.articleId} could not be stored at shutdown`, error);
          failed.push(room);
        }
      }),
    );
    return { failed };
  }
}
