// Release decisions (docs/API.md, "Release"): `PUT /api/articles/:id/release`
// {embargoUntil, hold} for the desk and editors, `POST /api/articles/:id/kill` {note} for
// editors; each answers the story's list entry. Bad bodies are 400 with what to send.
import { readKillRequest, readReleaseRequest, type Read } from '../../model/release-state.ts';
import type { Releases } from '../articles/release.ts';
import { badRequest } from '../http/http-error.ts';
import { readJsonObject } from '../http/json-body.ts';
import { articleOf, type Router } from '../http/router.ts';

// What was read, or 400 with the sentence saying what is wrong.
function accepted<T>(read: Read<T>): T {
  if (!read.ok) throw badRequest(read.error);
  return read.value;
}

/** Adds the release routes. */
export function releaseRoutes(router: Router, releases: Releases): void {
  router.on(
    'PUT',
    '/api/articles/:id/release',
    async (ctx) => ({ json: await releases.set(articleOf(ctx), accepted(readReleaseRequest(await readJsonObject(ctx.req))), ctx.principal.user) }),
    { right: { action: 'release', what: 'embargo stories or put them under a legal hold' } },
  );

  router.on(
    'POST',
    '/api/articles/:id/kill',
    async (ctx) => ({ json: await releases.kill(articleOf(ctx), accepted(readKillRequest(await readJsonObject(ctx.req))).note, ctx.principal.user) }),
    { right: { action: 'kill', what: 'kill stories' } },
  );
}
