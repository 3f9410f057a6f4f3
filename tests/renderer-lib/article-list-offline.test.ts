// The story list offline: the list as last loaded on this device, plus stories created here,
// marked with when it was loaded; a refusal from the server is still an error, not a stale list.
import { describe, expect, it } from 'vitest';
import type { ApiUser, ArticleListItem } from '../../model/api-types.ts';
import { ApiError, type Api } from '../../renderer/src/lib/api.ts';
import { LocalIndex } from '../../renderer/src/lib/local-index.svelte.ts';
import { localListItem, ArticleList } from '../../renderer/src/lib/article-list.svelte.ts';

const ana: ApiUser = { id: 'u-ana', username: 'ana', displayName: 'Ana Reporter', role: 'reporter', createdAt: 0 };
const article = (id: string, headline: string): ArticleListItem => ({ ...localListItem(id, ana, 1), headline });

/** An API whose list answers with `answer` (stories, or an error to throw). */
const apiAnswering = (answer: () => ArticleListItem[]) => ({ listArticles: async () => answer() }) as unknown as Api;

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

describe('StoryList offline', () => {
  it('shows the cached list and the stories created here when the server cannot be reached', async () => {
    const index = new LocalIndex(ana.id, memoryStorage());
    let online = true;
    const api = apiAnswering(() => {
      if (!online) throw new ApiError(0, 'cannot reach the server');
      return [article('a', 'Council vote'), article('b', 'Flood warning')];
    });
    const list = new ArticleList(() => api, () => ({ index, user: ana }));
    await list.refresh();
    expect(list.articles.map((s) => s.headline)).toEqual(['Council vote', 'Flood warning']);
    expect(list.offlineSince).toBeNull();

    online = false;
    index.update('new-here', { createdOffline: true, lastOpened: 5 });
    await list.refresh();
    expect(list.error).toBeNull();
    expect(list.offlineSince).toBeGreaterThan(0);
    expect(list.articles.map((s) => s.id)).toEqual(['new-here', 'a', 'b']);
    expect(list.articles[0]).toMatchObject({ headline: '', status: 'draft', createdBy: ana.id });

    // Back online, the server knows the story now: it is listed once.
    online = true;
    const fresh = apiAnswering(() => [article('new-here', 'Written on the train'), article('a', 'Council vote')]);
    index.update('new-here', { createdOffline: false });
    const again = new ArticleList(() => fresh, () => ({ index, user: ana }));
    await again.refresh();
    expect(again.articles.map((s) => s.headline)).toEqual(['Written on the train', 'Council vote']);
  });

  it('reports a refusal as an error, and with nothing cached an unreachable server too', async () => {
    const index = new LocalIndex(ana.id, memoryStorage());
    const refused = new ArticleList(() => apiAnswering(() => { throw new ApiError(500, 'database is down'); }), () => ({ index, user: ana }));
    await refused.refresh();
    expect(refused.error).toBe('database is down');
    const unreachable = new ArticleList(() => apiAnswering(() => { throw new ApiError(0, 'cannot reach the server'); }), () => ({ index, user: ana }));
    await unreachable.refresh();
    expect(unreachable.error).toBe('cannot reach the server');
    expect(unreachable.offlineSince).toBeNull();
  });
});
