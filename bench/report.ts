// The results table (printed and written to bench/RESULTS.md with the machine it ran on).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { COLD_OPEN_RUNS, type ColdOpenResult, type StoredSize } from './cold-open.ts';
import type { LatencyResult } from './latency.ts';
import type { MemoryResult } from './memory.ts';
import type { ScaleOutOutcome } from './scale-out.ts';
import { scaleOutSection } from './scale-out-report.ts';
import { STOP_LIMIT_MS, type Pair } from './servers.ts';
import { WATCH_LIMIT_MS, type TraceResult } from './trace.ts';

/** Everything one run measured. */
export interface BenchResults {
  latency: Pair<LatencyResult>[];
  /** Null when the editing traces are absent. */
  trace: {
    typing: Pair<TraceResult>;
    /** Our server exited by itself after SIGTERM, having stored everything. */
    cleanStop: boolean;
    stored: StoredSize;
    coldOpen: ColdOpenResult;
  } | null;
  memory: Pair<MemoryResult>;
  /** Two instances on Postgres and Redis, or why they were not measured. */
  scaleOut: ScaleOutOutcome;
  /** Wall-clock time of the whole run, seconds. */
  runSeconds: number;
}

const LATENCY_SLACK = 1.2; // ours may be at most 20 % slower than the baseline
const COLD_OPEN_TARGET_MS = 150;
const STORED_RATIO_TARGET = 3;

const ms = (value: number) => `${value.toFixed(2)} ms`;
const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(2)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const count = (value: number) => value.toLocaleString('en-US');
const yesNo = (ok: boolean) => (ok ? 'yes' : '**NO**');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const unfinished = `**did not finish** (watcher gave up ${WATCH_LIMIT_MS / 1000} s after the typist)`;
const traceTime = (r: TraceResult, valueMs: number) => (r.finished ? seconds(valueMs) : unfinished);

/** The main table: each measure for both servers, with its target and whether it is met. */
export function summaryTable(results: BenchResults): string {
  const lines = [row(['measure', 'newsroom', 'y-websocket-server 0.1.1', 'target', 'met']), row(['---', '---:', '---:', '---', '---'])];
  for (const { ours, baseline } of results.latency) {
    const p50ok = ours.perPeer.p50 <= baseline.perPeer.p50 * LATENCY_SLACK;
    const p99ok = ours.perPeer.p99 <= baseline.perPeer.p99 * LATENCY_SLACK;
    lines.push(
      row([
        `keystroke-to-peer p50 / p99, ${ours.scenario.label}`,
        `${ms(ours.perPeer.p50)} / ${ms(ours.perPeer.p99)}`,
        `${ms(baseline.perPeer.p50)} / ${ms(baseline.perPeer.p99)}`,
        'each ≤ baseline + 20 %',
        `${yesNo(p50ok)} / ${yesNo(p99ok)}`,
      ]),
    );
  }
  const trace = results.trace;
  if (!trace) {
    lines.push(row(['automerge-paper trace, cold open, stored bytes', 'skipped: no editing traces', 'skipped', '', '']));
  } else {
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
      row([
        `cold open of that story, connect → synced (median of ${coldOpen.runs.length} restarts)`,
        `${ms(coldOpen.median)}${coldOpen.complete ? '' : ' (story NOT fully stored)'}`,
        'n/a (keeps nothing)',
        `< ${COLD_OPEN_TARGET_MS} ms`,
        yesNo(coldOpen.complete && coldOpen.median < COLD_OPEN_TARGET_MS),
      ]),
      row([
        'stored bytes (snapshot + log) / Yjs encodeStateAsUpdate',
        `${count(storedBytes)} / ${count(typing.ours.yjsBytes)} = ${ratio.toFixed(2)}×${coldOpen.complete ? '' : ' (story NOT fully stored)'}`,
        'n/a (keeps nothing)',
        `< ${STORED_RATIO_TARGET}×`,
        yesNo(coldOpen.complete && ratio < STORED_RATIO_TARGET),
      ]),
    );
  }
  const { ours, baseline } = results.memory;
  lines.push(row([`server RSS per open story (${ours.articles} sample stories, 1 client each)`, kib(ours.perArticle), kib(baseline.perArticle), '', '']));
  return lines.join('\n');
}

const NOISY_OTHER_CPU = 25; // % of one core used by other processes that makes latencies suspect

/** A warning when other processes were busy during the latency runs, else ''. */
export function noiseWarning(results: BenchResults): string {
  const worst = Math.max(...results.latency.flatMap(({ ours, baseline }) => [ours.otherCpu, baseline.otherCpu]));
  return worst > NOISY_OTHER_CPU
    ? `**Warning:** other processes on this machine used up to ${worst.toFixed(0)} % of a core during the latency runs (column "other processes" below); those latencies measure the machine's load as much as the servers.`
    : '';
}

