// The websocket endpoint `/collab/ARTICLE_ID?ticket=TICKET` (the app) or `?token=TOKEN`
// (programs): checks Host and Origin (421 / 403), the ticket or token (401), the user's quotas
// (429) and the story (404) before accepting the upgrade, then connects the socket to the story's
// room through the Transport interface and registers it under its session, which closes it when
// the session ends. Finds dead sockets with ping/pong (ping-liveness.ts), and says loudly when
// the process runs out of file descriptors.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import type { StoredDocument, User } from '../storage/store.ts';
import { watchFileDescriptors } from './fd-exhaustion.ts';
import { watchLiveness } from './ping-liveness.ts';
import { earlySyncMessage } from './early-sync.ts';
import type { EarlySent, Room } from './room.ts';
import type { Rooms } from './rooms.ts';
import type { SessionSockets, SocketSession } from './session-sockets.ts';
import { socketErrorClose } from './socket-errors.ts';
import { CLOSE, type Transport } from './transport.ts';
import { UserQuotas, type UserQuotaOptions } from './user-quotas.ts';

/** What a socket is opened with: `ticket` from the app, `token` (a session token) from programs. */
export interface CollabCredentials {
  articleId: string;
  ticket: string | null;
  token: string | null;
}

/** How the endpoint decides who may connect to what. */
export interface CollabAuthHooks {
  /** A refusal (status and message) for a request whose Host or Origin may not open a socket; null to go on. */
  checkRequest(req: IncomingMessage): { status: number; message: string } | null;
  /** The user and session behind the credentials, or null when they are missing, unknown, expired or for another story. */
  authenticate(credentials: CollabCredentials): Promise<{ user: User; session: SocketSession } | null>;
  /** Where sockets are registered by session, to be closed when it ends. */
  sessions: SessionSockets;
  /** Whether a story exists and `user` may know it does (a restricted story of another desk is refused as unknown). */
  articleVisible(user: User, articleId: string): Promise<boolean>;
  /** Whether this user's changes are refused (the connection still receives the story). */
  isReadOnly(user: User): boolean;
}

/** Limits and timings. */
export interface CollabEndpointOptions extends UserQuotaOptions {
  /** Largest message accepted; a larger one closes that connection. */
  maxMessageBytes?: number;
  /** Ping every this often; a socket that did not answer the previous ping with a pong is dropped. */
  pingIntervalMs?: number;
}

/** A closed socket that still has unsent bytes (a client that stopped reading) is cut off this long after the close. */
const CLOSE_GRACE_MS = 5000;

/** How long a cold open's room waits for the socket to hand the story to the network before applying it. */
const EARLY_FLUSH_WAIT_MS = 50;

