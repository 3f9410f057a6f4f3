// The story list ("the budget"): read from the server a page at a time, then kept current by the
// server's event stream instead of being read again on a timer. Each time the stream (re)opens
// the list is read once, since changes may have been missed meanwhile. Offline it is the list as
// last loaded on this device, plus the stories created here since. Spiked stories are read only
// while the `Spiked` filter is chosen (the server leaves them out otherwise); their changes come
// through the stream like any other.
import type { ApiUser, ArticleListItem } from '../../../model/api-types.ts';
import type { AssignedEvent, ListEvent, MentionedEvent } from '../../../model/list-events.ts';
import { can } from '../../../model/roles.ts';
import { SerialTask } from '../../../model/serial-task.ts';
import type { QueueViewer } from '../../../model/article-state.ts';
import { ApiError, type Api } from './api.ts';
import { ListFeed } from './list-feed.ts';
import type { LocalIndex } from './local-index.svelte.ts';
import { isUnreachable } from './picture-uploads.ts';
import { Reconnector } from './reconnect.ts';
import { ALL_ARTICLES, desksOf, filterArticles, reviewQueue, type ArticleFilter } from './article-filter.ts';
import { applyListEvent, byListOrder } from './article-list-changes.ts';

/** What the list shows for a story created on this device that the server does not know yet. */
export function localListItem(id: string, user: ApiUser, at: number): ArticleListItem {
  return {
    id,
    headline: '',
    byline: '',
    desk: '',
    slug: '',
    wordCount: 0,
    assignees: [],
    deadline: null,
    targetWords: null,
    urgency: null,
    embargoUntil: null,
    hold: null,
    killed: null,
    status: 'draft',
    submittedRevision: null,
    approvedRevision: null,
    createdAt: at,
    createdBy: user.id,
    updatedAt: at,
    updatedBy: user.id,
    updatedByName: user.displayName,
    openBy: [],
    pictureCount: 0,
    picturesMissingCredit: 0,
    lastEvent: null,
    approvedWordCount: null,
    changedSinceApproval: false,
    sentBack: null,
    spiked: false,
    deskId: null,
    restricted: false,
    people: [],
    version: null,
    amendment: null,
    reopened: null,
  };
}

/** The device's side of the list: its cache and its offline-created stories. */
export interface LocalListSource {
  index: LocalIndex;
  user: ApiUser;
}

/** After changes arrive, the offline copy of the list is written this much later (once for a burst). */
const CACHE_AFTER_MS = 2000;

/** The list, its filter, and what is visible through it. */
export class ArticleList {
  /** The server's part of the list, in its order (replaced whole, never changed in place). */
  private fromServer = $state.raw<ArticleListItem[]>([]);
  /** Every story: those created on this device that the server does not know yet first, then the server's. */
  articles = $derived.by(() => this.withLocal(this.fromServer, this.local()));
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Offline: when the list shown was last current (null when it is current). */
  offlineSince = $state<number | null>(null);
  private chosen = $state<ArticleFilter>({ ...ALL_ARTICLES });
  /** Who looks at the list, for the review queue. */
  private viewer = $derived.by((): QueueViewer | undefined => {
    const user = this.local()?.user;
    return user ? { id: user.id, canApprove: can(user.role, 'approve') } : undefined;
  });
  visible = $derived.by(() => filterArticles(this.articles, this.chosen, this.viewer, this.myDesks()));
  /** The stories in the list proper: all but the spiked ones. */
  current = $derived(this.articles.filter((article) => !article.spiked));
  /** How many stories the filter chooses from: the spiked ones under `spiked`, else the list proper. */
  total = $derived(this.chosen.status === 'spiked' ? this.articles.length - this.current.length : this.current.length);
  /** The viewer's review queue. */
  queue = $derived(this.viewer ? reviewQueue(this.articles, this.viewer) : []);
  desks = $derived(desksOf(this.current));
  /** Reads the list, one read at a time; asked during one (changes came that it may have missed), once more after it. */
  private readonly reading = new SerialTask(() => this.read());
  /** Events that arrived during the read under way: applied on top of what it read. */
  private heldEvents: ListEvent[] | null = null;
  private cacheTimer: ReturnType<typeof setTimeout> | null = null;
  /** Told when the stream says the user was just assigned to a story (the app tells them). */
  onassigned: ((event: AssignedEvent) => void) | null = null;
  /** Told when the stream says a colleague @mentioned the user in a comment (the app tells them). */
  onmentioned: ((event: MentionedEvent) => void) | null = null;
  /** Told when the stream opens and whenever the newsroom dictionary changed (the desktop hands it to its spell checker). */
  ondictionary: (() => void) | null = null;
  private watching = false;

