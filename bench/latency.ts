// Keystroke-to-peer latency: editors (stock WebsocketProviders spread over the client workers of
// bench/client-pool.ts) type single characters into the body at 5–10 chars/s; every other
// editor of the story records when the character reached its document. Times are the
// machine-wide monotonic clock. Each scenario runs in interleaved rounds on the two servers
// (ours, baseline, baseline, ours, ours, baseline, …), so that load from elsewhere on the
// machine falls on both alike, and the spread between rounds shows the noise.
import { sleep } from '../tests/support/clients.ts';
import { deal, type ClientPool, type EditorSpec } from './client-pool.ts';
import { machineBusyMs, ownCpuMs, readCpuMs } from './proc.ts';
import type { BenchServer, Pair } from './servers.ts';
import { percentOf, summarizeRounds, type RoundsSummary } from './stats.ts';

/** One latency setup: how many stories, and who is in each. */
export interface LatencyScenario {
  label: string;
  articles: number;
  /** Editors per story that type. */
  typists: number;
  /** Editors per story that only watch. */
  watchers: number;
  /** Keystrokes per typist per round. */
  keystrokes: number;
}

/** What one scenario measured on one server over its rounds. */
export interface LatencyResult {
  scenario: LatencyScenario;
  rounds: number;
  /** Each (keystroke, other editor) delivery. */
  perPeer: RoundsSummary;
  /** Each keystroke until the last other editor of its story had it. */
  lastPeer: RoundsSummary;
  /** Deliveries that had not arrived 15 s after typing stopped, all rounds. */
  undelivered: number;
  /** Server CPU over the typing windows, % of one core. */
  serverCpu: number;
  /** The client workers and the bench's own process together, % of one core. */
  clientCpu: number;
  /** The busiest client worker in its busiest round, % of one core: near 100 the clients were saturated. */
  busiestWorkerCpu: number;
  /** How many client workers. */
  workers: number;
  /** CPU used by every other process on the machine over the windows, % of one core: noise. */
  otherCpu: number;
}

/** The latency scenarios: the full set, and a short one for a smoke run (`--quick`). */
export const LATENCY_SCENARIOS: LatencyScenario[] = [
  { label: '1 editor (typist + watcher)', articles: 1, typists: 1, watchers: 1, keystrokes: 60 },
  { label: '10 editors, 1 story', articles: 1, typists: 10, watchers: 0, keystrokes: 20 },
  { label: '50 editors, 1 story', articles: 1, typists: 50, watchers: 0, keystrokes: 12 },
  { label: '1,000 editors, 100 stories (2 typing, 8 watching each)', articles: 100, typists: 2, watchers: 8, keystrokes: 12 },
];
export const QUICK_LATENCY_SCENARIOS: LatencyScenario[] = [
  { label: '1 editor (typist + watcher)', articles: 1, typists: 1, watchers: 1, keystrokes: 10 },
  { label: '10 editors, 1 story', articles: 1, typists: 10, watchers: 0, keystrokes: 5 },
  { label: '50 editors, 1 story', articles: 1, typists: 50, watchers: 0, keystrokes: 3 },
  { label: '100 editors, 10 stories (2 typing, 8 watching each)', articles: 10, typists: 2, watchers: 8, keystrokes: 3 },
];

/** Rounds per server. */
export const ROUNDS = 3;

/** A short run to warm up both sides before measuring; its numbers are dropped. */
export const WARM_UP: LatencyScenario = { label: 'warm-up', articles: 2, typists: 5, watchers: 0, keystrokes: 10 };

const SETTLE_MS = 1000; // lets the joining traffic (sync, awareness of every editor) die down before typing
const DRAIN_LIMIT_MS = 15_000;

/** Raw numbers of one round on one server. */
export interface Round {
  perPeer: number[];
  lastPeer: number[];
  undelivered: number;
  seconds: number;
  serverMs: number;
  /** CPU of each client worker over the window. */
  workerMs: number[];
  /** CPU of the bench's own process over the window. */
  benchMs: number;
  otherMs: number;
}

/** The order of round r's two runs: ours first in even rounds, so the runs go ours, baseline, baseline, ours, ours, baseline, … */
export function roundOrder(round: number): ('ours' | 'baseline')[] {
  return round % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
}

/** Runs `scenario` on both servers in interleaved rounds. */
export async function compareLatency(servers: Pair<BenchServer>, scenario: LatencyScenario, clients: ClientPool, rounds = ROUNDS): Promise<Pair<LatencyResult>> {
  const taken: Pair<Round[]> = { ours: [], baseline: [] };
  for (let r = 0; r < rounds; r++) {
    for (const side of roundOrder(r)) taken[side].push(await runRound(servers[side], scenario, clients));
  }
  return { ours: pool(scenario, taken.ours), baseline: pool(scenario, taken.baseline) };
}

/** One server's rounds of `scenario` summarised. */
export function pool(scenario: LatencyScenario, rounds: Round[]): LatencyResult {
  const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const windowMs = sum((r) => r.seconds) * 1000;
  return {
    scenario,
    rounds: rounds.length,
    perPeer: summarizeRounds(rounds.map((r) => r.perPeer)),
    lastPeer: summarizeRounds(rounds.map((r) => r.lastPeer)),
    undelivered: sum((r) => r.undelivered),
    serverCpu: percentOf(sum((r) => r.serverMs), windowMs),
    clientCpu: percentOf(sum((r) => r.benchMs + r.workerMs.reduce((a, b) => a + b, 0)), windowMs),
    busiestWorkerCpu: Math.max(0, ...rounds.map((r) => percentOf(Math.max(0, ...r.workerMs), r.seconds * 1000))),
    workers: rounds[0]?.workerMs.length ?? 0,
    otherCpu: percentOf(sum((r) => r.otherMs), windowMs),
  };
}

