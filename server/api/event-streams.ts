// The open event streams (GET /api/events): Server-Sent Events telling each signed-in client the
// story list's changes as they happen. Bounded: a few streams per user (429 beyond), a comment
// line every so often (and the session checked again: a stream outlives no session), and a
// stream whose client does not keep up is closed: at once when its unsent bytes pass a hard
// limit, or when they stay above a lower mark for a while (a burst of changes is no offence). Each
// event is encoded once and written to every stream without waiting for any: a slow reader only
// ever fills its own buffer. A restricted story's events reach only the streams of people who
// may see it (model/roles.ts `canSee`); each stream's viewer (their desks) is read again at
// every heartbeat, and a change of who may see what makes the stream's client read its list again.
// Who a comment mentions is told (`mentioned`) on every instance: list-changes.ts carries it across.
import type { ServerResponse } from 'node:http';
import type { ArticleListItem } from '../../model/api-types.ts';
import { formatListEvent, type ListEvent, type MentionedEvent } from '../../model/list-events.ts';
import type { CommentMention } from '../collab/comment-mentions.ts';
import { canSee, type Viewer } from '../../model/roles.ts';
import type { ListChanges, MentionWriter } from '../articles/list-changes.ts';
import { HttpError } from '../http/http-error.ts';
import type { Logger } from '../log.ts';
import type { User } from '../storage/store.ts';
import { RestrictedEntries } from './restricted-entries.ts';
import { assignedEvent, AssignmentTracker } from './assignment-events.ts';

/** Limits and timing of the event streams. */
export interface EventStreamOptions {
  /** Open streams one user may have on one instance; another is refused with 429. */
  maxPerUser?: number;
  /** A comment line goes out this often, and each stream's session is checked again. */
  heartbeatMs?: number;
  /** A stream whose unsent bytes would pass this is closed at once: its client is not reading. */
  maxBufferedBytes?: number;
  /** A stream with more unsent bytes than this for `laggingMs` is closed too: its client cannot keep up. */
  laggingBytes?: number;
  laggingMs?: number;
}

/** The response headers of an event stream. */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // nginx would otherwise hold events back in its buffer.
  'x-accel-buffering': 'no',
};

/** Who a stream is for: the user, and how to learn their viewer (desks) again. */
export interface StreamOwner {
  user: User;
  viewer: Viewer;
  /** The viewer as it is now (asked at every heartbeat). */
  currentViewer: () => Promise<Viewer>;
  stillSignedIn: () => Promise<boolean>;
}

interface OpenStream extends StreamOwner {
  res: ServerResponse;
  /** A session check is under way (they never pile up behind a slow store). */
  checking: boolean;
  /** Since when its unsent bytes are above `laggingBytes` (null: they are not). */
  laggingSince: number | null;
}

const HEARTBEAT = Buffer.from(':\n\n');
const RESYNC = Buffer.from(formatListEvent({ type: 'resync' }));
/** At most one refusal line per user this often, so that a flood of refusals does not flood the log. */
const REFUSAL_LOG_MS = 10_000;

/** The most of a comment a `mentioned` event carries: enough for a notice. */
const MENTION_TEXT_MAX = 200;

/** Every open event stream of this instance. */
export class EventStreams {
  private readonly streams = new Set<OpenStream>();
  private readonly restricted = new RestrictedEntries();
  /** Each story's assignees, so that whoever a change newly assigns is told (`assigned`, to their streams only). */
  readonly assignments = new AssignmentTracker();
  private readonly perUser = new Map<string, number>();
  private readonly refusals = new Map<string, { loggedAt: number; since: number }>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopListening: () => void;
  private readonly maxPerUser: number;
  private readonly heartbeatMs: number;
  private readonly maxBufferedBytes: number;
  private readonly laggingBytes: number;
  private readonly laggingMs: number;

