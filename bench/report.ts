// The results table (printed and written to bench/RESULTS.md with the machine it ran on).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { BrowserOutcome } from './browser-bench.ts';
import { browserSection, offlineSection } from './browser-report.ts';
import { COLD_OPEN_RUNS, LOG_ENTRIES, WARM_OPEN_RUNS, type ColdOpenResult, type StoredSize } from './cold-open.ts';
import type { IdleResult } from './idle.ts';
import { ROUNDS, type LatencyResult } from './latency.ts';
import type { MemoryResult } from './memory.ts';
import type { OfflineOutcome } from './offline-merge.ts';
import type { ScaleOutOutcome } from './scale-out.ts';
import { scaleOutSection } from './scale-out-report.ts';
import { ACCOUNTS, STOP_LIMIT_MS, type Pair } from './servers.ts';
import type { PercentileName, RoundsSummary } from './stats.ts';
import { WATCH_LIMIT_MS, type TraceResult } from './trace.ts';

/** Everything one run measured; a part left out of the run (`--only`) is null or empty. */
export interface BenchResults {
  latency: Pair<LatencyResult>[];
  /** Null when the editing traces are absent or the part was not run. */
  trace: {
    typing: Pair<TraceResult>;
    /** Our server exited by itself after SIGTERM, having stored everything. */
    cleanStop: boolean;
    stored: StoredSize;
    coldOpen: ColdOpenResult;
  } | null;
  memory: Pair<MemoryResult> | null;
  idle: Pair<IdleResult> | null;
  /** Two instances on Postgres and Redis, or why they were not measured. */
  scaleOut: ScaleOutOutcome;
  /** The editor in Chromium (requirement 6), or why it was not measured; absent when not run. */
  browser?: BrowserOutcome;
  /** Offline merge (requirement 7), or why it was not measured; absent when not run. */
  offline?: OfflineOutcome;
  /** How the run was made: client workers, rounds, and the flags given. */
  setup: { workers: number; rounds: number; flags: string };
  /** Wall-clock time of the whole run, seconds. */
  runSeconds: number;
}

const LATENCY_SLACK = 1.1; // ours may be at most 10 % slower than the baseline (issue 15)
const COLD_OPEN_FLOOR_SLACK = 2; // a warm process's cold open within 2× the client's own floor (issue 15)
const COLD_OPEN_FRESH_TARGET_MS = 100; // a just started process's cold open (issue 15)
const STORED_RATIO_TARGET = 3;

const ms = (value: number) => `${value.toFixed(2)} ms`;
const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(2)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const kib1 = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const count = (value: number) => value.toLocaleString('en-US');
const percent = (value: number) => `${value.toFixed(0)} %`;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const yesNo = (ok: boolean) => (ok ? 'yes' : '**NO**');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const unfinished = `**did not finish** (watcher gave up ${WATCH_LIMIT_MS / 1000} s after the typist)`;
const traceTime = (r: TraceResult, valueMs: number) => (r.finished ? seconds(valueMs) : unfinished);

// The cold-open rows: warm process against the client's floor, just started, and a long log.
function coldOpenRows(cold: ColdOpenResult): string[] {
  const incomplete = cold.complete ? '' : ' (story NOT fully stored)';
  const ofFloor = (value: number, floorMs: number, bareMs: number) => `${ms(value)} = ${(value / floorMs).toFixed(2)}× the floor (${(value / bareMs).toFixed(2)}× the bare one)`;
  const warmMet = cold.warm.median <= COLD_OPEN_FLOOR_SLACK * cold.floor.median;
  const logFloor = cold.log.floor.median;
  return [
    row([`cold open of that story, process up a while, connect → synced (median of ${cold.warm.runs.length} copies)`, `${ofFloor(cold.warm.median, cold.floor.median, cold.bareFloor.median)}${incomplete}`, 'n/a (keeps nothing)', `≤ ${COLD_OPEN_FLOOR_SLACK}× the floor`, yesNo(cold.complete && warmMet)]),
    row([`client floor: a fresh Y.Doc in the client's process, listening for updates as a stock client's does, applying that story's stored bytes, just before each open (median of ${cold.floor.runs.length})`, ms(cold.floor.median), '', '', '']),
    row([`bare floor: the same Y.Doc with no listener (Yjs's apply alone)`, ms(cold.bareFloor.median), '', '', '']),
    row([`cold open of that story, process just started (median of ${cold.fresh.runs.length} restarts)`, `${ms(cold.fresh.median)}${incomplete}`, 'n/a (keeps nothing)', `< ${COLD_OPEN_FRESH_TARGET_MS} ms`, yesNo(cold.complete && cold.fresh.median < COLD_OPEN_FRESH_TARGET_MS)]),
    row([`cold open of a story with a ${count(LOG_ENTRIES)}-entry log, process up a while`, `${ofFloor(cold.log.warm, logFloor, cold.log.bareFloor.median)}${incomplete}`, 'n/a (keeps nothing)', `≤ ${COLD_OPEN_FLOOR_SLACK}× the floor`, yesNo(cold.complete && cold.log.warm <= COLD_OPEN_FLOOR_SLACK * logFloor)]),
    row([`cold open of a story with a ${count(LOG_ENTRIES)}-entry log, process just started (floor ${ms(logFloor)})`, `${ms(cold.log.fresh)}${incomplete}`, 'n/a (keeps nothing)', `< ${COLD_OPEN_FRESH_TARGET_MS} ms`, yesNo(cold.complete && cold.log.fresh < COLD_OPEN_FRESH_TARGET_MS)]),
  ];
}

