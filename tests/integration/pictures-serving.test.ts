// GET /api/pictures/:hash and /preview against a real server: the original with its type and
// caching headers, the WebP preview, hashes that are not exactly 64 lowercase hex digits refused
// before anything is looked up, and the token taken from the query on these two routes only.
import { connect } from 'node:net';
import sharp from 'sharp';
import { describe, expect } from 'vitest';
import type { UploadedPicture } from '../../model/api-types.ts';
import { PREVIEW_MAX_WIDTH } from '../../server/pictures/preview.ts';
import { fixtureImage, jpegWithExif } from '../support/fixture-images.ts';
import { uploaded } from '../support/picture-api.ts';
import { expectApiError } from '../support/revision-api.ts';
import type { TestServer } from '../support/test-server.ts';
import { it } from '../support/fixtures.ts';

/** A server (the test's) with Ana's upload of `bytes` (a 1600 × 1200 JPEG by default). */
async function withPicture(server: TestServer, bytes?: Buffer, type = 'image/jpeg'): Promise<{ s: TestServer; token: string; picture: UploadedPicture; bytes: Buffer }> {
  const { token } = await server.user('ana', 'reporter');
  const file = bytes ?? (await fixtureImage('jpeg', { width: 1600, height: 1200 }));
  return { s: server, token, picture: await uploaded(server, token, file, type), bytes: file };
}

const body = async (response: Response) => Buffer.from(await response.arrayBuffer());

// Sends a request line as is (fetch would normalise the path first) and returns the status and body.
function rawGet(port: number, target: string, token: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('connect', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data }));
    socket.on('error', () => socket.destroy());
  });
}