  constructor(
    changes: ListChanges,
    private readonly logger: Logger,
    options: EventStreamOptions = {},
  ) {
    this.maxPerUser = options.maxPerUser ?? 5;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.laggingBytes = options.laggingBytes ?? 1024 * 1024;
    this.laggingMs = options.laggingMs ?? 10_000;
    const stopChanges = changes.listen((event) => this.broadcast(event));
    const stopMentions = changes.listenMentions(({ article, by, mentions }) => mentions.forEach((mention) => this.tellMentioned(article, by, mention)));
    this.stopListening = () => {
      stopChanges();
      stopMentions();
    };
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** How many streams are open. */
  get size(): number {
    return this.streams.size;
  }

  /**
   * Takes one of `user`'s stream slots now (429 when all are taken) and returns what starts the
   * stream on the response once its headers are written. `stillSignedIn` is asked at every heartbeat.
   */
  reserve(owner: StreamOwner): (res: ServerResponse) => void {
    const { user } = owner;
    const open = this.perUser.get(user.id) ?? 0;
    if (open >= this.maxPerUser) {
      this.logRefusal(user);
      throw new HttpError(429, `too many open event streams: at most ${this.maxPerUser} per user; close one first`, { 'retry-after': '30' });
    }
    this.perUser.set(user.id, open + 1);
    return (res) => this.open({ ...owner, res, checking: false, laggingSince: null });
  }

  private open(stream: OpenStream): void {
    const { res } = stream;
    // A client gone before the headers went out: its 'close' has passed already.
    if (res.destroyed || res.socket === null || res.socket.destroyed) return this.release(stream.user);
    this.streams.add(stream);
    res.on('close', () => {
      if (this.streams.delete(stream)) this.release(stream.user);
    });
    res.on('error', () => undefined); // a reset connection ends in 'close'
    this.write(stream, Buffer.from(formatListEvent({ type: 'ready', heartbeatMs: this.heartbeatMs })));
  }

  private release(user: User): void {
    const open = (this.perUser.get(user.id) ?? 1) - 1;
    if (open > 0) this.perUser.set(user.id, open);
    else this.perUser.delete(user.id);
  }

  /** Takes in the restricted stories there are (at start), so that not even their presence reaches anyone else. */
  knowRestricted(articles: ArticleListItem[]): void {
    for (const article of articles) this.restricted.note(article);
  }

  /** Writes `event` to every open stream whose viewer may see what it is about. */
  broadcast(event: ListEvent): void {
    // Noted even with no stream open: a stream opened later must not be told of it.
    const changed = event.type === 'article' && this.restricted.note(event.article);
    const assigned = event.type === 'article' ? this.assignments.added(event.article) : [];
    if (this.streams.size === 0) return;
    if (event.type === 'article' && assigned.length > 0) this.tellAssigned(event.article, assigned);
    const frame = Buffer.from(formatListEvent(event));
    const access = event.type === 'article' ? (event.article.restricted ? event.article : undefined) : event.type === 'presence' ? this.restricted.accessOf(event.id) : undefined;
    for (const stream of this.streams) {
      if (!access || canSee(stream.viewer, access)) this.write(stream, frame);
      // Who may see it changed: a stream that may not now reads its list again, and so drops it if it had it.
      else if (changed) this.write(stream, RESYNC);
    }
  }

  /** Tells each user `mention` names who may see `article` (and did not write it) that they were mentioned (`mentioned`), on this instance's streams. */
  tellMentioned(article: ArticleListItem, by: MentionWriter, mention: CommentMention): void {
    const event: MentionedEvent = {
      type: 'mentioned',
      article: { id: article.id, headline: article.headline, slug: article.slug },
      threadId: mention.threadId,
      by: { id: by.id, name: by.displayName },
      text: mention.text.slice(0, MENTION_TEXT_MAX),
    };
    const frame = Buffer.from(formatListEvent(event));
    for (const stream of this.streams) {
      const { user, viewer } = stream;
      if (mention.usernames.includes(user.username) && user.id !== by.id && canSee(viewer, article)) this.write(stream, frame);
    }
  }

  // Tells each of `usernames` who may see `article` that they were assigned to it, unless they made the change themselves.
  private tellAssigned(article: ArticleListItem, usernames: string[]): void {
    const frame = Buffer.from(formatListEvent(assignedEvent(article)));
    for (const stream of this.streams) {
      const { user, viewer } = stream;
      if (usernames.includes(user.username) && user.id !== article.updatedBy && canSee(viewer, article)) this.write(stream, frame);
    }
  }

  private write(stream: OpenStream, chunk: Buffer): void {
    const waiting = stream.res.writableLength;
    if (waiting + chunk.length > this.maxBufferedBytes) {
      this.close(stream, `it stopped reading (${waiting} bytes waiting)`, true);
      return;
    }
    const now = Date.now();
    if (waiting <= this.laggingBytes) stream.laggingSince = null;
    else if (stream.laggingSince === null) stream.laggingSince = now;
    else if (now - stream.laggingSince > this.laggingMs) {
      this.close(stream, `it reads too slowly (${waiting} bytes waiting for ${now - stream.laggingSince} ms)`, true);
      return;
    }
    stream.res.write(chunk);
  }

  private beat(): void {
    for (const stream of this.streams) {
      this.write(stream, HEARTBEAT);
      if (stream.checking || !this.streams.has(stream)) continue;
      stream.checking = true;
      Promise.all([stream.stillSignedIn(), stream.currentViewer()])
        .then(([signedIn, viewer]) => {
          if (!signedIn) return this.close(stream, 'the session ended', false);
          const desksChanged = viewer.desks.join() !== stream.viewer.desks.join();
          stream.viewer = viewer;
          // Joined or left a desk: its restricted stories come into or drop out of the list read again.
          if (desksChanged && this.streams.has(stream)) this.write(stream, RESYNC);
        })
        .catch((error: unknown) => this.logger.warn(`checking the session of ${stream.user.username}'s event stream failed: ${(error as Error).message}`))
        .finally(() => (stream.checking = false));
    }
  }

  // Ends a stream: at once when its client does not read (nothing more would reach it anyway), else after what is queued.
  private close(stream: OpenStream, reason: string, abort: boolean): void {
    if (!this.streams.delete(stream)) return;
    this.release(stream.user);
    this.logger.info(`closing the event stream of ${stream.user.username}: ${reason}`);
    if (abort) stream.res.destroy();
    else stream.res.end();
  }

  private logRefusal(user: User): void {
    const now = Date.now();
    const refusal = this.refusals.get(user.id) ?? { loggedAt: 0, since: 0 };
    refusal.since++;
    if (now - refusal.loggedAt >= REFUSAL_LOG_MS) {
      this.logger.warn(`refusing an event stream of ${user.username}: ${this.maxPerUser} open already (${refusal.since} refused since the last such line)`);
      refusal.loggedAt = now;
      refusal.since = 0;
    }
    this.refusals.set(user.id, refusal);
  }

  /** Ends every stream (shutdown) and stops listening. */
  closeAll(): void {
    clearInterval(this.heartbeat);
    this.stopListening();
    for (const stream of [...this.streams]) this.close(stream, 'the server is stopping', false);
  }
}