/** The URL path prefix of the endpoint. */
export const COLLAB_PATH = '/collab/';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
};

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data) ? new Uint8Array(Buffer.concat(data)) : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** Serves collaboration websockets on `server`; returns a handle to stop it. */
export function attachCollabEndpoint(server: Server, rooms: Rooms, auth: CollabAuthHooks, logger: Logger, options: CollabEndpointOptions = {}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 16 * 1024 * 1024 });
  const quotas = new UserQuotas(options);
  const stopWatchingDescriptors = watchFileDescriptors(server, logger);
  /** Whose each socket is, for the log. */
  const owners = new WeakMap<WebSocket, string>();
  const liveness = watchLiveness(wss, options.pingIntervalMs ?? 30_000, (ws) => {
    logger.info(`dropping the collaboration socket of ${owners.get(ws) ?? 'a client'}: it stopped answering pings`);
    ws.terminate();
  });

  // One line per user and reason every so often, with how many were refused meanwhile.
  const refusals = new Map<string, { count: number; loggedAt: number }>();
  function refuseUser(socket: Duplex, user: User, status: number, reason: string): void {
    const key = `${user.id} ${reason}`;
    const seen = refusals.get(key) ?? { count: 0, loggedAt: -Infinity };
    seen.count++;
    const now = performance.now();
    if (now - seen.loggedAt >= 10_000) {
      logger.warn(`refusing a collaboration connection of ${user.username}: ${reason}${seen.count > 1 ? ` (${seen.count} refused since the last line)` : ''}`);
      seen.count = 0;
      seen.loggedAt = now;
    }
    refusals.set(key, seen);
    refuse(socket, status, reason);
  }

  async function admit(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const refusal = auth.checkRequest(req);
    if (refusal) return refuse(socket, refusal.status, refusal.message);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const articleId = safeDecode(url.pathname.slice(COLLAB_PATH.length));
    const admitted = await auth.authenticate({ articleId, ticket: url.searchParams.get('ticket'), token: url.searchParams.get('token') });
    if (!admitted) return refuse(socket, 401, 'sign in first: missing, unknown or expired ticket or token');
    const { user } = admitted;
    if (!quotas.admit(user.id)) {
      return refuseUser(socket, user, 429, `too many open connections: at most ${quotas.options.connectionsPerUser} per user`);
    }
    // The slot is the socket's until it closes, whatever happens to the upgrade.
    if (socket.destroyed) quotas.release(user.id);
    else socket.once('close', () => quotas.release(user.id));
    if (articleId === '' || articleId.includes('/') || !(await auth.articleVisible(user, articleId))) {
      return refuse(socket, 404, `story ${articleId} not found`);
    }
    // Only a load from storage is charged: joining a story already open, or still loading for
    // someone's earlier socket (several windows opening it at once), is free.
    if (!rooms.inMemory(articleId) && !quotas.chargeArticleOpen(user.id)) {
      return refuseUser(socket, user, 429, `opening too many stories: at most ${quotas.options.articleOpensPerMinute} a minute`);
    }
    // A cold open: the socket is accepted as soon as the story is read, and sent it while the
    // room applies it (early-sync.ts). Paused until it joins, so nothing it sends is read before.
    const early: { ws: WebSocket | null; sent: EarlySent } = { ws: null, sent: { snapshot: null } };
    const sendEarly = async (stored: StoredDocument) => {
      const message = earlySyncMessage(stored);
      if (!message || socket.destroyed) return;
      const ws = upgrade(req, socket, head);
      ws.pause();
      early.ws = ws;
      early.sent.snapshot = stored.updates.length === 0 ? stored.snapshot : null;
      // The room applies the story only once the socket has handed it all to the network (or
      // EARLY_FLUSH_WAIT_MS passed): a long story does not fit the socket's buffer, and what is
      // left is written only while this thread is free, which applying it would keep it from.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, EARLY_FLUSH_WAIT_MS);
        ws.send(message, { binary: true }, () => (clearTimeout(timer), resolve()));
      });
    };
    let room: Room;
    try {
      room = await rooms.acquire(articleId, sendEarly);
    } catch (error) {
      if (!early.ws) throw error;
      logger.error(`story ${articleId} could not be opened after its bytes were sent to ${user.username}: ${(error as Error).message}`, error);
      return early.ws.close(CLOSE.internalError, 'the story could not be opened; try again');
    }
    if (early.ws) {
      // The hold keeps the room loaded until the socket has joined (or went away meanwhile).
      if (early.ws.readyState !== early.ws.OPEN) return room.release();
      connect(early.ws, room, user, admitted.session, articleId, early.sent);
      return early.ws.resume();
    }
    if (socket.destroyed) return room.release();
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, room, user, admitted.session, articleId));
  }

  // The upgrade, completed at once (ws calls back synchronously when no verifyClient is set).
  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): WebSocket {
    let accepted: WebSocket | null = null;
    wss.handleUpgrade(req, socket, head, (ws) => (accepted = ws));
    if (!accepted) throw new Error('the websocket upgrade did not complete at once');
    return accepted;
  }

  // Joins an accepted socket to the story's room (which holds it until now) and wires its events.
  function connect(ws: WebSocket, room: Room, user: User, session: SocketSession, articleId: string, early?: EarlySent): void {
    liveness.answered(ws);
    owners.set(ws, `${user.username} on story ${articleId}`);
    const transport: Transport = {
      send: (message) => ws.send(message, { binary: true }, () => undefined),
      close: (code, reason) => {
        ws.close(code, reason);
        // The close frame waits behind everything unsent; a client that is not reading never sees it.
        if (ws.bufferedAmount > 0) setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
      },
      get bufferedAmount() {
        return ws.bufferedAmount;
      },
    };
    const connection = room.join(transport, user, auth.isReadOnly(user), early);
    room.release();
    // When the session ends the room lets go of the connection first: nothing it sends after that is applied.
    const unregister = auth.sessions.add(session, (code, reason) => room.disconnect(connection, code, reason));
    ws.on('message', (data) => room.receive(connection, toBytes(data)));
    ws.on('pong', () => liveness.answered(ws));
    ws.on('error', (error: Error & { code?: string }) => {
      const { code, reason } = socketErrorClose(error);
      logger.warn(`closing connection of ${user.username} to story ${articleId}: ${reason} (close code ${code})`);
      room.disconnect(connection, code, reason);
    });
    ws.on('close', () => {
      unregister();
      room.disconnect(connection, CLOSE.goingAway, 'closed');
    });
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined); // a client vanishing mid-handshake is not our error
    if (!(req.url ?? '').startsWith(COLLAB_PATH)) return refuse(socket, 404, 'no websocket endpoint here');
    admit(req, socket, head).catch((error) => {
      logger.error(`refusing a collaboration connection: ${(error as Error).message}`, error);
      refuse(socket, 503, 'the story could not be opened; try again');
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    /** Open sockets. */
    get connections() {
      return wss.clients.size;
    },
    /** Stops accepting upgrades and pinging. Sockets are closed by their rooms. */
    close(): void {
      server.off('upgrade', onUpgrade);
      stopWatchingDescriptors();
      liveness.stop();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
