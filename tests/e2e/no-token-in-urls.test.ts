// The session token never travels in a URL the built app requests (proxies log URLs): its
// sockets carry a one-story ticket and pictures are fetched with the Authorization header and
// shown from blob URLs. And when the session ends elsewhere, the open story's socket is closed
// and the app asks to sign in again.
import { describe, expect } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/e2e-app.ts';
import { it, saved } from './fixtures.ts';

/** Everything the page asks for: HTTP requests with their Authorization header, and websocket URLs. */
function recordTraffic(page: Page) {
  const traffic = { requests: [] as { url: string; authorization: string | undefined }[], sockets: [] as string[], tokens: [] as string[] };
  page.on('request', (request) => traffic.requests.push({ url: request.url(), authorization: request.headers().authorization }));
  page.on('websocket', (socket) => traffic.sockets.push(socket.url()));
  page.on('response', async (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/session') {
      traffic.tokens.push(((await response.json()) as { token: string }).token);
    }
  });
  return traffic;
}

describe('tokens stay out of URLs', () => {
  it('opens a story over a ticket and shows its pictures from blob URLs; none of the app’s URLs carries the session token', async ({ signIn, server, articleId }) => {
    let traffic!: ReturnType<typeof recordTraffic>;
    const ana = await signIn('ana', { watch: (page) => (traffic = recordTraffic(page)) });
    await ana.goto(`${server.url}/#/stories/${articleId}`);
    await saved(ana);

    const chooser = ana.waitForEvent('filechooser');
    await ana.getByRole('button', { name: 'Add picture' }).click();
    await (await chooser).setFiles([{ name: 'bridge.png', mimeType: 'image/png', buffer: await sharp({ create: { width: 320, height: 240, channels: 3, background: '#258' } }).png().toBuffer() }]);
    const card = ana.getByRole('article', { name: /Picture \d/ }).last();
    await expect.poll(() => card.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await card.locator('img').getAttribute('src')).toMatch(/^blob:/);
    // Opened again (a reload), the story's socket and its picture come with a fresh ticket and the header.
    await ana.reload();
    await saved(ana);
    await expect.poll(() => card.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(ana, 'pictures-from-blob-urls');

    const [token] = traffic.tokens;
    expect(token).toMatch(/^[\w-]{20,}$/);
    const urls = [...traffic.requests.map((r) => r.url), ...traffic.sockets];
    for (const url of urls) {
      expect(url, url).not.toContain(token);
      expect(url, url).not.toContain(encodeURIComponent(token));
      expect(new URL(url).searchParams.has('token'), url).toBe(false);
    }
    expect(traffic.sockets.length).toBeGreaterThanOrEqual(2);
    for (const url of traffic.sockets) expect(new URL(url).searchParams.get('ticket'), url).toMatch(/^[\w-]+\.[\w-]+$/);
    const pictures = traffic.requests.filter((r) => /\/api\/pictures\/[0-9a-f]{64}\/preview$/.test(r.url));
    expect(pictures.length).toBeGreaterThanOrEqual(1);
    for (const picture of pictures) expect(picture.authorization).toBe(`Bearer ${token}`);
    console.log(`[e2e] ${traffic.requests.length} requests and ${traffic.sockets.length} sockets, none with the token in its URL`);
  });

  it('closes the open story and asks to sign in again when the session is ended elsewhere', async ({ signIn, server, articleId }) => {
    let traffic!: ReturnType<typeof recordTraffic>;
    const ben = await signIn('ben', { watch: (page) => (traffic = recordTraffic(page)) });
    await ben.goto(`${server.url}/#/stories/${articleId}`);
    await saved(ben);
    const endedAt = Date.now();
    expect((await server.api('/api/session', { method: 'DELETE', token: traffic.tokens[0] })).status).toBe(204);
    await ben.getByText('Your session has ended. Please sign in again.').waitFor({ timeout: 10_000 });
    console.log(`[e2e] the app asked to sign in again ${Date.now() - endedAt} ms after the session ended`);
  });
});