describe('GET /api/pictures/:hash', () => {
  it('serves the uploaded bytes with their type, a year of private immutable caching, the hash as ETag and nosniff', async ({ server }) => {
    const { s, token, picture, bytes } = await withPicture(server);
    const response = await s.api(`/api/pictures/${picture.hash}`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(response.headers.get('etag')).toBe(`"${picture.hash}"`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect((await body(response)).equals(bytes)).toBe(true);
  });

  it('answers 304 to a revalidation with the same ETag', async ({ server }) => {
    const { s, token, picture } = await withPicture(server);
    const response = await s.api(`/api/pictures/${picture.hash}`, { token, headers: { 'if-none-match': `W/"x", "${picture.hash}"` } });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(`"${picture.hash}"`);
    expect((await body(response)).length).toBe(0);
    const other = await s.api(`/api/pictures/${picture.hash}`, { token, headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('answers an unknown (well-formed) hash with 404 on both routes', async ({ server }) => {
    const { s, token } = await withPicture(server);
    const unknown = 'f'.repeat(64);
    expect(await expectApiError(await s.api(`/api/pictures/${unknown}`, { token }), 404)).toMatch(/not found/);
    await expectApiError(await s.api(`/api/pictures/${unknown}/preview`, { token }), 404);
  });

  it('refuses hashes that are not exactly 64 lowercase hex digits with 400, on both routes', async ({ server }) => {
    const { s, token, picture } = await withPicture(server);
    const tricks = [
      picture.hash.toUpperCase(),
      picture.hash.slice(0, 63),
      `${picture.hash}0`,
      'g'.repeat(64),
      `${picture.hash.slice(0, 62)}%2F`,
      '..%2F..%2F..%2Fetc%2Fpasswd',
      `..%2F${picture.hash.slice(0, 2)}%2F${picture.hash}`,
      `${picture.hash}%00`,
      `%2E%2E%5C${picture.hash.slice(5)}`,
      `${picture.hash.slice(0, 60)}%20%20%20%20`,
      encodeURIComponent(`${picture.hash}\n`),
    ];
    for (const trick of tricks) {
      for (const suffix of ['', '/preview']) {
        const error = await expectApiError(await s.api(`/api/pictures/${trick}${suffix}`, { token }), 400);
        expect(error, trick).toMatch(/64 lowercase hex/);
      }
    }
  });

  it('never serves a file for a literal ../ in the path', async ({ server }) => {
    const { s, token } = await withPicture(server);
    for (const target of ['/api/pictures/../../../etc/passwd', '/api/pictures/../../newsroom.sqlite', '/api/pictures/%2e%2e/%2e%2e/newsroom.sqlite']) {
      const { status, text } = await rawGet(s.server.port, target, token);
      expect(status, target).toBeGreaterThanOrEqual(400);
      expect(status, target).toBeLessThan(500);
      expect(text).not.toMatch(/root:|SQLite format/);
    }
  });

  it('needs a token: 401 without one or with a bad one', async ({ server }) => {
    const { s, picture } = await withPicture(server);
    await expectApiError(await s.api(`/api/pictures/${picture.hash}`), 401);
    await expectApiError(await s.api(`/api/pictures/${picture.hash}?token=not-a-token`), 401);
    await expectApiError(await s.api(`/api/pictures/${picture.hash}/preview?token=`), 401);
  });

  it('takes the token from ?token= on the two image routes (an <img> cannot send a header), and nowhere else', async ({ server }) => {
    const { s, token, picture, bytes } = await withPicture(server);
    const original = await s.api(`/api/pictures/${picture.hash}?token=${encodeURIComponent(token)}`);
    expect(original.status).toBe(200);
    expect((await body(original)).equals(bytes)).toBe(true);
    const preview = await s.api(`/api/pictures/${picture.hash}/preview?token=${encodeURIComponent(token)}`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/webp');

    for (const path of ['/api/articles', '/api/session', '/api/credits', '/api/credits?format=csv']) {
      const glue = path.includes('?') ? '&' : '?';
      await expectApiError(await s.api(`${path}${glue}token=${encodeURIComponent(token)}`), 401);
    }
    // Signed out, the query token stops working too.
    expect((await s.api('/api/session', { method: 'DELETE', token })).status).toBe(204);
    await expectApiError(await s.api(`/api/pictures/${picture.hash}?token=${encodeURIComponent(token)}`), 401);
  });

  it('lets a viewer see pictures', async ({ server }) => {
    const { s, picture } = await withPicture(server);
    const vic = await s.user('vic', 'viewer');
    expect((await s.api(`/api/pictures/${picture.hash}`, { token: vic.token })).status).toBe(200);
  });

  it('allows only GET on a picture (405 otherwise)', async ({ server }) => {
    const { s, token, picture } = await withPicture(server);
    await expectApiError(await s.api(`/api/pictures/${picture.hash}`, { method: 'DELETE', token }), 405);
    await expectApiError(await s.api(`/api/pictures/${picture.hash}`, { method: 'POST', token, body: 'x', headers: { 'content-type': 'image/jpeg' } }), 405);
  });
});

describe('GET /api/pictures/:hash/preview', () => {
  it('serves a WebP at most 640 px wide, keeping the proportions, with the same caching headers', async ({ server }) => {
    const { s, token, picture } = await withPicture(server);
    const response = await s.api(`/api/pictures/${picture.hash}/preview`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const preview = await body(response);
    const meta = await sharp(preview).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(PREVIEW_MAX_WIDTH);
    expect(meta.height).toBe(480);
    expect(preview.length).toBeLessThan(picture.bytes);
    // Its ETag names the preview's own bytes, not the original's.
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(response.headers.get('etag')).not.toBe(`"${picture.hash}"`);
  });

  it('never enlarges a small picture', async ({ server }) => {
    const { s, token, picture } = await withPicture(server, await fixtureImage('png', { width: 300, height: 200 }), 'image/png');
    const meta = await sharp(await body(await s.api(`/api/pictures/${picture.hash}/preview`, { token }))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 300, 200]);
  });

  it('shows an EXIF-rotated photo upright', async ({ server }) => {
    const rotated = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#204060' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const { s, token, picture } = await withPicture(server, rotated);
    const meta = await sharp(await body(await s.api(`/api/pictures/${picture.hash}/preview`, { token }))).metadata();
    expect([meta.width, meta.height]).toEqual([500, 1000]);
  });

  it('keeps a very tall strip within WebP limits', async ({ server }) => {
    const strip = await fixtureImage('png', { width: 700, height: 20_000 });
    const { s, token, picture } = await withPicture(server, strip, 'image/png');
    const meta = await sharp(await body(await s.api(`/api/pictures/${picture.hash}/preview`, { token }))).metadata();
    expect(meta.height).toBeLessThanOrEqual(4 * PREVIEW_MAX_WIDTH);
    expect(meta.width).toBeLessThan(PREVIEW_MAX_WIDTH);
  });

  it('drops the embedded metadata (who took it stays in the original only)', async ({ server }) => {
    const { s, token, picture } = await withPicture(server, await jpegWithExif('Ann Snapper', 'Ann'));
    const meta = await sharp(await body(await s.api(`/api/pictures/${picture.hash}/preview`, { token }))).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it('serves the same preview bytes every time (made once, at upload)', async ({ server }) => {
    const { s, token, picture } = await withPicture(server);
    const first = await body(await s.api(`/api/pictures/${picture.hash}/preview`, { token }));
    const second = await body(await s.api(`/api/pictures/${picture.hash}/preview`, { token }));
    expect(second.equals(first)).toBe(true);
  });
});
