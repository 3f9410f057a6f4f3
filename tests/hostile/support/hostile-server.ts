// Starting the real server as a child process for an attack, and measuring it from outside:
// resident memory (before, peak while sampling, after) and its log lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/server-process.ts';

/** The password of every user `startHostileServer` creates. */
export const HOSTILE_PASSWORD = 'password1';

/** Text in a call's arguments that makes a store call named in `failingStoreCalls` throw (other calls go through). */
export const FAILING_MARK = 'hostile-fail';

/** Users every hostile server has: two honest reporters, an editor, and attackers of two roles. */
export const HOSTILE_USERS = { ana: 'reporter', ben: 'reporter', ed: 'editor', vic: 'viewer', mallory: 'reporter' } as const;

/** A username of the hostile suite. */
export type HostileUser = keyof typeof HOSTILE_USERS;

/** A running server process under attack. */
export interface HostileServer {
  url: string;
  wsUrl: string;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** Log lines containing `text`. */
  logLines(text: string): string[];
  /** The server's resident set size now, in bytes. */
  rss(): number;
  /** Samples RSS every 50 ms until the returned function is called; it resolves with the peak. */
  sampleRss(): () => number;
  /** A fresh session token for `username`. */
  token(username: HostileUser): Promise<string>;
  /** fetch with an optional bearer token and JSON body. */
  api(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Creates a story as `token`'s user; returns its id. */
  createArticle(token: string, headline?: string): Promise<string>;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | string>;
  /** Stops and starts a new process on the same data dir; the old handle is spent. */
  restart(): Promise<HostileServer>;
  /** Stops and removes the data dir. */
  dispose(): Promise<void>;
}

function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib * 1024;
}

/** Starts the real server in a child process over `dataDir` (a fresh temp dir by default). */
export async function startHostileServer(
  options: { dataDir?: string; serverOptions?: Record<string, unknown>; addUsers?: boolean; failingStoreCalls?: string[] } = {},
): Promise<HostileServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'newsroom-hostile-')));
  const users = options.addUsers === false ? [] : Object.entries(HOSTILE_USERS).map(([name, role]) => `${name}:${role}`);
  const { DATABASE_URL: _store, REDIS_URL: _redis, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/hostile/support/server-child.ts', dataDir, ...users], {
    cwd: ROOT,
    env: {
      ...env,
      HOSTILE_PASSWORD,
      HOSTILE_SERVER_OPTIONS: JSON.stringify(options.serverOptions ?? {}),
      HOSTILE_FAILING_STORE_CALLS: (options.failingStoreCalls ?? []).join(','),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });

  const api = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(url + path, { ...init, headers, body });
  };
  let stopped: Promise<number | string> | null = null;
  const stop = () =>
    (stopped ??= (() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    })());

  const self: HostileServer = {
    url,
    wsUrl: url.replace(/^http/, 'ws') + '/collab',
    pid: child.pid!,
    dataDir,
    child,
    output: () => output,
    logLines: (text) => output.split('\n').filter((line) => line.includes(text)),
    rss: () => readRss(child.pid!),
    sampleRss() {
      let peak = readRss(child.pid!);
      const timer = setInterval(() => {
        try {
          peak = Math.max(peak, readRss(child.pid!));
        } catch {
          // the process has exited; keep the peak seen so far
        }
      }, 50);
      return () => {
        clearInterval(timer);
        return peak;
      };
    },
    async token(username) {
      const response = await api('/api/session', { method: 'POST', json: { username, password: HOSTILE_PASSWORD } });
      if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    api,
    async createArticle(token, headline = 'A story under attack') {
      const response = await api('/api/articles', { method: 'POST', token, json: { headline } });
      if (response.status !== 201) throw new Error(`creating a story failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    stop,
    async restart() {
      await stop();
      return startHostileServer({ ...options, dataDir, addUsers: false });
    },
    async dispose() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}
