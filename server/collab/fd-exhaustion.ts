// Running out of file descriptors. Every socket holds one; at the process's limit, new
// connections fail, and Node says nothing: libuv accepts and at once closes connections it has
// no descriptor for (and reports EMFILE/ENFILE to the server only when even that fails). So the
// count is watched as connections arrive (this server's connections counted one by one, the rest
// listed now and then), and one loud line per burst says how to raise the limit.
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../log.ts';

/** How to raise the limit, for the log line (and the README). */
export const RAISE_THE_LIMIT =
  'raise it (for example `ulimit -n 65536` in the shell that starts the server, LimitNOFILE=65536 in its systemd unit, or `--ulimit nofile=65536:65536` for Docker) and restart';

/** The process's soft limit on open files, or null where /proc is not there (not Linux). */
function openFileLimit(): number | null {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Descriptors open now; Infinity when even listing them needs one more than there is. */
function openFiles(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EMFILE' || code === 'ENFILE' ? Infinity : 0; // a watcher never takes the server down
  }
}

/** Watches `server`'s connections for the descriptor limit; returns a function that stops watching. */
export function watchFileDescriptors(server: Server, logger: Logger, recountEveryMs = 1000): () => void {
  // Read again at every recount: the limit of a running process can be changed (prlimit).
  let limit = openFileLimit();
  /** This server's open connections, counted as they come and go (cheap enough for every one). */
  let sockets = 0;
  /** Descriptors that are not this server's connections (files, the store, other servers), as last counted. */
  let others = 0;
  let inBurst = false;
  let countedAt = -Infinity;
  let trailing: NodeJS.Timeout | null = null;

  // `count` is null when even counting needed a descriptor there was none left for.
  const report = (count: number | null, what = 'the process') => {
    if (inBurst) return;
    inBurst = true;
    const inUse = count === null ? `every descriptor ${what} may open is in use` : `${count} in use, the limit is ${limit}`;
    logger.error(`OUT OF FILE DESCRIPTORS: ${inUse}; new connections are being refused. ${RAISE_THE_LIMIT}`);
  };
  // Near the limit counts as out of it: the last few descriptors go to whatever asks first.
  const isFull = (count: number) => limit !== null && count >= limit - Math.max(8, Math.floor(limit / 50));

  const recount = () => {
    countedAt = performance.now();
    limit = openFileLimit() ?? limit;
    const count = openFiles();
    if (limit === null) return;
    if (Number.isFinite(count)) others = Math.max(0, count - sockets);
    if (isFull(count)) report(Number.isFinite(count) ? count : null);
    else if (count < limit * 0.8) inBurst = false; // the burst is over; the next one is reported again
  };
  // Every connection is checked against the last count; the descriptors are listed again at most
  // once per `recountEveryMs`, and once more after a burst of connections (at the limit no
  // connection reaches Node any more, so the last count must come after it).
  const onConnection = (socket: Socket) => {
    sockets++;
    socket.once('close', () => sockets--);
    if (limit === null) return;
    if (isFull(others + sockets)) report(others + sockets);
    const wait = countedAt + recountEveryMs - performance.now();
    if (wait <= 0) recount();
    else trailing ??= setTimeout(() => {
      trailing = null;
      recount();
    }, wait).unref();
  };
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EMFILE' || error.code === 'ENFILE') return report(null, error.code === 'ENFILE' ? 'the whole system' : 'the process');
    // Not ours: with no other listener Node would have thrown it, so throw it as before.
    if (server.listenerCount('error') === 1) throw error;
  };
  server.on('connection', onConnection);
  server.on('error', onError);
  return () => {
    if (trailing) clearTimeout(trailing);
    server.off('connection', onConnection);
    server.off('error', onError);
  };
}
