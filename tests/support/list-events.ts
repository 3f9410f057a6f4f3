// A client of the story list's event stream (GET /api/events) in Node, reading it with fetch as
// the app does, and the paged list (GET /api/articles, following Link headers).
import type { ArticleListItem } from '../../model/api-types.ts';
import { parseListEvent, type ListEvent } from '../../model/list-events.ts';
import { SseParser } from '../../model/sse-parser.ts';
import { waitFor } from './clients.ts';

/** An open event stream and what it received. */
export interface EventStreamClient {
  status: number;
  /** Every event received, in order. */
  events: ListEvent[];
  /** Comment lines (heartbeats) received. */
  heartbeats: number;
  /** Bytes received. */
  bytes: number;
  /** Everything received, as sent (to look for what no event may carry). */
  text: string;
  /** Resolves when the server ended the stream (or it broke). */
  ended: Promise<void>;
  readonly isEnded: boolean;
  /** The first event from index `from` on that `match` accepts; waits for it. */
  next<T extends ListEvent>(match: (event: ListEvent) => event is T, what: string, from?: number, timeoutMs?: number): Promise<T>;
  close(): void;
}

/** Opens the event stream as `token`'s user and waits for its answer (and, when it is 200, the `ready` event). */
export async function openEventStream(url: string, token: string | null): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/events`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: abort.signal });
  const parser = new SseParser();
  let isEnded = false;
  const client: EventStreamClient = {
    status: response.status,
    events: [],
    heartbeats: 0,
    bytes: 0,
    text: '',
    ended: Promise.resolve(),
    get isEnded() {
      return isEnded;
    },
    async next(match, what, from = 0, timeoutMs = 30_000) {
      let found: ListEvent | undefined;
      try {
        await waitFor(() => (found = client.events.slice(from).find(match)) !== undefined, what, timeoutMs);
      } catch (error) {
        // What did come instead, to tell a late event from a wrong one.
        const came = client.events.slice(from).map(describeEvent);
        throw new Error(`${(error as Error).message}; the stream ${isEnded ? 'ended' : 'is open'}, and told since: ${came.join('; ') || 'nothing'}`, { cause: error });
      }
      return found as never;
    },
    close: () => abort.abort(),
  };
  if (response.status !== 200) {
    isEnded = true;
    return client;
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  client.ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        client.bytes += value.byteLength;
        const text = decoder.decode(value, { stream: true });
        client.text += text;
        client.heartbeats += (text.match(/(^|\n):[^\n]*\n/g) ?? []).length;
        for (const { event, data } of parser.push(text)) {
          const parsed = parseListEvent(event, data);
          if (parsed) client.events.push(parsed);
        }
      }
    } catch {
      // aborted, or the connection broke: ended either way
    } finally {
      isEnded = true;
    }
  })();
  await client.next((e): e is ListEvent => e.type === 'ready', 'the ready event');
  return client;
}

// One event in a line: its type and what it is about.
function describeEvent(event: ListEvent): string {
  if (event.type === 'article') return `article ${event.reason} ${event.article.id} “${event.article.headline}”`;
  if (event.type === 'presence') return `presence ${event.id} [${event.openBy.map((u) => u.username).join()}]`;
  return event.type;
}

/** Matchers for `next`. */
export const articleEvent =
  (id: string, check: (event: Extract<ListEvent, { type: 'article' }>) => boolean = () => true) =>
  (event: ListEvent): event is Extract<ListEvent, { type: 'article' }> =>
    event.type === 'article' && event.article.id === id && check(event);

export const presenceEvent =
  (id: string, usernames: string[]) =>
  (event: ListEvent): event is Extract<ListEvent, { type: 'presence' }> =>
    event.type === 'presence' && event.id === id && event.openBy.map((u) => u.username).sort().join() === [...usernames].sort().join();

/** The `rel="next"` target of a Link header, or null. */
export const nextLink = (response: Response): string | null => /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;

/** Every page of the list from `path` on, following Link headers; the pages and their byte sizes. */
export async function readAllPages(url: string, token: string, path = '/api/articles'): Promise<{ pages: ArticleListItem[][]; bytes: number[] }> {
  const pages: ArticleListItem[][] = [];
  const bytes: number[] = [];
  for (let next: string | null = path; next; ) {
    const response = await fetch(url + next, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`GET ${next}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    bytes.push(Buffer.byteLength(text));
    pages.push(JSON.parse(text) as ArticleListItem[]);
    next = nextLink(response);
  }
  return { pages, bytes };
}
