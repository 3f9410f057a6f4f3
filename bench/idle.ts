// Server memory per idle connection: many stock clients (no presence, nothing typed) synced to
// stories that are already open. VmRSS of the server with them connected minus VmRSS with only
// one client per story, divided by the number of added connections. Interleaved rounds on the
// two servers, as the latency scenarios, each on a newly started server process, so that no
// round reuses memory an earlier round's connections left behind.
import type { ClientPool, EditorSpec } from './client-pool.ts';
import { createArticles, openEditors, roundOrder } from './latency.ts';
import { settledRss } from './memory.ts';
import type { BenchServer, Pair } from './servers.ts';
import { median } from './stats.ts';

/** How many idle connections, over how many stories. */
export interface IdleScenario {
  connections: number;
  articles: number;
}

export const IDLE_SCENARIO: IdleScenario = { connections: 10_000, articles: 100 };
export const QUICK_IDLE_SCENARIO: IdleScenario = { connections: 1_000, articles: 10 };

/** One round on one server. */
export interface IdleRound {
  /** RSS with one client per story, bytes. */
  before: number;
  /** RSS with the idle connections added, bytes. */
  after: number;
  /** Time from the first idle connection until all were synced, ms. */
  connectMs: number;
}

/** One server's idle rounds. */
export interface IdleResult {
  scenario: IdleScenario;
  rounds: IdleRound[];
  /** Median over the rounds of (after − before) / connections, bytes. */
  perConnection: number;
  /** Lowest and highest per-round bytes per connection. */
  spread: { min: number; max: number };
}

/** Bytes per connection of one round. */
export const perConnectionOf = (round: IdleRound, connections: number): number => (round.after - round.before) / connections;

/** Summarises one server's rounds. */
export function idleResult(scenario: IdleScenario, rounds: IdleRound[]): IdleResult {
  const values = rounds.map((r) => perConnectionOf(r, scenario.connections));
  return { scenario, rounds, perConnection: median(values), spread: { min: Math.min(...values), max: Math.max(...values) } };
}

const editor = (server: BenchServer, story: string, s: number, seed: boolean): EditorSpec => ({
  url: server.wsUrl,
  story,
  token: server.tokens?.[s % server.tokens.length] ?? server.token,
  seed,
  typist: false,
  paragraph: 0,
  idle: true,
});

/** One round: a holder per story (bringing the sample), the RSS, then the idle connections, the RSS again. */
async function idleRound(server: BenchServer, scenario: IdleScenario, clients: ClientPool): Promise<IdleRound> {
  try {
    const ids = await createArticles(server, scenario.articles);
    await openEditors(clients, ids.map((story, s) => editor(server, story, s, true)));
    const before = await settledRss(server.pid);
    const t0 = performance.now();
    await openEditors(
      clients,
      Array.from({ length: scenario.connections }, (_, i) => editor(server, ids[i % ids.length], i % ids.length, false)),
    );
    const connectMs = performance.now() - t0;
    return { before, after: await settledRss(server.pid), connectMs };
  } finally {
    await clients.each(() => ({ op: 'close' }));
  }
}

/** Measures both servers in `rounds` interleaved rounds; `start` starts a new process of each. */
export async function compareIdle(start: Pair<() => Promise<BenchServer>>, scenario: IdleScenario, clients: ClientPool, rounds: number): Promise<Pair<IdleResult>> {
  const taken: Pair<IdleRound[]> = { ours: [], baseline: [] };
  for (let r = 0; r < rounds; r++) {
    for (const side of roundOrder(r)) {
      const server = await start[side]();
      try {
        taken[side].push(await idleRound(server, scenario, clients));
      } finally {
        await server.stop();
      }
    }
  }
  return { ours: idleResult(scenario, taken.ours), baseline: idleResult(scenario, taken.baseline) };
}
