// Copies of stories this user may no longer see are dropped at sync: the document, its facts and
// its line in the offline list, for every story the server answers 404; other answers keep them.
import { describe, expect, it } from 'vitest';
import type { ApiUser, ArticleListItem } from '../../model/api-types.ts';
import { ApiError, type Api } from '../../renderer/src/lib/api.ts';
import { localListItem } from '../../renderer/src/lib/article-list.svelte.ts';
import { LocalIndex } from '../../renderer/src/lib/local-index.svelte.ts';
import { dropLostArticles, lostArticlesNotice } from '../../renderer/src/lib/lost-articles.ts';

const ana: ApiUser = { id: 'u-ana', username: 'ana', displayName: 'Ana Reyes', role: 'reporter', createdAt: 0 };
const entry = (id: string): ArticleListItem => localListItem(id, ana, 1);

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

/** A server that answers each story with `answers[id]`: a status to refuse with, or 200. */
function serverAnswering(answers: Record<string, number>) {
  const asked: string[] = [];
  const api: Pick<Api, 'getArticle'> = {
    getArticle: async (id) => {
      asked.push(id);
      const status = answers[id] ?? 200;
      if (status !== 200) throw new ApiError(status, status === 404 ? `no story ${id}` : 'refused');
      return entry(id);
    },
  };
  return { api, asked };
}

/** A device keeping `ids`, with the offline list naming them all. */
function deviceKeeping(ids: string[]) {
  const index = new LocalIndex(ana.id, memoryStorage());
  for (const id of ids) index.update(id, { lastOpened: 5, unsaved: id === 'lost-unsent' ? 2 : 0 });
  index.cacheList(ids.map(entry), 42);
  const forgotten: string[] = [];
  return { index, forgotten, forget: async (id: string) => void forgotten.push(id) };
}

describe('dropping the copies of stories lost to this user', () => {
  it('drops every story the server answers 404 for — document, facts and offline list line — and keeps the rest', async () => {
    const { index, forgotten, forget } = deviceKeeping(['kept', 'lost', 'lost-unsent', 'erroring']);
    const { api } = serverAnswering({ lost: 404, 'lost-unsent': 404, erroring: 500 });
    const result = await dropLostArticles({ api, index, forget, isOpen: () => false });
    expect(result).toEqual({ dropped: 2, complete: true });
    expect(forgotten).toEqual(['lost', 'lost-unsent']);
    expect(Object.keys(index.articles).sort()).toEqual(['erroring', 'kept']);
    expect(index.unsentArticles).toBe(0);
    expect(index.cachedList()).toEqual({ stories: [entry('kept'), entry('erroring')], at: 42 });
  });

  it('never asks about a story created here and not yet sent, nor one open now', async () => {
    const { index, forgotten, forget } = deviceKeeping(['open', 'other']);
    index.update('made-here', { createdOffline: true });
    const { api, asked } = serverAnswering({ open: 404, 'made-here': 404, other: 404 });
    const result = await dropLostArticles({ api, index, forget, isOpen: (id) => id === 'open' });
    expect(asked).toEqual(['other']);
    expect(result.dropped).toBe(1);
    expect(forgotten).toEqual(['other']);
    expect(Object.keys(index.articles).sort()).toEqual(['made-here', 'open']);
  });

  it('stops asking when the server cannot be reached, keeping what it did not learn about, and says the check is not complete', async () => {
    const { index, forgotten, forget } = deviceKeeping(['lost', 'unknown', 'later']);
    const { api, asked } = serverAnswering({ lost: 404, unknown: 0, later: 404 });
    const result = await dropLostArticles({ api, index, forget, isOpen: () => false });
    expect(result).toEqual({ dropped: 1, complete: false });
    expect(asked).toEqual(['lost', 'unknown']);
    expect(forgotten).toEqual(['lost']);
    expect(Object.keys(index.articles).sort()).toEqual(['later', 'unknown']);
  });

  it('tells the user in one sentence', () => {
    expect(lostArticlesNotice(1)).toBe('A story you no longer have access to was removed from this computer.');
    expect(lostArticlesNotice(3)).toBe('3 stories you no longer have access to were removed from this computer.');
  });
});
