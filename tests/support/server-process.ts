// The server as a real child process (`node --import tsx server/main.ts`), for signals:
// SIGKILL, SIGTERM. Node itself, not the `tsx` command: that one runs the server in a child of
// its own, and a SIGKILL to it would leave the server running as an orphan.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A started server process and the URL it printed. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/** The environment without the variables that choose a store or Redis: tests say so with flags. */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const { DATABASE_URL: _store, REDIS_URL: _redis, ...env } = process.env;
  return env;
};

/** The command line that runs the server's CLI with `args`. */
const serverCommand = (args: string[]) => ['--import', 'tsx', 'server/main.ts', ...args];

/** Runs the server with ARGS and resolves once it prints its listening line. */
export function spawnServer(args: string[], input?: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, serverCommand(args), { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  if (input !== undefined) child.stdin.end(input);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
}

/** Runs the server's CLI with ARGS to completion with `input` on stdin. */
export function runCli(args: string[], input = ''): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, serverCommand(args), { cwd: ROOT, env: cleanEnv() });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
