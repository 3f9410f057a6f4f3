// A room's presence (y-protocols awareness), shaped by the server. Each connection may set only
// the awareness client ids it announced itself (the first id it uses, then more up to a small
// cap), each state bounded in size and filled in from the signed-in account, at a bounded rate.
// Entries about other clients' ids, which stock y-websocket clients echo back for every update
// they receive, are skipped without cost. The bookkeeping y-protocols keeps for every id it
// ever saw is freed once an id has been gone long enough that no late message can revive it.
// Changes carry an origin of this file's own (a local client's, or another instance's), so that
// the room relays them without echoing a sender, and only local clients' changes are told to
// other instances.
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Logger } from '../log.ts';
import { encodeAwarenessEntries, parsePresenceState, readAwarenessEntries, shapePresenceState, type AwarenessEntry } from './awareness-shaping.ts';
import { TokenBucket, type RateLimit } from './rate-limit.ts';
import type { RoomConnection } from './room-connection.ts';
import { encodeAwareness } from './sync-messages.ts';
import { PolicyViolation } from './transport.ts';

/** Limits on presence; every one has a default. */
export interface PresenceOptions {
  /** Awareness client ids one connection may set over its life (a real client uses one per story window). */
  awarenessIdsPerConnection?: number;
  /** Largest presence state, as JSON bytes, as sent and as relayed; a larger one closes the connection. */
  awarenessStateBytes?: number;
  /** Presence updates per connection; updates over the rate are dropped, and a connection that goes on sending while dropped is closed. */
  awarenessUpdateRate?: RateLimit;
  /** Awareness queries per connection (each answered with everyone's presence); over the rate closes the connection. */
  awarenessQueryRate?: RateLimit;
  /** How long after an id's state is gone its y-protocols bookkeeping is kept (a late message for it is then still recognised as old). */
  awarenessForgetAfterMs?: number;
}

/** The defaults of PresenceOptions. */
const PRESENCE_DEFAULTS: Required<PresenceOptions> = {
  awarenessIdsPerConnection: 4,
  awarenessStateBytes: 4096,
  // A caret move per keystroke of a fast typist, with room for a burst; echoes of others' updates cost nothing.
  awarenessUpdateRate: { burst: 60, perSecond: 30 },
  // Stock clients never ask over the websocket; the app neither.
  awarenessQueryRate: { burst: 5, perSecond: 0.5 },
  awarenessForgetAfterMs: awarenessProtocol.outdatedTimeout,
};

const NULL_JSON = new TextEncoder().encode('null');
const isNullJson = (state: Uint8Array) => state.length === NULL_JSON.length && state.every((byte, i) => byte === NULL_JSON[i]);

/**
 * Where a presence change came from: a connection here (a state it set, shaped by the server, or
 * its departure), another instance, or y-protocols itself (`'timeout'` for a state not renewed in
 * time, `'local'` for the server's own empty state).
 */
type PresenceOrigin = { kind: 'local'; connection: RoomConnection } | { kind: 'peer' } | 'timeout' | 'local';

/** The origin of the presence other instances' clients set. */
const PEER_PRESENCE: PresenceOrigin = { kind: 'peer' };

/** The ids an awareness 'update' event names. */
interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Sends an encoded awareness message to every connection of the room but `sender`. */
export type PresenceRelay = (message: Uint8Array, sender: RoomConnection | null) => void;

/** What the room keeps per connection. */
interface ConnectionPresence {
  /** The origin of this connection's presence changes. */
  origin: PresenceOrigin;
  /** The ids it announced, with or without a state now; released when it leaves. */
  ids: Set<number>;
  updates: TokenBucket;
  /** Made on the first query: stock clients and the app never ask over the websocket. */
  queries: TokenBucket | null;
  /** Updates dropped since the last one accepted. */
  dropped: number;
  /** A forged name or role has been logged for this connection. */
  forgeryLogged: boolean;
}