/** A pooled percentile with its spread over the rounds: `1.39 ms (1.30–1.52)`. */
export function withSpread(summary: RoundsSummary, name: PercentileName): string {
  const { min, max } = summary.spread[name];
  return `${ms(summary.pooled[name])} (${min.toFixed(2)}–${max.toFixed(2)})`;
}

/** Whether ours is within LATENCY_SLACK of the baseline at percentile `name`. */
export const latencyMet = (pair: Pair<LatencyResult>, name: PercentileName): boolean =>
  pair.ours.perPeer.pooled[name] <= pair.baseline.perPeer.pooled[name] * LATENCY_SLACK;

/** The main table: each measure for both servers, with its target and whether it is met. */
export function summaryTable(results: BenchResults): string {
  const lines = [row(['measure', 'newsroom', 'y-websocket-server 0.1.1', 'target', 'met']), row(['---', '---:', '---:', '---', '---'])];
  for (const pair of results.latency) {
    const { ours, baseline } = pair;
    lines.push(
      row([
        `keystroke-to-peer p50 / p99, ${ours.scenario.label}`,
        `${ms(ours.perPeer.pooled.p50)} / ${ms(ours.perPeer.pooled.p99)}`,
        `${ms(baseline.perPeer.pooled.p50)} / ${ms(baseline.perPeer.pooled.p99)}`,
        `each ≤ ${LATENCY_SLACK}× baseline`,
        `${yesNo(latencyMet(pair, 'p50'))} / ${yesNo(latencyMet(pair, 'p99'))}`,
      ]),
    );
  }
  const trace = results.trace;
  if (trace) {
    const { typing, stored, coldOpen } = trace;
    const storedBytes = stored.snapshotBytes + stored.logBytes;
    const ratio = storedBytes / typing.ours.yjsBytes;
    lines.push(
      row([
        `automerge-paper (${count(typing.ours.transactions)} txns): total, typist start → watcher has all`,
        traceTime(typing.ours, typing.ours.totalMs),
        traceTime(typing.baseline, typing.baseline.totalMs),
        '',
        '',
      ]),
      row([
        'automerge-paper: watcher finished after the typist by',
        traceTime(typing.ours, typing.ours.watcherLagMs),
        traceTime(typing.baseline, typing.baseline.watcherLagMs),
        '',
        '',
      ]),
      row(['automerge-paper: watcher text = endContent', yesNo(typing.ours.matches), yesNo(typing.baseline.matches), 'equal', yesNo(typing.ours.matches && typing.baseline.matches)]),
      ...coldOpenRows(coldOpen),
      row([
        'stored bytes (snapshot + log) / Yjs encodeStateAsUpdate',
        `${count(storedBytes)} / ${count(typing.ours.yjsBytes)} = ${ratio.toFixed(2)}×${coldOpen.complete ? '' : ' (story NOT fully stored)'}`,
        'n/a (keeps nothing)',
        `< ${STORED_RATIO_TARGET}×`,
        yesNo(coldOpen.complete && ratio < STORED_RATIO_TARGET),
      ]),
    );
  }
  if (results.memory) {
    const { ours, baseline } = results.memory;
    lines.push(row([`server RSS per open story (${ours.articles} sample stories, 1 client each)`, kib(ours.perArticle), kib(baseline.perArticle), '', '']));
  }
  if (results.idle) {
    const { ours, baseline } = results.idle;
    const cell = (r: IdleResult) => `${kib1(r.perConnection)} (${(r.spread.min / 1024).toFixed(1)}–${(r.spread.max / 1024).toFixed(1)})`;
    lines.push(
      row([
        `server RSS per idle connection (${count(ours.scenario.connections)} over ${ours.scenario.articles} open stories; median, min–max of ${plural(ours.rounds.length, 'round')})`,
        cell(ours),
        cell(baseline),
        '',
        '',
      ]),
    );
  }
  return lines.join('\n');
}

