// POST /api/pictures against a real server: the type decided by magic bytes whatever the client
// claims, the 25 MiB limit on a streamed body, duplicates stored once, files written atomically
// under their hash, the credit and copyright embedded in the file, and who may upload.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect } from 'vitest';
import { blobDirectory } from '../../server/pictures/file-blob-store.ts';
import { MAX_PICTURE_BYTES } from '../../server/pictures/pictures.ts';
import { fixtureImage, imageWithXmp, jpegWithExif, jpegWithIptc, xmpPacket } from '../support/fixture-images.ts';
import { blobFiles, uploaded, uploadPicture } from '../support/picture-api.ts';
import { expectApiError } from '../support/revision-api.ts';
import { it as base } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

/** The integration `it` with `ana`: the test's server (`s`) and the token of Ana, a reporter on it. */
const it = base.extend('ana', async ({ server }): Promise<{ s: TestServer; token: string }> => ({ s: server, token: (await server.user('ana', 'reporter')).token }));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('POST /api/pictures: what is accepted', () => {
  it.for([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
  ] as const)('accepts a %s with its MIME type, size and hash', async ([format, mimeType], { ana }) => {
    const { s, token } = ana;
    const bytes = await fixtureImage(format, { width: 123, height: 45 });
    const picture = await uploaded(s, token, bytes, mimeType);
    expect(picture).toEqual({ hash: sha256(bytes), mimeType, width: 123, height: 45, bytes: bytes.length, credit: '', copyright: '', duplicate: false });
  });

  it('goes by the bytes, not the claim: a PNG sent as image/jpeg is stored and served as a PNG', async ({ ana }) => {
    const { s, token } = ana;
    const png = await fixtureImage('png');
    const picture = await uploaded(s, token, png, 'image/jpeg');
    expect(picture.mimeType).toBe('image/png');
    const served = await s.api(`/api/pictures/${picture.hash}`, { token });
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it.for([
    ['a text file named photo.jpg, sent as image/jpeg', Buffer.from('Not a picture at all, just notes.\n'), 'image/jpeg'],
    ['an SVG (markup, not a photo)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml'],
    ['an HTML page sent as image/png', Buffer.from('<!doctype html><title>x</title>'), 'image/png'],
    ['a WAVE file (RIFF, but not WEBP)', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]), 'image/webp'],
    ['a TIFF', Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]), 'image/tiff'],
    ['an empty body', Buffer.alloc(0), 'image/jpeg'],
  ] as [string, Buffer, string][])('refuses %s with 415 and stores nothing', async ([, bytes, type], { ana }) => {
    const { s, token } = ana;
    const error = await expectApiError(await uploadPicture(s, token, bytes, type), 415);
    expect(error).toMatch(/JPEG, PNG, WebP and GIF/);
    expect(await blobFiles(s.dataDir)).toEqual([]);
  });

  it('refuses a file that starts like a JPEG but is damaged, with 415', async ({ ana }) => {
    const { s, token } = ana;
    const jpeg = await fixtureImage('jpeg', { width: 400, height: 300 });
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    await expectApiError(await uploadPicture(s, token, truncated, 'image/jpeg'), 415);
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    await expectApiError(await uploadPicture(s, token, garbage, 'image/jpeg'), 415);
    expect(await blobFiles(s.dataDir)).toEqual([]);
  });

  it.for([
    ['application/octet-stream', 'application/octet-stream'],
    ['text/plain', 'text/plain'],
    ['no Content-Type', null],
  ])('refuses a real JPEG sent with %s, with 415', async ([, type], { ana }) => {
    const { s, token } = ana;
    const error = await expectApiError(await uploadPicture(s, token, await fixtureImage('jpeg'), type), 415);
    expect(error).toMatch(/image\//);
  });

  it('takes Content-Type parameters and any case', async ({ ana }) => {
    const { s, token } = ana;
    expect((await uploaded(s, token, await fixtureImage('gif'), 'IMAGE/GIF; name=x.gif')).mimeType).toBe('image/gif');
  });
});