/** The presence of one room. */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly options: Required<PresenceOptions>;
  private readonly connections = new Map<RoomConnection, ConnectionPresence>();
  /** Which local connection set each id. */
  private readonly owners = new Map<number, RoomConnection>();
  private readonly sweeper: NodeJS.Timeout;
  /** Told of changes this instance's clients made (for other instances). */
  private readonly localListeners = new Set<(update: Uint8Array) => void>();

  constructor(
    doc: Y.Doc,
    private readonly articleId: string,
    private readonly logger: Logger,
    options: PresenceOptions,
    /** Relays every change to the room's clients. */
    private readonly relay: PresenceRelay,
  ) {
    this.options = { ...PRESENCE_DEFAULTS, ...options };
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
    this.sweeper = setInterval(() => this.forgetGone(), Math.max(1000, this.options.awarenessForgetAfterMs / 2));
    this.sweeper.unref();
  }

  private readonly onUpdate = ({ added, updated, removed }: AwarenessChange, origin: PresenceOrigin): void => {
    const clients = [...added, ...updated, ...removed];
    const local = typeof origin === 'object' && origin.kind === 'local' ? origin.connection : null;
    this.relay(encodeAwareness(this.awareness, clients), local);
    // Only what this instance's own clients announce: peers' states came from the peers, and
    // every instance times out stale states by itself.
    if (local && this.localListeners.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
      for (const listener of this.localListeners) listener(update);
    }
  };

  /** `listener` gets each change this instance's clients make, as an awareness update; returns the unsubscribe function. */
  onLocalChange(listener: (update: Uint8Array) => void): () => void {
    this.localListeners.add(listener);
    return () => this.localListeners.delete(listener);
  }

  /** The presence of this instance's clients as an awareness update, or null when they have none. */
  localUpdate(): Uint8Array | null {
    return this.owners.size > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.owners.keys()]) : null;
  }

  /** Applies presence another instance's clients set (already shaped there); relayed, never told back. */
  applyPeerUpdate(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PEER_PRESENCE);
  }

  /** Applies the presence update `update` from `connection` as the server shapes it. Throws PolicyViolation (or Error when malformed) to have the connection closed. */
  receive(connection: RoomConnection, update: Uint8Array): void {
    const presence = this.of(connection);
    const { awarenessIdsPerConnection: maxIds, awarenessStateBytes: maxBytes } = this.options;
    // An honest client echoes at most every id the room knows (its join message) plus its own.
    const entries = readAwarenessEntries(update, this.awareness.meta.size + maxIds, maxBytes);
    const own: AwarenessEntry[] = [];
    const announced = new Set<number>();
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner === connection) own.push(entry);
      else if (owner === undefined && this.isAnnouncement(entry)) {
        if (!announced.has(entry.clientId) && presence.ids.size + announced.size >= maxIds) {
          throw new PolicyViolation(`more than ${maxIds} presence ids on one connection`);
        }
        announced.add(entry.clientId);
        own.push(entry);
      }
      // Anything else is another client's state echoed back, or older than what the room has.
    }
    if (own.length === 0) return;
    if (!presence.updates.take()) return this.drop(connection, presence);
    presence.dropped = 0;
    for (const id of announced) {
      presence.ids.add(id);
      this.owners.set(id, connection);
    }
    const shaped = own.map(({ clientId, clock, state }) => ({ clientId, clock, json: this.shape(connection, presence, state) }));
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(shaped), presence.origin);
  }

  // A state (not a removal) for an id no connection here owns, newer than anything the room has
  // seen for it, and not the server's own. Decided without parsing: a removal is the JSON `null`
  // as every client writes it; anything else counts against the connection's ids.
  private isAnnouncement(entry: AwarenessEntry): boolean {
    if (entry.clientId === this.awareness.clientID || isNullJson(entry.state)) return false;
    // y-protocols' own rule: an unknown id counts as clock 0, and only a later clock is applied.
    return entry.clock > (this.awareness.meta.get(entry.clientId)?.clock ?? 0);
  }

  private shape(connection: RoomConnection, presence: ConnectionPresence, state: Uint8Array): string {
    const parsed = parsePresenceState(state);
    if (parsed === null) return 'null';
    const { json, claimed } = shapePresenceState(parsed, connection.user);
    const bytes = Buffer.byteLength(json);
    if (bytes > this.options.awarenessStateBytes) throw new PolicyViolation(`presence state of ${bytes} bytes once filled in (at most ${this.options.awarenessStateBytes})`);
    if (claimed && !presence.forgeryLogged) {
      presence.forgeryLogged = true;
      this.logger.warn(`presence of ${connection.user.username} on story ${this.articleId} claimed ${claimed}; shown as the account's own`);
    }
    return json;
  }

  // Over the rate: the update is dropped (the client renews its state every 15 s, and its next
  // caret move carries the latest); a client that keeps sending at many times the rate is closed.
  private drop(connection: RoomConnection, presence: ConnectionPresence): void {
    presence.dropped++;
    if (presence.dropped === 1) {
      this.logger.warn(`dropping presence updates of ${connection.user.username} on story ${this.articleId}: over ${this.options.awarenessUpdateRate.perSecond} per second`);
    }
    if (presence.dropped > this.options.awarenessUpdateRate.burst) throw new PolicyViolation('presence updates far over the rate');
  }

  /** Everyone's presence, for a client that asks; throws PolicyViolation when it asks too often. */
  query(connection: RoomConnection): Uint8Array {
    const presence = this.of(connection);
    presence.queries ??= new TokenBucket(this.options.awarenessQueryRate);
    if (!presence.queries.take()) throw new PolicyViolation('presence queries over the rate');
    return encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /** Everyone's presence for a client that just joined, or null when nobody has any. */
  welcome(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? encodeAwareness(this.awareness, ids) : null;
  }

  /** Removes the presence of a leaving connection (told to the others, and to other instances: its own origin) and releases its ids. */
  leave(connection: RoomConnection): void {
    const presence = this.connections.get(connection);
    if (!presence) return;
    this.connections.delete(connection);
    for (const id of presence.ids) this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...presence.ids], presence.origin);
    // y-protocols does not date a removal it did not receive; the wait before forgetting starts now.
    const now = Date.now();
    for (const id of presence.ids) {
      const meta = this.awareness.meta.get(id);
      if (meta) meta.lastUpdated = now;
    }
  }

  private of(connection: RoomConnection): ConnectionPresence {
    let presence = this.connections.get(connection);
    if (!presence) {
      presence = {
        origin: { kind: 'local', connection },
        ids: new Set(),
        updates: new TokenBucket(this.options.awarenessUpdateRate),
        queries: null,
        dropped: 0,
        forgeryLogged: false,
      };
      this.connections.set(connection, presence);
    }
    return presence;
  }

  /** Frees y-protocols' record of ids whose state has been gone `awarenessForgetAfterMs` and that no connection here owns. */
  forgetGone(now = Date.now()): void {
    const { meta, states, clientID } = this.awareness;
    for (const [id, { lastUpdated }] of meta) {
      if (id !== clientID && !states.has(id) && !this.owners.has(id) && now - lastUpdated >= this.options.awarenessForgetAfterMs) meta.delete(id);
    }
  }

  /** Stops the sweeper and the awareness. */
  destroy(): void {
    clearInterval(this.sweeper);
    this.localListeners.clear();
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }
}
