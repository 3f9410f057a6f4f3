// The sync badge in the browser: it stays in view with the story's bar while a long story
// scrolls, never wraps the bar at 1024 px and up, tells a server that does not answer
// ("Server unreachable") from a device without a network ("Offline"), reconnects at once on
// `Retry now`, and brings every open tab back to "All changes saved" within seconds of a
// restarted server listening. A story whose content never reached this computer says so,
// with nothing to type into, until the connection returns.
import { describe, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import type { TestServer } from '../support/test-server.ts';
import { badge, body, firstParagraph, headline, typeAtEndOfParagraph } from './article-page.ts';
import { it, saved } from './fixtures.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new story by Ana (the server writes its first content) with `headline`; returns its id. */
async function newArticle(server: TestServer, headlineText: string): Promise<string> {
  return server.createArticle(await server.signIn('ana', E2E_PASSWORD), { headline: headlineText });
}

const articleBar = (page: Page) => page.locator('header', { has: page.getByRole('button', { name: '← All stories' }) });
const retryButton = (page: Page) => page.getByRole('button', { name: 'Retry now' });

/** How many lines `locator`'s text takes on screen (one rectangle per line box). */
const linesOf = (locator: Locator) =>
  locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });

/** The story's bar at `width`: one line high, inside the window (nothing pushed off the page), everything inside it, its two long buttons on one line each. */
async function expectOneLineBar(page: Page, width: number, name: string): Promise<{ shortened: boolean }> {
  await page.setViewportSize({ width, height: 860 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const layout = await articleBar(page).evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    const back = bar.querySelector('button')!.getBoundingClientRect();
    const items = [...bar.querySelectorAll('button, [role="status"], li')].map((element) => {
      const rect = element.getBoundingClientRect();
      return { text: element.textContent, top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
    });
    // Null when the part shows whole, else how much it needs and how much it has.
    const cut = (selector: string) => {
      const part = bar.querySelector(`[role="status"] ${selector}`) as HTMLElement;
      return part.scrollWidth > part.clientWidth ? `${part.scrollWidth} px in ${part.clientWidth} px` : null;
    };
    const page = document.documentElement;
    return {
      box: { top: box.top, bottom: box.bottom, left: box.left, right: box.right, height: box.height },
      backHeight: back.height,
      items,
      leadCut: cut('.lead'),
      moreCut: cut('.more'),
      window: { width: page.clientWidth, scrollWidth: page.scrollWidth },
    };
  });
  expect(layout.window.scrollWidth, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(layout.window.width);
  expect(layout.box.left).toBeGreaterThanOrEqual(0);
  expect(layout.box.right).toBeLessThanOrEqual(layout.window.width);
  // One line: no taller than two of its tallest buttons would stack, and every item inside it.
  expect(layout.box.height).toBeLessThan(layout.backHeight * 2);
  for (const item of layout.items) {
    expect(item.top, `${item.text} at ${width} px`).toBeGreaterThanOrEqual(layout.box.top);
    expect(item.bottom, `${item.text} at ${width} px`).toBeLessThanOrEqual(layout.box.bottom);
    expect(item.left, `${item.text} at ${width} px`).toBeGreaterThanOrEqual(layout.box.left);
    expect(item.right, `${item.text} at ${width} px`).toBeLessThanOrEqual(layout.box.right);
  }
  expect(await linesOf(page.getByRole('button', { name: '← All stories' }))).toBe(1);
  expect(await linesOf(page.getByRole('button', { name: 'Submit for approval' }))).toBe(1);
  // What state the badge is in stays readable; only what it means for the changes may shorten.
  expect(layout.leadCut, `the badge's state is cut at ${width} px`).toBeNull();
  await screenshot(page, `${name}-${width}`);
  return { shortened: layout.moreCut !== null };
}

describe('the sync badge', () => {
  it('stays in view with the story bar while a long story scrolls, and the bar never wraps at 1024 or 1280 px', async ({ signIn, app }) => {
    const longArticle = await newArticle(app.server, 'A long read: the harbour through the years');
    const ana = await signIn('ana');
    await ana.goto(`${app.server.url}/#/stories/${longArticle}`);
    await saved(ana);
    await firstParagraph(ana).click();
    for (let i = 1; i <= 40; i++) {
      await ana.keyboard.insertText(`Paragraph ${i} of the long read, about the harbour, its ferries, its bridge and the people who cross it every morning.`);
      await ana.keyboard.press('Enter');
    }
    await saved(ana);

    await ana.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => ana.evaluate(() => window.scrollY)).toBeGreaterThan(1500);
    const status = await badge(ana).boundingBox();
    const bar = await articleBar(ana).boundingBox();
    expect(bar!.y).toBe(0);
    expect(status!.y).toBeGreaterThanOrEqual(0);
    expect(status!.y + status!.height).toBeLessThanOrEqual(860);
    // The body's toolbar sticks too, just under the bar rather than behind it.
    const toolbar = await ana.getByRole('toolbar', { name: 'Formatting' }).boundingBox();
    expect(toolbar!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
    await screenshot(ana, 'badge-sticky-scrolled');

    for (const width of [1024, 1280]) await expectOneLineBar(ana, width, 'badge-saved-bar');
  });

  it('says "Server unreachable" when the server is down and the page online, "Offline" without a network, and "Retry now" reconnects at once', async ({ signIn, app, articleId }) => {
    const ben = await signIn('ben');
    // Ben's page runs on a clock the test can stop, to show that "Retry now" needs no timer.
    await ben.clock.install();
    await ben.goto(`${app.server.url}/#/stories/${articleId}`);
    await saved(ben);
    expect(await retryButton(ben).count()).toBe(0);

    await app.server.stop();
    await expect.poll(() => badge(ben).textContent()).toBe('Server unreachable');
    await expect.poll(() => retryButton(ben).count()).toBe(1);
    await headline(ben).click();
    await ben.keyboard.press('Control+End');
    await ben.keyboard.type(' (updated)', { delay: 20 });
    await expect.poll(() => badge(ben).textContent()).toBe('Server unreachable — saved on this computer');
    expect(await badge(ben).getAttribute('title')).toBe(
      'The network is up but the server does not answer; trying again. Your changes are saved on this computer, not yet on the server; they are sent when the connection returns.',
    );
    const unreachable: Record<number, boolean> = {};
    for (const width of [1024, 1280]) unreachable[width] = (await expectOneLineBar(ben, width, 'badge-server-unreachable')).shortened;

    await ben.context().setOffline(true);
    await expect.poll(() => badge(ben).textContent()).toBe('Offline — saved on this computer');
    const offline: Record<number, boolean> = {};
    for (const width of [1024, 1280]) offline[width] = (await expectOneLineBar(ben, width, 'badge-offline')).shortened;
    console.log(`badge text shortened on screen: server unreachable ${JSON.stringify(unreachable)}, offline ${JSON.stringify(offline)}`);
    // At 1280 px even the longest state shows whole.
    expect(unreachable[1280]).toBe(false);
    await ben.context().setOffline(false);
    await expect.poll(() => badge(ben).textContent()).toBe('Server unreachable — saved on this computer');

    // Stop the page's clock: no scheduled retry can fire. The server comes back; only the button reconnects.
    await ben.clock.pauseAt((await ben.evaluate(() => Date.now())) + 1000);
    // Started again on its port and data dir (the fixture's `app.server` is then the new one).
    await app.server.restart();
    await sleep(2000);
    expect(await badge(ben).textContent()).toBe('Server unreachable — saved on this computer');
    await retryButton(ben).click();
    await saved(ben);
    expect(await retryButton(ben).count()).toBe(0);
    await ben.clock.resume();
    await expect.poll(async () => (await app.server.server.articles.currentDoc(articleId)).getText('headline').toString()).toMatch(/ \(updated\)$/);
  });

  it('tells a viewer "View only" rather than "All changes saved"', async ({ signIn, app, articleId }) => {
    const vic = await signIn('vic');
    await vic.goto(`${app.server.url}/#/stories/${articleId}`);
    // A viewer reads the story (the live draft here: nothing is approved yet), never the editor.
    await expect.poll(() => vic.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Harbour bridge reopens/);
    expect(await vic.getByRole('textbox', { name: 'Headline' }).count()).toBe(0);
    await expect.poll(() => badge(vic).textContent()).toBe('View only');
    expect(await badge(vic).getAttribute('title')).toBe('You can read this story; nothing you change here is saved.');
    expect(await retryButton(vic).count()).toBe(0);
    await screenshot(vic, 'badge-view-only');
  });

  it('brings every open tab back to "All changes saved" within 5 s of a restarted server listening', async ({ signIn, app, articleId }) => {
    const second = await newArticle(app.server, 'Council votes on the harbour budget');
    const ana = await signIn('ana');
    const ben = await signIn('ben');
    const tabs: Page[] = [ana, await ana.context().newPage(), ben, await ben.context().newPage()];
    const articles = [articleId, second, second, articleId];
    for (const [i, tab] of tabs.entries()) {
      await tab.goto(`${app.server.url}/#/stories/${articles[i]}`);
      await saved(tab);
    }
    // A deploy: the server stops (closing sockets with "server restarting") and is down for 8 s.
    const stopped = Date.now();
    await app.server.stop();
    for (const tab of tabs) await expect.poll(() => badge(tab).textContent()).toBe('Server unreachable');
    await sleep(8000 - (Date.now() - stopped));
    await app.server.restart();
    const listening = Date.now();
    const seconds = await Promise.all(
      tabs.map(async (tab) => {
        await badge(tab).filter({ hasText: 'All changes saved' }).waitFor({ timeout: 60_000 });
        return (Date.now() - listening) / 1000;
      }),
    );
    console.log(`restart: tabs back to "All changes saved" ${seconds.map((s) => s.toFixed(1)).join(' s, ')} s after the server listened`);
    expect(Math.max(...seconds)).toBeLessThanOrEqual(5);
  });

  it('a story whose content never reached this computer says so, offers nothing to type into, and opens when the connection returns', async ({ signIn, app, network }) => {
    await newArticle(app.server, 'Ferry timetable changes for the summer');
    {
      const dana = await signIn('dana', { url: network.url });
      await expect.poll(() => dana.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state))).toBe('activated');
      await dana.getByRole('link', { name: /Ferry timetable changes/ }).waitFor();
      // The network goes just before the story is opened: its content never arrives.
      network.down();
      await dana.context().setOffline(true);
      await dana.getByRole('link', { name: /Ferry timetable changes/ }).click();
      const notice = dana.getByRole('heading', { name: 'This story is not on this computer yet' });
      await notice.waitFor();
      expect(await badge(dana).textContent()).toBe('Offline');
      expect(await dana.getByRole('main').textContent()).toContain('Ferry timetable changes for the summer has not reached this computer');
      expect(await headline(dana).count()).toBe(0);
      expect(await body(dana).count()).toBe(0);
      await screenshot(dana, 'story-not-on-this-computer');

      // A reload (the app from its service worker, the server still unreachable) keeps saying so.
      await dana.context().setOffline(false);
      await dana.reload();
      await dana.context().setOffline(true);
      await notice.waitFor();
      await expect.poll(() => badge(dana).textContent()).toBe('Offline');
      expect(await headline(dana).count()).toBe(0);

      // The network returns: the story opens by itself, with its content, ready to edit.
      network.up();
      await dana.context().setOffline(false);
      await expect.poll(() => headline(dana).inputValue()).toBe('Ferry timetable changes for the summer');
      await saved(dana);
      await typeAtEndOfParagraph(dana, 0, 'Summer sailings start in June.', { delay: 10 });
      await saved(dana);
      await screenshot(dana, 'story-arrived');
    }
  });
});