const NOISY_OTHER_CPU = 25; // % of one core used by other processes that makes latencies suspect
const SATURATED_WORKER_CPU = 80; // % of one core at which a client worker may be queueing

/** Warnings when other processes were busy, or a client worker was near a full core, during the latency runs; else ''. */
export function noiseWarning(results: BenchResults): string {
  const sides = results.latency.flatMap(({ ours, baseline }) => [ours, baseline]);
  if (sides.length === 0) return '';
  const worst = Math.max(...sides.map((r) => r.otherCpu));
  const busiest = Math.max(...sides.map((r) => r.busiestWorkerCpu));
  const warnings = [];
  if (worst > NOISY_OTHER_CPU) {
    warnings.push(
      `**Warning:** other processes on this machine used up to ${worst.toFixed(0)} % of a core during the latency runs (column "other processes" below); those latencies measure the machine's load as much as the servers.`,
    );
  }
  if (busiest > SATURATED_WORKER_CPU) {
    warnings.push(
      `**Warning:** a client worker used ${busiest.toFixed(0)} % of a core in a round (column "busiest worker" below): the clients may have been the bottleneck there; run with more workers (\`--workers N\`) on a machine with more cores.`,
    );
  }
  return warnings.join('\n\n');
}

/** Per scenario and server: p50, p99 and p99.9 with their spread over the rounds, and the CPU of each side. */
export function latencyTable(results: BenchResults): string {
  const lines = [
    row([
      'scenario',
      'server',
      'deliveries',
      'per-peer p50 (rounds min–max)',
      'p99 (min–max)',
      'p99.9 (min–max)',
      'last peer p50 / p99',
      'undelivered',
      'server CPU',
      'clients CPU (workers)',
      'busiest worker',
      'other processes',
    ]),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const pair of results.latency) {
    for (const [name, r] of [['newsroom', pair.ours], ['baseline', pair.baseline]] as const) {
      lines.push(
        row([
          r.scenario.label,
          name,
          count(r.perPeer.pooled.n),
          withSpread(r.perPeer, 'p50'),
          withSpread(r.perPeer, 'p99'),
          withSpread(r.perPeer, 'p999'),
          `${ms(r.lastPeer.pooled.p50)} / ${ms(r.lastPeer.pooled.p99)}`,
          count(r.undelivered),
          percent(r.serverCpu),
          `${percent(r.clientCpu)} (${r.workers})`,
          percent(r.busiestWorkerCpu),
          percent(r.otherCpu),
        ]),
      );
    }
  }
  return lines.join('\n');
}

/** Supporting numbers: trace, memory and idle-connection details. */
export function detailList(results: BenchResults): string {
  const extra: string[] = [];
  if (results.trace) {
    const { typing, cleanStop, stored, coldOpen } = results.trace;
    extra.push(
      `- our server after the trace: ${cleanStop ? 'stored everything and exited on SIGTERM' : `**did not exit within ${STOP_LIMIT_MS / 1000} s of SIGTERM and was killed**`}.`,
      `- automerge-paper typist time: newsroom ${seconds(typing.ours.typistMs)}, baseline ${seconds(typing.baseline.typistMs)}; final text ${count(typing.ours.finalLength)} chars.`,
      `- stored: snapshot ${count(stored.snapshotBytes)} B, log ${count(stored.logBytes)} B in ${stored.logEntries} entries.`,
      `- cold open runs: warm process ${coldOpen.warm.runs.map(ms).join(', ')}; just started ${coldOpen.fresh.runs.map(ms).join(', ')}; client floor ${coldOpen.floor.runs.map(ms).join(', ')} (bare ${coldOpen.bareFloor.runs.map(ms).join(', ')}); ${count(LOG_ENTRIES)}-entry log floor ${coldOpen.log.floor.runs.map(ms).join(', ')} (bare ${coldOpen.log.bareFloor.runs.map(ms).join(', ')}).`,
    );
  }
  if (results.memory) {
    const { ours, baseline } = results.memory;
    extra.push(`- RSS idle → ${ours.articles} open: newsroom ${kib(ours.idleRss)} → ${kib(ours.openRss)}, baseline ${kib(baseline.idleRss)} → ${kib(baseline.openRss)}.`);
  }
  if (results.idle) {
    const rounds = (r: IdleResult) => r.rounds.map((round) => `${kib(round.before)} → ${kib(round.after)} in ${seconds(round.connectMs)}`).join('; ');
    extra.push(
      `- idle connections, RSS with one client per story → with the idle ones too (time to connect them all), per round: newsroom ${rounds(results.idle.ours)}; baseline ${rounds(results.idle.baseline)}.`,
    );
  }
  return extra.join('\n');
}

