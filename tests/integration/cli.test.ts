// The real command line as a child process (never through npm, so signals reach it): user add and
// reset-password, serve with flags or environment, --demo, usage errors and SIGTERM. The first
// serve runs exactly as `npm run server` does (`tsx server/main.ts`); the others run server/main.ts
// bundled once for this file (tests/support/cli-bundle.ts): the same code, a third of the start-up.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../model/with-timeout.ts';
import { parseArgs } from '../../server/cli/args.ts';
import { bundleServerCli, type CliBundle } from '../support/cli-bundle.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ROLES = ['viewer', 'reporter', 'desk', 'editor', 'admin'];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Cli {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process has exited and its output is read. */
  exited: Promise<Exit>;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

const processes: Cli[] = [];
const dirs: string[] = [];
let bundle: CliBundle;

beforeAll(async () => {
  bundle = await bundleServerCli();
});
afterAll(async () => {
  await bundle?.remove();
});

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

// Each CLI runs in its own process group (detached), so tsx and the node process it starts
// go together.
function killGroup(child: ChildProcess): void {
  if (!isRunning(child) || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

afterEach(async () => {
  for (const cli of processes.splice(0)) {
    killGroup(cli.child);
    await withTimeout(cli.exited, 5000, undefined);
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'newsroom-cli-'));
  dirs.push(dir);
  return dir;
}

/**
 * Runs server/main.ts with `args` (bundled; `tsx: true` runs `tsx server/main.ts` as npm does); `stdin` is
 * written and closed; killed after `timeoutMs`.
 */
function cli(args: string[], options: { env?: Record<string, string>; stdin?: string; timeoutMs?: number; tsx?: boolean } = {}): Cli {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of ['PORT', 'HOST', 'NEWSROOM_DATA', 'DATABASE_URL', 'REDIS_URL']) delete env[name];
  Object.assign(env, options.env);
  const [command, ...entry] = options.tsx ? [TSX, 'server/main.ts'] : [process.execPath, bundle.path];
  const child = spawn(command, [...entry, ...args], { cwd: ROOT, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {});
  if (options.stdin !== undefined) child.stdin.end(options.stdin);
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const timer = setTimeout(() => killGroup(child), options.timeoutMs ?? 30_000);
  void exited.then(() => clearTimeout(timer));

  const self: Cli = {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) {
            done();
            resolve(match);
          }
        };
        const onExit = () => {
          done();
          reject(new Error(`exited before printing ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`));
        };
        const onTimeout = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(onTimeout);
          child.stdout.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout.on('data', check);
        child.once('exit', onExit);
        check();
        if (!isRunning(child)) setTimeout(() => (pattern.exec(stdout) ? check() : onExit()), 50);
      });
    },
  };
  processes.push(self);
  return self;
}

/** Runs a command to completion. */
async function run(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) {
  const p = cli(args, { stdin: '', ...options });
  const exit = await p.exited;
  return { ...exit, stdout: p.stdout, stderr: p.stderr };
}

const LISTENING = /listening on (http:\/\/(\S+):(\d+))(?=\s|$)/;

/** The demo password, printed alone on its line once, at the first --demo start. */
const DEMO_PASSWORD_LINE = /^ {4}([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})$/m;

/** Starts the server and resolves with its URL from the listening line. */
async function serve(args: string[], env?: Record<string, string>, tsx = false): Promise<{ cli: Cli; url: string; port: number }> {
  const p = cli(args, { env, stdin: '', tsx });
  const match = await p.waitFor(LISTENING);
  // One answer proves the turn that printed the line is over, and with it the setting of the SIGTERM handler
  // (server/main.ts sets it just after printing: a signal sent at once could find the default handler).
  await (await fetch(`${match[1]}/api/session`)).arrayBuffer();
  return { cli: p, url: match[1], port: Number(match[3]) };
}

async function signIn(url: string, username: string, password: string) {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as { token?: string; user?: { username: string; role: string } } };
}

async function stop(p: Cli): Promise<Exit> {
  p.child.kill('SIGTERM');
  return p.exited;
}

