// Reading revision references from URLs: a number in a path (`.../revisions/3/approve`) and
// `3`, `approved` or `live` in a query (`export?rev=…`, `diff?from=…&to=…`).
import { badRequest } from '../http/http-error.ts';

/** Which content of a story is asked for: a revision number, the approved revision, or the live draft. */
export type ContentRef = number | 'approved' | 'live';

// Up to nine digits: far beyond any story's revisions, and never an unsafe integer.
const REVISION_NUMBER = /^[1-9][0-9]{0,8}$/;

/** A revision number (1, 2, …) from `raw`; 400 naming `what` otherwise. */
export function parseRevisionNumber(raw: string, what = 'revision'): number {
  if (!REVISION_NUMBER.test(raw)) throw badRequest(`${what} must be a revision number (1, 2, …), not ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** A diff side: a ContentRef, or 0 (a number too) for the empty story before anything was written. */
export type DiffRef = ContentRef;

/** A DiffRef from `raw` (`0` names the empty story, e.g. a review before any approval). */
export function parseDiffRef(raw: string | null, what: string): DiffRef {
  return raw === '0' ? 0 : parseContentRef(raw, what);
}

/** A ContentRef from `raw`; 400 naming `what` when it is missing or anything else. */
export function parseContentRef(raw: string | null, what: string): ContentRef {
  if (raw === null) throw badRequest(`${what} is required: a revision number, approved or live`);
  if (raw === 'approved' || raw === 'live') return raw;
  if (!REVISION_NUMBER.test(raw)) throw badRequest(`${what} must be a revision number, approved or live, not ${JSON.stringify(raw)}`);
  return Number(raw);
}