describe('POST /api/pictures: size limit', () => {
  // Streams `total` bytes (a JPEG's first bytes, then padding) without a Content-Length.
  function streamUpload(port: number, token: string, total: number): Promise<{ status: number; body: string; sent: number }> {
    return new Promise((resolve) => {
      let sent = 0;
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const body = new Readable({
        read() {
          if (sent >= total) return void this.push(null);
          const size = Math.min(chunk.length, total - sent);
          const piece = sent === 0 ? Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), chunk.subarray(4, size)]) : chunk.subarray(0, size);
          sent += piece.length;
          this.push(piece);
        },
      });
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/pictures',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, sent }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text, sent }));
      });
      // The server answers and closes while the body is still coming: a write error is expected then.
      req.on('error', () => resolve({ status: 0, body: '', sent }));
      body.pipe(req);
    });
  }

  it('refuses a streamed body just over 25 MiB with 413, stores nothing and stays up', async ({ ana }) => {
    const { s, token } = ana;
    expect(MAX_PICTURE_BYTES).toBe(25 * 1024 * 1024);
    const outcome = await streamUpload(s.server.port, token, MAX_PICTURE_BYTES + 1);
    expect(outcome.status, outcome.body).toBe(413);
    expect(JSON.parse(outcome.body)).toEqual({ error: expect.stringMatching(/larger than/) });
    expect(await blobFiles(s.dataDir)).toEqual([]);
    // Still serving, uploads included.
    expect((await s.api('/api/articles', { token })).status).toBe(200);
    await uploaded(s, token, await fixtureImage('png'), 'image/png');
  });

  it('refuses a declared Content-Length over the limit at once, before any body arrives', async ({ ana }) => {
    const { s, token } = ana;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: s.server.port,
        method: 'POST',
        path: '/api/pictures',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg', 'content-length': String(MAX_PICTURE_BYTES + 1) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders(); // headers only: the answer must not wait for 25 MiB
    });
    expect(status).toBe(413);
  });
});

describe('POST /api/pictures: storage', () => {
  it('stores the same bytes once: the second upload (by anyone) is 200 with duplicate: true', async ({ ana }) => {
    const { s, token } = ana;
    const ben = await s.user('ben', 'desk');
    const bytes = await fixtureImage('jpeg', { seed: 3 });
    const first = await uploaded(s, token, bytes);
    const filesAfterFirst = await blobFiles(s.dataDir);
    // The original and its preview, each under its own hash.
    expect(filesAfterFirst).toHaveLength(2);
    expect(filesAfterFirst).toContain(join(first.hash.slice(0, 2), first.hash));

    const again = await uploaded(s, ben.token, bytes, 'image/jpeg', 200);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await blobFiles(s.dataDir)).toEqual(filesAfterFirst);

    // Different bytes are a different picture.
    const other = await uploaded(s, token, await fixtureImage('jpeg', { seed: 4 }));
    expect(other.hash).not.toBe(first.hash);
    expect(await blobFiles(s.dataDir)).toHaveLength(4);
  });

  it('stores the same bytes once even when both uploads arrive together', async ({ ana }) => {
    const { s, token } = ana;
    const bytes = await fixtureImage('png', { seed: 9 });
    const answers = await Promise.all([1, 2, 3].map(() => uploadPicture(s, token, bytes, 'image/png')));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(await blobFiles(s.dataDir)).toHaveLength(2);
  });

  it('writes each file under the sha256 of its bytes, in a directory named by its first two digits, and leaves no temporary file', async ({ ana }) => {
    const { s, token } = ana;
    // Different colours: two flat images of one colour would share their preview.
    let seed = 0;
    for (const format of ['jpeg', 'png', 'webp', 'gif'] as const) await uploaded(s, token, await fixtureImage(format, { seed: ++seed }), `image/${format}`);
    const files = await blobFiles(s.dataDir);
    expect(files).toHaveLength(8);
    for (const file of files) {
      const [dir, name] = file.split(/[\\/]/);
      expect(name).toMatch(/^[0-9a-f]{64}$/);
      expect(dir).toBe(name.slice(0, 2));
      expect(sha256(await readFile(join(blobDirectory(s.dataDir), file)))).toBe(name);
    }
  });

  it('sweeps temporary files a crash left behind when it starts again', async ({ ana }) => {
    const { s, token } = ana;
    const picture = await uploaded(s, token, await fixtureImage('jpeg'));
    const dir = join(blobDirectory(s.dataDir), 'ab');
    await mkdir(dir, { recursive: true });
    const stray = join(dir, `.${'ab'.padEnd(64, '0')}.crashed.tmp`);
    await writeFile(stray, 'half a file');
    expect(await blobFiles(s.dataDir)).toHaveLength(3);
    const restarted = await s.restart();
    const files = await blobFiles(s.dataDir);
    expect(files).toHaveLength(2);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    // What was stored is still served.
    expect((await restarted.api(`/api/pictures/${picture.hash}`, { token: await restarted.signIn('ana') })).status).toBe(200);
  });
});

