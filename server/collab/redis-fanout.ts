// The fan-out over Redis pub/sub (ioredis): one channel per story and one for the whole
// newsroom (the story list's changes), one connection that
// publishes (and runs the locks' commands), one that subscribes. Each message carries the id of
// the instance that sent it, so an instance drops its own. Nothing ever waits for Redis: while
// it is unreachable, commands fail at once, the outage is logged loudly once, and when it is
// back every story whose messages may have been lost is reported so that it is read back from
// the store. Given direct links to the other instances (peer-links.ts), each story message also
// goes over them, numbered so that a receiver drops the copy that comes second; Redis still
// carries every message, so a link that fails loses nothing.
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log.ts';
import type { Fanout, FanoutHandler, FanoutMessage } from './fanout.ts';
import { decodeMessage, decodeNewsroom, encodeMessage, encodeNewsroom } from './fanout-codec.ts';
import type { PeerLinks } from './peer-links.ts';
import { SeenNumbers } from './seen-numbers.ts';

/** The pub/sub channel of a story. */
export const articleChannel = (articleId: string) => `newsroom:story:${articleId}`;

/** The pub/sub channel of the newsroom-wide messages (the story list's changes). */
export const NEWSROOM_CHANNEL = 'newsroom:list';

const CONNECTION_OPTIONS: RedisOptions = {
  lazyConnect: true,
  // Fail at once instead of queueing while disconnected: a room must never wait for Redis.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  // This class subscribes again itself, so that it knows which stories to read back.
  autoResubscribe: false,
  commandTimeout: 2000,
  connectTimeout: 2000,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
};

/** Wait before retrying a subscription or reporting a failed publish while the link is up. */
const REPAIR_DELAY_MS = 1000;

/** `url` without credentials, for the log. */
const shown = (url: string) => {
  const { protocol, host, pathname } = new URL(url);
  return `${protocol}//${host}${pathname === '/' ? '' : pathname}`;
};

/** Fan-out through one Redis server. */
export class RedisFanout implements Fanout {
  /** Tags what this instance publishes, so that it drops its own messages. */
  readonly instanceId = randomUUID();
  /** The connection for ordinary commands (publishing, locks). */
  readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, FanoutHandler>();
  /** Stories whose channel is subscribed on the current subscriber connection. */
  private readonly subscribed = new Set<string>();
  /** Stories whose messages may have been lost, reported once the link works again. */
  private readonly missed = new Set<string>();
  private missedListener: (articleIds: string[]) => void = () => undefined;
  /** Who gets the newsroom channel's messages, once subscribed. */
  private newsroom: { handler: (payload: string) => void; onMissed: () => void } | null = null;
  private newsroomSubscribed = false;
  /** Newsroom messages may have been lost, in either direction: told to `newsroom.onMissed` once repaired. */
  private newsroomMissed = false;
  /** 'starting' until the first connection attempt has settled: the first 'ready' of two is no outage. */
  private link: 'starting' | 'up' | 'down' = 'starting';
  private downSince = 0;
  private lastError = '';
  private repairTimer: NodeJS.Timeout | null = null;
  private closing = false;
  /** The direct links to the other instances, once `linkDirectly` gave them. */
  private direct: PeerLinks | null = null;
  /** The last number given to a message about each story this instance publishes about. */
  private readonly numbers = new Map<string, number>();
  /** The largest number given so far: a story's numbering starts above it, so that no number is given twice for one story. */
  private issued = 0;
  /** Per story, per sending instance, the numbers that arrived (by either path). */
  private readonly seen = new Map<string, Map<string, SeenNumbers>>();

  private constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {
    this.commands = new Redis(url, { ...CONNECTION_OPTIONS, connectionName: `newsroom-${this.instanceId}` });
    this.subscriber = new Redis(url, { ...CONNECTION_OPTIONS, connectionName: `newsroom-${this.instanceId}-sub` });
    for (const connection of [this.commands, this.subscriber]) {
      connection.on('ready', this.linkChanged);
      connection.on('close', this.linkChanged);
      connection.on('error', (error: Error) => (this.lastError = error.message));
    }
    this.subscriber.on('messageBuffer', this.onMessage);
  }

  /** Connects to Redis at `url`; an unreachable Redis is logged, not thrown (the instance serves its own clients meanwhile). */
  static async open(url: string, logger: Logger): Promise<RedisFanout> {
    const fanout = new RedisFanout(url, logger);
    await Promise.allSettled([fanout.commands.connect(), fanout.subscriber.connect()]);
    fanout.updateLink();
    return fanout;
  }

