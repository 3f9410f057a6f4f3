// The offline desk in the browser: two users lose the network, both edit the headline and the
// same paragraph of one story, one also starts a new story and adds a picture; both reload the
// page while still offline (the app opens from its service worker, the edits from IndexedDB);
// when the network returns everything merges by itself: the same text with both users' words on
// both screens and on the server, the new story and its picture on the server, all saved.
//
// "Offline" is both Chromium's emulation (`setOffline`: navigator.onLine and its events) and a
// proxy that cuts the connection to the server for real (emulation leaves open sockets alone).
import { describe, expect } from 'vitest';
import sharp from 'sharp';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { headlineText, readPictures } from '../../model/article-schema.ts';
import { blockText, readBody } from '../../model/body-tree.ts';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import type { TcpProxy } from '../support/tcp-proxy.ts';
import type { TestServer } from '../support/test-server.ts';
import { badge, body, firstParagraph, headline, paragraphText, typeAtEndOfParagraph } from './article-page.ts';
import { DEMO_ARTICLE, it, openFromList, saved } from './fixtures.ts';

/** Takes the network away from `pages` (or gives it back). */
async function setOffline(network: TcpProxy, pages: Page[], offline: boolean): Promise<void> {
  if (offline) network.down();
  else network.up();
  for (const page of pages) await page.context().setOffline(offline);
}

/**
 * Reloads `page` with the server still unreachable. Chromium's offline emulation stops a
 * navigation before the service worker sees it, so the emulation is lifted for the navigation
 * alone; the proxy keeps the server unreachable throughout, as a real outage would.
 */
async function reloadWhileOffline(page: Page): Promise<void> {
  await page.context().setOffline(false);
  await page.reload();
  await page.context().setOffline(true);
}

const unsentInTopBar = (page: Page) => page.getByRole('status').filter({ hasText: /with unsent changes$/ });

/** The story as `server` holds it now (its live document). */
const onServer = (server: TestServer, id: string): Promise<Y.Doc> => server.server.articles.currentDoc(id);

