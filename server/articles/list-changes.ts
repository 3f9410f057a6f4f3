// The story list's live changes: what the event streams (GET /api/events) tell every signed-in
// client. Sources: the store's writes (a story created, its summary stored, a workflow event;
// list-change-store.ts) and the rooms' presence (who has a story open). Changes of one story
// within a few milliseconds are told once, each with the entry as the store then holds it. With
// several instances, each change also goes out on the newsroom channel, and what the others
// publish is told to this instance's streams; presence is merged across instances. Who a new
// comment mentions is told the same way: by the instance the writer is on, to its own streams and,
// on the channel, to every other instance's (each stream on exactly one instance: told once).
import { randomUUID } from 'node:crypto';
import type { ArticleListItem } from '../../model/api-types.ts';
import type { ListChangeReason, ListEvent } from '../../model/list-events.ts';
import type { CommentMention } from '../collab/comment-mentions.ts';
import type { NewsroomChannel } from '../collab/fanout.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { Logger } from '../log.ts';
import type { ArticleRecord } from '../storage/store.ts';
import type { ListChangeSink } from './list-change-store.ts';
import type { Articles } from './articles.ts';
import type { NewsroomPresence, PresenceMap } from './newsroom-presence.ts';

/** Timings; the defaults suit a newsroom. */
export interface ListChangesOptions {
  /** Changes of one story within this long are told once. */
  coalesceMs?: number;
  /** Each instance tells the others all of its presence this often; one silent for three times as long is forgotten. */
  presenceRefreshMs?: number;
}

/** What instances tell each other on the newsroom channel (JSON). */
type NewsroomMessage =
  | { kind: 'entry'; from: string; reason: ListChangeReason; article: ArticleRecord }
  // `stories`, not `articles`: the field's name between instances, which older ones still read.
  | { kind: 'presence'; from: string; full: boolean; stories: PresenceMap }
  | { kind: 'resync'; from: string }
  | { kind: 'mention'; from: string; article: ArticleRecord; by: MentionWriter; mentions: CommentMention[] }
  | { kind: 'dictionary'; from: string };

/** Who wrote a comment that mentions people: all a `mentioned` event says of them. */
export interface MentionWriter {
  id: string;
  displayName: string;
}

/** New comments on one story that mention people, with the story's entry as the writer's instance read it. */
export interface MentionNotice {
  article: ArticleListItem;
  by: MentionWriter;
  mentions: CommentMention[];
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isMention = (value: unknown): value is CommentMention =>
  typeof value === 'object' &&
  value !== null &&
  isText((value as CommentMention).threadId) &&
  isText((value as CommentMention).text) &&
  Array.isArray((value as CommentMention).usernames) &&
  (value as CommentMention).usernames.every(isText);

/** A message before this instance signs it. */
type Unsigned<M> = M extends unknown ? Omit<M, 'from'> : never;

/** Entries told per flush at most; more wait for the next one, so that a burst of changes reaches the streams spread out. */
const ENTRIES_PER_FLUSH = 100;

const REASONS: readonly unknown[] = ['created', 'summary', 'workflow'];

// A message from another instance, or null when it is not one (the same code wrote it, so this is only a guard).
function readMessage(payload: string): NewsroomMessage | null {
  try {
    const message = JSON.parse(payload) as NewsroomMessage;
    if (typeof message?.from !== 'string') return null;
    if (message.kind === 'entry') return REASONS.includes(message.reason) && typeof message.article?.id === 'string' ? message : null;
    if (message.kind === 'presence') return typeof message.stories === 'object' && message.stories !== null ? message : null;
    if (message.kind === 'mention') {
      const { article, by, mentions } = message;
      const ok = isText(article?.id) && isText(by?.id) && isText(by?.displayName) && Array.isArray(mentions) && mentions.every(isMention);
      return ok ? message : null;
    }
    return message.kind === 'resync' || message.kind === 'dictionary' ? message : null;
  } catch {
    return null;
  }
}

/** What the list's event streams are told, from this instance and the others. */
export class ListChanges implements ListChangeSink {
  /** Tags this instance's presence for the others. */
  private readonly instanceId = randomUUID();
  private readonly listeners = new Set<(event: ListEvent) => void>();
  private readonly mentionListeners = new Set<(notice: MentionNotice) => void>();
  /** Stories whose entry changed since the last flush, and why ('created' wins: the client learns the story is new). */
  private readonly entries = new Map<string, ListChangeReason>();
  /** Stories whose people here may have changed since the last flush. */
  private readonly presences = new Set<string>();
  /** Who this instance last said was in each story (their ids), so that only real changes are told. */
  private readonly told = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private refresher: NodeJS.Timeout | null = null;
  /** Flushes run one after another, so that one story's entries are told in the order they were read. */
  private flushing: Promise<void> = Promise.resolve();
  private wiring: { articles: Articles; presence: NewsroomPresence; channel: NewsroomChannel } | null = null;
  private readonly coalesceMs: number;
  private readonly refreshMs: number;