function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return match?.[1] ?? cpus()[0]?.model ?? 'unknown';
}

// The commit the servers ran from, and whether server/ or model/ differed from it.
function revision(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: new URL('..', import.meta.url), encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'server', 'model') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' plus uncommitted changes in server/ or model/' : ''}`;
  } catch {
    return 'an unknown revision';
  }
}

/** How to run the bench (the head of bench/RESULTS.md). */
export const HOW_TO_RUN = `\`npm run bench\` measures everything below and rewrites this file (meant to take under 10 minutes on 2 cores; take the figures on an otherwise quiet machine). Set TEST_DATABASE_URL and TEST_REDIS_URL to include several instances. Flags (after \`npm run bench --\`):

- \`--quick\`: a smoke run with small scenarios (3–10 keystrokes a typist, 100 editors over 10 stories, 1,000 idle connections), still in ${ROUNDS} rounds; prints the tables and writes nothing unless \`--out\` is given.
- \`--only PART[,PART]\`: only these parts: \`latency\`, \`trace\` (automerge-paper, cold open, stored bytes), \`memory\` (per open story), \`idle\` (per idle connection), \`scale-out\`, \`browser\` (the editor in Chromium), \`offline\` (offline merge); writes nothing unless \`--out\` is given.
- \`--workers N\`: client worker processes (default: one per core, at least 2).
- \`--rounds N\`: rounds per scenario and server (default ${ROUNDS}; fewer only for a smoke run: such a run writes nothing unless \`--out\` is given).
- \`--out FILE\`: where to write the results (a full run writes bench/RESULTS.md).

\`BENCH_PROFILE=DIR\` runs the servers with \`--cpu-prof\`, writing .cpuprofile files to DIR. For the browser part, \`BENCH_BROWSER_MEMORY_MINUTES=0\` skips the simulated hour of typing and \`BENCH_BROWSER_TRACE=FILE\` records a Chromium trace of the first page (split by \`bench/browser-trace.ts\`). \`npx tsx bench/update-cost.ts\` prints the servers' CPU time per update, by thread (main, storage, V8 helpers).`;

