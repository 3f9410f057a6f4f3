// Direct links between the instances of one newsroom: a WebSocket between each pair, so that a
// story's messages reach the other instance in one hop instead of two through Redis. Links only
// speed things up: every message also goes through Redis (redis-fanout.ts), which stays the
// path that the promises rest on, and a receiver drops whichever copy comes second.
// - Each instance listens on its peer address and writes it into a Redis hash, refreshed while it
//   runs; the instance with the smaller id connects to the other, and retries while the other's
//   entry is fresh. A link is opened with a token signed by the key the instances share.
// - Over a link each side says which stories it has open; a story's messages go only to the
//   instances that have it open. A link whose send buffer is full is skipped (Redis carries it).
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Redis } from 'ioredis';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { TokenSigner } from '../auth/signed-tokens.ts';
import type { Logger } from '../log.ts';

/** The Redis hash of the instances' peer addresses: instance id → `{url, at}`. */
export const PEER_REGISTRY = 'newsroom:peer-links';

/** The token purpose of a link's opening. */
const TOKEN_PURPOSE = 'peer-link';

/** How the links keep up with the instances. */
export interface PeerLinkTimings {
  /** Rewrite this instance's entry this often. */
  refreshMs: number;
  /** Look for instances to link to this often. */
  discoverMs: number;
  /** An entry not rewritten for this long belongs to an instance that is gone. */
  staleMs: number;
}

/** The timings in production. */
export const DEFAULT_PEER_LINK_TIMINGS: PeerLinkTimings = { refreshMs: 5000, discoverMs: 2000, staleMs: 20_000 };

/** Largest frame a link takes: a larger message travels through Redis only. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** A link with this much unsent is skipped until it drains: Redis carries the messages meanwhile. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Drop an entry this long stale: an instance killed never removes its own. */
const FORGET_AFTER_MS = 60 * 60 * 1000;

// A frame's type travels as its index here: never reorder, only append.
const FRAMES = ['interest', 'message'] as const;

interface Link {
  socket: WebSocket;
  /** The stories the other instance has open. */
  wants: Set<string>;
}

/** Where this instance listens for its peers, and is reached by them. */
export interface PeerAddress {
  /** The interface to listen on (also the host the others connect to). */
  host: string;
  /** The port (0: any free one). */
  port: number;
}

/** This instance's direct links to the others. */
export class PeerLinks {
  private readonly links = new Map<string, Link>();
  /** Peers this instance is connecting to. */
  private readonly connecting = new Set<string>();
  /** The stories this instance has open: told to each peer as its link opens. */
  private readonly interests = new Set<string>();
  private receiver: (articleId: string, payload: Uint8Array) => void = () => undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  private constructor(
    private readonly instanceId: string,
    private readonly url: string,
    private readonly server: WebSocketServer,
    private readonly redis: Redis,
    private readonly signer: TokenSigner,
    private readonly logger: Logger,
    private readonly timings: PeerLinkTimings,
  ) {
    server.on('connection', (socket: WebSocket, req: IncomingMessage & { peerId?: string }) => this.adopt(req.peerId!, socket));
  }