  /** Sends each story message over `links` too, and delivers what arrives over them; call once, before any story is subscribed. */
  linkDirectly(links: PeerLinks): void {
    this.direct = links;
    links.onMessage((articleId, payload) => this.deliver(articleId, payload));
  }

  publish(articleId: string, message: FanoutMessage): void {
    const bytes = encodeMessage({ instanceId: this.instanceId, seq: this.number(articleId) }, message);
    this.direct?.send(articleId, bytes);
    if (!this.up) {
      this.missed.add(articleId);
      return;
    }
    this.commands.publish(articleChannel(articleId), bytes).catch((error: Error) => {
      this.missed.add(articleId);
      if (!this.up) return; // the outage is reported once, and repaired when the link is back
      this.logger.error(`publishing a change of story ${articleId} to the other instances failed; they will read it from the store`, error);
      this.repairSoon();
    });
  }

  publishNewsroom(payload: string): void {
    if (!this.up) {
      this.newsroomMissed = true;
      return;
    }
    this.commands.publish(NEWSROOM_CHANNEL, encodeNewsroom(this.instanceId, payload)).catch((error: Error) => {
      this.newsroomMissed = true;
      if (!this.up) return;
      this.logger.error('publishing a story list change to the other instances failed; their lists will be read again', error);
      this.repairSoon();
    });
  }

  async subscribeNewsroom(handler: (payload: string) => void, onMissed: () => void): Promise<void> {
    this.newsroom = { handler, onMissed };
    if (!this.up) {
      this.newsroomMissed = true;
      return;
    }
    try {
      await this.subscriber.subscribe(NEWSROOM_CHANNEL);
      this.newsroomSubscribed = true;
    } catch (error) {
      this.newsroomMissed = true;
      if (!this.up) return;
      this.logger.error('subscribing to the story list changes on Redis failed; retrying', error);
      this.repairSoon();
    }
  }

  async subscribe(articleId: string, handler: FanoutHandler): Promise<void> {
    this.handlers.set(articleId, handler);
    this.direct?.interest(articleId, true);
    if (!this.up) {
      this.missed.add(articleId);
      return;
    }
    try {
      await this.subscriber.subscribe(articleChannel(articleId));
      // Commands reach Redis in call order, so a later unsubscribe or subscribe has the last word.
      if (this.handlers.get(articleId) === handler) this.subscribed.add(articleId);
    } catch (error) {
      this.missed.add(articleId);
      if (!this.up) return;
      this.logger.error(`subscribing to story ${articleId} on Redis failed; retrying, then reading it back from the store`, error);
      this.repairSoon();
    }
  }

  async unsubscribe(articleId: string): Promise<void> {
    this.handlers.delete(articleId);
    this.direct?.interest(articleId, false);
    this.seen.delete(articleId);
    this.numbers.delete(articleId);
    this.missed.delete(articleId);
    this.subscribed.delete(articleId);
    // Sent even before a pending subscribe is confirmed, so that it is undone in order; while
    // the link is down there is nothing to undo (a new connection starts with no channels).
    if (this.up) await this.subscriber.unsubscribe(articleChannel(articleId)).catch(() => undefined);
  }

