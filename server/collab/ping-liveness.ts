// Finding dead sockets with ping/pong, without punishing clients for the server's own pauses.
// Every round, a socket that did not answer the previous round's ping is dropped, and every
// other one is pinged again. Only a pong counts as an answer (a client that only sends is not
// necessarily listening).
import type { WebSocket, WebSocketServer } from 'ws';

/** The handle of `watchLiveness`. */
export interface Liveness {
  /** `ws` answered (its pong arrived), or has just connected. */
  answered(ws: WebSocket): void;
  /** Stops pinging. */
  stop(): void;
}

/** Pings `wss`'s sockets every `intervalMs`; `onDead` is given each socket that missed a round's pong. */
export function watchLiveness(wss: WebSocketServer, intervalMs: number, onDead: (ws: WebSocket) => void): Liveness {
  const alive = new WeakMap<WebSocket, boolean>();
  // Node runs timers before it reads sockets: after the server itself stalled, pongs that came in
  // meanwhile are still unread when the timer fires. So the verdict waits for the I/O phase
  // (setImmediate); a round that comes late after the previous one (the server paused, not the
  // clients: between the pings and now it could not read their pongs) drops nobody; and a tick
  // that comes too soon after it (Node catching up after a stall) leaves the last pings their time.
  let lastRound = performance.now();
  const round = () => {
    const now = performance.now();
    if (now - lastRound < intervalMs / 2) return;
    const late = now - lastRound > intervalMs * 1.5;
    lastRound = now;
    for (const ws of wss.clients) {
      if (alive.get(ws) === false && !late) {
        onDead(ws);
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  };
  const pinger = setInterval(() => setImmediate(round), intervalMs);
  pinger.unref();
  return {
    answered: (ws) => void alive.set(ws, true),
    stop: () => clearInterval(pinger),
  };
}
