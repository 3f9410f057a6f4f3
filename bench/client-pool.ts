// The bench's editors live in several child processes (bench/client-worker.ts), so that no one
// event loop queues every remote update: this is the parent's side, which hands out editors,
// sends commands and reads each worker's CPU time from /proc.
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readCpuMs } from './proc.ts';

/** One editor a worker should open. */
export interface EditorSpec {
  url: string;
  story: string;
  token: string;
  /** Brings the sample story once synced (the first editor of each story). */
  seed: boolean;
  /** Types when the round's typing starts. */
  typist: boolean;
  /** Which body paragraph it types into (mod the story's paragraph count). */
  paragraph: number;
  /** No presence; kept connected without traffic (the idle-connections scenario). */
  idle: boolean;
}

/** A command to a worker. */
export type WorkerRequest = { id: number } & (
  | { op: 'open'; editors: EditorSpec[] }
  | { op: 'await-content'; paragraphs: Record<string, number> }
  | { op: 'record' }
  | { op: 'type'; keystrokes: number }
  | { op: 'received' }
  | { op: 'collect' }
  // One new stock client opens `story`: connect → synced, and whether it got `expected` (paragraph, text length).
  | { op: 'cold-open'; url: string; story: string; token: string; expected: [number, number] }
  // A fresh Y.Doc applies `stored`, bare and with an 'update' listener as a provider's (the client's floors for a cold open): how long each took.
  | { op: 'floor'; stored: { snapshot: Uint8Array | null; updates: Uint8Array[] } }
  | { op: 'close' }
);

/** A worker's answer to the request with the same id (id 0: it is ready). */
export type WorkerReply = { id: number; result?: unknown; error?: string };

type Command = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER = fileURLToPath(new URL('./client-worker.ts', import.meta.url));

/** How many client workers by default: one per core, at least two. */
export const DEFAULT_WORKERS = Math.max(2, cpus().length);

/** Worker processes holding the bench's editors. */
export class ClientPool {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(private readonly children: ChildProcess[]) {
    for (const child of children) {
      child.on('message', (reply: WorkerReply) => {
        const pending = this.waiting.get(reply.id);
        if (!pending) return;
        this.waiting.delete(reply.id);
        if (reply.error !== undefined) pending.reject(new Error(`client worker ${child.pid}: ${reply.error}`));
        else pending.resolve(reply.result);
      });
    }
  }

  /** Starts `count` workers and resolves once each has loaded the sample story. */
  static async start(count = DEFAULT_WORKERS): Promise<ClientPool> {
    const children = Array.from({ length: count }, () =>
      fork(WORKER, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve, reject) => {
            child.once('message', () => resolve());
            child.once('exit', (code) => reject(new Error(`a client worker exited with ${code} before it was ready`)));
          }),
      ),
    );
    return new ClientPool(children);
  }

  /** How many workers there are. */
  get size(): number {
    return this.children.length;
  }

  /** Sends `command` to worker `index` and resolves with its answer. */
  send<T>(index: number, command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.children[index].send({ ...command, id });
    });
  }

  /** Sends `command(i)` to every worker i at once; resolves with their answers in order. */
  each<T>(command: (index: number) => Command): Promise<T[]> {
    return Promise.all(this.children.map((_, i) => this.send<T>(i, command(i))));
  }

  /** The CPU time each worker has used so far, ms. */
  cpuMs(): number[] {
    return this.children.map((child) => readCpuMs(child.pid!));
  }

  /** Ends the workers (they exit when the IPC channel closes). */
  stop(): void {
    for (const child of this.children) child.disconnect();
  }
}

/** Deals `items` out to `workers` in turn: item i goes to worker i mod workers. */
export function deal<T>(items: readonly T[], workers: number): T[][] {
  const hands: T[][] = Array.from({ length: workers }, () => []);
  items.forEach((item, i) => hands[i % workers].push(item));
  return hands;
}
