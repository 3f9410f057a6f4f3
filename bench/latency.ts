// Keystroke-to-peer latency: editors (stock WebsocketProviders in this process) type single
// characters into the body at 5–10 chars/s; every other editor of the story records when the
// character reached its document. Times are performance.now() in this one process. Each
// scenario runs in rounds alternating the two servers (ours, baseline, baseline, ours), so that
// load from elsewhere on the machine falls on both alike.
import * as Y from 'yjs';
import { connectClient, sleep, waitFor, type TestClient } from '../tests/support/clients.ts';
import type { ImportedArticle } from '../model/text-import.ts';
import { machineBusyMs, ownCpuMs, readCpuMs } from './proc.ts';
import type { BenchServer, Pair } from './servers.ts';
import { paragraphCount, paragraphText, seedArticle } from './article-content.ts';
import { summarize, type Summary } from './stats.ts';

/** One latency setup: how many stories, and who is in each. */
export interface LatencyScenario {
  label: string;
  articles: number;
  /** Editors per story that type. */
  typists: number;
  /** Editors per story that only watch. */
  watchers: number;
  /** Keystrokes per typist. */
  keystrokes: number;
}

/** What one scenario measured on one server, all rounds together. */
export interface LatencyResult {
  scenario: LatencyScenario;
  /** Each (keystroke, other editor) delivery. */
  perPeer: Summary;
  /** Each keystroke until the last other editor of its story had it. */
  lastPeer: Summary;
  /** Deliveries that had not arrived 15 s after typing stopped. */
  undelivered: number;
  /** Server CPU over the typing window, % of one core. */
  serverCpu: number;
  /** This (client) process's CPU over the same window, % of one core. */
  clientCpu: number;
  /** CPU used by every other process on the machine over the window, % of one core: noise. */
  otherCpu: number;
}

/** The latency scenarios of the report. */
export const LATENCY_SCENARIOS: LatencyScenario[] = [
  { label: '1 editor (typist + watcher)', articles: 1, typists: 1, watchers: 1, keystrokes: 150 },
  { label: '10 editors, 1 story', articles: 1, typists: 10, watchers: 0, keystrokes: 40 },
  { label: '50 editors, 1 story', articles: 1, typists: 50, watchers: 0, keystrokes: 30 },
  { label: '200 editors, 20 stories', articles: 20, typists: 10, watchers: 0, keystrokes: 30 },
];

/** Rounds per server; each round types 1/ROUNDS of the scenario's keystrokes. */
const ROUNDS = 4;

/** A short run to warm up both sides before measuring; its numbers are dropped. */
export const WARM_UP: LatencyScenario = { label: 'warm-up', articles: 2, typists: 5, watchers: 0, keystrokes: 20 };

const MIN_INTERVAL_MS = 100; // 10 chars/s
const MAX_INTERVAL_MS = 200; // 5 chars/s
const SETTLE_MS = 1000; // lets the joining traffic (sync, awareness of every editor) die down before typing
const CHARS = 'the quick brown fox jumps over the lazy dog ';

/** Raw numbers of one round on one server. */
export interface Round {
  perPeer: number[];
  lastPeer: number[];
  undelivered: number;
  seconds: number;
  serverMs: number;
  clientMs: number;
  otherMs: number;
}

interface Keystroke {
  t0: number;
  /** Other editors of the story that have not received it yet. */
  waiting: number;
}

const jitter = () => MIN_INTERVAL_MS + Math.random() * (MAX_INTERVAL_MS - MIN_INTERVAL_MS);

/** Runs `scenario` on both servers in alternating rounds and pools each server's rounds. */
export async function compareLatency(servers: Pair<BenchServer>, scenario: LatencyScenario, article: ImportedArticle): Promise<Pair<LatencyResult>> {
  const rounds: Pair<Round[]> = { ours: [], baseline: [] };
  const keystrokes = Math.ceil(scenario.keystrokes / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    const order: (keyof Pair<unknown>)[] = r % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
    for (const side of order) rounds[side].push(await runRound(servers[side], scenario, keystrokes, article));
  }
  return { ours: pool(scenario, rounds.ours), baseline: pool(scenario, rounds.baseline) };
}

/** One server's rounds of `scenario` taken together. */
export function pool(scenario: LatencyScenario, rounds: Round[]): LatencyResult {
  const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const percentOfCore = (ms: number) => ms / sum((r) => r.seconds) / 10;
  return {
    scenario,
    perPeer: summarize(rounds.flatMap((r) => r.perPeer)),
    lastPeer: summarize(rounds.flatMap((r) => r.lastPeer)),
    undelivered: sum((r) => r.undelivered),
    serverCpu: percentOfCore(sum((r) => r.serverMs)),
    clientCpu: percentOfCore(sum((r) => r.clientMs)),
    otherCpu: percentOfCore(sum((r) => r.otherMs)),
  };
}

