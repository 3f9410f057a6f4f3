// The story list's pages: `?limit=N&after=CURSOR&spiked=exclude|only|include` in, a
// `Link: <…>; rel="next"` header out. Spiked stories are left out unless asked for.
// A cursor is the (updatedAt, id) of the last story of a page, opaque to clients (base64url of
// JSON); the next page holds the stories after it in the list's order (keyset paging), so a
// story edited while a client pages is never listed twice (it moves to the top, where the event
// stream brings it), and the others are each listed once.
import { badRequest } from '../http/http-error.ts';
import type { ListPosition, SpikedFilter } from '../storage/store.ts';

/** Stories per page when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 100;

/** The most stories one page may hold. */
export const MAX_PAGE_SIZE = 500;

/** The path of the list (and of its pages). */
export const LIST_PATH = '/api/articles';

// Longer than any cursor this server writes; a longer one is refused before it is decoded.
const MAX_CURSOR_LENGTH = 400;

/** The opaque cursor of `position`. */
export const encodeCursor = (position: ListPosition): string => Buffer.from(JSON.stringify([position.updatedAt, position.id])).toString('base64url');

/** The position a cursor stands for, or null when it is not one this server wrote. */
export function decodeCursor(cursor: string): ListPosition | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [updatedAt, id] = value as unknown[];
    return Number.isSafeInteger(updatedAt) && typeof id === 'string' && id !== '' ? { updatedAt: updatedAt as number, id } : null;
  } catch {
    return null;
  }
}

/** Which stories a page holds by spiking: `exclude` (the default: the newsroom's list), `only` (the spiked ones), `include` (all). */
export type SpikedParam = 'exclude' | 'only' | 'include';

const SPIKED_PARAMS: readonly string[] = ['exclude', 'only', 'include'] satisfies SpikedParam[];

/** A page request: its size, where it starts, and which stories by spiking. */
export interface PageParams {
  limit: number;
  after?: ListPosition;
  spiked: SpikedParam;
}

/** The store's filter for `spiked` (none for `include`). */
export const spikedFilter = (spiked: SpikedParam): SpikedFilter | undefined => (spiked === 'include' ? undefined : spiked);

/** The page a request asks for; 400 for a limit that is not an integer from 1 to the maximum, a cursor this server did not write, or another `spiked`. */
export function parsePageParams(params: URLSearchParams): PageParams {
  const rawLimit = params.get('limit');
  const limit = rawLimit === null ? DEFAULT_PAGE_SIZE : /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) throw badRequest(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  const rawSpiked = params.get('spiked') ?? 'exclude';
  if (!SPIKED_PARAMS.includes(rawSpiked)) throw badRequest(`spiked must be one of ${SPIKED_PARAMS.join(', ')}`);
  const spiked = rawSpiked as SpikedParam;
  const rawAfter = params.get('after');
  if (rawAfter === null) return { limit, spiked };
  const after = decodeCursor(rawAfter);
  if (!after) throw badRequest('after must be a cursor from a Link header of this list');
  return { limit, after, spiked };
}

/** The `Link` header value pointing at the page after `last`, of the same size and the same spiked filter. */
export const nextPageLink = (limit: number, last: ListPosition, spiked: SpikedParam = 'exclude'): string =>
  `<${LIST_PATH}?limit=${limit}&after=${encodeCursor(last)}${spiked === 'exclude' ? '' : `&spiked=${spiked}`}>; rel="next"`;
