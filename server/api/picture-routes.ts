// POST /api/pictures (a raw image body) and GET /api/pictures/:hash[/preview].
import { can } from '../../model/roles.ts';
import { HttpError } from '../http/http-error.ts';
import { readBody } from '../http/json-body.ts';
import type { Reply, RequestContext, Router } from '../http/router.ts';
import { MAX_PICTURE_BYTES, type PictureFile, type Pictures } from '../pictures/pictures.ts';

/** Where a picture is served, relative to the server. */
export const picturePath = (hash: string) => `/api/pictures/${hash}`;

/**
 * A stored file: content-addressed, so it never changes and may be cached for a year. `private`
 * (not `public`): every answer here needs a token, and a shared cache would hand a response
 * given to one signed-in user to anyone asking for the same URL.
 */
function fileReply({ req }: RequestContext, file: PictureFile): Reply {
  const etag = `"${file.hash}"`;
  const headers = {
    'content-type': file.mimeType,
    'cache-control': 'private, max-age=31536000, immutable',
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) return { status: 304, headers };
  return { body: file.bytes, headers: { ...headers, 'content-length': String(file.bytes.length) } };
}

/** Adds the picture routes. */
export function pictureRoutes(router: Router, pictures: Pictures): void {
  router.on('POST', '/api/pictures', async ({ req, principal }) => {
    if (!can(principal.user.role, 'edit')) throw new HttpError(403, `a ${principal.user.role} cannot add pictures`);
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!mediaType.startsWith('image/')) throw new HttpError(415, 'send the picture itself as the body, with Content-Type image/…');
    const picture = await pictures.upload(await readBody(req, MAX_PICTURE_BYTES), principal.user);
    return { status: picture.duplicate ? 200 : 201, json: picture, headers: { location: picturePath(picture.hash) } };
  });

  // An <img src> cannot send an Authorization header: these two take the token as ?token= too.
  router.on('GET', '/api/pictures/:hash', async (ctx) => fileReply(ctx, await pictures.original(ctx.params.hash)), { tokenInQuery: true });
  router.on('GET', '/api/pictures/:hash/preview', async (ctx) => fileReply(ctx, await pictures.preview(ctx.params.hash)), { tokenInQuery: true });
}
