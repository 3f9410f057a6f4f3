// The story list and spiked stories: the list proper leaves them out, choosing the Spiked filter
// reads them (GET /api/articles?spiked=only), a spike or restore shows the server's answer at once,
// and the review queue is the viewer's own.
import { describe, expect, it, vi } from 'vitest';
import type { ApiUser, ArticleListItem } from '../../model/api-types.ts';
import type { Api } from '../../renderer/src/lib/api.ts';
import { LocalIndex } from '../../renderer/src/lib/local-index.svelte.ts';
import { ALL_ARTICLES } from '../../renderer/src/lib/article-filter.ts';
import { localListItem, ArticleList } from '../../renderer/src/lib/article-list.svelte.ts';

const ed: ApiUser = { id: 'u-ed', username: 'ed', displayName: 'Ed', role: 'editor', createdAt: 0 };
const article = (id: string, updatedAt: number, fields: Partial<ArticleListItem> = {}): ArticleListItem => ({ ...localListItem(id, ed, updatedAt), headline: id, ...fields });

function setup() {
  // The server's stories; a spike or restore changes them, as the real one does.
  let articles = [article('kept', 30), article('waiting', 20, { status: 'submitted' }), article('gone', 10, { spiked: true })];
  const step = (id: string, spiked: boolean, updatedAt: number) => {
    articles = articles.map((s) => (s.id === id ? { ...s, spiked, updatedAt } : s)).sort((a, b) => b.updatedAt - a.updatedAt);
    return { article: articles.find((s) => s.id === id)!, event: {} };
  };
  const api = {
    listArticles: vi.fn(async (only?: 'only') => articles.filter((s) => s.spiked === (only === 'only'))),
    spike: vi.fn(async (id: string) => step(id, true, 40)),
    unspike: vi.fn(async (id: string) => step(id, false, 50)),
  };
  const list = new ArticleList(() => api as unknown as Api, () => ({ index: new LocalIndex(ed.id), user: ed }));
  return { list, api };
}

describe('StoryList and spiked stories', () => {
  it('reads the spiked stories only when the Spiked filter is chosen, and shows only them there', async () => {
    const { list, api } = setup();
    await list.refresh();
    expect(api.listArticles).toHaveBeenCalledTimes(1);
    expect(api.listArticles).toHaveBeenLastCalledWith();
    expect(list.visible.map((s) => s.id)).toEqual(['kept', 'waiting']);
    list.filter = { ...ALL_ARTICLES, status: 'spiked' };
    await vi.waitFor(() => expect(list.visible.map((s) => s.id)).toEqual(['gone']));
    expect(api.listArticles).toHaveBeenLastCalledWith('only');
    expect(list.total).toBe(1);
    list.filter = { ...ALL_ARTICLES };
    expect(list.visible.map((s) => s.id)).toEqual(['kept', 'waiting']);
    expect(list.total).toBe(2);
  });

  it('shows a spike and a restore as soon as the server answers, and keeps the queue to what waits for the viewer', async () => {
    const { list } = setup();
    await list.refresh();
    expect(list.queue.map((s) => s.id)).toEqual(['waiting']);
    await list.spike(list.articles.find((s) => s.id === 'waiting')!);
    expect(list.visible.map((s) => s.id)).toEqual(['kept']);
    expect(list.queue).toEqual([]);
    list.filter = { ...ALL_ARTICLES, status: 'spiked' };
    await vi.waitFor(() => expect(list.visible.map((s) => s.id)).toEqual(['waiting', 'gone']));
    await list.unspike(list.articles.find((s) => s.id === 'gone')!);
    expect(list.visible.map((s) => s.id)).toEqual(['waiting']);
    list.filter = { ...ALL_ARTICLES };
    expect(list.visible.map((s) => s.id)).toEqual(['gone', 'kept']);
  });
});
