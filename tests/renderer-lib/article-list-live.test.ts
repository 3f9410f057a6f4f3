// The story list kept current by the server's event stream: read a page at a time when the
// stream opens, changes applied as they come (in the list's order, older news ignored, presence
// on its story), read again only after a reconnect or a resync (never on a timer), and kept for
// offline use; the Api reads the paged list and the stream with fetch.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiUser, ArticleListItem } from '../../model/api-types.ts';
import { formatListEvent, type ListEvent } from '../../model/list-events.ts';
import { Api, ApiError, nextPagePath } from '../../renderer/src/lib/api.ts';
import { LocalIndex } from '../../renderer/src/lib/local-index.svelte.ts';
import { localListItem, ArticleList } from '../../renderer/src/lib/article-list.svelte.ts';

const ana: ApiUser = { id: 'u-ana', username: 'ana', displayName: 'Ana Reporter', role: 'reporter', createdAt: 0 };
const article = (id: string, updatedAt: number, fields: Partial<ArticleListItem> = {}): ArticleListItem => ({
  ...localListItem(id, ana, updatedAt),
  headline: `Story ${id}`,
  ...fields,
});

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

/** A fake server behind the Api: the list it answers and the event streams it has open. */
function fakeServer(initial: ArticleListItem[]) {
  let list = initial;
  const streams: { send(event: ListEvent): void; end(error?: Error): void }[] = [];
  let reads = 0;
  let gate: Promise<void> | null = null;
  const api = {
    async listArticles() {
      reads++;
      const answer = list;
      await gate;
      return answer;
    },
    listEvents(onEvent: (event: ListEvent) => void, signal: AbortSignal) {
      return new Promise<void>((resolve, reject) => {
        const stream = { send: (event: ListEvent) => onEvent(event), end: (error?: Error) => (error ? reject(error) : resolve()) };
        streams.push(stream);
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    },
  } as unknown as Api;
  return {
    api,
    get reads() {
      return reads;
    },
    setList: (articles: ArticleListItem[]) => (list = articles),
    /** Holds every list read until the returned function is called. */
    hold() {
      let release = () => undefined as void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    get stream() {
      return streams[streams.length - 1];
    },
    get streamCount() {
      return streams.length;
    },
  };
}

const ids = (list: ArticleList) => list.articles.map((s) => s.id);

let stop: (() => void) | null = null;
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }));
afterEach(() => {
  stop?.();
  stop = null;
  vi.useRealTimers();
});

