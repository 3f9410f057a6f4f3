// Running out of file descriptors. Every socket holds one; at the process's limit, new
// connections fail, and Node says nothing: libuv accepts and at once closes connections it has
// no descriptor for (and reports EMFILE/ENFILE to the server only when even that fails). So the
// count is watched as connections arrive, and one loud line per burst says how to raise the limit.
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
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

function openFiles(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Watches `server`'s connections for the descriptor limit; returns a function that stops watching. */
export function watchFileDescriptors(server: Server, logger: Logger, checkEveryMs = 1000): () => void {
  const limit = openFileLimit();
  // Near the limit counts as out of it: the last few descriptors go to whatever asks first.
  const full = limit === null ? Infinity : limit - Math.max(8, Math.floor(limit / 50));
  let inBurst = false;
  let checkedAt = -Infinity;

  const report = (inUse: string) => {
    if (inBurst) return;
    inBurst = true;
    logger.error(`OUT OF FILE DESCRIPTORS: ${inUse} of the process's limit of ${limit ?? 'unknown'} in use; new connections are being refused. ${RAISE_THE_LIMIT}`);
  };

  const onConnection = () => {
    const now = performance.now();
    if (limit === null || now - checkedAt < checkEveryMs) return;
    checkedAt = now;
    const count = openFiles();
    if (count >= full) report(String(count));
    else if (count < limit * 0.8) inBurst = false; // the burst is over; the next one is reported again
  };
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EMFILE' || error.code === 'ENFILE') return report(error.code === 'ENFILE' ? 'all of the system’s descriptors (ENFILE)' : 'all');
    // Not ours: with no other listener Node would have thrown it, so throw it as before.
    if (server.listenerCount('error') === 1) throw error;
  };
  server.on('connection', onConnection);
  server.on('error', onError);
  return () => {
    server.off('connection', onConnection);
    server.off('error', onError);
  };
}