describe('user add', () => {
  it('adds a user whose password (from stdin) then signs in on the served data dir; SIGTERM exits 0', async () => {
    const data = await tempDir();
    const added = await run(['user', 'add', 'alice', '--role', 'editor', '--data', data], { stdin: 'long enough secret\n' });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('added alice');
    expect(existsSync(join(data, 'newsroom.sqlite'))).toBe(true);

    // As `npm run server` starts it (tsx), so SIGTERM is seen to go through tsx to the server.
    const { cli: server, url, port } = await serve(['--port', '0', '--data', data], undefined, true);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(4455);
    const ok = await signIn(url, 'alice', 'long enough secret');
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'alice', role: 'editor' });
    expect(ok.body.token).toEqual(expect.any(String));
    // Only the first line is the password.
    expect((await signIn(url, 'alice', 'long enough secret\n')).status).toBe(401);

    const exit = await stop(server);
    expect(exit).toEqual({ code: 0, signal: null });
    await expect(fetch(`${url}/api/articles`)).rejects.toThrow();
  });

  it('refuses an unknown role, naming the valid ones, and adds nobody', async () => {
    const data = await tempDir();
    const result = await run(['user', 'add', 'bob', '--role', 'wizard', '--data', data], { stdin: 'long enough secret\n' });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('wizard');
    for (const role of ROLES) expect(result.stderr).toContain(role);
    // bob was not added: the name is still free.
    const again = await run(['user', 'add', 'bob', '--role', 'reporter', '--data', data], { stdin: 'long enough secret\n' });
    expect(again.code, again.stderr).toBe(0);
  });

  it('refuses a password shorter than 8 characters with a clear message', async () => {
    const data = await tempDir();
    const result = await run(['user', 'add', 'carol', '--role', 'reporter', '--data', data], { stdin: 'short\n' });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toMatch(/password/i);
    expect(result.stderr).toMatch(/\b8\b/);
  });

  it('refuses a taken username', async () => {
    const data = await tempDir();
    const first = await run(['user', 'add', 'dan', '--role', 'desk', '--data', data], { stdin: 'long enough secret\n' });
    expect(first.code, first.stderr).toBe(0);
    const second = await run(['user', 'add', 'dan', '--role', 'editor', '--data', data], { stdin: 'another secret\n' });
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    expect(second.stderr).toContain('taken');
    // …and says what to do instead.
    expect(second.stderr).toContain('user reset-password dan');
    expect(second.stdout).not.toContain('added');
  });

  it('refuses an empty stdin with a usage error (exit 2)', async () => {
    const data = await tempDir();
    const result = await run(['user', 'add', 'erin', '--role', 'reporter', '--data', data], { stdin: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stdin/);
  });
});

