// The end-to-end tests' fixtures (vitest `test.extend`). Per file: the demo newsroom's server
// serving the built UI (`app`, or `server` and `articleId`), a headless Chromium (`browser`) and a
// network that can be taken away (`network`, a proxy in front of the server). Per test: signed-in
// pages (`signIn`) and pages with a story open and saved (`openArticle`), whose browser contexts
// are closed after the test. Each tears itself down, whether the tests passed or not.
import { expect, test as base } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { E2E_PASSWORD, signedInPage, startAppServer, type ServerClock } from '../support/e2e-app.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import type { TestServer } from '../support/test-server.ts';
import { badge } from './article-page.ts';

/** The demo newsroom: its server (the latest, when a test restarted it) and the demo story's id. */
export interface App {
  server: TestServer;
  articleId: string;
  /** The server's clock for release decisions (embargoes): a test may move it on. */
  clock: ServerClock;
}

/** Where a page signs in, and what may watch it before it loads anything. */
export interface PageOptions {
  /** The address to open (the server's by default; `network.url` to go through the proxy). */
  url?: string;
  watch?: (page: Page) => void;
}

/** The demo story's headline, as its link in the list reads. */
export const DEMO_ARTICLE = /Harbour bridge reopens/;

/** Waits until `page`'s badge says "All changes saved". */
export const saved = (page: Page, timeout?: number) => expect.poll(() => badge(page).textContent(), { timeout }).toBe('All changes saved');

/** Opens a story (the demo story by default) from the list `page` shows, and waits until it is saved. */
export async function openFromList(page: Page, headline: RegExp | string = DEMO_ARTICLE): Promise<void> {
  await page.getByRole('link', { name: headline }).click();
  await saved(page);
}

/** The end-to-end tests' `it`, with the fixtures below. */
export const it = base
  // The demo newsroom; `app.server` follows the server's restarts. Every server started is disposed after the file.
  .extend('app', { scope: 'file' }, async ({}, { onCleanup }): Promise<App> => {
    const servers: TestServer[] = [];
    onCleanup(async () => {
      for (const server of servers.reverse()) await server.dispose();
    });
    let app: App | null = null;
    const started = await startAppServer((server) => {
      servers.push(server);
      if (app) app.server = server;
    });
    app = { ...started };
    return app;
  })
  // The server as the file first started it (tests that restart it use `app.server`).
  .extend('server', { scope: 'file' }, async ({ app }) => app.server)
  .extend('articleId', { scope: 'file' }, async ({ app }) => app.articleId)
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await launchChromium();
    onCleanup(() => browser.close());
    return browser;
  })
  // A proxy in front of the server: `network.down()` cuts every connection and refuses new ones.
  .extend('network', { scope: 'file' }, async ({ app }, { onCleanup }) => {
    const proxy = await startTcpProxy(app.server.server.port);
    onCleanup(() => proxy.close());
    return proxy;
  })
  // A session token for `username` (the demo password), for the API; one per user and file.
  .extend('token', { scope: 'file' }, async ({ app }) => {
    const tokens = new Map<string, Promise<string>>();
    return (username: string): Promise<string> => {
      if (!tokens.has(username)) tokens.set(username, app.server.signIn(username, E2E_PASSWORD));
      return tokens.get(username)!;
    };
  })
  // A new browser context signed in as `username`, on the story list; closed after the test.
  .extend('signIn', async ({ browser, app }, { onCleanup }) => {
    const pages: Page[] = [];
    onCleanup(async () => {
      for (const page of pages) await page.context().close();
    });
    return async (username: string, options: PageOptions = {}): Promise<Page> => {
      const page = await signedInPage(browser, options.url ?? app.server.url, username, options.watch);
      pages.push(page);
      return page;
    };
  })
  // A page signed in as `username` with a story (the demo story by default) opened from the list and saved.
  .extend('openArticle', async ({ signIn }) => async (username: string, options: PageOptions & { headline?: RegExp | string } = {}): Promise<Page> => {
    const page = await signIn(username, options);
    await openFromList(page, options.headline);
    return page;
  });