  constructor(
    private readonly api: () => Api,
    private readonly local: () => LocalListSource | null = () => null,
    /** The ids of the viewer's desks, for "My desks". */
    private readonly myDesks: () => readonly string[] = () => [],
  ) {}

  /** The list's filter; choosing `spiked` reads the spiked stories. */
  get filter(): ArticleFilter {
    return this.chosen;
  }
  set filter(next: ArticleFilter) {
    const readSpiked = next.status === 'spiked' && this.chosen.status !== 'spiked';
    this.chosen = next;
    if (readSpiked) void this.refresh();
  }

  /** Spikes `story` (the server's rules decide) and shows the answer at once. */
  async spike(article: ArticleListItem): Promise<void> {
    this.show((await this.api().spike(article.id)).article);
  }

  /** Restores spiked `story`. */
  async unspike(article: ArticleListItem): Promise<void> {
    this.show((await this.api().unspike(article.id)).article);
  }

  // An entry the server just answered with, ahead of its event.
  private show(article: ArticleListItem): void {
    this.onEvent({ type: 'article', reason: 'workflow', article });
  }

  /** Reads the whole list now (after the read under way, if any); offline, the list as last loaded here. */
  refresh(): Promise<void> {
    return this.reading.run();
  }

  private async read(): Promise<void> {
    const local = this.local();
    const held: ListEvent[] = [];
    this.heldEvents = held;
    try {
      const api = this.api();
      const [articles, spiked] = await Promise.all([api.listArticles(), this.chosen.status === 'spiked' ? api.listArticles('only') : []]);
      this.fromServer = held.reduce(applyListEvent, spiked.length > 0 ? [...articles, ...spiked].sort(byListOrder) : articles);
      local?.index.cacheList(this.fromServer);
      this.offlineSince = null;
      this.error = null;
    } catch (error) {
      const cached = local?.index.cachedList();
      if (isUnreachable(error) && cached) {
        this.fromServer = cached.stories;
        this.offlineSince = cached.at;
        this.error = null;
      } else {
        this.error = (error as Error).message;
      }
    } finally {
      if (this.heldEvents === held) this.heldEvents = null;
      this.loaded = true;
    }
  }

  // Stories created on this device and not yet on the server come first.
  private withLocal(articles: ArticleListItem[], local: LocalListSource | null): ArticleListItem[] {
    if (!local) return articles;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup local to this call
    const known = new Set(articles.map((s) => s.id));
    const mine = Object.entries(local.index.articles)
      .filter(([id, facts]) => facts.createdOffline && !known.has(id))
      .map(([id, facts]) => localListItem(id, local.user, facts.lastOpened));
    return [...mine, ...articles];
  }

  /** One event of the server's stream: the list is read once the stream is open (changes may have been missed before), changes applied as they come. */
  private readonly onEvent = (event: ListEvent): void => {
    // Opened (or opened again): a change to the dictionary may have been missed too.
    if (event.type === 'ready' || event.type === 'dictionary') this.ondictionary?.();
    if (event.type === 'dictionary') return;
    if (event.type === 'ready' || event.type === 'resync') {
      void this.refresh();
      return;
    }
    if (event.type === 'assigned') {
      this.onassigned?.(event);
      return;
    }
    if (event.type === 'mentioned') {
      this.onmentioned?.(event);
      return;
    }
    this.heldEvents?.push(event);
    const next = applyListEvent(this.fromServer, event);
    if (next === this.fromServer) return;
    this.fromServer = next;
    this.cacheSoon();
  };

  /**
   * The stream is gone. With nothing shown yet, the list is read (or the cached one shown). Unless
   * the server refused the stream, the list is no longer current: it says so, and the device keeps it.
   */
  private readonly onDown = (error: unknown): void => {
    if (!this.watching) return;
    if (!this.loaded) {
      void this.refresh();
      return;
    }
    if (error instanceof ApiError && error.status > 0) return;
    this.writeCache();
    this.offlineSince ??= Date.now();
  };

  private cacheSoon(): void {
    this.cacheTimer ??= setTimeout(() => this.writeCache(), CACHE_AFTER_MS);
  }

  private writeCache(): void {
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = null;
    if (this.offlineSince === null) this.local()?.index.cacheList(this.fromServer);
  }

  /**
   * Keeps the list current until stopped (returns the stop function): the server's event stream,
   * reconnected with backoff and jitter whenever it drops and the device is online; no polling.
   */
  watch(): () => void {
    this.watching = true;
    const feed = new ListFeed(this.api, { event: this.onEvent, down: this.onDown });
    const reconnector = new Reconnector(feed);
    reconnector.start();
    // Offline from the start, nothing connects until the network returns: show the list as last loaded.
    if (!navigator.onLine) void this.refresh();
    return () => {
      this.watching = false;
      reconnector.destroy();
      feed.disconnect();
      this.writeCache();
    };
  }
}
