// `npm run bench`: measures our server against the stock @y/websocket-server 0.1.1 and prints
// (and writes to bench/RESULTS.md) one table. Missed targets are reported, never fatal.
import { coldOpen, storedSize } from './cold-open.ts';
import { compareLatency, LATENCY_SCENARIOS, WARM_UP, type LatencyResult } from './latency.ts';
import { measureMemory } from './memory.ts';
import { detailTable, noiseWarning, summaryTable, writeResultsFile, type BenchResults } from './report.ts';
import { benchScaleOut } from './scale-out.ts';
import { scaleOutSection } from './scale-out-report.ts';
import { prepareNewsroom, startBaseline, type BenchServer, type Pair } from './servers.ts';
import { loadSampleArticle } from './article-content.ts';
import { loadTrace, runTrace, TRACES_DIR, type TraceResult } from './trace.ts';

process.setMaxListeners(0); // every WebsocketProvider adds a process 'exit' listener
const started = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
const fmt = (r: LatencyResult) => `p50 ${r.perPeer.p50.toFixed(2)} ms, p99 ${r.perPeer.p99.toFixed(2)} ms (${r.perPeer.n} deliveries)`;

const article = await loadSampleArticle();
const trace = await loadTrace();
if (!trace) log(`${TRACES_DIR} not found: skipping the automerge-paper trace, cold open and stored bytes`);

const deployment = await prepareNewsroom();
try {
  const servers: Pair<BenchServer> = { ours: await deployment.start(), baseline: await startBaseline() };
  const latency: Pair<LatencyResult>[] = [];
  let typing: Pair<TraceResult> | null = null;
  let cleanStop = false;
  try {
    log('warming up');
    await compareLatency(servers, WARM_UP, article);
    for (const scenario of LATENCY_SCENARIOS) {
      const pair = await compareLatency(servers, scenario, article);
      log(`${scenario.label}: newsroom ${fmt(pair.ours)}; baseline ${fmt(pair.baseline)}`);
      latency.push(pair);
    }
    if (trace) {
      typing = { ours: await runTrace(servers.ours, trace), baseline: await runTrace(servers.baseline, trace) };
      log(`automerge-paper: newsroom ${(typing.ours.totalMs / 1000).toFixed(2)} s, baseline ${(typing.baseline.totalMs / 1000).toFixed(2)} s`);
    }
  } finally {
    cleanStop = await servers.ours.stop();
    await servers.baseline.stop();
  }

  let traceResults: BenchResults['trace'] = null;
  if (trace && typing) {
    const stored = await storedSize(deployment.dataDir, typing.ours.articleId);
    const cold = await coldOpen(deployment, typing.ours.articleId, typing.ours.paragraph, trace.endContent.length);
    log(`cold open: ${cold.runs.map((t) => t.toFixed(1)).join(', ')} ms`);
    traceResults = { typing, cleanStop, stored, coldOpen: cold };
  }

  log('memory per open story');
  const memory = { ours: await measureMemory(() => deployment.start(), true, article), baseline: await measureMemory(startBaseline, false, article) };

  log('several instances on Postgres and Redis');
  const scaleOut = await benchScaleOut(article, log);
  if ('skipped' in scaleOut) log(`several instances: skipped, ${scaleOut.skipped}`);

  const results: BenchResults = { latency, trace: traceResults, memory, scaleOut, runSeconds: (performance.now() - started) / 1000 };
  console.log(`\n${[summaryTable(results), noiseWarning(results), detailTable(results), scaleOutSection(scaleOut)].filter(Boolean).join('\n\n')}\n`);
  await writeResultsFile(results);
  log('written to bench/RESULTS.md');
} finally {
  await deployment.dispose();
}