/** Supporting numbers: sample counts, last-peer latency, CPU use, trace and memory details. */
export function detailTable(results: BenchResults): string {
  const lines = [
    row(['scenario', 'server', 'deliveries', 'per-peer p50 / p99', 'last peer p50 / p99', 'undelivered', 'server CPU', 'bench CPU', 'other processes']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const pair of results.latency) {
    for (const [name, r] of [['newsroom', pair.ours], ['baseline', pair.baseline]] as const) {
      lines.push(
        row([
          r.scenario.label,
          name,
          count(r.perPeer.n),
          `${ms(r.perPeer.p50)} / ${ms(r.perPeer.p99)}`,
          `${ms(r.lastPeer.p50)} / ${ms(r.lastPeer.p99)}`,
          count(r.undelivered),
          `${r.serverCpu.toFixed(0)} %`,
          `${r.clientCpu.toFixed(0)} %`,
          `${r.otherCpu.toFixed(0)} %`,
        ]),
      );
    }
  }
  const extra: string[] = [];
  if (results.trace) {
    const { typing, cleanStop, stored, coldOpen } = results.trace;
    extra.push(
      `- our server after the trace: ${cleanStop ? 'stored everything and exited on SIGTERM' : `**did not exit within ${STOP_LIMIT_MS / 1000} s of SIGTERM and was killed**`}.`,
      `- automerge-paper typist time: newsroom ${seconds(typing.ours.typistMs)}, baseline ${seconds(typing.baseline.typistMs)}; final text ${count(typing.ours.finalLength)} chars.`,
      `- stored: snapshot ${count(stored.snapshotBytes)} B, log ${count(stored.logBytes)} B in ${stored.logEntries} entries.`,
      `- cold open runs: ${coldOpen.runs.map(ms).join(', ')}.`,
    );
  }
  const { ours, baseline } = results.memory;
  extra.push(
    `- RSS idle → ${ours.articles} open: newsroom ${kib(ours.idleRss)} → ${kib(ours.openRss)}, baseline ${kib(baseline.idleRss)} → ${kib(baseline.openRss)}.`,
  );
  return `${lines.join('\n')}\n\n${extra.join('\n')}`;
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

const METHOD = `Both servers run as child processes on 127.0.0.1, so that their CPU is not shared with the clients' event loop: ours as \`node --import tsx server/main.ts --port 0 --data TMP --log-level warn\` (the same as the tsx CLI minus its wrapper process, so that the pid, VmRSS and CPU time are the server's own), with its SQLite store in a temporary dir and one reporter added with \`server/main.ts user add\`; the baseline as \`setupWSConnection\` of @y/websocket-server 0.1.1 on a ws server (bench/baseline-server.ts). Every client is a stock y-websocket \`WebsocketProvider\` (ws as WebSocketPolyfill, \`disableBc: true\`) in the bench process, and every time is \`performance.now()\` in that process.

Latency: each story starts as the sample story (12 body paragraphs, brought by the first editor); once every editor has it and 1 s has passed, each typing editor inserts one character at a time at its own cursor in a body paragraph, one every 100–200 ms (5–10 chars/s, uniform jitter). A keystroke's latency to a peer runs from just before the local insert until the peer's document has applied it (matched by the character's Yjs client id and clock); "per-peer" counts every (keystroke, other editor) pair, "last peer" is when the last other editor of the story had it. A short warm-up runs first; each scenario runs in two rounds per server, in the order ours, baseline, baseline, ours (each round types half the keystrokes), and each server's rounds are pooled, so that load from elsewhere on the machine falls on both alike. CPU columns are % of one core over the typing window, from /proc: the server process (all threads), the bench process, and everything else on the machine; the last one is noise, and when it is high the latencies say more about the machine than about the servers. With 50 editors in one story the bench process applies 49 remote updates per keystroke on one event loop, so the tail there is mostly client-side queueing, the same for both servers.

automerge-paper: one client applies each trace transaction as one Yjs transaction to a body paragraph as fast as it can (yielding to the event loop every 100 transactions, so the watcher in the same process can receive meanwhile); a second client watches until its text equals the typist's final text, which is then compared with the trace's endContent. The watcher gives up ${WATCH_LIMIT_MS / 1000} s after the typist. The stock server sends every update back to its sender too, so its typist also applies 259,778 echoes, which is why its typist time is longer.

Cold open and stored bytes: our server is stopped with SIGTERM (it stores and compacts every open story; the bench kills it after 30 s), the story's size is read with the store's documentSize, then a new server process is started on the same data dir and one new client is timed from \`new WebsocketProvider\` to its \`sync\` event, ${COLD_OPEN_RUNS} times. The Yjs size is \`Y.encodeStateAsUpdate\` of the typist's document.

Memory: VmRSS of a fresh server process (median of 5 readings after a 1 s pause) with the sample story open in N stories (one client each), minus the same with none open (after one story was opened and closed, to warm up), divided by N. Our server opens them from its store after a restart; the baseline gets each from its client.`;

/** Writes bench/RESULTS.md. */
export async function writeResultsFile(results: BenchResults): Promise<void> {
  const text = `# Benchmark results

Last \`npm run bench\`: ${new Date().toISOString()} on ${cpuModel()}, ${cpus().length} cores, Node ${process.version}, ${revision()}; the run took ${results.runSeconds.toFixed(0)} s.

${[summaryTable(results), noiseWarning(results)].filter(Boolean).join('\n\n')}

## Details

${detailTable(results)}

## Method

${METHOD}

## Several instances

${scaleOutSection(results.scaleOut)}
`;
  await writeFile(new URL('./RESULTS.md', import.meta.url), text);
}
