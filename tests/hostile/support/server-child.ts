// The real server (startServer, the production composition root, with its default limits) in a
// process of its own, for the hostile-client suite: its RSS and its event loop are then the
// server's alone, not shared with the attacking and honest clients in the test process.
// argv: DATA_DIR [USER:ROLE ...]; env HOSTILE_PASSWORD for those users, HOSTILE_SERVER_OPTIONS
// (JSON) for ServerOptions beyond the defaults, plus `stallMs` for the test-only stall below;
// HOSTILE_FAILING_STORE_CALLS (comma-separated Store methods that throw when an argument mentions
// FAILING_MARK, for handlers that fail midway). Prints the listening line once the users exist.
import { startServer } from '../../../server/start-server.ts';
import { consoleLogger } from '../../../server/log.ts';
import { SqliteStore } from '../../../server/storage/sqlite-store.ts';
import type { Store } from '../../../server/storage/store.ts';
import { WebSocket } from 'ws';
import { FAILING_MARK } from './hostile-server.ts';

const [dataDir, ...users] = process.argv.slice(2);
const { stallMs = 3000, ...options } = JSON.parse(process.env.HOSTILE_SERVER_OPTIONS ?? '{}') as Record<string, unknown> & { stallMs?: number };
const failing = (process.env.HOSTILE_FAILING_STORE_CALLS ?? '').split(',').filter(Boolean);

// The SQLite store with the named calls throwing an unexpected error when asked about FAILING_MARK.
function withFailingCalls(store: Store): Store {
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!failing.includes(String(prop))) return value.bind(target);
      return async (...args: unknown[]) => {
        if (JSON.stringify(args).includes(FAILING_MARK)) throw new Error(`${String(prop)} failed (injected by the hostile suite)`);
        return value.apply(target, args);
      };
    },
  });
}

const store = failing.length > 0 ? withFailingCalls(await SqliteStore.open(dataDir)) : undefined;
const server = await startServer({ dataDir, port: 0, logger: consoleLogger('info'), store, ...options });
for (const spec of users) {
  const [username, role] = spec.split(':');
  await server.accounts.addUser({ username, role, password: process.env.HOSTILE_PASSWORD ?? '' });
}
console.log(`listening on ${server.url}`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void server.close().then(({ unsaved }) => process.exit(unsaved.length === 0 ? 0 : 1));
});

// Test-only: SIGUSR2 blocks the event loop for `stallMs`, as a long synchronous task in the
// server would, starting right after the server's next round of pings, once the pending input
// was read (so that every client's pong arrives while the server cannot read it: the worst
// moment for a stall).
process.on('SIGUSR2', () => {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back below, and called with apply(this)
  const ping = WebSocket.prototype.ping;
  WebSocket.prototype.ping = function (this: WebSocket, ...args: Parameters<WebSocket['ping']>) {
    WebSocket.prototype.ping = ping;
    setImmediate(() => {
      const until = Date.now() + stallMs;
      while (Date.now() < until);
    });
    return ping.apply(this, args);
  };
});