describe('StoryList kept current by the event stream', () => {
  it('reads the list when the stream opens, then applies changes as they come, and never reads it on a timer', async () => {
    const server = fakeServer([article('b', 20), article('a', 10)]);
    const index = new LocalIndex(ana.id, memoryStorage());
    const list = new ArticleList(() => server.api, () => ({ index, user: ana }));
    stop = list.watch();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.streamCount).toBe(1);
    expect(server.reads).toBe(0);
    server.stream.send({ type: 'ready', heartbeatMs: 15_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(ids(list)).toEqual(['b', 'a']);
    expect(list.loaded).toBe(true);

    // A new story, a summary that moves one to the top, presence on one.
    server.stream.send({ type: 'article', reason: 'created', article: article('c', 30) });
    expect(ids(list)).toEqual(['c', 'b', 'a']);
    server.stream.send({ type: 'article', reason: 'summary', article: article('a', 40, { headline: 'Retitled' }) });
    expect(ids(list)).toEqual(['a', 'c', 'b']);
    expect(list.articles[0].headline).toBe('Retitled');
    server.stream.send({ type: 'presence', id: 'b', openBy: [{ id: 'u-ben', username: 'ben', displayName: 'Ben' }] });
    expect(list.articles[2].openBy.map((u) => u.username)).toEqual(['ben']);
    // Older news of a story (it crossed a fresher read) changes nothing; a workflow step at the same time does.
    server.stream.send({ type: 'article', reason: 'summary', article: article('a', 35, { headline: 'Stale' }) });
    expect(list.articles[0].headline).toBe('Retitled');
    server.stream.send({
      type: 'article',
      reason: 'workflow',
      article: article('b', 20, { status: 'submitted', lastEvent: { articleId: 'b', revision: 1, action: 'submit', userId: 'u-ana', userName: 'Ana', note: '', at: 50 } }),
    });
    expect(list.articles.find((s) => s.id === 'b')?.status).toBe('submitted');

    // An hour with the stream open: not one more read.
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(server.reads).toBe(1);
    // The offline copy follows the changes (written once for a burst).
    expect(index.cachedList()?.stories.map((s) => s.id)).toEqual(['a', 'c', 'b']);
  });

  it('tells the app of the newsroom dictionary when the stream opens and when it changes, without reading the list again', async () => {
    const server = fakeServer([article('a', 10)]);
    const list = new ArticleList(() => server.api);
    const told = vi.fn();
    list.ondictionary = told;
    stop = list.watch();
    await vi.advanceTimersByTimeAsync(0);
    server.stream.send({ type: 'ready', heartbeatMs: 15_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toHaveBeenCalledOnce();
    server.stream.send({ type: 'dictionary' });
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toHaveBeenCalledTimes(2);
    expect(server.reads).toBe(1);
    expect(ids(list)).toEqual(['a']);
  });

  it('applies the changes that arrive while the list is being read on top of what it read', async () => {
    const server = fakeServer([article('a', 10)]);
    const list = new ArticleList(() => server.api);
    stop = list.watch();
    await vi.advanceTimersByTimeAsync(0);
    const release = server.hold();
    server.stream.send({ type: 'ready', heartbeatMs: 15_000 });
    await vi.advanceTimersByTimeAsync(0);
    // The read answered with the list before this story existed; the event came while it travelled.
    server.stream.send({ type: 'article', reason: 'created', article: article('new', 20) });
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(ids(list)).toEqual(['new', 'a']);
  });

  it('after a dropped stream: says the list is not current, keeps it for offline, reconnects with backoff and reads it once again', async () => {
    const server = fakeServer([article('a', 10)]);
    const index = new LocalIndex(ana.id, memoryStorage());
    const list = new ArticleList(() => server.api, () => ({ index, user: ana }));
    stop = list.watch();
    await vi.advanceTimersByTimeAsync(0);
    server.stream.send({ type: 'ready', heartbeatMs: 15_000 });
    await vi.advanceTimersByTimeAsync(0);
    server.stream.send({ type: 'article', reason: 'created', article: article('b', 20) });

    server.setList([article('c', 30), article('b', 20), article('a', 10)]);
    server.stream.end(new TypeError('network error'));
    await vi.advanceTimersByTimeAsync(0);
    expect(list.offlineSince).not.toBeNull();
    expect(index.cachedList()?.stories.map((s) => s.id)).toEqual(['b', 'a']);
    expect(ids(list)).toEqual(['b', 'a']);

    // The next attempt comes after a backoff (at most a second for the first).
    await vi.advanceTimersByTimeAsync(1100);
    expect(server.streamCount).toBe(2);
    server.stream.send({ type: 'ready', heartbeatMs: 15_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.reads).toBe(2);
    expect(ids(list)).toEqual(['c', 'b', 'a']);
    expect(list.offlineSince).toBeNull();

    // A resync (events lost between the server's instances) reads it once more.
    server.stream.send({ type: 'resync' });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.reads).toBe(3);
  });

  it('takes a silent stream for dead after two missed heartbeats, and a refused one for no reason to call the list offline', async () => {
    const server = fakeServer([article('a', 10)]);
    const list = new ArticleList(() => server.api);
    stop = list.watch();
    await vi.advanceTimersByTimeAsync(0);
    server.stream.send({ type: 'ready', heartbeatMs: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.streamCount).toBe(1);
    await vi.advanceTimersByTimeAsync(2 * 1000 + 5000 + 1100);
    expect(server.streamCount).toBe(2);
    expect(list.offlineSince).not.toBeNull();

    server.stream.send({ type: 'ready', heartbeatMs: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(list.offlineSince).toBeNull();
    server.stream.end(new ApiError(429, 'too many open event streams'));
    await vi.advanceTimersByTimeAsync(0);
    expect(list.offlineSince).toBeNull();
    expect(ids(list)).toEqual(['a']);
  });
});

describe('Api: the paged list and the event stream', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('reads every page by following the Link header, and follows only pages of the list', async () => {
    const pages: Record<string, { body: ArticleListItem[]; link?: string }> = {
      '/api/articles': { body: [article('c', 3)], link: '</api/articles?limit=1&after=Yw>; rel="next"' },
      '/api/articles?limit=1&after=Yw': { body: [article('b', 2)], link: '</api/articles?limit=1&after=Yg>; rel="next"' },
      '/api/articles?limit=1&after=Yg': { body: [article('a', 1)] },
    };
    const asked: string[] = [];
    globalThis.fetch = vi.fn(async (input: string | URL | Request) => {
      const path = (input instanceof Request ? input.url : input.toString()).replace('http://server', '');
      asked.push(path);
      const page = pages[path];
      return new Response(JSON.stringify(page.body), { headers: page.link ? { link: page.link } : {} });
    });
    const api = new Api('http://server', 'token');
    expect((await api.listArticles()).map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect(asked).toEqual(Object.keys(pages));

    expect(nextPagePath('<https://elsewhere.example/api/articles?after=x>; rel="next"')).toBeNull();
    expect(nextPagePath('</api/session>; rel="next"')).toBeNull();
    expect(nextPagePath('</api/articles?limit=5&after=x>; rel="prev"')).toBeNull();
    expect(nextPagePath(null)).toBeNull();
  });

  it('reads the event stream with the token in a header, events split anywhere across chunks', async () => {
    const text = formatListEvent({ type: 'ready', heartbeatMs: 15_000 }) + ':\n\n' + formatListEvent({ type: 'presence', id: 'a', openBy: [] });
    let headers: Headers | null = null;
    globalThis.fetch = vi.fn(async (_input: string | URL | Request, init?: RequestInit) => {
      headers = new Headers(init?.headers);
      const bytes = new TextEncoder().encode(text);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.slice(i, i + 5));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const events: ListEvent[] = [];
    let data = 0;
    await new Api('http://server', 'secret').listEvents((e) => events.push(e), new AbortController().signal, () => data++);
    expect(headers!.get('authorization')).toBe('Bearer secret');
    expect(events).toEqual([
      { type: 'ready', heartbeatMs: 15_000 },
      { type: 'presence', id: 'a', openBy: [] },
    ]);
    expect(data).toBeGreaterThan(1);
  });
});

