// Offline merge (issue 15, requirement 7): a desk editor's client (stock y-websocket in Node) takes
// the long story, goes offline and types the whole seph-blog1 trace into it, then reconnects. Timed
// from the reconnect: until the server confirms it has stored everything (its SAVED answer), and
// until a Chromium page open on the story shows the merged text.
import type { Browser } from 'playwright-core';
import * as Y from 'yjs';
import { appendParagraphs } from '../model/body-tree.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { connectClient } from '../tests/support/clients.ts';
import { paragraphCount, paragraphText } from './article-content.ts';
import { openStory, waitInPage } from './browser-bench.ts';
import { addEditor, apiSignIn, browserMissing, createLongStory, loadSephTrace, longStoryParagraphs, signedInBenchPage, type BenchPage } from './browser-pages.ts';
import { benchNow, calibrate, probeValue, type BlockArrival } from './browser-probe.ts';
import { wordCount } from './browser-stats.ts';
import type { EditingTrace } from './trace.ts';
import { prepareNewsroom } from './servers.ts';

/** How much the offline bench does: rounds, and how many of the trace's transactions are typed offline (null: all). */
export interface OfflineScenario {
  rounds: number;
  transactions: number | null;
}

/** The full run: the whole trace, three times. */
export const OFFLINE_SCENARIO: OfflineScenario = { rounds: 3, transactions: null };

/** A smoke run: the first 10,000 transactions, once. */
export const QUICK_OFFLINE_SCENARIO: OfflineScenario = { rounds: 1, transactions: 10_000 };

/** The targets of requirement 7 (ms). */
export const OFFLINE_TARGETS = { server: 1000, page: 2000 } as const;

/** One round: the story was new, then a client typed offline and reconnected. */
export interface OfflineRound {
  transactions: number;
  /** Characters of the paragraph typed offline. */
  characters: number;
  /** Bytes of the update the client held (Y.encodeStateAsUpdate against the server's state vector before it went offline). */
  updateBytes: number;
  /** How long typing offline took the client (ms). */
  typingMs: number;
  /** Reconnect → the server's SAVED answer covering everything. */
  serverMs: number;
  /** Reconnect → the page's DOM has the whole typed paragraph. */
  pageMs: number;
  /** The page's paragraph ended exactly as long as the client's. */
  matches: boolean;
}

/** What the offline bench measured, or why it did not run. */
export type OfflineOutcome = { rounds: OfflineRound[]; words: number; clockUncertaintyMs: number } | { skipped: string };

/** Runs the offline merge bench; `log` hears progress. */
export async function benchOffline(log: (message: string) => void, quick: boolean): Promise<OfflineOutcome> {
  const missing = browserMissing();
  if (missing) return { skipped: missing };
  const trace = await loadSephTrace();
  if (!trace) return { skipped: 'the seph-blog1 trace is not in ../shared/data/editing-traces' };
  const scenario = quick ? QUICK_OFFLINE_SCENARIO : OFFLINE_SCENARIO;
  const deployment = await prepareNewsroom();
  await Promise.all(['desk-1', 'reader-1'].map((username) => addEditor(deployment.dataDir, username)));
  const server = await deployment.start();
  const httpUrl = server.wsUrl.replace(/^ws/, 'http').replace(/\/collab$/, '');
  let browser: Browser | null = null;
  try {
    const paragraphs = longStoryParagraphs(trace);
    const token = await apiSignIn(httpUrl, 'desk-1');
    browser = await launchChromium();
    const reader = await signedInBenchPage(browser, httpUrl, 'reader-1');
    const rounds: OfflineRound[] = [];
    let uncertainty = 0;
    for (let round = 1; round <= scenario.rounds; round++) {
      const headline = `Offline bench ${round}`;
      const story = await createLongStory(httpUrl, token, headline, paragraphs);
      await reader.page.reload(); // the list shows the new story
      await reader.page.getByRole('heading', { name: 'Stories' }).waitFor();
      await openStory(reader.page, headline, story.blocks, paragraphs[paragraphs.length - 1]);
      const result = await offlineRound(server.wsUrl, story.id, token, trace, scenario.transactions, reader);
      uncertainty = Math.max(uncertainty, result.uncertainty);
      rounds.push(result.round);
      log(`offline: ${result.round.transactions.toLocaleString('en-US')} transactions typed offline; stored ${result.round.serverMs.toFixed(0)} ms, on the page ${result.round.pageMs.toFixed(0)} ms after reconnecting`);
      await reader.page.goBack();
    }
    return { rounds, words: paragraphs.reduce((n, p) => n + wordCount(p), 0), clockUncertaintyMs: uncertainty };
  } finally {
    await browser?.close();
    await server.stop();
    await deployment.dispose();
  }
}

// One client syncs, goes offline, types the trace into a new last paragraph, reconnects; the reader's page watches that paragraph.
async function offlineRound(wsUrl: string, articleId: string, token: string, trace: EditingTrace, limit: number | null, reader: BenchPage) {
  const client = connectClient(wsUrl, articleId, token, { track: true });
  try {
    await client.synced;
    client.provider.disconnect();
    const serverState = Y.encodeStateVector(client.doc);
    const txns = limit === null ? trace.txns : trace.txns.slice(0, limit);
    const typingStart = benchNow();
    appendParagraphs(client.doc, ['']);
    const index = paragraphCount(client.doc) - 1;
    const text = paragraphText(client.doc, index);
    for (const { patches } of txns) {
      client.doc.transact(() => {
        for (const [position, deleted, inserted] of patches) {
          if (deleted > 0) text.delete(position, deleted);
          if (inserted) text.insert(position, inserted);
        }
      });
    }
    const typingMs = benchNow() - typingStart;
    const characters = text.length;
    const updateBytes = Y.encodeStateAsUpdate(client.doc, serverState).length;

    await reader.page.evaluate(`(() => { const b = window.__bench; b.arrivals = []; b.watch([${index}]); })()`);
    const clock = await calibrate(reader.page);
    const reconnected = benchNow();
    client.provider.connect();
    await client.tracker!.whenSaved();
    const serverMs = benchNow() - reconnected;
    await waitInPage(reader.page, `window.__bench.arrivals.some(([, length]) => length >= ${characters})`, 'the page to show the merged paragraph', 60_000);
    const arrivals = await probeValue<BlockArrival[]>(reader.page, 'arrivals');
    await reader.page.evaluate('window.__bench.stopWatch()');
    const shown = arrivals.find(([, length]) => length >= characters)!;
    return {
      round: { transactions: txns.length, characters, updateBytes, typingMs, serverMs, pageMs: shown[2] + clock.offset - reconnected, matches: shown[1] === characters },
      uncertainty: clock.uncertainty,
    };
  } finally {
    client.destroy();
  }
}