/**
 * Matches keystrokes to their arrivals. `sent` and `arrivals` are flat (client id, clock, time)
 * triples; `peers` is how many other editors each keystroke should reach. Arrivals of anything
 * not in `sent` are ignored.
 */
export function matchDeliveries(sent: Float64Array[], arrivals: Float64Array[], peers: number): { perPeer: number[]; lastPeer: number[]; undelivered: number } {
  const keystrokes = new Map<string, { t0: number; waiting: number; last: number }>();
  for (const triples of sent) {
    for (let i = 0; i < triples.length; i += 3) keystrokes.set(`${triples[i]}:${triples[i + 1]}`, { t0: triples[i + 2], waiting: peers, last: 0 });
  }
  const perPeer: number[] = [];
  for (const triples of arrivals) {
    for (let i = 0; i < triples.length; i += 3) {
      const keystroke = keystrokes.get(`${triples[i]}:${triples[i + 1]}`);
      if (!keystroke) continue;
      const latency = triples[i + 2] - keystroke.t0;
      perPeer.push(latency);
      keystroke.waiting--;
      keystroke.last = Math.max(keystroke.last, latency);
    }
  }
  const lastPeer: number[] = [];
  let undelivered = 0;
  for (const keystroke of keystrokes.values()) {
    if (keystroke.waiting <= 0) lastPeer.push(keystroke.last);
    else undelivered += keystroke.waiting;
  }
  return { perPeer, lastPeer, undelivered };
}

/** The editors of `scenario` on `server` for stories `ids`: the first of each story brings the sample. */
export function scenarioEditors(server: BenchServer, scenario: LatencyScenario, ids: string[]): EditorSpec[] {
  const perArticle = scenario.typists + scenario.watchers;
  return ids.flatMap((story, s) =>
    Array.from({ length: perArticle }, (_, e) => ({
      url: server.wsUrlFor?.(e) ?? server.wsUrl,
      story,
      token: server.tokens?.[s % server.tokens.length] ?? server.token,
      seed: e === 0,
      typist: e < scenario.typists,
      paragraph: e,
      idle: false,
    })),
  );
}

/** Makes `count` new stories (10 requests at a time), story s as account s mod the server's accounts. */
export async function createArticles(server: BenchServer, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let s = 0; s < count; s += 10) {
    ids.push(...(await Promise.all(Array.from({ length: Math.min(10, count - s) }, (_, i) => server.createArticle(s + i)))));
  }
  return ids;
}

/** Opens `editors` over the workers and waits until every one of them has its story's sample. */
export async function openEditors(clients: ClientPool, editors: EditorSpec[]): Promise<void> {
  const hands = deal(editors, clients.size);
  const seeded = await clients.each<Record<string, number>>((i) => ({ op: 'open', editors: hands[i] }));
  await clients.each(() => ({ op: 'await-content', paragraphs: Object.assign({}, ...seeded) as Record<string, number> }));
}

/** One round: connect the editors, let the first of each story bring the sample, type, collect. */
export async function runRound(server: BenchServer, scenario: LatencyScenario, clients: ClientPool): Promise<Round> {
  try {
    const ids = await createArticles(server, scenario.articles);
    await openEditors(clients, scenarioEditors(server, scenario, ids));
    await sleep(SETTLE_MS);

    const serverCpuMs = () => (server.pids ?? [server.pid]).reduce((total, pid) => total + readCpuMs(pid), 0);
    const server0 = serverCpuMs();
    const workers0 = clients.cpuMs();
    const bench0 = ownCpuMs();
    const machine0 = machineBusyMs();
    const t0 = performance.now();
    await clients.each(() => ({ op: 'record' })); // every worker listens before any types
    const sent = await clients.each<Float64Array>(() => ({ op: 'type', keystrokes: scenario.keystrokes }));
    const peers = scenario.typists + scenario.watchers - 1;
    const expected = (sent.reduce((n, triples) => n + triples.length, 0) / 3) * peers;
    const typedAt = performance.now();
    while (performance.now() - typedAt < DRAIN_LIMIT_MS) {
      const received = (await clients.each<number>(() => ({ op: 'received' }))).reduce((a, b) => a + b, 0);
      if (received >= expected) break;
      await sleep(20);
    }
    const seconds = (performance.now() - t0) / 1000;
    const serverMs = serverCpuMs() - server0;
    const workerMs = clients.cpuMs().map((ms, i) => ms - workers0[i]);
    const benchMs = ownCpuMs() - bench0;
    const otherMs = Math.max(0, machineBusyMs() - machine0 - serverMs - benchMs - workerMs.reduce((a, b) => a + b, 0));
    const arrivals = await clients.each<Float64Array>(() => ({ op: 'collect' }));
    return { ...matchDeliveries(sent, arrivals, peers), seconds, serverMs, workerMs, benchMs, otherMs };
  } finally {
    await clients.each(() => ({ op: 'close' }));
  }
}