  constructor(
    private readonly logger: Logger,
    options: ListChangesOptions = {},
  ) {
    this.coalesceMs = options.coalesceMs ?? 50;
    this.refreshMs = options.presenceRefreshMs ?? 20_000;
  }

  /** Starts telling: entries are read through `articles`, presence comes from `rooms`, other instances are on `channel`. */
  async start(articles: Articles, presence: NewsroomPresence, rooms: Rooms, channel: NewsroomChannel): Promise<void> {
    this.wiring = { articles, presence, channel };
    rooms.onPresence((articleId) => this.presenceChanged(articleId));
    await channel.subscribeNewsroom(
      (payload) => this.receive(payload),
      () => this.missed(),
    );
    this.refresher = setInterval(() => this.refreshPresence(), this.refreshMs);
    this.refresher.unref();
    this.schedule();
  }

  /** A write changed story `articleId`'s entry. */
  note(articleId: string, reason: ListChangeReason): void {
    if (this.entries.get(articleId) !== 'created') this.entries.set(articleId, reason);
    this.schedule();
  }

  /** Someone joined or left story `articleId` on this instance. */
  presenceChanged(articleId: string): void {
    this.presences.add(articleId);
    this.schedule();
  }

  /** The newsroom dictionary changed here: every stream, on every instance, is told (`dictionary`). */
  dictionaryChanged(): void {
    this.publish({ kind: 'dictionary' });
    this.emit({ type: 'dictionary' });
  }

