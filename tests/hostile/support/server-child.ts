// The real server (startServer, the production composition root, with its default limits) in a
// process of its own, for the hostile-client suite: its RSS and its event loop are then the
// server's alone, not shared with the attacking and honest clients in the test process.
// argv: DATA_DIR [USER:ROLE ...]; env HOSTILE_PASSWORD for those users, HOSTILE_SERVER_OPTIONS
// (JSON) for ServerOptions beyond the defaults, plus `stallMs` for the test-only stall below.
// Prints the listening line once the users exist.
import { startServer } from '../../../server/start-server.ts';
import { consoleLogger } from '../../../server/log.ts';
import type { Role } from '../../../model/roles.ts';
import { WebSocket } from 'ws';

const [dataDir, ...users] = process.argv.slice(2);
const { stallMs = 3000, ...options } = JSON.parse(process.env.HOSTILE_SERVER_OPTIONS ?? '{}') as Record<string, unknown> & { stallMs?: number };
const server = await startServer({ dataDir, port: 0, logger: consoleLogger('info'), ...options });
for (const spec of users) {
  const [username, role] = spec.split(':');
  await server.accounts.addUser({ username, role: role as Role, password: process.env.HOSTILE_PASSWORD ?? '' });
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
