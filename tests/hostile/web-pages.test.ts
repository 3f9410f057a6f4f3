// Attack: a web page the editor happens to visit tries to use the newsroom server on their
// computer. In real Chromium: a page on another origin signs in as `ed` with a guessed password
// and reads the story list (CORS, the Origin check), opens a story's socket, and a DNS-rebinding
// name (evil.example resolving to 127.0.0.1) loads a page from the server itself and calls the
// API same-origin (the Host check). Nothing gets through, nothing is counted against `ed`, and
// the honest editors type on.
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { CHROMIUM } from '../support/browser.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { HOSTILE_PASSWORD, startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
let browser: Browser | null = null;
let evil: Server | null = null;
afterEach(async () => {
  await browser?.close();
  browser = null;
  evil?.close();
  evil = null;
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

/** What the evil page runs against the newsroom at `target` (in the page: only what a page can do). */
async function attackFromPage({ target, articleId, password }: { target: string; articleId: string; password: string }) {
  const attempt = async (what: () => Promise<unknown>) => {
    try {
      return { ok: true, value: await what() };
    } catch (error) {
      return { ok: false, value: String(error) };
    }
  };
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ username: 'ed', password });
  const signIn = await attempt(async () => (await fetch(`${target}/api/session`, { method: 'POST', headers: json, body })).json());
  // A "simple" request: no preflight, the answer unreadable, but it would still have its effect.
  const blind = await attempt(() => fetch(`${target}/api/session`, { method: 'POST', body, mode: 'no-cors' }).then((r) => r.type));
  const list = await attempt(async () => (await fetch(`${target}/api/articles`)).json());
  const socket = await new Promise<string>((resolve) => {
    const ws = new WebSocket(`${target.replace(/^http/, 'ws')}/collab/${articleId}`);
    ws.onopen = () => resolve('open');
    ws.onerror = () => resolve('refused');
  });
  return { signIn, blind, list, socket };
}

describe('a web page against the local server', () => {
  it('on another origin, or rebound to 127.0.0.1, can neither sign in, nor read, nor open a story', async () => {
    const s = (server = await startHostileServer());
    const ana = await s.token('ana');
    const id = await s.createArticle(ana);
    const port = Number(new URL(s.url).port);
    const rssBefore = s.rss();
    const peak = s.sampleRss();
    traffic = await HonestTraffic.start(s.wsUrl, id, ana, await s.token('ben'));

    // The attacker's site, on another port of this machine, reached as http://evil.example.
    evil = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Cute cats</title>'));
    await new Promise<void>((resolve) => evil!.listen(0, '127.0.0.1', resolve));
    const evilPort = (evil.address() as AddressInfo).port;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--host-resolver-rules=MAP evil.example 127.0.0.1'],
    });
    const page = await browser.newPage();
    await page.goto(`http://evil.example:${evilPort}/`);
    const fromOtherOrigin = await page.evaluate(attackFromPage, { target: `http://127.0.0.1:${port}`, articleId: id, password: HOSTILE_PASSWORD });

    // DNS rebinding: evil.example now points at the newsroom's own port; the page is "same-origin" with it.
    const rebound = await page.goto(`http://evil.example:${port}/`);
    const reboundStatus = rebound?.status();
    const fromRebinding = await page.evaluate(attackFromPage, { target: `http://evil.example:${port}`, articleId: id, password: HOSTILE_PASSWORD });

    const delivery = await traffic.stop();
    reportAttack({
      attack: 'web page on another origin / DNS rebinding',
      rssBefore,
      rssPeak: peak(),
      rssAfter: s.rss(),
      delivery,
      note: `cross-origin: sign-in ${fromOtherOrigin.signIn.ok ? 'READ' : 'blocked'}, socket ${fromOtherOrigin.socket}; rebinding: page ${reboundStatus}, sign-in ${fromRebinding.signIn.ok ? JSON.stringify(fromRebinding.signIn.value).slice(0, 60) : 'blocked'}`,
    });

    // Another origin: the browser blocks what it cannot read, and the server refused it anyway.
    expect(fromOtherOrigin.signIn.ok).toBe(false);
    expect(fromOtherOrigin.list.ok).toBe(false);
    expect(fromOtherOrigin.socket).toBe('refused');
    // Rebinding: same-origin to the browser, so it reads the answers: every one is the 421 refusal.
    expect(reboundStatus).toBe(421);
    expect(fromRebinding.signIn).toEqual({ ok: true, value: { error: expect.stringContaining('does not answer to evil.example') } });
    expect(fromRebinding.list).toEqual({ ok: true, value: { error: expect.stringContaining('does not answer to evil.example') } });
    expect(fromRebinding.socket).toBe('refused');
    // No sign-in attempt reached the accounts, not even the blind one: no session was opened for ed.
    const db = new Database(databasePath(s.dataDir), { readonly: true });
    const edSessions = db.prepare("SELECT count(*) AS n FROM audit_events a JOIN users u ON u.id = a.user_id WHERE u.username = 'ed' AND a.action = 'session.create'").get() as { n: number };
    db.close();
    expect(edSessions.n).toBe(0);
    expect(fromOtherOrigin.blind.ok).toBe(true); // the browser sent it; the server refused it
    expect((await s.api('/api/session', { method: 'POST', json: { username: 'ed', password: HOSTILE_PASSWORD } })).status).toBe(200);
    expect(s.logLines('refusing requests for pages from http://evil.example').length).toBeGreaterThan(0);
    expect(s.logLines('refusing requests for Host evil.example').length).toBeGreaterThan(0);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(await traffic.storedKeystrokes(s.wsUrl, id, ana)).toBe(delivery.keystrokes);
  });
});