/** One round: connect the editors, let the first of each story bring the sample, type, collect. */
export async function runRound(server: BenchServer, scenario: LatencyScenario, keystrokes: number, article: ImportedArticle): Promise<Round> {
  const perPeer: number[] = [];
  const lastPeer: number[] = [];
  // Sent keystrokes by the typist's client id, then by the Yjs clock of the inserted character.
  const sent = new Map<number, Map<number, Keystroke>>();
  const editorsPerArticle = scenario.typists + scenario.watchers;

  // A remote transaction carries the new clocks of each client it changed: match them to keystrokes.
  const record = (transaction: Y.Transaction) => {
    if (transaction.local) return;
    const now = performance.now();
    for (const [client, after] of transaction.afterState) {
      const byClock = sent.get(client);
      if (!byClock) continue;
      for (let clock = transaction.beforeState.get(client) ?? 0; clock < after; clock++) {
        const keystroke = byClock.get(clock);
        if (!keystroke) continue;
        perPeer.push(now - keystroke.t0);
        if (--keystroke.waiting === 0) {
          lastPeer.push(now - keystroke.t0);
          byClock.delete(clock);
        }
      }
    }
  };

  const clients: TestClient[] = [];
  try {
    for (let s = 0; s < scenario.articles; s++) {
      const id = await server.createArticle();
      for (let e = 0; e < editorsPerArticle; e++) {
        const doc = new Y.Doc();
        doc.on('afterTransaction', record);
        clients.push(connectClient(server.wsUrlFor?.(e) ?? server.wsUrl, id, server.token, { doc }));
      }
    }
    await waitFor(() => clients.every((c) => c.provider.synced), 'every editor to sync', 60_000);
    // The first editor of each story adds the sample after whatever the server started the story with.
    const firstOf = (i: number) => clients[i - (i % editorsPerArticle)];
    for (let i = 0; i < clients.length; i += editorsPerArticle) seedArticle(clients[i].doc, article);
    const hasArticle = (c: TestClient, i: number) => paragraphCount(c.doc) === paragraphCount(firstOf(i).doc);
    await waitFor(() => clients.every(hasArticle), 'every editor to have the story', 60_000);
    await sleep(SETTLE_MS);

    const typists = clients.filter((_, i) => i % editorsPerArticle < scenario.typists);
    const serverCpuMs = () => (server.pids ?? [server.pid]).reduce((total, pid) => total + readCpuMs(pid), 0);
    const serverCpu0 = serverCpuMs();
    const clientCpu0 = ownCpuMs();
    const machineCpu0 = machineBusyMs();
    const t0 = performance.now();
    await Promise.all(
      typists.map((client, i) => {
        const byClock = new Map<number, Keystroke>();
        sent.set(client.doc.clientID, byClock);
        return type(client.doc, i % paragraphCount(client.doc), keystrokes, (clock) => byClock.set(clock, { t0: performance.now(), waiting: editorsPerArticle - 1 }));
      }),
    );
    const outstanding = () => [...sent.values()].reduce((n, byClock) => n + [...byClock.values()].reduce((m, k) => m + k.waiting, 0), 0);
    await waitFor(() => outstanding() === 0, 'every keystroke to reach every peer', 15_000).catch(() => undefined);
    const seconds = (performance.now() - t0) / 1000;
    const serverMs = serverCpuMs() - serverCpu0;
    const clientMs = ownCpuMs() - clientCpu0;
    const otherMs = Math.max(0, machineBusyMs() - machineCpu0 - serverMs - clientMs);
    return { perPeer, lastPeer, undelivered: outstanding(), seconds, serverMs, clientMs, otherMs };
  } finally {
    for (const client of clients) client.destroy();
  }
}

// One editor typing `count` characters with jittered pauses at its own cursor in a paragraph;
// `sending` is told the clock of each character just before it is inserted.
function type(doc: Y.Doc, paragraph: number, count: number, sending: (clock: number) => void): Promise<void> {
  const text = paragraphText(doc, paragraph);
  // The cursor sticks to the character before it, so other editors' typing does not move it.
  let cursor = Y.createRelativePositionFromTypeIndex(text, Math.floor(Math.random() * (text.length + 1)), -1);
  let typed = 0;
  return new Promise((resolve) => {
    const keystroke = () => {
      const index = Y.createAbsolutePositionFromRelativePosition(cursor, doc)?.index ?? text.length;
      sending(Y.getState(doc.store, doc.clientID));
      text.insert(index, CHARS[typed % CHARS.length]);
      cursor = Y.createRelativePositionFromTypeIndex(text, index + 1, -1);
      if (++typed < count) setTimeout(keystroke, jitter());
      else resolve();
    };
    setTimeout(keystroke, Math.random() * MAX_INTERVAL_MS); // editors do not start in step
  });
}
