// POST /api/pictures (a raw image body) and GET /api/pictures/:hash[/preview]. Uploads are
// bounded per user and in total (429/503 beyond), and each body is read once, hashed on the way.
import { createHash } from 'node:crypto';
import { HttpError } from '../http/http-error.ts';
import { readBody } from '../http/json-body.ts';
import type { Reply, RequestContext, Router } from '../http/router.ts';
import type { Logger } from '../log.ts';
import { MAX_PICTURE_BYTES, type PictureFile, type Pictures } from '../pictures/pictures.ts';
import { DEFAULT_QUOTAS, type QuotaOptions } from '../quotas/quota-options.ts';
import { UserSlots } from '../quotas/user-slots.ts';

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
export function pictureRoutes(router: Router, pictures: Pictures, log: Logger, quotas: QuotaOptions = DEFAULT_QUOTAS): void {
  const uploads = new UserSlots(quotas.uploadsPerUser, quotas.uploadsTotal);

  router.on('POST', '/api/pictures', async ({ req, principal }) => {
    const { user } = principal;
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!mediaType.startsWith('image/')) throw new HttpError(415, 'send the picture itself as the body, with Content-Type image/…');
    const slot = uploads.take(user.id);
    if ('refused' in slot) {
      if (slot.refused === 'user') {
        log.warn(`pictures: ${user.username} already has ${quotas.uploadsPerUser} uploads in progress; another refused (429)`);
        throw new HttpError(429, `at most ${quotas.uploadsPerUser} uploads at once; wait for one to finish`, { 'retry-after': '2' });
      }
      log.warn(`pictures: ${quotas.uploadsTotal} uploads in progress in all; one from ${user.username} refused (503)`);
      throw new HttpError(503, 'the server is taking many uploads at once; try again in a moment', { 'retry-after': '5' });
    }
    try {
      const hash = createHash('sha256');
      const bytes = await readBody(req, MAX_PICTURE_BYTES, (chunk) => hash.update(chunk));
      const picture = await pictures.upload(bytes, user, hash.digest('hex'));
      return { status: picture.duplicate ? 200 : 201, json: picture, headers: { location: picturePath(picture.hash) } };
    } catch (error) {
      if (error instanceof HttpError && (error.status === 408 || error.status === 413)) log.warn(`pictures: upload by ${user.username} refused (${error.status}): ${error.message}`);
      else if (req.destroyed) log.warn(`pictures: upload by ${user.username} ended before its body did (the client went away, or the request timeout cut it)`);
      throw error;
    } finally {
      slot.release();
    }
  }, { right: { action: 'edit', what: 'add pictures' } });

  // An <img src> cannot send an Authorization header: these two take the token as ?token= too.
  router.on('GET', '/api/pictures/:hash', async (ctx) => fileReply(ctx, await pictures.original(ctx.params.hash, ctx.principal.user)), { tokenInQuery: true });
  router.on('GET', '/api/pictures/:hash/preview', async (ctx) => fileReply(ctx, await pictures.preview(ctx.params.hash, ctx.principal.user)), { tokenInQuery: true });
}