describe('user reset-password', () => {
  it('sets a new password from stdin: the old one stops working, the new one signs in, and the user’s sessions end', async () => {
    const data = await tempDir();
    expect((await run(['user', 'add', 'fay', '--role', 'desk', '--data', data], { stdin: 'first password\n' })).code).toBe(0);
    const { cli: server, url } = await serve(['--port', '0', '--data', data]);
    const before = await signIn(url, 'fay', 'first password');
    expect(before.status).toBe(200);

    const reset = await run(['user', 'reset-password', 'fay', '--data', data], { stdin: 'second password\n' });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain('new password set for fay');
    expect((await signIn(url, 'fay', 'first password')).status).toBe(401);
    expect((await signIn(url, 'fay', 'second password')).status).toBe(200);
    // The session opened with the old password is over, on the running server too.
    expect((await fetch(`${url}/api/session`, { headers: { authorization: `Bearer ${before.body.token}` } })).status).toBe(401);
    expect(await stop(server)).toEqual({ code: 0, signal: null });
  });

  it('refuses an unknown user and a short password, changing nothing', async () => {
    const data = await tempDir();
    expect((await run(['user', 'add', 'gus', '--role', 'desk', '--data', data], { stdin: 'first password\n' })).code).toBe(0);
    const unknown = await run(['user', 'reset-password', 'nobody', '--data', data], { stdin: 'second password\n' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user nobody');
    const short = await run(['user', 'reset-password', 'gus', '--data', data], { stdin: 'short\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/\b8\b/);
    const { cli: server, url } = await serve(['--port', '0', '--data', data]);
    expect((await signIn(url, 'gus', 'first password')).status).toBe(200);
    expect(await stop(server)).toEqual({ code: 0, signal: null });
  });
});

describe('usage', () => {
  it('--port notanumber exits 2 with the usage text', async () => {
    const result = await run(['--port', 'notanumber']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('notanumber');
    expect(result.stderr).toContain('Usage:');
    expect(result.stdout).not.toContain('listening');
  });

  it('an unknown option exits 2 with the usage text', async () => {
    const result = await run(['--frobnicate', 'yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--frobnicate');
    expect(result.stderr).toContain('Usage:');
  });

  it('--help and -h print the usage and exit 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
    expect(result.stdout).toContain('--port');
    expect(result.stdout).toContain('user add');
    expect(result.stdout).not.toContain('listening');
    // -h is the same command as --help (what a command prints is the process's part, seen above).
    expect(parseArgs(['-h'], {})).toEqual(parseArgs(['--help'], {}));
  });
});

describe('serve', () => {
  it('--demo seeds an empty data dir once (the sample story on the News desk, Dana on it) with a random password printed once and stored only hashed; a second start adds nothing', async () => {
    const data = await tempDir();
    const first = await serve(['--demo', '--port', '0', '--data', data]);
    const out = first.cli.stdout;
    expect(out).toMatch(/^\s+ana\s+reporter\b/m);
    expect(out).toMatch(/^\s+ed\s+editor\b/m);
    expect(out).toMatch(/^\s+dana\s+desk\b/m);
    expect(out).toMatch(/^\s+vic\s+viewer\b/m);
    expect(out).toMatch(/^\s+admin\s+admin\b/m);
    expect(out.indexOf('ana')).toBeLessThan(out.search(LISTENING));
    const password = DEMO_PASSWORD_LINE.exec(out)![1];
    expect(out).toContain(`user reset-password NAME --data ${data}`);
    // The published password of old opens nothing.
    expect((await signIn(first.url, 'ana', 'newsroom')).status).toBe(401);

    const ana = await signIn(first.url, 'ana', password);
    expect(ana.status).toBe(200);
    expect(ana.body.user?.role).toBe('reporter');
    const list = async (url: string, token: string) =>
      (await (await fetch(`${url}/api/articles`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string; headline: string }[];
    const articles = await list(first.url, ana.body.token!);
    expect(articles).toHaveLength(1);
    expect(articles[0].headline.trim()).not.toBe('');
    // The sample story is on a real desk, News, and the desk editor is on it ("My desks" works from the start).
    const dana = await signIn(first.url, 'dana', password);
    const session = (await (await fetch(`${first.url}/api/session`, { headers: { authorization: `Bearer ${dana.body.token!}` } })).json()) as { desks: string[] };
    const desks = (await (await fetch(`${first.url}/api/desks`, { headers: { authorization: `Bearer ${dana.body.token!}` } })).json()) as { desks: { id: string; name: string }[] };
    expect(desks.desks.map((d) => d.name)).toEqual(['News']);
    expect(session.desks).toEqual([desks.desks[0].id]);
    expect(articles[0]).toMatchObject({ desk: 'News', deskId: desks.desks[0].id });
    expect(await stop(first.cli)).toEqual({ code: 0, signal: null });
    // Nothing in the data dir holds the password in clear.
    for (const file of readdirSync(data, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())) {
      expect(readFileSync(join(file.parentPath, file.name)).includes(password), file.name).toBe(false);
    }

    const second = await serve(['--demo', '--port', '0', '--data', data]);
    expect(second.cli.stdout).not.toMatch(/^\s+ana\s+reporter\b/m);
    expect(second.cli.stdout).not.toContain(password);
    expect(second.cli.stdout).toContain('already holds a newsroom');
    expect(second.cli.stdout).toContain('user reset-password NAME');
    const again = await signIn(second.url, 'ana', password);
    expect(again.status).toBe(200);
    const articlesAgain = await list(second.url, again.body.token!);
    expect(articlesAgain.map((s) => s.id)).toEqual([articles[0].id]);
    expect(await stop(second.cli)).toEqual({ code: 0, signal: null });

    // Another data dir, another password.
    const other = await serve(['--demo', '--port', '0', '--data', await tempDir()]);
    expect(DEMO_PASSWORD_LINE.exec(other.cli.stdout)![1]).not.toBe(password);
    expect(await stop(other.cli)).toEqual({ code: 0, signal: null });
  });

  it('PORT, HOST and NEWSROOM_DATA work like the flags', async () => {
    const data = join(await tempDir(), 'nested');
    const { cli: server, url } = await serve([], { PORT: '0', HOST: '127.0.0.1', NEWSROOM_DATA: data });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:4455$/);
    expect(server.stdout).toContain(data);
    expect(existsSync(join(data, 'newsroom.sqlite'))).toBe(true);
    const refused = await fetch(`${url}/api/articles`);
    expect(refused.status).toBe(401);
    expect(await stop(server)).toEqual({ code: 0, signal: null });
  });

  it('flags beat the environment', async () => {
    const flagged = await tempDir();
    const ignored = join(await tempDir(), 'ignored');
    const { cli: server } = await serve(['--port', '0', '--data', flagged], { PORT: 'notanumber', NEWSROOM_DATA: ignored });
    expect(existsSync(join(flagged, 'newsroom.sqlite'))).toBe(true);
    expect(existsSync(ignored)).toBe(false);
    expect(await stop(server)).toEqual({ code: 0, signal: null });
  });

  it('survives a request whose target is not a valid URL (GET //[)', async () => {
    const data = await tempDir();
    const { cli: server, url, port } = await serve(['--port', '0', '--data', data]);
    const status = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('error', () => {});
      socket.on('close', () => resolve(data.split('\r\n')[0]));
      setTimeout(() => socket.destroy(), 3000);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isRunning(server.child), `the server process died:\n${server.stderr}`).toBe(true);
    expect(status).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect((await fetch(`${url}/api/articles`)).status).toBe(401);
    expect(await stop(server)).toEqual({ code: 0, signal: null });
  });
});
