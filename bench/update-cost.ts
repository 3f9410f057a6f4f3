// `npx tsx bench/update-cost.ts [--editors 1,10,50] [--keystrokes N] [--ours-only]`: the server's
// CPU time per keystroke update, ours against the stock @y/websocket-server, with stock
// y-websocket editors (bench/client-worker.ts) typing at 5–10 chars/s as in the latency part.
// CPU time is read from /proc/PID/task/*/schedstat (nanoseconds, every thread of the server:
// the storage thread and the garbage collector's too), not from the 10 ms ticks of /proc/PID/stat,
// so a short run still measures the hot path of one update. `--profile DIR` writes the servers'
// .cpuprofile files to DIR (BENCH_PROFILE would profile the `user add` runs too, which then lock each other out).
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sleep } from '../tests/support/clients.ts';
import { ClientPool } from './client-pool.ts';
import { createArticles, matchDeliveries, openEditors, scenarioEditors, type LatencyScenario } from './latency.ts';
import { prepareNewsroom, startBaseline, type BenchServer } from './servers.ts';

/** CPU time of process `pid` so far, in nanoseconds: its main thread (`main`) and every other thread, summed by name. */
export function readThreadCpuNs(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = task === String(pid) ? 'main' : `${readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim()}#${task}`;
      const ns = Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      byName.set(name, (byName.get(name) ?? 0) + ns);
    } catch {
      // the thread ended meanwhile
    }
  }
  return byName;
}

/** CPU time of every thread of process `pid` so far, in nanoseconds. */
export const readCpuNs = (pid: number): number => [...readThreadCpuNs(pid).values()].reduce((a, b) => a + b, 0);

const { values } = parseArgs({
  options: {
    editors: { type: 'string', default: '1,10,50' },
    keystrokes: { type: 'string', default: '1000' },
    'ours-only': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
/** Keystrokes in all per scenario, shared out over its typists (a lone typist types a fifth of them: 5–10 a second take a while). */
const TOTAL_KEYSTROKES = Number(values.keystrokes);
const SETTLE_MS = 1000;

/** One editor typing with one watching, or N editors all typing, in one story. */
const scenarioFor = (editors: number): LatencyScenario =>
  editors === 1
    ? { label: '1 editor (typist + watcher)', articles: 1, typists: 1, watchers: 1, keystrokes: Math.max(1, Math.round(TOTAL_KEYSTROKES / 5)) }
    : { label: `${editors} editors, 1 story`, articles: 1, typists: editors, watchers: 0, keystrokes: Math.max(1, Math.round(TOTAL_KEYSTROKES / editors)) };

/** Server CPU per update and per delivery over one typing window. */
async function measure(
  server: BenchServer,
  scenario: LatencyScenario,
  clients: ClientPool,
): Promise<{ updates: number; deliveries: number; cpuUs: number; seconds: number; threads: Map<string, number> }> {
  try {
    const ids = await createArticles(server, scenario.articles);
    await openEditors(clients, scenarioEditors(server, scenario, ids));
    await sleep(SETTLE_MS);
    const threads0 = readThreadCpuNs(server.pid);
    const t0 = performance.now();
    await clients.each(() => ({ op: 'record' }));
    const sent = await clients.each<Float64Array>(() => ({ op: 'type', keystrokes: scenario.keystrokes }));
    const peers = scenario.typists + scenario.watchers - 1;
    const updates = sent.reduce((n, triples) => n + triples.length, 0) / 3;
    while ((await clients.each<number>(() => ({ op: 'received' }))).reduce((a, b) => a + b, 0) < updates * peers) await sleep(10);
    const threads = new Map([...readThreadCpuNs(server.pid)].map(([name, ns]) => [name, (ns - (threads0.get(name) ?? 0)) / 1000]));
    const cpuUs = [...threads.values()].reduce((a, b) => a + b, 0);
    const seconds = (performance.now() - t0) / 1000;
    const arrivals = await clients.each<Float64Array>(() => ({ op: 'collect' }));
    return { updates, deliveries: matchDeliveries(sent, arrivals, peers).perPeer.length, cpuUs, seconds, threads };
  } finally {
    await clients.each(() => ({ op: 'close' }));
  }
}

process.setMaxListeners(0);
const clients = await ClientPool.start();
const deployment = await prepareNewsroom();
if (values.profile) process.env.BENCH_PROFILE = values.profile; // read by servers.ts when it starts a server
const servers: [string, BenchServer][] = [['newsroom', await deployment.start()]];
if (!values['ours-only']) servers.push(['baseline', await startBaseline()]);
try {
  for (const [, server] of servers) await measure(server, scenarioFor(5), clients); // warm-up
  for (const editors of values.editors.split(',').map(Number)) {
    const scenario = scenarioFor(editors);
    for (const [name, server] of servers) {
      const { updates, deliveries, cpuUs, seconds, threads } = await measure(server, scenario, clients);
      const perThread = [...threads].filter(([, us]) => us / updates >= 1).map(([thread, us]) => `${thread} ${(us / updates).toFixed(0)}`);
      console.log(
        `${scenario.label.padEnd(28)} ${name.padEnd(9)} ${(cpuUs / updates).toFixed(0).padStart(6)} µs CPU per update, ${(cpuUs / deliveries).toFixed(1).padStart(6)} µs per delivery ` +
          `(${updates} updates, ${deliveries} deliveries, ${(cpuUs / 1000 / seconds / 10).toFixed(1)} % of a core over ${seconds.toFixed(1)} s; ` +
          `µs per update by thread: ${perThread.join(', ')})`,
      );
    }
  }
} finally {
  for (const [, server] of servers) await server.stop();
  clients.stop();
  await deployment.dispose();
}
