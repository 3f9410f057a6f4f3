// Stories this device keeps a copy of that the server now answers 404 for: restricted away from
// this user (or gone). Their copies are dropped from this device — the document, its facts, its
// waiting images and its line in the offline list — since nobody may read them here any more.
import { ApiError, type Api } from './api.ts';
import type { LocalIndex } from './local-index.svelte.ts';

/** What finding and dropping lost stories works with. */
export interface LostArticlesOptions {
  api: Pick<Api, 'getArticle'>;
  index: LocalIndex;
  /** Deletes the kept document and the images waiting for it. */
  forget: (articleId: string) => Promise<void>;
  /** Stories open on this device now: their page holds the copy; they are checked again at the next sync. */
  isOpen: (articleId: string) => boolean;
}

/** How many copies were dropped, and whether every kept story was asked about (not when the server became unreachable or refused the session). */
export interface LostArticlesResult {
  dropped: number;
  complete: boolean;
}

/**
 * Asks the server about every story kept here (not those created here and not yet sent: the
 * server cannot know them) and drops those it answers 404 for. Any other answer keeps the copy;
 * an unreachable server or an ended session stops the asking.
 */
export async function dropLostArticles({ api, index, forget, isOpen }: LostArticlesOptions): Promise<LostArticlesResult> {
  const kept = Object.entries(index.articles)
    .filter(([id, facts]) => !facts.createdOffline && !isOpen(id))
    .map(([id]) => id);
  const lost: string[] = [];
  for (const id of kept) {
    try {
      await api.getArticle(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Unreachable, or signed out: nothing more can be learnt now.
      if (error.status === 0 || error.status === 401) return { dropped: await dropAll(lost), complete: false };
      if (error.status === 404) lost.push(id);
    }
  }
  return { dropped: await dropAll(lost), complete: true };

  async function dropAll(ids: string[]): Promise<number> {
    for (const id of ids) {
      // The document first: were this interrupted, the index still names the copy and a later sync drops it.
      await forget(id);
      index.remove(id);
    }
    const cached = index.cachedList();
    if (ids.length > 0 && cached) index.cacheList(cached.stories.filter((article) => !ids.includes(article.id)), cached.at);
    return ids.length;
  }
}

/** What the user is told, once, after `count` stories were dropped. */
export const lostArticlesNotice = (count: number): string =>
  count === 1
    ? 'A story you no longer have access to was removed from this computer.'
    : `${count} stories you no longer have access to were removed from this computer.`;
