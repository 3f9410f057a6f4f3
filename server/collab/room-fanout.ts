// Links this instance's open rooms to other instances' through a Fanout.
// - An update is published once it is stored, never before: no instance ever holds a change the
//   store lacks (so its "saved" answers stay true), and an instance opening the story finds every
//   change either in the store or on the channel it subscribed to before reading the store.
// - Presence is published as this instance's clients announce it: the states as the room shaped
//   them (bounded in number and size), never what a client sent.
// - Another instance's changes are applied with the peer origin: relayed to this instance's
//   clients, never stored or published again.
// - A story whose messages may have been lost is read back from the store.
import { SerialTask } from '../../model/serial-task.ts';
import type { Logger } from '../log.ts';
import { withCalls } from '../storage/document-log.ts';
import type { DocumentLog } from '../storage/store.ts';
import type { Fanout, FanoutMessage } from './fanout.ts';
import type { Room } from './room.ts';
import type { RoomLifecycle } from './rooms.ts';

/** Wait before reading a story back again after the store failed to answer. */
const CATCH_UP_RETRY_MS = 2000;

interface LinkedRoom {
  room: Room;
  unlink(): void;
  /** Reads the story back from the store (one read at a time; asked during one, once more after it). */
  catchUp: SerialTask;
}

/** Shares the open rooms with other instances; give it to Rooms as their lifecycle. */
export class RoomFanout implements RoomLifecycle {
  private readonly linked = new Map<string, LinkedRoom>();
  /** Messages that arrived while the story was being read from the store, applied once it is open. */
  private readonly held = new Map<string, FanoutMessage[]>();

  constructor(
    private readonly fanout: Fanout,
    /** Reads a story's stored state (the rooms' document log's). */
    private readonly load: DocumentLog['loadDocument'],
    private readonly logger: Logger,
  ) {
    fanout.onMissed((articleIds) => {
      for (const articleId of articleIds) this.recover(articleId);
    });
  }

  /** `log` whose appends publish each update once the store holds it. */
  publishingStored(log: DocumentLog): DocumentLog {
    return withCalls(log, {
      appendUpdates: async (articleId, updates) => {
        const seq = await log.appendUpdates(articleId, updates);
        for (const update of updates) this.fanout.publish(articleId, { kind: 'update', update });
        return seq;
      },
    });
  }

  async beforeLoad(articleId: string): Promise<void> {
    this.held.set(articleId, []);
    await this.fanout.subscribe(articleId, (message) => this.receive(articleId, message));
  }

  opened(room: Room): void {
    const unlink = room.presence.onLocalChange((update) => this.fanout.publish(room.articleId, { kind: 'awareness', update }));
    this.linked.set(room.articleId, { room, unlink, catchUp: new SerialTask(() => this.readBack(room)) });
    for (const message of this.held.get(room.articleId) ?? []) this.deliver(room, message);
    this.held.delete(room.articleId);
    // Presence of clients on other instances otherwise shows only at their next renewal (15 s).
    this.fanout.publish(room.articleId, { kind: 'query-awareness' });
  }

  closed(articleId: string): void {
    this.linked.get(articleId)?.unlink();
    this.linked.delete(articleId);
    this.held.delete(articleId);
    void this.fanout.unsubscribe(articleId);
  }

  private receive(articleId: string, message: FanoutMessage): void {
    const linked = this.linked.get(articleId);
    if (linked) this.deliver(linked.room, message);
    else this.held.get(articleId)?.push(message);
  }

  private deliver(room: Room, message: FanoutMessage): void {
    try {
      switch (message.kind) {
        case 'update':
          // A change that builds on content this instance lacks means an earlier message was lost; the store has it.
          if (room.applyPeerUpdate(message.update)) this.catchUp(room, 'another instance’s update builds on content this one lacks');
          break;
        case 'awareness':
          room.presence.applyPeerUpdate(message.update);
          break;
        case 'query-awareness':
          this.publishAwareness(room);
          break;
        case 'catch-up':
          this.catchUp(room, 'another instance’s link to the others was down');
          this.publishAwareness(room);
          break;
      }
    } catch (error) {
      this.logger.error(`applying another instance's ${message.kind} message to story ${room.articleId} failed`, error);
    }
  }

  // After messages may have been lost: read the story back here, and have the others do the same.
  private recover(articleId: string): void {
    const linked = this.linked.get(articleId);
    if (linked) this.catchUp(linked.room, 'messages between the instances may have been lost');
    // Still loading: the store may have been read before the channel was subscribed again.
    else this.held.get(articleId)?.push({ kind: 'catch-up' });
    this.fanout.publish(articleId, { kind: 'catch-up' });
    if (linked) this.publishAwareness(linked.room);
  }

  /** Applies the story's stored state to the room: what other instances stored that this one missed. */
  private catchUp(room: Room, reason: string): void {
    const linked = this.linked.get(room.articleId);
    if (linked?.room !== room) return;
    this.logger.debug(`catching up story ${room.articleId} from the store: ${reason}`);
    void linked.catchUp.run();
  }

  // One read back; a failure is retried a while later.
  private async readBack(room: Room): Promise<void> {
    const isLinked = () => this.linked.get(room.articleId)?.room === room;
    if (!isLinked()) return;
    try {
      const stored = await this.load(room.articleId);
      if (isLinked()) room.applyPeerStored(stored);
    } catch (error) {
      this.logger.error(`reading story ${room.articleId} back from the store to catch up failed; retrying in ${CATCH_UP_RETRY_MS} ms`, error);
      setTimeout(() => this.catchUp(room, 'retrying'), CATCH_UP_RETRY_MS).unref();
    }
  }

  // Tells the other instances the presence of this instance's clients.
  private publishAwareness(room: Room): void {
    const update = room.presence.localUpdate();
    if (update) this.fanout.publish(room.articleId, { kind: 'awareness', update });
  }
}