const METHOD = `Both servers run as child processes on 127.0.0.1: ours as \`node --import tsx server/main.ts --port 0 --data TMP --log-level warn --connections-per-user 5000\` (the same as the tsx CLI minus its wrapper process, so that the pid, VmRSS and CPU time are the server's own), with its SQLite store in a temporary dir and ${ACCOUNTS} reporters added with \`server/main.ts user add\` (story s is made and edited by reporter s mod ${ACCOUNTS}, so that the per-account quotas on stories loaded per minute never refuse the bench); the baseline as \`setupWSConnection\` of @y/websocket-server 0.1.1 on a ws server (bench/baseline-server.ts). Every latency and idle-connection client is a stock y-websocket \`WebsocketProvider\` (ws as WebSocketPolyfill, \`disableBc: true\`) in one of several client worker processes (bench/client-worker.ts; editors are dealt out to the workers in turn, so the editors of one story sit in different processes), so that no single event loop queues every remote update. Times are the machine-wide monotonic clock (\`process.hrtime\`), which every process shares, so a keystroke typed in one worker and received in another is timed exactly.

Latency: each story starts as the sample story (12 body paragraphs, brought by its first editor); once every editor has it and 1 s has passed, each typing editor inserts one character at a time at its own cursor in a body paragraph, one every 100–200 ms (5–10 chars/s, uniform jitter). A keystroke's latency to a peer runs from just before the local insert until the peer's document has applied it (matched by the character's Yjs client id and clock); "per-peer" counts every (keystroke, other editor) pair, "last peer" is when the last other editor of the story had it. A short warm-up runs first; then each scenario runs in rounds (as many per server as the line above the tables says), interleaved ours, baseline, baseline, ours, ours, baseline, … (each round on new stories with newly connected editors), so that load from elsewhere on the machine falls on both alike. The tables give each percentile over all rounds together and, in brackets, its lowest and highest value in a single round: where those ranges overlap between the servers, the difference is within the noise. CPU columns are % of one core over the typing windows, from /proc: the server process (all threads); the clients (every worker plus the bench's own process) with the number of workers; the busiest single worker in its busiest round (near 100 % that worker's event loop was the bottleneck, and the latencies then include client-side queueing); and everything else on the machine, which is noise: when it is high the latencies say more about the machine than about the servers. In "1,000 editors, 100 stories" two editors of each story type and eight watch, so that the 200 typists make nearly as many deliveries a second as the 50 of one story (about 13,500 against 18,400 at 7.5 chars/s).

Idle connections: in each round, a newly started server process (ours on the same data dir) gets new stories with one client each (bringing the sample story), the server's VmRSS is read (median of 5 readings after a 1 s pause), then the idle clients are connected over those stories (in batches of 100 per worker) and synced, and VmRSS read again; bytes per connection = difference / idle connections. An idle client has no presence (its awareness state is null, so nothing is sent after the sync) and the worker keeps the stock client from taking the silence for a dead socket. The table gives the median of the rounds, and their min–max.

automerge-paper: one client (in the bench process) applies each trace transaction as one Yjs transaction to a body paragraph as fast as it can (yielding to the event loop every 100 transactions, so the watcher in the same process can receive meanwhile); a second client watches until its text equals the typist's final text, which is then compared with the trace's endContent. The watcher gives up ${WATCH_LIMIT_MS / 1000} s after the typist. The stock server sends every update back to its sender too, so its typist also applies 259,778 echoes, which is why its typist time is longer.

Cold open and stored bytes: our server is stopped with SIGTERM (it stores and compacts every open story; the bench kills it after 30 s) and the story's size is read with the store's documentSize. The bench then writes, with the server stopped, ${WARM_OPEN_RUNS + 1} copies of the story (its stored state as the snapshot of new stories) and two stories for a log of ${count(LOG_ENTRIES)} one-keystroke entries after their snapshot, as a crash leaves it. Each open is one new stock client in the first client worker (a process of its own: the bench process holds the typing run's documents, and its heap made its opens slower than the client's own work), timed from \`new WebsocketProvider\` to its \`sync\` event, and checked to have the whole text. "Just started": first a new process whose first open, the moment it listens, is of a long-log story (a starting server also folds such logs in the background, server/collab/long-log-folding.ts: the open shares that work); then a new server process on the data dir per open of the paper story (${COLD_OPEN_RUNS} times). "Up a while": the second long-log story gets its log (with no server running, as after a crash), then one more new process opens one copy, then (a second apart, each never in memory before) the ${WARM_OPEN_RUNS} other copies, then that long-log story: by then the process has folded its log at start, as any server does after a crash, and the open is of a snapshot. The floor is a fresh Y.Doc in that same worker applying the story's stored bytes (snapshot, then each log entry, in one transaction) with an \`update\` listener, which is what a stock client must do at the least: its provider listens for its document's updates (to send its own), so Yjs encodes what the apply changed, here the whole story, to tell it (the issue put that floor at 20–30 ms); the bare floor, reported beside it, is the same apply with no listener (the worker applies it three times before the first open, so that the client's code is warm): taken just before each open of a copy (and three times before the long-log open), so that it meets the same heap and the same warm code as the open it is compared with.

Memory per open story: VmRSS of a fresh server process (median of 5 readings after a 1 s pause) with the sample story open in N stories (one client each, in the bench process), minus the same with none open (after one story was opened and closed, to warm up), divided by N. Our server opens them from its store after a restart; the baseline gets each from its client.`;

const NOT_RUN = { skipped: 'not run' };

/** The whole text of a results file. */
export function resultsText(results: BenchResults): string {
  const { workers, rounds, flags } = results.setup;
  return `# Benchmark results

## How to run

${HOW_TO_RUN}

## Results

Last \`npm run bench${flags ? ` -- ${flags}` : ''}\`: ${new Date().toISOString()} on ${cpuModel()}, ${cpus().length} cores, Node ${process.version}, ${revision()}; ${workers} client workers, ${plural(rounds, 'round')} per scenario and server; the run took ${results.runSeconds.toFixed(0)} s.

${[summaryTable(results), noiseWarning(results)].filter(Boolean).join('\n\n')}

## Keystroke latency

${results.latency.length > 0 ? latencyTable(results) : 'Not run.'}

## Details

${detailList(results) || 'None.'}

## Method

${METHOD}

## Several instances

${scaleOutSection(results.scaleOut)}

## The editor in the browser

${browserSection(results.browser ?? NOT_RUN)}

## Offline merge

${offlineSection(results.offline ?? NOT_RUN)}
`;
}

/** Writes the results to `file`. */
export async function writeResultsFile(results: BenchResults, file: string | URL): Promise<void> {
  await writeFile(file, resultsText(results));
}
