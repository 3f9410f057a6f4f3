// Starting the two servers under test as child processes on loopback, so that their CPU is
// not shared with the clients' event loop: our server (server/main.ts on a temporary data dir)
// and the stock @y/websocket-server (bench/baseline-server.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from here so that `--import tsx` resolves. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** How long a server may take to exit after SIGTERM before it is killed. */
export const STOP_LIMIT_MS = 30_000;

const USERNAME = 'bench';
const PASSWORD = 'bench-password-1';
const username = (account: number) => (account === 0 ? USERNAME : `${USERNAME}-${account}`);

/**
 * Reporter accounts on our server: story s is created and edited by account s mod ACCOUNTS, so
 * that the per-account quotas (stories loaded per minute, sockets held) count a tenth of the load each.
 */
export const ACCOUNTS = 10;

/** A running server as the benchmark drives it. */
export interface BenchServer {
  /** The server's own process (not a wrapper), for /proc readings. */
  readonly pid: number;
  /** Base URL for WebsocketProvider, `ws://HOST:PORT/collab`. */
  readonly wsUrl: string;
  /** Where the e-th editor of a story connects, when the editors are spread over instances (else all use wsUrl). */
  wsUrlFor?(editor: number): string;
  /** Every server process, when there are several (CPU is counted over all of them). */
  readonly pids?: readonly number[];
  /** Bearer token passed as the `token` param ('' for the baseline, which ignores it): the first account's. */
  readonly token: string;
  /** Every account's token (the first is `token`). */
  readonly tokens?: readonly string[];
  /** Makes a new empty story as account `account` (default the first) and returns its id. */
  createArticle(account?: number): Promise<string>;
  /** SIGTERM, then waits for the process to exit (SIGKILL after STOP_LIMIT_MS); true if it exited with 0. */
  stop(): Promise<boolean>;
}

/** A measurement taken on our server and on the baseline. */
export interface Pair<T> {
  ours: T;
  baseline: T;
}

/** An account of the bench may hold as many sockets as its share of the largest scenario (10,000 idle connections) opens. */
export const BENCH_SERVER_FLAGS = ['--connections-per-user', '5000'];

/** Our server's data dir and how to (re)start a server process on it. */
export interface NewsroomDeployment {
  readonly dataDir: string;
  /** Starts a new server process on the data dir. */
  start(): Promise<BenchServer>;
  /** Deletes the data dir (stop the server first). */
  dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

// BENCH_PROFILE=DIR runs the servers with --cpu-prof, writing .cpuprofile files to DIR on exit.
const profileFlags = () => (process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);

// `node --import tsx` rather than the tsx CLI: the CLI is a wrapper process that would own the
// pid, and VmRSS, CPU time and --cpu-prof must be those of the server itself.
const spawnTs = (args: string[]) =>
  spawn(process.execPath, [...profileFlags(), '--import', 'tsx', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Spawns a server script and resolves with the process and the URL from its `listening on http://…` line. */
export async function spawnServer(name: string, args: string[]): Promise<{ child: ChildProcess; httpUrl: string }> {
  const child = spawnTs(args);
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.stdin.end();
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  const httpUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (!match) return;
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining so the child never blocks on a full pipe
      resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening:\n${output}`)));
  });
  return { child, httpUrl };
}

export async function stopChild(name: string, child: ChildProcess): Promise<boolean> {
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
  const code = await exited(child);
  clearTimeout(kill);
  if (code !== 0) console.warn(`  ${name} ${code === null ? `was killed ${STOP_LIMIT_MS / 1000} s after SIGTERM` : `exited with code ${code}`}`);
  return code === 0;
}

export async function postJson(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Adds a reporter of the bench (`bench`, or `bench-N` for account N > 0) with `server/main.ts user add` to the store that `where` names (`--data DIR` or `--store URL`). */
export async function addUser(where: string[], account = 0): Promise<void> {
  const child = spawnTs(['server/main.ts', 'user', 'add', username(account), '--role', 'reporter', ...where]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(`${PASSWORD}\n`);
  const code = await exited(child);
  if (code !== 0) throw new Error(`user add failed (${code}): ${output}`);
}

/** Signs reporter `account` of the bench in on the server at `httpUrl`; resolves with the token. */
export async function signIn(httpUrl: string, account = 0): Promise<string> {
  return (await postJson(`${httpUrl}/api/session`, { username: username(account), password: PASSWORD })).token as string;
}

/** A temporary data dir with ACCOUNTS reporters (added with the CLI), ready to start servers on. */
export async function prepareNewsroom(): Promise<NewsroomDeployment> {
  const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-bench-'));
  await addUser(['--data', dataDir]); // alone first: it makes the store
  await Promise.all(Array.from({ length: ACCOUNTS - 1 }, (_, i) => addUser(['--data', dataDir], i + 1)));
  let tokens: string[] = []; // sessions are stored, so one sign-in serves every restart
  return {
    dataDir,
    async start() {
      const name = 'newsroom';
      const { child, httpUrl } = await spawnServer(name, ['server/main.ts', '--port', '0', '--data', dataDir, '--log-level', 'warn', ...BENCH_SERVER_FLAGS]);
      if (tokens.length === 0) tokens = await Promise.all(Array.from({ length: ACCOUNTS }, (_, i) => signIn(httpUrl, i)));
      return {
        pid: child.pid!,
        wsUrl: `${httpUrl.replace(/^http/, 'ws')}/collab`,
        token: tokens[0],
        tokens,
        createArticle: async (account = 0) => (await postJson(`${httpUrl}/api/articles`, {}, tokens[account % tokens.length])).id as string,
        stop: () => stopChild(name, child),
      };
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** Starts the stock @y/websocket-server (no auth, no storage) on a free loopback port. */
export async function startBaseline(): Promise<BenchServer> {
  const name = 'y-websocket-server';
  const { child, httpUrl } = await spawnServer(name, ['bench/baseline-server.ts']);
  return {
    pid: child.pid!,
    wsUrl: `${httpUrl.replace(/^http/, 'ws')}/collab`,
    token: '',
    createArticle: async () => randomUUID(),
    stop: () => stopChild(name, child),
  };
}