  /** Listens at `address`, registers it, and links to the instances already there. */
  static async open(
    instanceId: string,
    address: PeerAddress,
    redis: Redis,
    signer: TokenSigner,
    logger: Logger,
    timings: PeerLinkTimings = DEFAULT_PEER_LINK_TIMINGS,
  ): Promise<PeerLinks> {
    let links: PeerLinks | null = null;
    const server = new WebSocketServer({
      host: address.host,
      port: address.port,
      maxPayload: MAX_FRAME_BYTES,
      perMessageDeflate: false,
      // Only an instance holding the shared key, naming this instance, within the token's minute.
      verifyClient: (info: { req: IncomingMessage & { peerId?: string } }) => {
        const peerId = links?.admit(info.req.headers.authorization);
        if (!peerId) return false;
        info.req.peerId = peerId;
        return true;
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    server.on('error', (error) => logger.error('the peer link listener failed', error));
    const { port } = server.address() as AddressInfo;
    const host = address.host.includes(':') ? `[${address.host}]` : address.host;
    links = new PeerLinks(instanceId, `ws://${host}:${port}`, server, redis, signer, logger, timings);
    await links.register();
    await links.discover();
    links.timers.push(
      setInterval(() => void links.register(), timings.refreshMs),
      setInterval(() => void links.discover(), timings.discoverMs),
    );
    for (const timer of links.timers) timer.unref();
    return links;
  }

  /** Where the others reach this instance. */
  get address(): string {
    return this.url;
  }

  /** The instances linked now. */
  get peers(): string[] {
    return [...this.links.keys()];
  }

  /** Told every story message a peer sends. */
  onMessage(receiver: (articleId: string, payload: Uint8Array) => void): void {
    this.receiver = receiver;
  }

  /** This instance opened (`open`) or closed story `articleId`: every peer is told. */
  interest(articleId: string, open: boolean): void {
    if (open) this.interests.add(articleId);
    else this.interests.delete(articleId);
    const frame = interestFrame(articleId, open);
    for (const link of this.links.values()) sendFrame(link.socket, frame);
  }

  /** Sends story `articleId`'s message to each linked instance that has the story open. */
  send(articleId: string, payload: Uint8Array): void {
    if (payload.length > MAX_FRAME_BYTES - 1024) return;
    let frame: Uint8Array | null = null;
    for (const link of this.links.values()) {
      if (!link.wants.has(articleId) || link.socket.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      frame ??= messageFrame(articleId, payload);
      sendFrame(link.socket, frame);
    }
  }

  /** Removes this instance's entry and closes every link. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.redis.hdel(PEER_REGISTRY, this.instanceId).catch(() => undefined);
    for (const link of this.links.values()) link.socket.terminate();
    this.links.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // The peer a link's opening token names, or null for anything else.
  private admit(authorization: string | undefined): string | null {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const fields = this.signer.verify(TOKEN_PURPOSE, token);
    if (!fields || fields.to !== this.instanceId || typeof fields.from !== 'string' || typeof fields.exp !== 'number') return null;
    return fields.exp > Date.now() && !this.closed ? fields.from : null;
  }

  // Writes this instance's entry; a Redis outage is the fan-out's to report, and the next refresh retries.
  private async register(): Promise<void> {
    await this.redis.hset(PEER_REGISTRY, this.instanceId, JSON.stringify({ url: this.url, at: Date.now() })).catch(() => undefined);
  }

  // Connects to each fresh instance with a larger id that is not linked yet.
  private async discover(): Promise<void> {
    let entries: Record<string, string>;
    try {
      entries = await this.redis.hgetall(PEER_REGISTRY);
    } catch {
      return;
    }
    const now = Date.now();
    for (const [peerId, value] of Object.entries(entries)) {
      let entry: { url?: unknown; at?: unknown };
      try {
        entry = JSON.parse(value) as { url?: unknown; at?: unknown };
      } catch {
        entry = {};
      }
      if (typeof entry.url !== 'string' || typeof entry.at !== 'number') continue;
      if (now - entry.at > FORGET_AFTER_MS) void this.redis.hdel(PEER_REGISTRY, peerId).catch(() => undefined);
      if (now - entry.at > this.timings.staleMs || peerId <= this.instanceId) continue;
      if (!this.links.has(peerId) && !this.connecting.has(peerId)) this.connect(peerId, entry.url);
    }
  }

  private connect(peerId: string, url: string): void {
    if (this.closed) return;
    this.connecting.add(peerId);
    const token = this.signer.sign(TOKEN_PURPOSE, { from: this.instanceId, to: peerId, exp: Date.now() + 60_000 });
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
    const settle = () => this.connecting.delete(peerId);
    socket.once('open', () => {
      settle();
      this.adopt(peerId, socket);
    });
    // A peer that is gone or not up yet: the next discovery tries again while its entry is fresh.
    socket.once('error', (error) => {
      settle();
      this.logger.debug(`linking directly to instance ${peerId} at ${url} failed: ${error.message}`);
    });
  }

  // A link opened, either way: it replaces any older one to the same peer.
  private adopt(peerId: string, socket: WebSocket): void {
    if (this.closed) return void socket.terminate();
    this.links.get(peerId)?.socket.terminate();
    const link: Link = { socket, wants: new Set() };
    this.links.set(peerId, link);
    this.logger.info(`linked directly to instance ${peerId}`);
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: RawData) => this.receive(peerId, link, data as Buffer));
    socket.on('error', (error) => this.logger.warn(`the direct link to instance ${peerId} failed: ${error.message}`));
    socket.once('close', () => {
      if (this.links.get(peerId) === link) this.links.delete(peerId);
    });
    for (const articleId of this.interests) sendFrame(socket, interestFrame(articleId, true));
  }

  private receive(peerId: string, link: Link, data: Buffer): void {
    try {
      const decoder = decoding.createDecoder(data);
      const type = FRAMES[decoding.readVarUint(decoder)];
      const articleId = decoding.readVarString(decoder);
      if (type === 'interest') {
        if (decoding.readVarUint(decoder) === 1) link.wants.add(articleId);
        else link.wants.delete(articleId);
      } else if (type === 'message') this.receiver(articleId, decoding.readVarUint8Array(decoder));
      else throw new Error('unknown frame type');
    } catch (error) {
      this.logger.error(`an unreadable frame from instance ${peerId} (${data.length} bytes); closing the direct link`, error);
      link.socket.terminate();
    }
  }
}

function interestFrame(articleId: string, open: boolean): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FRAMES.indexOf('interest'));
  encoding.writeVarString(encoder, articleId);
  encoding.writeVarUint(encoder, open ? 1 : 0);
  return encoding.toUint8Array(encoder);
}

function messageFrame(articleId: string, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FRAMES.indexOf('message'));
  encoding.writeVarString(encoder, articleId);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

// Sends on an open link; a link opening or closing is skipped (Redis carries the message).
function sendFrame(socket: WebSocket, frame: Uint8Array): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(frame);
}
