// GET /api/articles a page at a time against the real server: limit and its bounds, the Link to
// the next page, the store's order, no story listed twice while editors change stories between
// pages, and entries whose texts are capped however big the stored ones are.
import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import { headlineText } from '../../model/article-schema.ts';
import { ELLIPSIS, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../server/articles/list-page.ts';
import { articleEvent, nextLink, openEventStream, readAllPages } from '../support/list-events.ts';
import { it } from '../support/fixtures.ts';

const byListOrder = (a: ArticleListItem, b: ArticleListItem) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('GET /api/articles in pages', () => {
  it('answers a JSON array of at most `limit` entries, in the list order, with a Link to the next page until the last', async ({ server }) => {
    const { token } = await server.user('ana', 'reporter');
    // Straight into the store: many stories, several at the same millisecond (ties go by id).
    const ids = Array.from({ length: DEFAULT_PAGE_SIZE + 7 }, () => randomUUID());
    for (const [i, id] of ids.entries()) await server.server.store.createArticle({ id, createdBy: 'u', createdAt: 1_000 + Math.floor(i / 3), headline: `Story ${i}` });

    const first = await server.api('/api/articles', { token });
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-expose-headers')).toMatch(/link/i);
    const firstPage = (await first.json()) as ArticleListItem[];
    expect(firstPage).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(nextLink(first)).toMatch(new RegExp(`^/api/articles\\?limit=${DEFAULT_PAGE_SIZE}&after=[A-Za-z0-9_-]+$`));

    const { pages } = await readAllPages(server.url, token, '/api/articles?limit=10');
    expect(pages.map((p) => p.length)).toEqual([...Array(10).fill(10), 7]);
    const all = pages.flat();
    expect(all.map((s) => s.id)).toEqual([...all].sort(byListOrder).map((s) => s.id));
    expect(new Set(all.map((s) => s.id))).toEqual(new Set(ids));
    expect(all.slice(0, DEFAULT_PAGE_SIZE)).toEqual(firstPage);

    // The largest page there is, and the last page has no Link.
    const big = await server.api(`/api/articles?limit=${MAX_PAGE_SIZE}`, { token });
    expect(((await big.json()) as unknown[]).length).toBe(ids.length);
    expect(big.headers.get('link')).toBeNull();
  });

  it('refuses a limit out of bounds and a cursor it did not write with 400 {error}', async ({ server }) => {
    const { token } = await server.user('ana', 'reporter');
    for (const query of ['limit=0', `limit=${MAX_PAGE_SIZE + 1}`, 'limit=-1', 'limit=1.5', 'limit=ten', 'limit=', 'after=', 'after=not-a-cursor!', `after=${Buffer.from('[1]').toString('base64url')}`, `after=${'A'.repeat(500)}`]) {
      const response = await server.api(`/api/articles?${query}`, { token });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error, query).toMatch(/limit|after/);
    }
  });

  it('lists each story once while editors change stories between pages; the ones moved to the top come as events', async ({ startServer, connect }) => {
    const server = await startServer({ rooms: { summaryAfterMs: 20 } });
    const ana = await server.user('ana', 'reporter');
    const vic = await server.user('vic', 'viewer');
    for (let i = 0; i < 9; i++) await server.createArticle(ana.token, { headline: `Story ${i}` });
    const events = await openEventStream(server.url, vic.token);
    const order = (await readAllPages(server.url, vic.token)).pages.flat().map((s) => s.id);
    const first = await server.api('/api/articles?limit=3', { token: vic.token });
    expect(((await first.json()) as ArticleListItem[]).map((s) => s.id)).toEqual(order.slice(0, 3));

    // Meanwhile ana retitles one story already listed and one on the next page: both move to the top.
    const seen = events.events.length;
    for (const id of [order[1], order[4]]) {
      const editor = connect(server.wsUrl, id, ana.token);
      await editor.synced;
      headlineText(editor.doc).insert(0, 'Updated: ');
      await events.next(articleEvent(id, (e) => e.article.headline.startsWith('Updated: ') && e.reason === 'summary'), `the summary event of ${id}`, seen);
      editor.destroy();
    }
    const rest = await readAllPages(server.url, vic.token, nextLink(first)!);
    const listed = [...order.slice(0, 3), ...rest.pages.flat().map((s) => s.id)];
    expect(listed).toEqual(order.filter((id) => id !== order[4]));
    // The list read afresh has both on top, as the events said.
    const fresh = (await (await server.api('/api/articles?limit=2', { token: vic.token })).json()) as ArticleListItem[];
    expect(fresh.map((s) => s.id)).toEqual([order[4], order[1]]);
    events.close();
  });

  it('caps every text of an entry, in the list and alone, however big the stored one is', async ({ server }) => {
    const { token, id: anaId } = await server.user('ana', 'reporter');
    const huge = 'H'.repeat(5 * 1024 * 1024);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await server.createArticle(token, { headline: `Story ${i}` });
      // As if a document had held it: straight into the store, past every check on the way.
      await server.server.store.updateArticleSummary(
        id,
        { headline: huge, byline: huge, desk: huge, slug: huge, wordCount: 1, assignees: [], deadline: null, targetWords: null, urgency: null, pictureCount: 0, picturesMissingCredit: 0, contentHash: 'huge', updatedAt: Date.now(), updatedBy: anaId },
        [],
      );
      ids.push(id);
    }
    const response = await server.api('/api/articles', { token });
    const text = await response.text();
    // Three 5 MiB headlines (and bylines, desks, slugs) were a 60 MiB answer; now a few kilobytes.
    expect(Buffer.byteLength(text)).toBeLessThan(16 * 1024);
    const list = JSON.parse(text) as ArticleListItem[];
    for (const entry of list) {
      for (const field of [entry.headline, entry.byline, entry.desk, entry.slug]) expect(field).toBe('H'.repeat(LIST_TEXT_MAX - 1) + ELLIPSIS);
    }
    const alone = (await (await server.api(`/api/articles/${ids[0]}`, { token })).json()) as ArticleListItem;
    expect(alone.headline).toHaveLength(LIST_TEXT_MAX);

    // A story made offline carries its headline in the create call only (at most the headline's
    // own cap of 500 characters): the list keeps its start.
    const offlineId = randomUUID();
    const created = await server.api('/api/articles', { method: 'POST', token, json: { id: offlineId, headline: 'Long '.repeat(100) } });
    expect(created.status).toBe(201);
    expect(((await created.json()) as ArticleListItem).headline).toHaveLength(LIST_TEXT_MAX);
  });
});
