// Starting a real server on port 0 with its own temporary data dir, and signing users in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../server/start-server.ts';
import type { Logger } from '../../server/log.ts';
import type { Role } from '../../model/roles.ts';

/** A logger that keeps lines for assertions and prints nothing. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  debug = (m: string) => void this.lines.push(`debug ${m}`);
  info = (m: string) => void this.lines.push(`info ${m}`);
  warn = (m: string) => void this.lines.push(`warn ${m}`);
  error = (m: string, e?: unknown) => void this.lines.push(`error ${m}${e ? ` ${(e as Error).message ?? e}` : ''}`);
  /** Lines containing `text`. */
  matching(text: string): string[] {
    return this.lines.filter((l) => l.includes(text));
  }
}

/** A running test server with helpers. */
export interface TestServer {
  server: RunningServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  logger: MemoryLogger;
  /** Adds a user with `role` (password "password1") and returns a fresh token. */
  user(username: string, role: Role): Promise<{ token: string; id: string }>;
  /** Signs in and returns the token. */
  signIn(username: string, password?: string): Promise<string>;
  /** Creates a story as the token's user; returns its id. */
  createArticle(token: string, body?: Record<string, unknown>): Promise<string>;
  /** fetch against the server with an optional bearer token. */
  api(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Stops the server (storing everything). */
  stop(): Promise<void>;
  /** Stops, then starts a new server on the same data dir (and port). */
  restart(): Promise<TestServer>;
  /** Stops the server and deletes the data dir. */
  dispose(): Promise<void>;
}

/**
 * Starts a server on port 0 (or `port`) over `dataDir` (a new temp dir by default). `started`
 * hears of it, and of every server its `restart` starts (the fixtures dispose of them all).
 */
export async function startTestServer(options: Partial<ServerOptions> = {}, started?: (server: TestServer) => void): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'newsroom-test-')));
  const logger = (options.logger as MemoryLogger | undefined) ?? new MemoryLogger();
  const server = await startServer({ port: 0, ...options, dataDir, logger });
  const url = server.url;
  let stopped = false;

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

  const signIn = async (username: string, password = 'password1') => {
    const response = await api('/api/session', { method: 'POST', json: { username, password } });
    if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };

  const self: TestServer = {
    server,
    url,
    wsUrl: url.replace(/^http/, 'ws') + '/collab',
    dataDir,
    logger,
    async user(username, role) {
      const user = await server.accounts.addUser({ username, role, password: 'password1' });
      return { token: await signIn(username), id: user.id };
    },
    signIn,
    async createArticle(token, body = {}) {
      const response = await api('/api/articles', { method: 'POST', token, json: body });
      if (response.status !== 201 && response.status !== 200) throw new Error(`create failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    api,
    stop,
    async restart() {
      await stop();
      return startTestServer({ ...options, dataDir, port: server.port, logger }, started);
    },
    async dispose() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  started?.(self);
  return self;
}