describe('the offline desk in the browser', () => {
  it('two users edit offline, reload offline, and everything merges when the network returns', async ({ signIn, server, articleId, network }) => {
    const ana = await signIn('ana', { url: network.url });
    const dana = await signIn('dana', { url: network.url });
    for (const page of [ana, dana]) {
      // The service worker keeps the app shell from the first visit on.
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state))).toBe('activated');
      await openFromList(page);
    }
    const originalHeadline = await headline(ana).inputValue();
    const originalParagraph = (await paragraphText(ana));

    // The network goes away for both.
    await setOffline(network, [ana, dana], true);
    for (const page of [ana, dana]) await expect.poll(() => badge(page).textContent()).toBe('Offline');

    // Both edit the headline and the same paragraph: Ana at the ends, Dana at the starts.
    await headline(ana).click();
    await ana.keyboard.press('Control+End');
    await ana.keyboard.type(' at dawn', { delay: 20 });
    await typeAtEndOfParagraph(ana, 0, ' Ana saw it from the train.', { delay: 20 });
    await headline(dana).click();
    await dana.keyboard.press('Control+Home');
    await dana.keyboard.type('Desk: ', { delay: 20 });
    await firstParagraph(dana).click({ position: { x: 1, y: 4 } });
    await dana.keyboard.type('UPDATE ', { delay: 20 });
    for (const page of [ana, dana]) await expect.poll(() => badge(page).textContent()).toBe('Offline — saved on this computer');
    // Offline really is offline: the server has seen none of it.
    expect(headlineText(await onServer(server, articleId)).toString()).toBe(originalHeadline);

    // Ana goes back to the list (the list as last loaded) and starts a new story there.
    await ana.getByRole('button', { name: '← All stories' }).click();
    await expect.poll(() => ana.getByRole('status').filter({ hasText: /^Offline — the list as it was/ }).count()).toBe(1);
    await ana.getByRole('button', { name: 'New story' }).click();
    await expect.poll(() => body(ana).locator('p').count()).toBe(1);
    const newId = /#\/stories\/(.+)$/.exec(ana.url())![1];
    await headline(ana).fill('Written on the train');
    await firstParagraph(ana).click();
    await ana.keyboard.type('The first paragraph, filed from the 07:12 to the coast.', { delay: 10 });
    const chooser = ana.waitForEvent('filechooser');
    await ana.getByRole('button', { name: 'Add picture' }).click();
    await (await chooser).setFiles([
      { name: 'platform.png', mimeType: 'image/png', buffer: await sharp({ create: { width: 320, height: 240, channels: 3, background: '#2a6' } }).png().toBuffer() },
    ]);
    const newPicture = ana.getByRole('article', { name: 'Picture 1' });
    await expect.poll(() => newPicture.getByRole('status').textContent()).toBe('Waiting to upload');
    await newPicture.getByLabel('Credit', { exact: true }).fill('Ana Reyes/Newsroom');
    await expect.poll(() => unsentInTopBar(ana).count()).toBe(1);

    // Both reload while still offline: the app opens from the service worker, the edits from IndexedDB.
    await Promise.all([reloadWhileOffline(ana), reloadWhileOffline(dana)]);
    for (const page of [ana, dana]) expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(() => headline(ana).inputValue()).toBe('Written on the train');
    await expect.poll(() => paragraphText(ana)).toBe('The first paragraph, filed from the 07:12 to the coast.');
    await expect.poll(() => newPicture.getByRole('status').textContent()).toBe('Waiting to upload');
    expect(await newPicture.locator('img').evaluate((img) => (img as HTMLImageElement).src)).toMatch(/^blob:/);
    expect(await newPicture.getByLabel('Credit', { exact: true }).inputValue()).toBe('Ana Reyes/Newsroom');
    await expect.poll(() => headline(dana).inputValue()).toBe(`Desk: ${originalHeadline}`);
    await expect.poll(() => paragraphText(dana)).toBe(`UPDATE ${originalParagraph}`);
    for (const page of [ana, dana]) await expect.poll(() => badge(page).textContent()).toMatch(/^Offline — saved on this computer/);
    // Counted as a person would: the two stories Ana changed, not her keystrokes.
    await expect.poll(() => unsentInTopBar(ana).textContent()).toBe('2 stories with unsent changes');
    await screenshot(ana, 'offline-ana-new-story');
    await screenshot(dana, 'offline-dana');
    expect(await server.server.store.getArticle(newId)).toBeNull();

    // The network returns: nobody clicks anything.
    await setOffline(network, [ana, dana], false);
    for (const page of [ana, dana]) await saved(page);
    await expect.poll(() => newPicture.getByRole('status').count()).toBe(0);
    await expect.poll(() => unsentInTopBar(ana).count()).toBe(0);

    // Both see the same merged story: Ana's edits went in the background, from the list.
    const mergedHeadline = `Desk: ${originalHeadline} at dawn`;
    const mergedParagraph = `UPDATE ${originalParagraph} Ana saw it from the train.`;
    await expect.poll(() => headline(dana).inputValue()).toBe(mergedHeadline);
    await expect.poll(() => paragraphText(dana)).toBe(mergedParagraph);
    await ana.getByRole('button', { name: '← All stories' }).click();
    await ana.getByRole('link', { name: DEMO_ARTICLE }).click();
    await expect.poll(() => headline(ana).inputValue()).toBe(mergedHeadline);
    await expect.poll(() => paragraphText(ana)).toBe(mergedParagraph);
    await saved(ana);

    // And the server holds it all: the merged story, the new story with its text and its picture.
    const harbour = await onServer(server, articleId);
    expect(headlineText(harbour).toString()).toBe(mergedHeadline);
    expect(blockText(readBody(harbour)[0])).toBe(mergedParagraph);
    expect(await server.server.store.getArticle(newId)).not.toBeNull();
    const created = await onServer(server, newId);
    expect(headlineText(created).toString()).toBe('Written on the train');
    expect(readBody(created).map(blockText)).toEqual(['The first paragraph, filed from the 07:12 to the coast.']);
    const [uploaded] = readPictures(created);
    expect(uploaded).toMatchObject({ credit: 'Ana Reyes/Newsroom' });
    expect(uploaded.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await server.server.store.getPicture(uploaded.hash)).not.toBeNull();
    await expect.poll(async () => (await server.server.articles.get(newId))?.headline).toBe('Written on the train');
    await screenshot(ana, 'offline-merged-ana');
  });

  it('a session that ended while offline asks for a new sign-in, then sends the work done meanwhile', async ({ openArticle, server, articleId, network }) => {
    const ben = await openArticle('ben', { url: network.url });
    await setOffline(network, [ben], true);
    await expect.poll(() => badge(ben).textContent()).toBe('Offline');
    await headline(ben).click();
    await ben.keyboard.press('Control+End');
    await ben.keyboard.type(' (updated)', { delay: 20 });
    await expect.poll(() => badge(ben).textContent()).toMatch(/^Offline — saved on this computer/);

    // Meanwhile the session ends on the server (signed out elsewhere, or expired).
    const token = await ben.evaluate(() => (JSON.parse(localStorage.getItem('newsroom.session')!) as { token: string }).token);
    expect((await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);

    await setOffline(network, [ben], false);
    await ben.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => ben.getByRole('status').filter({ hasText: /session has ended/ }).textContent()).toContain(
      'Your session has ended. Please sign in again. Your changes to 1 story are kept on this computer and will be sent once you sign in.',
    );
    expect(headlineText(await onServer(server, articleId)).toString()).not.toContain('(updated)');

    await ben.getByLabel('Username').fill('ben');
    await ben.getByLabel('Password').fill(E2E_PASSWORD);
    await ben.getByRole('button', { name: 'Sign in' }).click();
    // Back on the story, and the change goes out by itself.
    await expect.poll(() => headline(ben).inputValue()).toMatch(/ \(updated\)$/);
    await saved(ben);
    await expect.poll(async () => headlineText(await onServer(server, articleId)).toString()).toMatch(/ \(updated\)$/);
  });

  it('keeps local storage bounded: compacts a story\'s updates, forgets long-unopened stories without unsent work', async ({ openArticle, articleId, network, app, token }) => {
    const other = await app.server.createArticle(await token('ed'), { headline: 'Kept while it holds unsent changes' });
    const ed = await openArticle('ed', { url: network.url });
    const dbName = await ed.evaluate((id) => Object.keys(localStorage).find((k) => k.endsWith(':stories'))!.replace(':stories', `:story:${id}`), articleId);
    const storeSize = () =>
      ed.evaluate(async (name) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error ?? new Error(`IndexedDB ${name} did not open`));
        });
        const count = await new Promise<number>((resolve) => {
          const request = db.transaction('updates').objectStore('updates').count();
          request.onsuccess = () => resolve(request.result);
        });
        db.close();
        return count;
      }, dbName);
    // Over five hundred keystrokes, each one update: the local store folds them into one state.
    await typeAtEndOfParagraph(ed, 0, ' x'.repeat(260));
    await saved(ed);
    await expect.poll(storeSize).toBeLessThan(100);

    // Back to the list; the story was last opened long ago (as far as this device knows) and holds nothing unsent.
    await ed.getByRole('button', { name: '← All stories' }).click();
    const databases = () => ed.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    expect((await databases()).some((name) => name.endsWith(`:story:${articleId}`))).toBe(true);
    await ed.evaluate(([id, other]) => {
      const key = Object.keys(localStorage).find((k) => k.endsWith(':stories'))!;
      const articles = JSON.parse(localStorage.getItem(key)!) as Record<string, { lastOpened: number; unsaved: number }>;
      articles[id].lastOpened = Date.now() - 31 * 24 * 3600_000;
      // And another story, as old, that still holds unsent changes: it must stay. (It is one the server
      // has: a kept story the server answers 404 for is dropped as lost, tests/renderer-lib/lost-articles.)
      articles[other] = { lastOpened: 1, unsaved: 3, createdOffline: false } as never;
      localStorage.setItem(key, JSON.stringify(articles));
    }, [articleId, other] as const);
    await ed.reload();
    await expect.poll(async () => (await databases()).some((name) => name.endsWith(`:story:${articleId}`))).toBe(false);
    const kept = await ed.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith(':stories'))!)!) as Record<string, unknown>);
    expect(Object.keys(kept)).toEqual([other]);
  });
});
