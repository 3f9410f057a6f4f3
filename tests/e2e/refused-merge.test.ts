// The one way the app's own changes can be refused: two users offline each rewrite the headline
// up to its cap, and merged the two rewrites are twice as long. The second to sync is told why
// (close 1008 "update refused: headline over 500 characters"), sees the merged headline and a
// notice, keeps the changes on the computer, and once the headline is shortened everything is
// saved; the first user's screen follows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FIELD_CAPS } from '../../model/article-limits.ts';
import { headlineText } from '../../model/article-schema.ts';
import { launchChromium } from '../support/browser.ts';
import { screenshot, signedInPage, startAppServer } from '../support/e2e-app.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import type { TestServer } from '../support/test-server.ts';
import { badge, headline } from './story-page.ts';

let browser: Browser;
let server: TestServer;
let network: TcpProxy;
let storyId: string;
beforeAll(async () => {
  ({ server, storyId } = await startAppServer());
  network = await startTcpProxy(server.server.port);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await network?.close();
  await server?.dispose();
});

const notice = (page: Page) => page.getByRole('alert').filter({ hasText: 'The server did not take your latest changes' });

describe('a merge that passes a cap', () => {
  it('is refused for the second user, who is told why, shortens the field, and everything is saved', async () => {
    const ana = await signedInPage(browser, network.url, 'ana');
    const dana = await signedInPage(browser, network.url, 'dana');
    for (const page of [ana, dana]) {
      await page.getByRole('link', { name: /Harbour bridge reopens/ }).click();
      await expect.poll(() => badge(page).textContent()).toContain('All changes saved');
    }

    network.down();
    for (const page of [ana, dana]) await page.context().setOffline(true);
    await headline(ana).fill('A'.repeat(FIELD_CAPS.headline));
    await headline(dana).fill('D'.repeat(FIELD_CAPS.headline));

    // Ana comes back first: her rewrite fits.
    network.up();
    await ana.context().setOffline(false);
    await expect.poll(() => badge(ana).textContent()).toContain('All changes saved');
    // Dana's rewrite on top of Ana's would be 1,000 characters.
    await dana.context().setOffline(false);
    await expect.poll(() => notice(dana).textContent()).toContain('headline over 500 characters');
    await expect.poll(() => headline(dana).inputValue()).toHaveLength(2 * FIELD_CAPS.headline);
    expect(await badge(dana).textContent()).not.toContain('All changes saved');
    await screenshot(dana, 'refused-merge-notice');

    await headline(dana).fill('Harbour bridge reopens after repairs');
    await expect.poll(() => badge(dana).textContent(), { timeout: 20_000 }).toContain('All changes saved');
    await expect.poll(() => notice(dana).count()).toBe(0);
    await expect.poll(() => headline(ana).inputValue()).toBe('Harbour bridge reopens after repairs');
    expect(headlineText(await server.server.articles.currentDoc(storyId)).toString()).toBe('Harbour bridge reopens after repairs');
    expect(server.logger.matching('refused an update from dana').length).toBeGreaterThan(0);
  });
});
