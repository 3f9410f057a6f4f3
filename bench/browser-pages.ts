// The browser bench's setting: people (accounts added with the CLI) signed in to the built UI in
// Chromium contexts with the probe installed, and a long story built from the seph-blog1 trace.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { bodyFragment } from '../model/article-schema.ts';
import { appendParagraphs } from '../model/body-tree.ts';
import { DEFAULT_APP_DIR } from '../server/start-server.ts';
import { connectClient } from '../tests/support/clients.ts';
import { TRACES_DIR, type EditingTrace } from './trace.ts';
import { PROBE_SCRIPT } from './browser-probe.ts';
import { postJson } from './servers.ts';
import { storyParagraphs } from './browser-stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEPH_BLOG = join(TRACES_DIR, 'seph-blog1.json.gz');
const PASSWORD = 'bench-browser-password';

/** The words the bench's long story has at least. */
export const STORY_WORDS = 10_000;

/** The seph-blog1 trace, or null when the traces folder is absent. */
export async function loadSephTrace(): Promise<EditingTrace | null> {
  try {
    await access(SEPH_BLOG);
  } catch {
    return null;
  }
  return JSON.parse((await promisify(gunzip)(await readFile(SEPH_BLOG))).toString('utf8')) as EditingTrace;
}

/** Why the browser parts cannot run here, or null when they can. */
export function browserMissing(): string | null {
  if (!existsSync('/usr/bin/chromium')) return "Debian's Chromium is not at /usr/bin/chromium (apt-get install -y chromium)";
  if (!existsSync(join(DEFAULT_APP_DIR, 'index.html'))) return 'the renderer is not built (npm run build:app)';
  return null;
}

/** Adds editor `username` to the store in `dataDir` with the CLI (the server may be running). */
export async function addEditor(dataDir: string, username: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'user', 'add', username, '--role', 'editor', '--data', dataDir], { cwd: ROOT });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(`${PASSWORD}\n`);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`user add ${username} failed (${code}): ${output}`);
}

/** Signs `username` in over the API; resolves with the token. */
export async function apiSignIn(httpUrl: string, username: string): Promise<string> {
  return (await postJson(`${httpUrl}/api/session`, { username, password: PASSWORD })).token as string;
}

/** A page of its own browser context, signed in and on the story list, with the probe installed. */
export interface BenchPage {
  page: Page;
  cdp: CDPSession;
  username: string;
}

/** Opens a new context for `username`, signs in through the UI and waits for the list. */
export async function signedInBenchPage(browser: Browser, httpUrl: string, username: string): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn(`  page error for ${username}: ${error.message}`));
  await page.goto(httpUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Stories' }).waitFor();
  return { page, cdp: await context.newCDPSession(page), username };
}

/** Creates a story headed `headline` whose body is `paragraphs` (after whatever a new story starts with); resolves with its id and body block count once the server has stored it. */
export async function createLongStory(httpUrl: string, token: string, headline: string, paragraphs: string[]): Promise<{ id: string; blocks: number }> {
  const id = (await postJson(`${httpUrl}/api/articles`, { headline }, token)).id as string;
  const writer = connectClient(`${httpUrl.replace(/^http/, 'ws')}/collab`, id, token, { track: true });
  try {
    await writer.synced;
    appendParagraphs(writer.doc, paragraphs);
    await writer.tracker!.whenSaved();
    return { id, blocks: bodyFragment(writer.doc).length };
  } finally {
    writer.destroy();
  }
}

/** The paragraphs of the long story: the seph-blog1 post's final text, repeated to STORY_WORDS words. */
export const longStoryParagraphs = (trace: EditingTrace): string[] => storyParagraphs(trace.endContent, STORY_WORDS);
