// The fan-out between server instances that serve the same newsroom: what one instance tells
// the others about a story it has open. Rooms never see it; room-fanout.ts links the two.
import type { LoggedRange } from './peer-relays.ts';

/** What instances tell each other about one story. */
export type FanoutMessage =
  /**
   * A document update, sent as soon as the sender applied it; `logged` is its place in the
   * sender's log, to be followed by a 'stored' message (null: stored already, from a sender
   * that publishes only then).
   */
  | { kind: 'update'; update: Uint8Array; logged: LoggedRange | null }
  /** The sender's log now holds its updates in `range`. */
  | { kind: 'stored'; range: LoggedRange }
  /** An awareness update (presence) from the sender's clients. */
  | { kind: 'awareness'; update: Uint8Array }
  /** The sender just opened the story: please publish your clients' presence. */
  | { kind: 'query-awareness' }
  /** The sender's updates may have been lost in transit: read the story back from the store. */
  | { kind: 'catch-up' };

/** Receives another instance's message about a story. */
export type FanoutHandler = (message: FanoutMessage) => void;

/**
 * The newsroom-wide channel: what one instance tells every other, whatever stories they have
 * open (the story list's changes, server/articles/list-changes.ts). An instance never receives
 * its own messages.
 */
export interface NewsroomChannel {
  /** Sends `payload` to every other instance; best effort (lost while the link is down, then `onMissed` says so). */
  publishNewsroom(payload: string): void;
  /**
   * Delivers the other instances' newsroom messages to `handler` (one handler per instance).
   * `onMissed` is told, once the link carries messages again, that some may have been lost.
   * Resolves once messages published from then on will arrive, or at once while the link is down.
   */
  subscribeNewsroom(handler: (payload: string) => void, onMissed: () => void): Promise<void>;
}

/** One instance alone: nobody to tell, nothing to hear. */
export const LONE_NEWSROOM: NewsroomChannel = {
  publishNewsroom: () => undefined,
  subscribeNewsroom: async () => undefined,
};

/** Carries messages about stories between instances; an instance never receives its own. */
export interface Fanout extends NewsroomChannel {
  /** Sends to every other instance subscribed to the story; best effort (lost while the link is down). */
  publish(articleId: string, message: FanoutMessage): void;
  /**
   * Delivers other instances' messages about the story to `handler`. Resolves once messages
   * published from then on will arrive, or at once while the link is down (the story is then
   * reported to `onMissed` when it is back).
   */
  subscribe(articleId: string, handler: FanoutHandler): Promise<void>;
  /** Stops delivering the story's messages. */
  unsubscribe(articleId: string): Promise<void>;
  /**
   * `listener` is told of stories whose messages may have been lost, in either direction, once
   * the link carries them again (after an outage, a failed subscription or a failed publish).
   */
  onMissed(listener: (articleIds: string[]) => void): void;
  /** Closes the link. */
  close(): Promise<void>;
}