  onMissed(listener: (articleIds: string[]) => void): void {
    this.missedListener = listener;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.repairTimer) clearTimeout(this.repairTimer);
    // QUIT lets publishes already sent go out first; a connection that is down is just dropped.
    await Promise.all([this.commands, this.subscriber].map((c) => c.quit().catch(() => c.disconnect())));
  }

  private readonly onMessage = (channel: Buffer, payload: Buffer): void => {
    const name = channel.toString();
    if (name === NEWSROOM_CHANNEL) return this.onNewsroomMessage(payload);
    this.deliver(name.slice(articleChannel('').length), payload);
  };

  // The next number of a message about `articleId`: consecutive within the story while it is open here.
  private number(articleId: string): number {
    const seq = (this.numbers.get(articleId) ?? this.issued) + 1;
    this.numbers.set(articleId, seq);
    this.issued = Math.max(this.issued, seq);
    return seq;
  }

  // A story message from either path: handed on unless it is this instance's own, or the second copy of one.
  private deliver(articleId: string, payload: Uint8Array): void {
    const handler = this.handlers.get(articleId);
    if (!handler) return;
    let decoded: ReturnType<typeof decodeMessage>;
    try {
      decoded = decodeMessage(payload);
    } catch (error) {
      this.logger.warn(`dropping an unreadable fan-out message for story ${articleId} (${payload.length} bytes): ${(error as Error).message}`);
      return;
    }
    const { instanceId, seq } = decoded.from;
    if (instanceId === this.instanceId) return;
    if (seq !== null) {
      let senders = this.seen.get(articleId);
      if (!senders) this.seen.set(articleId, (senders = new Map<string, SeenNumbers>()));
      let seen = senders.get(instanceId);
      if (!seen) senders.set(instanceId, (seen = new SeenNumbers()));
      if (!seen.add(seq)) return;
    }
    handler(decoded.message);
  }

  private onNewsroomMessage(payload: Buffer): void {
    let from: string;
    let text: string;
    try {
      ({ from, payload: text } = decodeNewsroom(payload));
    } catch (error) {
      this.logger.warn(`dropping an unreadable newsroom message (${payload.length} bytes): ${(error as Error).message}`);
      return;
    }
    if (from !== this.instanceId) this.newsroom?.handler(text);
  }

  private get up(): boolean {
    return this.link === 'up';
  }

  private readonly linkChanged = (): void => {
    if (!this.closing && this.link !== 'starting') this.updateLink();
  };

  // Either connection opened or closed: report an outage once, its end once, and repair after it.
  private updateLink(): void {
    if (this.subscriber.status !== 'ready') {
      for (const articleId of this.subscribed) this.missed.add(articleId);
      this.subscribed.clear();
      if (this.newsroomSubscribed) this.newsroomMissed = true;
      this.newsroomSubscribed = false;
    }
    const up = this.commands.status === 'ready' && this.subscriber.status === 'ready';
    if (!up && this.link !== 'down') {
      this.link = 'down';
      this.downSince = Date.now();
      this.logger.error(
        `REDIS UNREACHABLE at ${shown(this.url)} (${this.lastError || 'connection closed'}): other instances do not see this instance's edits, nor it theirs. ` +
          'Its own clients are still served and every change is still stored; it will catch up when Redis is back.',
      );
    } else if (up && this.link !== 'up') {
      if (this.link === 'down') {
        const seconds = ((Date.now() - this.downSince) / 1000).toFixed(1);
        this.logger.warn(`Redis at ${shown(this.url)} is reachable again after ${seconds} s: subscribing again and reading open stories back from the store`);
      }
      this.link = 'up';
      this.lastError = '';
      void this.repair();
    }
  }

  private repairSoon(): void {
    this.repairTimer ??= setTimeout(() => {
      this.repairTimer = null;
      void this.repair();
    }, REPAIR_DELAY_MS);
    this.repairTimer.unref();
  }

  // Subscribes every wanted story that is not, then reports every story that may have missed messages.
  private async repair(): Promise<void> {
    if (!this.up) return;
    if (!(await this.repairNewsroom())) return;
    const wanted = [...this.handlers.keys()].filter((articleId) => !this.subscribed.has(articleId));
    if (wanted.length > 0) {
      const handlers = wanted.map((articleId) => this.handlers.get(articleId));
      try {
        await this.subscriber.subscribe(...wanted.map(articleChannel));
      } catch (error) {
        if (!this.up) return;
        this.logger.error(`subscribing again to ${wanted.length} story/stories on Redis failed; retrying`, error);
        this.repairSoon();
        return;
      }
      wanted.forEach((articleId, i) => {
        if (this.handlers.get(articleId) === handlers[i]) this.subscribed.add(articleId);
      });
    }
    // Subscribed before the stories are read back, so that nothing falls between the two.
    const missed = [...this.missed].filter((articleId) => this.subscribed.has(articleId));
    for (const articleId of missed) this.missed.delete(articleId);
    if (missed.length > 0) this.missedListener(missed);
  }

  // Subscribes the newsroom channel again if it is wanted, then says whether messages were lost; false if it failed (retried soon).
  private async repairNewsroom(): Promise<boolean> {
    const newsroom = this.newsroom;
    if (!newsroom) return true;
    if (!this.newsroomSubscribed) {
      try {
        await this.subscriber.subscribe(NEWSROOM_CHANNEL);
      } catch (error) {
        if (!this.up) return false;
        this.logger.error('subscribing again to the story list changes on Redis failed; retrying', error);
        this.repairSoon();
        return false;
      }
      this.newsroomSubscribed = true;
    }
    if (this.newsroomMissed) {
      this.newsroomMissed = false;
      newsroom.onMissed();
    }
    return true;
  }
}
