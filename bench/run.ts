// `npm run bench [-- --quick] [-- --only PART,…] [-- --workers N] [-- --rounds N] [-- --out FILE]`: measures our
// server against the stock @y/websocket-server 0.1.1 and prints the tables; a full run writes
// them to bench/RESULTS.md (see its "How to run"). Missed targets are reported, never fatal.
import { fileURLToPath } from 'node:url';
import { loadSampleArticle } from './article-content.ts';
import { parseBenchArgs } from './bench-args.ts';
import { benchBrowser } from './browser-bench.ts';
import { browserSection, offlineSection } from './browser-report.ts';
import { ClientPool } from './client-pool.ts';
import { coldOpen, storedSize } from './cold-open.ts';
import { compareIdle, IDLE_SCENARIO, QUICK_IDLE_SCENARIO } from './idle.ts';
import { compareLatency, LATENCY_SCENARIOS, QUICK_LATENCY_SCENARIOS, WARM_UP, type LatencyResult } from './latency.ts';
import { measureMemory } from './memory.ts';
import { benchOffline } from './offline-merge.ts';
import { detailList, latencyTable, noiseWarning, summaryTable, writeResultsFile, type BenchResults } from './report.ts';
import { benchScaleOut } from './scale-out.ts';
import { scaleOutSection } from './scale-out-report.ts';
import { prepareNewsroom, startBaseline, type BenchServer, type Pair } from './servers.ts';
import { loadTrace, runTrace, TRACES_DIR, type TraceResult } from './trace.ts';

process.setMaxListeners(0); // every WebsocketProvider adds a process 'exit' listener
const args = parseBenchArgs(process.argv.slice(2));
const started = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
const range = (r: LatencyResult, name: 'p50' | 'p99' | 'p999') => `${r.perPeer.pooled[name].toFixed(2)} (${r.perPeer.spread[name].min.toFixed(2)}–${r.perPeer.spread[name].max.toFixed(2)})`;
const fmt = (r: LatencyResult) => `p50 ${range(r, 'p50')}, p99 ${range(r, 'p99')}, p99.9 ${range(r, 'p999')} ms; clients ${r.clientCpu.toFixed(0)} % (busiest worker ${r.busiestWorkerCpu.toFixed(0)} %)`;

const article = await loadSampleArticle();
const trace = args.parts.has('trace') ? await loadTrace() : null;
if (args.parts.has('trace') && !trace) log(`${TRACES_DIR} not found: skipping the automerge-paper trace, cold open and stored bytes`);

const clients = await ClientPool.start(args.workers);
const deployment = await prepareNewsroom();
try {
  const results: BenchResults = {
    latency: [],
    trace: null,
    memory: null,
    idle: null,
    scaleOut: { skipped: 'not run (--only)' },
    setup: { workers: clients.size, rounds: args.rounds, flags: args.flags },
    runSeconds: 0,
  };
  const servers: Pair<BenchServer> = { ours: await deployment.start(), baseline: await startBaseline() };
  let typing: Pair<TraceResult> | null = null;
  let cleanStop = false;
  try {
    if (args.parts.has('latency')) {
      log(`warming up (${clients.size} client workers)`);
      await compareLatency(servers, WARM_UP, clients, 1);
      for (const scenario of args.quick ? QUICK_LATENCY_SCENARIOS : LATENCY_SCENARIOS) {
        const pair = await compareLatency(servers, scenario, clients, args.rounds);
        log(`${scenario.label}:\n        newsroom ${fmt(pair.ours)}\n        baseline ${fmt(pair.baseline)}`);
        results.latency.push(pair);
      }
    }
    if (trace) {
      typing = { ours: await runTrace(servers.ours, trace), baseline: await runTrace(servers.baseline, trace) };
      log(`automerge-paper: newsroom ${(typing.ours.totalMs / 1000).toFixed(2)} s, baseline ${(typing.baseline.totalMs / 1000).toFixed(2)} s`);
    }
  } finally {
    cleanStop = await servers.ours.stop();
    await servers.baseline.stop();
  }

  if (trace && typing) {
    const stored = await storedSize(deployment.dataDir, typing.ours.articleId);
    const cold = await coldOpen(deployment, clients, typing.ours.articleId, typing.ours.paragraph, trace.endContent.length);
    log(`cold open: up a while ${cold.warm.median.toFixed(1)} ms (floor ${cold.floor.median.toFixed(1)} ms), just started ${cold.fresh.median.toFixed(1)} ms; long log: up a while ${cold.log.warm.toFixed(1)} ms, just started ${cold.log.fresh.toFixed(1)} ms (floor ${cold.log.floor.median.toFixed(1)} ms)`);
    results.trace = { typing, cleanStop, stored, coldOpen: cold };
  }

  if (args.parts.has('memory')) {
    log('memory per open story');
    results.memory = { ours: await measureMemory(() => deployment.start(), true, article), baseline: await measureMemory(startBaseline, false, article) };
  }

  if (args.parts.has('idle')) {
    const scenario = args.quick ? QUICK_IDLE_SCENARIO : IDLE_SCENARIO;
    log(`${scenario.connections} idle connections over ${scenario.articles} stories`);
    results.idle = await compareIdle({ ours: () => deployment.start(), baseline: startBaseline }, scenario, clients, args.rounds);
    log(`per idle connection: newsroom ${(results.idle.ours.perConnection / 1024).toFixed(1)} KiB, baseline ${(results.idle.baseline.perConnection / 1024).toFixed(1)} KiB`);
  }

  if (args.parts.has('scale-out')) {
    log('several instances on Postgres and Redis');
    results.scaleOut = await benchScaleOut(clients, log, args.quick);
    if ('skipped' in results.scaleOut) log(`several instances: skipped, ${results.scaleOut.skipped}`);
  }

  if (args.parts.has('browser')) {
    log('the editor in the browser');
    results.browser = await benchBrowser(log, args.quick);
    if ('skipped' in results.browser) log(`browser: skipped, ${results.browser.skipped}`);
  }

  if (args.parts.has('offline')) {
    log('offline merge');
    results.offline = await benchOffline(log, args.quick);
    if ('skipped' in results.offline) log(`offline: skipped, ${results.offline.skipped}`);
  }

  results.runSeconds = (performance.now() - started) / 1000;
  const tables = [
    summaryTable(results),
    noiseWarning(results),
    results.latency.length > 0 ? latencyTable(results) : '',
    detailList(results),
    scaleOutSection(results.scaleOut),
    results.browser ? browserSection(results.browser) : '',
    results.offline ? offlineSection(results.offline) : '',
  ];
  console.log(`\n${tables.filter(Boolean).join('\n\n')}\n`);
  if (args.out) {
    await writeResultsFile(results, args.out);
    log(`written to ${fileURLToPath(args.out)}`);
  } else {
    log('a partial run (--quick or --only): written nowhere; add --out FILE to keep it');
  }
} finally {
  clients.stop();
  await deployment.dispose();
}