  /** Tells `listener` every event from now on; returns the function that stops it. */
  listen(listener: (event: ListEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells `listener` every new comment that mentions people, from this instance and the others; returns the function that stops it. */
  listenMentions(listener: (notice: MentionNotice) => void): () => void {
    this.mentionListeners.add(listener);
    return () => this.mentionListeners.delete(listener);
  }

  /**
   * A client of this instance wrote comments on story `articleId` that mention people: told to this
   * instance's listeners and to the other instances, with the story's entry as read now (who may
   * see it, its headline). Resolves once told; rejects when the entry could not be read.
   */
  async mentioned(articleId: string, by: MentionWriter, mentions: CommentMention[]): Promise<void> {
    const view = await this.wiring?.articles.get(articleId);
    if (!view) return;
    const { openBy: _present, ...article } = view;
    const writer = { id: by.id, displayName: by.displayName };
    this.publish({ kind: 'mention', article, by: writer, mentions });
    this.emitMention({ article: view, by: writer, mentions });
  }

  /** Stops, telling the other instances that nobody is in a story here any more. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.refresher) clearInterval(this.refresher);
    this.timer = this.refresher = null;
    this.publish({ kind: 'presence', full: true, stories: {} });
    this.wiring = null;
    this.listeners.clear();
    this.mentionListeners.clear();
  }

  private schedule(): void {
    if (!this.wiring || this.timer || (this.entries.size === 0 && this.presences.size === 0)) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A flush that fails loses its own changes only, loudly: the chain must not stay rejected,
      // or no later change would be told for as long as the server runs.
      this.flushing = this.flushing
        .then(() => this.flush())
        .catch((error: unknown) => {
          this.logger.error('telling the story list its changes failed; the streams may miss them until their next read of the list', error);
          this.schedule();
        });
    }, this.coalesceMs);
  }

  private async flush(): Promise<void> {
    if (!this.wiring) return;
    const { articles, presence } = this.wiring;
    const entries = [...this.entries].slice(0, ENTRIES_PER_FLUSH);
    for (const [articleId] of entries) this.entries.delete(articleId);

    // Entries first, then presence: a story just restricted must be known as such (event-streams.ts
    // keeps a restricted story's presence to who may see it) before anyone is told who has it open.
    await Promise.all(
      entries.map(async ([articleId, reason]) => {
        try {
          const view = await articles.get(articleId);
          if (!view) return;
          const { openBy: _present, ...article } = view;
          this.publish({ kind: 'entry', reason, article });
          this.emit({ type: 'article', reason, article: view });
        } catch (error) {
          this.logger.error(`reading the list entry of story ${articleId} to tell its change failed`, error);
        }
      }),
    );

    // The presence of a story whose entry is still to be told waits for it, for the same reason.
    const present = [...this.presences].filter((articleId) => !this.entries.has(articleId));
    for (const articleId of present) this.presences.delete(articleId);
    const changed: PresenceMap = {};
    for (const articleId of present) {
      const here = presence.local(articleId);
      const ids = here.map((u) => u.id).join();
      if ((this.told.get(articleId) ?? '') === ids) continue;
      if (ids === '') this.told.delete(articleId);
      else this.told.set(articleId, ids);
      changed[articleId] = here;
    }
    if (Object.keys(changed).length > 0) {
      this.publish({ kind: 'presence', full: false, stories: changed });
      for (const articleId of Object.keys(changed)) this.emit({ type: 'presence', id: articleId, openBy: presence.openBy(articleId) });
    }
    this.schedule();
  }

  private publish(message: Unsigned<NewsroomMessage>): void {
    this.wiring?.channel.publishNewsroom(JSON.stringify({ ...message, from: this.instanceId }));
  }

  private emit(event: ListEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('telling a story list change failed', error);
      }
    }
  }

  private emitMention(notice: MentionNotice): void {
    for (const listener of this.mentionListeners) {
      try {
        listener(notice);
      } catch (error) {
        this.logger.error('telling a mention failed', error);
      }
    }
  }

  // Another instance's message.
  private receive(payload: string): void {
    if (!this.wiring) return;
    const message = readMessage(payload);
    if (!message) {
      this.logger.warn(`dropping an unreadable story list message from another instance (${payload.length} bytes)`);
      return;
    }
    const { articles, presence } = this.wiring;
    if (message.kind === 'entry') this.emit({ type: 'article', reason: message.reason, article: articles.view(message.article) });
    else if (message.kind === 'resync') this.emit({ type: 'resync' });
    else if (message.kind === 'mention') this.emitMention({ article: articles.view(message.article), by: message.by, mentions: message.mentions });
    else if (message.kind === 'dictionary') this.emit({ type: 'dictionary' });
    else for (const articleId of presence.heard(message.from, message.stories, message.full)) this.emit({ type: 'presence', id: articleId, openBy: presence.openBy(articleId) });
  }

  // Messages may have been lost both ways: our clients and the other instances' read the list again.
  private missed(): void {
    this.logger.warn('story list changes between the instances may have been lost; every client reads its list again');
    this.emit({ type: 'resync' });
    this.publish({ kind: 'resync' });
    this.refreshPresence();
  }

  // Tells the others all of this instance's presence, and forgets the instances that fell silent.
  private refreshPresence(): void {
    if (!this.wiring) return;
    const { presence } = this.wiring;
    this.publish({ kind: 'presence', full: true, stories: presence.localAll() });
    for (const articleId of presence.forgetSilent(Date.now() - 3 * this.refreshMs)) {
      this.emit({ type: 'presence', id: articleId, openBy: presence.openBy(articleId) });
    }
  }
}
