// End-to-end helpers: a real server serving the built UI, demo data, and signed-in pages.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_APP_DIR } from '../../server/start-server.ts';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** Where screenshots go (ignored by git). */
export const SCREENSHOTS = new URL('../../test-output/screenshots/', import.meta.url);

/** The demo users' password in end-to-end tests (the CLI makes a random one). */
export const E2E_PASSWORD = 'newsroom-e2e';

/** The e2e server's clock for its release decisions: the real time, until a test moves it on. */
export interface ServerClock {
  now: () => number;
  /** Moves the server's clock `ms` ahead of the real time (cumulative). */
  advance: (ms: number) => void;
}

function serverClock(): ServerClock {
  let ahead = 0;
  return { now: () => Date.now() + ahead, advance: (ms) => void (ahead += ms) };
}

/** A server with the demo newsroom, serving the built renderer; `started` hears of it and of its restarts. */
export async function startAppServer(started?: (server: TestServer) => void): Promise<{ server: TestServer; articleId: string; clock: ServerClock }> {
  if (!existsSync(`${DEFAULT_APP_DIR}/index.html`)) throw new Error('the renderer is not built: run `npm run build` first');
  const clock = serverClock();
  const server = await startTestServer({ now: clock.now }, started);
  const seeded = await seedDemo(server.server.store, server.server.accounts, { password: E2E_PASSWORD, pictures: server.server.pictures });
  if (!seeded) throw new Error('demo seed did not run on a fresh data dir');
  await mkdir(SCREENSHOTS, { recursive: true });
  return { server, articleId: seeded.articleId, clock };
}

/** A new browser context signed in as `username` on the story list; `watch` sees the page before it loads anything. */
export async function signedInPage(browser: Browser, url: string, username: string, watch?: (page: Page) => void): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  watch?.(page);
  page.on('pageerror', (error) => {
    throw new Error(`page error for ${username}: ${error.message}\n${error.stack}`);
  });
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Stories' }).waitFor();
  return page;
}

/** Saves a screenshot under test-output/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname });
}