describe('POST /api/pictures: embedded credit and copyright', () => {
  it('reads EXIF Artist and Copyright from a JPEG', async ({ ana }) => {
    const { s, token } = ana;
    const picture = await uploaded(s, token, await jpegWithExif('Ann Snapper', '(c) 2026 Ann Snapper'));
    expect(picture).toMatchObject({ credit: 'Ann Snapper', copyright: '(c) 2026 Ann Snapper' });
  });

  it('prefers the XMP credit line and rights over EXIF', async ({ ana }) => {
    const { s, token } = ana;
    const xmp = xmpPacket({ credit: 'Agence X / Bo Lens', creators: ['Bo Lens'], rights: '(c) Agence X' });
    const picture = await uploaded(s, token, await imageWithXmp('jpeg', xmp, { artist: 'Camera Owner', copyright: 'EXIF rights' }));
    expect(picture).toMatchObject({ credit: 'Agence X / Bo Lens', copyright: '(c) Agence X' });
  });

  it('falls back to XMP dc:creator (every creator) when there is no credit line', async ({ ana }) => {
    const { s, token } = ana;
    const picture = await uploaded(s, token, await imageWithXmp('jpeg', xmpPacket({ creators: ['Bo Lens', 'Cy Shutter'] })));
    expect(picture).toMatchObject({ credit: 'Bo Lens, Cy Shutter', copyright: '' });
  });

  it.for(['png', 'webp'] as const)('reads XMP from a %s too', async (format, { ana }) => {
    const { s, token } = ana;
    const picture = await uploaded(s, token, await imageWithXmp(format, xmpPacket({ credit: 'Wire Service', rights: 'All rights reserved' })), `image/${format}`);
    expect(picture).toMatchObject({ credit: 'Wire Service', copyright: 'All rights reserved', mimeType: `image/${format}` });
  });

  it('reads IPTC Credit and Copyright Notice (UTF-8), preferring Credit over By-line', async ({ ana }) => {
    const { s, token } = ana;
    const picture = await uploaded(s, token, await jpegWithIptc({ 80: 'Zoë Byline', 110: 'Agence Crédit', 116: '© Agence Crédit 2026' }));
    expect(picture).toMatchObject({ credit: 'Agence Crédit', copyright: '© Agence Crédit 2026' });
  });

  it('reads an IPTC By-line written in Latin-1 by an older tool', async ({ ana }) => {
    const { s, token } = ana;
    const picture = await uploaded(s, token, await jpegWithIptc({ 80: 'José Müller' }, 'latin1'));
    expect(picture.credit).toBe('José Müller');
  });

  it('answers a duplicate with the credit read the first time', async ({ ana }) => {
    const { s, token } = ana;
    const bytes = await jpegWithExif('Ann Snapper', 'Ann');
    await uploaded(s, token, bytes);
    expect(await uploaded(s, token, bytes, 'image/jpeg', 200)).toMatchObject({ credit: 'Ann Snapper', copyright: 'Ann', duplicate: true });
  });

  it('reports the size as shown: an EXIF-rotated JPEG is taller than it is stored', async ({ ana }) => {
    const { s, token } = ana;
    const rotated = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#123456' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await uploaded(s, token, rotated)).toMatchObject({ width: 200, height: 400 });
  });
});

describe('POST /api/pictures: who may upload', () => {
  it('refuses a viewer with 403, before reading the picture', async ({ ana }) => {
    const { s } = ana;
    const vic = await s.user('vic', 'viewer');
    const error = await expectApiError(await uploadPicture(s, vic.token, await fixtureImage('jpeg')), 403);
    expect(error).toMatch(/viewer/);
    expect(await blobFiles(s.dataDir)).toEqual([]);
  });

  it.for(['desk', 'editor', 'admin'] as const)('lets a %s upload', async (role, { ana }) => {
    const { s } = ana;
    const user = await s.user('someone', role);
    await uploaded(s, user.token, await fixtureImage('webp'), 'image/webp');
  });

  it('refuses an upload without a token, or with a bad one, with 401', async ({ ana }) => {
    const { s, token } = ana;
    const bytes = await fixtureImage('jpeg');
    await expectApiError(await s.api('/api/pictures', { method: 'POST', body: bytes, headers: { 'content-type': 'image/jpeg' } }), 401);
    await expectApiError(await uploadPicture(s, 'not-a-token', bytes), 401);
    // The query token is for image GETs only, never for an upload.
    await expectApiError(await s.api(`/api/pictures?token=${token}`, { method: 'POST', body: bytes, headers: { 'content-type': 'image/jpeg' } }), 401);
    expect(await blobFiles(s.dataDir)).toEqual([]);
  });

  it('records each new upload in the audit log', async ({ ana }) => {
    const { s, token } = ana;
    const picture = await uploaded(s, token, await fixtureImage('gif'), 'image/gif');
    await uploaded(s, token, await fixtureImage('gif'), 'image/gif', 200);
    const entries = (await s.server.store.listAudit({})).filter((e) => e.action === 'picture.upload');
    expect(entries).toEqual([expect.objectContaining({ detail: { hash: picture.hash, bytes: picture.bytes } })]);
  });
});
