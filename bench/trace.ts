// The automerge-paper editing trace typed through a server: one client applies every trace
// transaction as one Yjs transaction into a body paragraph, as fast as it can; another client
// watches until its text is the typist's final text.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import * as Y from 'yjs';
import { appendParagraphs } from '../model/body-tree.ts';
import { connectClient, waitFor } from '../tests/support/clients.ts';
import type { BenchServer } from './servers.ts';
import { paragraphCount, paragraphText, SHARED_DIR } from './article-content.ts';

/** Where the traces live (see its README.md). */
export const TRACES_DIR = join(SHARED_DIR, 'data', 'editing-traces');
const TRACE_FILE = join(TRACES_DIR, 'automerge-paper.json.gz');

/** A sequential editing trace: patches are [position, deleted count, inserted text]. */
export interface EditingTrace {
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

/** What typing the trace measured. */
export interface TraceResult {
  articleId: string;
  /** The body paragraph the trace was typed into. */
  paragraph: number;
  transactions: number;
  /** From the first transaction until the watcher has the final text. */
  totalMs: number;
  /** How long the typist took to make (and send) every transaction. */
  typistMs: number;
  /** How long after the typist's last transaction the watcher had everything. */
  watcherLagMs: number;
  /** The watcher reached the typist's final text within WATCH_LIMIT_MS. */
  finished: boolean;
  /** The watcher's final text equals the trace's endContent. */
  matches: boolean;
  /** Length of the text the watcher ended with. */
  finalLength: number;
  /** Y.encodeStateAsUpdate of the typist's document (the whole story). */
  yjsBytes: number;
}

const YIELD_EVERY = 100; // transactions between yields, so that the watcher in this process receives meanwhile
/** How long the watcher may take after the typist before the trace counts as not finished. */
export const WATCH_LIMIT_MS = 60_000;

/** The automerge-paper trace, or null when the traces folder is absent. */
export async function loadTrace(): Promise<EditingTrace | null> {
  try {
    await access(TRACE_FILE);
  } catch {
    return null;
  }
  return JSON.parse((await promisify(gunzip)(await readFile(TRACE_FILE))).toString('utf8')) as EditingTrace;
}

/** Types `trace` into a new story on `server` and watches it arrive. */
export async function runTrace(server: BenchServer, trace: EditingTrace): Promise<TraceResult> {
  const articleId = await server.createArticle();
  const typist = connectClient(server.wsUrl, articleId, server.token);
  const watcher = connectClient(server.wsUrl, articleId, server.token);
  try {
    await waitFor(() => typist.provider.synced && watcher.provider.synced, 'typist and watcher to sync');
    // A paragraph of its own for the trace, after whatever the server started the story with.
    appendParagraphs(typist.doc, ['']);
    const paragraph = paragraphCount(typist.doc) - 1;
    await waitFor(() => paragraphCount(watcher.doc) === paragraph + 1, 'the watcher to get the empty paragraph');
    const text = paragraphText(typist.doc, paragraph);
    const watched = paragraphText(watcher.doc, paragraph);

    // Set once the typist is done; the watcher is done when its text is this.
    let finalText: string | null = null;
    let watcherDoneAt: number | null = null;
    const check = () => {
      if (watcherDoneAt !== null || finalText === null || watched.length !== finalText.length || watched.toString() !== finalText) return;
      watcherDoneAt = performance.now();
    };
    watcher.doc.on('afterTransaction', check);

    const t0 = performance.now();
    for (let i = 0; i < trace.txns.length; i++) {
      typist.doc.transact(() => {
        for (const [position, deleted, inserted] of trace.txns[i].patches) {
          if (deleted > 0) text.delete(position, deleted);
          if (inserted) text.insert(position, inserted);
        }
      });
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    const typistDoneAt = performance.now();
    finalText = String(text); // Y.XmlText's toString() is typed any
    check();
    await waitFor(() => watcherDoneAt !== null, "the watcher to reach the typist's final text", WATCH_LIMIT_MS).catch((error: Error) =>
      console.warn(`  ${error.message}`),
    );
    const doneAt = watcherDoneAt ?? performance.now();
    const watcherText = String(watched);
    return {
      articleId,
      paragraph,
      transactions: trace.txns.length,
      totalMs: doneAt - t0,
      typistMs: typistDoneAt - t0,
      watcherLagMs: doneAt - typistDoneAt,
      finished: watcherDoneAt !== null,
      matches: watcherText === trace.endContent,
      finalLength: watcherText.length,
      yjsBytes: Y.encodeStateAsUpdate(typist.doc).length,
    };
  } finally {
    typist.destroy();
    watcher.destroy();
  }
}
