// What this device remembers per signed-in user, beside the story documents themselves
// (those are in IndexedDB): when each story was last opened, how many of its changes the
// server has not confirmed, stories created here while offline, and the last story list.
import type { ArticleListItem } from '../../../model/api-types.ts';

/** The device's facts about one story. */
export interface LocalArticle {
  lastOpened: number;
  /** Local changes the server has not confirmed as stored. */
  unsaved: number;
  /** Created on this device and not yet known to the server. */
  createdOffline: boolean;
}

/** The story list as last loaded, and when. */
export interface CachedList {
  /** `stories`, not `articles`: the name lists cached on this device before were stored under. */
  stories: ArticleListItem[];
  at: number;
}

const EMPTY: LocalArticle = { lastOpened: 0, unsaved: 0, createdOffline: false };

/** Per-user local facts, kept in localStorage (small, synchronous, survives reloads). */
export class LocalIndex {
  articles = $state<Record<string, LocalArticle>>({});
  /** How many stories hold changes the server has not confirmed (a person counts stories, not keystrokes). */
  unsentArticles = $derived(Object.values(this.articles).filter((s) => s.unsaved > 0).length);

  constructor(
    readonly userId: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage,
  ) {
    this.articles = this.read<Record<string, LocalArticle>>('stories') ?? {};
  }

  private key(name: string): string {
    return `newsroom:${this.userId}:${name}`;
  }

  private read<T>(name: string): T | null {
    try {
      return JSON.parse(this.storage.getItem(this.key(name)) ?? 'null') as T | null;
    } catch {
      return null;
    }
  }

  /** One story's facts (defaults when unknown). */
  article(id: string): LocalArticle {
    return this.articles[id] ?? EMPTY;
  }

  /** Changes one story's facts and keeps them. */
  update(id: string, patch: Partial<LocalArticle>): void {
    const next = { ...this.article(id), ...patch };
    const current = this.articles[id];
    if (current && Object.entries(next).every(([k, v]) => current[k as keyof LocalArticle] === v)) return;
    this.articles = { ...this.articles, [id]: next };
    this.storage.setItem(this.key('stories'), JSON.stringify(this.articles));
  }

  /** Forgets a story's facts. */
  remove(id: string): void {
    const { [id]: _gone, ...rest } = this.articles;
    this.articles = rest;
    this.storage.setItem(this.key('stories'), JSON.stringify(rest));
  }

  /** The last story list loaded from the server. */
  cachedList(): CachedList | null {
    return this.read<CachedList>('list');
  }

  /** Keeps the story list for offline use. */
  cacheList(articles: ArticleListItem[], at = Date.now()): void {
    this.storage.setItem(this.key('list'), JSON.stringify({ stories: articles, at } satisfies CachedList));
  }

  /** Stories not opened since `before` that hold nothing unsent: safe to forget. */
  stale(before: number): string[] {
    return Object.entries(this.articles)
      .filter(([, s]) => s.lastOpened < before && s.unsaved === 0 && !s.createdOffline)
      .map(([id]) => id);
  }
}
