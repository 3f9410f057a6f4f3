// Links this instance's open rooms to other instances' through a Fanout.
// - An update is published as soon as the room applied it (the first of a turn of the event loop
//   at once, the rest of that turn merged into one message after it), with its place in the room's log, and a "stored" note
//   follows once the log holds it. The receivers relay it to their clients at once and hold it
//   until the note comes, storing it themselves if it does not come in time, and they confirm
//   their own clients' saves only once what they held is stored (peer-relays.ts): whatever an
//   instance relays is stored even if its sender dies before writing it.
// - An instance opening a story subscribes, then reads the store; an update published before
//   it subscribed but stored after its read is caught by its note, which covers marks that
//   never arrived: the story is read back then.
// - Presence is published as this instance's clients announce it: the states as the room shaped
//   them (bounded in number and size), never what a client sent.
// - Another instance's changes are applied with the peer origin: relayed to this instance's
//   clients, never published again.
// - A story whose messages may have been lost is read back from the store.
import * as random from 'lib0/random';
import { SerialTask } from '../../model/serial-task.ts';
import type { Logger } from '../log.ts';
import type { DocumentLog } from '../storage/store.ts';
import type { Fanout, FanoutMessage } from './fanout.ts';
import type { Room } from './room.ts';
import { mergeInChunks, MERGE_CHUNK } from './update-log.ts';
import type { RoomLifecycle } from './rooms.ts';

/** Wait before reading a story back again after the store failed to answer. */
const CATCH_UP_RETRY_MS = 2000;

interface LinkedRoom {
  room: Room;
  /** Publishes what is queued to publish, then stops publishing the room's changes. */
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

  async beforeLoad(articleId: string): Promise<void> {
    this.held.set(articleId, []);
    await this.fanout.subscribe(articleId, (message) => this.receive(articleId, message));
  }

  opened(room: Room): void {
    const stopPresence = room.presence.onLocalChange((update) => this.fanout.publish(room.articleId, { kind: 'awareness', update }));
    const stopUpdates = this.publishUpdates(room);
    const unlink = () => (stopUpdates(), stopPresence());
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

  // Publishes the room's updates as they are queued for its log (the first of a turn at once, the rest merged), and a note for each write of the log.
  private publishUpdates(room: Room): () => void {
    const stream = random.uint32();
    let queued: Uint8Array[] = [];
    /** The mark before the first queued update. */
    let from = 0;
    let scheduled: NodeJS.Immediate | null = null;
    const publishQueued = () => {
      if (scheduled) clearImmediate(scheduled);
      scheduled = null;
      mergeInChunks(queued).forEach((update, i) => {
        const logged = { stream, from: from + i * MERGE_CHUNK, upto: from + Math.min((i + 1) * MERGE_CHUNK, queued.length) };
        this.fanout.publish(room.articleId, { kind: 'update', update, logged });
      });
      queued = [];
    };
    room.watchLog({
      queued: (update, mark) => {
        // A keystroke waits for nothing; a burst (a paste, a fast typist) is merged after its first update.
        if (scheduled === null) {
          this.fanout.publish(room.articleId, { kind: 'update', update, logged: { stream, from: mark - 1, upto: mark } });
          scheduled = setImmediate(publishQueued);
          return;
        }
        if (queued.length === 0) from = mark - 1;
        queued.push(update);
      },
      // The updates go out before the note that says they are stored.
      durable: (fromMark, upto) => {
        publishQueued();
        this.fanout.publish(room.articleId, { kind: 'stored', range: { stream, from: fromMark, upto } });
      },
    });
    return () => {
      publishQueued();
      room.watchLog(null);
    };
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
          // A change that builds on content this instance lacks means an earlier message was lost or
          // came before this instance subscribed. A sender that sends "stored" notes says so in the
          // note that covers it, once the store has it; from an older one the store has it already.
          if (room.applyPeerUpdate(message.update, message.logged) && !message.logged) this.catchUp(room, 'another instance’s update builds on content this one lacks');
          break;
        case 'stored':
          if (room.peerStored(message.range)) this.catchUp(room, 'another instance stored updates that did not arrive here');
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
