// A room: one open story. It holds the story's Y.Doc and the clients editing it, relays
// updates and awareness between them, writes every update to the story's log, answers
// "saved?" requests once the log holds them, and compacts the log into a snapshot. Changes
// another server instance made (peer origin) are relayed to the clients but not logged here.
// Presence is shaped in room-awareness.ts; each connection's limits are in room-connection.ts.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as random from 'lib0/random';
import * as syncProtocol from 'y-protocols/sync';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  encodeReadOnly,
  encodeSaved,
  readSavedSeq,
} from '../../model/saved-protocol.ts';
import type { Logger } from '../log.ts';
import type { ClientAuthor, DocumentLog, StoredDocument, User } from '../storage/store.ts';
import { ClientAuthorLog } from './client-authors.ts';
import { readBoundedBytes } from './bounded-bytes.ts';
import { asPresenceOrigin, asRoomOrigin, LOAD_ORIGIN, type RoomOrigin, type ServerOrigin } from './origins.ts';
import type { RateLimit } from './rate-limit.ts';
import { RoomAwareness, type PresenceOptions } from './room-awareness.ts';
import { RoomConnection, type ConnectionLimits } from './room-connection.ts';
import { DEFAULT_MAX_STORY_BYTES } from './story-quota.ts';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncStep2Update, encodeUpdate } from './sync-messages.ts';
import { CLOSE, PolicyViolation, type Transport } from './transport.ts';
import { closeReason, UpdateGuard } from './update-guard.ts';
import { UpdateLog, type UpdateLogOptions } from './update-log.ts';

/** How a room reads and writes its story; the server wires these to a Store. */
export interface RoomHooks {
  /** Where the story is kept: its snapshot, its log (appended durably, compacted) and who writes with each client id. */
  log: DocumentLog;
  /** The content changed (debounced): refresh derived data such as the story list entry. */
  changed(articleId: string, doc: Y.Doc, editorId: string | null): Promise<void>;
}

/** Timing of a room's background work, and the limits on each client. */
export interface RoomOptions extends UpdateLogOptions, PresenceOptions {
  /** Compact this long after the last change... */
  compactAfterMs?: number;
  /** ...but at least this often while changes keep coming. */
  compactMaxWaitMs?: number;
  /** Refresh the story list entry this long after the last change. */
  summaryAfterMs?: number;
  /** Told when a client joined or left (who has the story open may have changed). */
  presenceChanged?: (room: Room) => void;
  /** Unsent bytes to one client past which it is closed as too slow (1013); above a large story's whole state. */
  maxUnsentBytes?: number;
  /** Sync step 1 requests per connection (each may cost the whole story); over the rate closes the connection (1008). */
  syncRequestRate?: RateLimit;
  /** The story's size quota in bytes (approximate: see story-quota.ts); DEFAULT_MAX_STORY_BYTES by default. */
  maxStoryBytes?: number;
}

/** Defaults of the per-connection limits in RoomOptions. */
const CONNECTION_DEFAULTS: ConnectionLimits = {
  maxUnsentBytes: 8 * 1024 * 1024,
  // A stock client asks once per connection (more only with its `resyncInterval` option).
  syncRequestRate: { burst: 5, perSecond: 0.5 },
};

/** A message that breaks the protocol; the sender is disconnected. */
class ProtocolError extends Error {}

/**
 * A debounced task with a maximum wait. A poke only notes the time; one timer re-arms itself
 * until things have been quiet for `delayMs` (or `maxWaitMs` has passed), so a burst of
 * keystrokes costs no timer churn.
 */
class Debounce {
  private timer: NodeJS.Timeout | null = null;
  private firstAt = 0;
  private lastAt = 0;

  constructor(
    private readonly delayMs: number,
    private readonly maxWaitMs: number,
    private readonly task: () => void,
  ) {}

  poke(): void {
    this.lastAt = Date.now();
    if (this.timer) return;
    this.firstAt = this.lastAt;
    this.timer = setTimeout(this.check, this.delayMs);
  }

  private readonly check = (): void => {
    const now = Date.now();
    const wait = Math.min(this.lastAt + this.delayMs, this.firstAt + this.maxWaitMs) - now;
    if (wait > 0) this.timer = setTimeout(this.check, wait);
    else this.fire();
  };

  private fire(): void {
    this.cancel();
    this.task();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** One open story with its connected clients. */
export class Room {
  /** Presence, shaped by the server. */
  readonly presence: RoomAwareness;
  readonly connections = new Set<RoomConnection>();
  private readonly log: UpdateLog;
  private readonly authors: ClientAuthorLog;
  private readonly guard: UpdateGuard;
  private readonly compactSoon: Debounce;
  private readonly summarySoon: Debounce;
  private compacting: Promise<void> | null = null;
  private compactedSeq: number;
  private summaryDirty = false;
  private lastEditorId: string | null = null;
  private holds = 0;
  /**
   * The document's whole state as stored, while nothing has changed since: a client that has
   * nothing gets these bytes as they are, instead of a fresh encoding (a cold open of a long
   * story spends tens of milliseconds encoding otherwise).
   */
  private storedState: Uint8Array | null;
  /** Counts changes to the document, whatever their origin (a peer's change is not in the log's mark). */
  private version = 0;
  private readonly presenceChanged: (room: Room) => void;
  private readonly connectionLimits: ConnectionLimits;

  private constructor(
    readonly articleId: string,
    readonly doc: Y.Doc,
    private readonly hooks: RoomHooks,
    private readonly logger: Logger,
    options: RoomOptions,
    stored: StoredDocument,
    owners: ClientAuthor[],
    /** Told when the last client and hold are gone. */
    private readonly onIdle: (room: Room) => void,
  ) {
    this.log = new UpdateLog(articleId, (u) => hooks.log.appendUpdates(articleId, u), logger, options, stored.lastSeq);
    this.authors = new ClientAuthorLog((authors) => hooks.log.addClientAuthors(articleId, authors), owners);
    this.guard = new UpdateGuard(doc, this.authors, stored, options.maxStoryBytes ?? DEFAULT_MAX_STORY_BYTES);
    this.presenceChanged = options.presenceChanged ?? (() => undefined);
    this.storedState = stored.updates.length === 0 ? stored.snapshot : null;
    // A log left after the snapshot (a crash, a busy story) is folded in at the next compaction.
    this.compactedSeq = stored.updates.length > 0 ? -1 : stored.lastSeq;
    this.compactSoon = new Debounce(options.compactAfterMs ?? 2000, options.compactMaxWaitMs ?? 30_000, () =>
      this.compact().catch((error) => this.logger.error(`compacting story ${articleId} failed; will retry`, error)),
    );
    this.summarySoon = new Debounce(options.summaryAfterMs ?? 1000, 10_000, () => {
      this.writeSummary().catch(() => undefined); // logged inside; retried on the next change or unload
    });
    this.connectionLimits = {
      maxUnsentBytes: options.maxUnsentBytes ?? CONNECTION_DEFAULTS.maxUnsentBytes,
      syncRequestRate: options.syncRequestRate ?? CONNECTION_DEFAULTS.syncRequestRate,
    };
    this.presence = new RoomAwareness(doc, articleId, logger, options);
    this.presence.awareness.on('update', this.onAwarenessUpdate);
    doc.on('update', this.onDocUpdate);
    if (this.compactedSeq === -1) this.compactSoon.poke();
  }

  /** Opens a story from storage. */
  static async load(articleId: string, hooks: RoomHooks, logger: Logger, options: RoomOptions, onIdle: (room: Room) => void): Promise<Room> {
    const [stored, owners] = await Promise.all([hooks.log.loadDocument(articleId), hooks.log.listClientAuthors(articleId)]);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, LOAD_ORIGIN);
      for (const update of stored.updates) Y.applyUpdate(doc, update, LOAD_ORIGIN);
    }, LOAD_ORIGIN);
    if (doc.store.pendingStructs || doc.store.pendingDs) {
      logger.warn(`story ${articleId} loaded with content whose dependencies are missing; it is kept but not shown`);
    }
    return new Room(articleId, doc, hooks, logger, options, stored, owners, onIdle);
  }

  /** The room's awareness (y-protocols), as shaped by `presence`. */
  get awareness() {
    return this.presence.awareness;
  }

  /** Adds a client and starts the sync handshake with it. */
  join(transport: Transport, user: User, readOnly: boolean): RoomConnection {
    const connection = new RoomConnection(transport, user, readOnly, this.connectionLimits, (c, reason) => this.dropBackedUp(c, reason));
    this.connections.add(connection);
    connection.send(encodeSyncStep1(this.doc));
    const everyone = this.presence.welcome();
    if (everyone) connection.send(everyone);
    this.presenceChanged(this);
    return connection;
  }

  private dropBackedUp(connection: RoomConnection, reason: string): void {
    this.logger.warn(`closing connection of ${connection.user.username} to story ${this.articleId}: ${reason} (it is not reading)`);
    this.disconnect(connection, CLOSE.tryAgainLater, reason);
  }

  /** Handles one message from a client; a malformed one closes that client only. */
  receive(connection: RoomConnection, message: Uint8Array): void {
    if (connection.closed) return;
    try {
      this.dispatch(connection, message);
    } catch (error) {
      const policy = error instanceof PolicyViolation;
      const reason = policy || error instanceof ProtocolError ? (error as Error).message : `unreadable message (${(error as Error).message})`;
      this.logger.warn(
        `closing connection of ${connection.user.username} to story ${this.articleId}: ${reason} (${message.length} bytes)`,
      );
      if (policy) this.disconnect(connection, CLOSE.policyViolation, reason);
      else this.disconnect(connection, CLOSE.invalidData, 'malformed message');
    }
  }

  private dispatch(connection: RoomConnection, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        this.receiveSync(connection, decoder);
        break;
      case MESSAGE_AWARENESS:
        this.presence.receive(connection, readBoundedBytes(decoder));
        break;
      case MESSAGE_QUERY_AWARENESS:
        connection.send(this.presence.query(connection));
        break;
      case MESSAGE_SAVED:
        this.receiveSavedRequest(connection, readSavedSeq(decoder));
        break;
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError(`trailing bytes after a message of type ${type}`);
  }

  private receiveSync(connection: RoomConnection, decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder);
    const payload = readBoundedBytes(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      if (!connection.syncRequests.take()) throw new PolicyViolation('sync requests over the rate');
      const known = Y.decodeStateVector(payload); // throws on a malformed state vector before we answer
      connection.send(known.size === 0 && this.storedState ? encodeSyncStep2Update(this.storedState) : encodeSyncStep2(this.doc, payload));
      return;
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      throw new ProtocolError(`unknown sync message type ${kind}`);
    }
    if (connection.readOnly) return;
    const { missing, refused, claims } = this.guard.inspect(payload, connection.user.id); // parses the whole update: throws if malformed
    if (missing) throw new ProtocolError(`update does not fit this story (${missing})`);
    if (refused) return this.refuse(connection, refused, payload.length);
    Y.applyUpdate(this.doc, payload, connection.origin);
    // Once per client id: an id is unclaimed only until its first content here is recorded.
    if (claims.length > 0) this.noteAuthors(claims, connection.user.id);
  }

  // Nothing of a refused update is applied, stored or relayed; the sender is told why. A stock
  // client reconnects and sends the same again, which is refused the same way, at the cost of
  // one decode: the others never see it.
  private refuse(connection: RoomConnection, reason: string, bytes: number): void {
    this.logger.warn(`refused an update from ${connection.user.username} to story ${this.articleId}: ${reason} (${bytes} bytes); closing the connection`);
    this.disconnect(connection, CLOSE.policyViolation, closeReason(`update refused: ${reason}`));
  }

  private noteAuthors(clients: readonly number[], userId: string): void {
    this.authors.add(clients, userId).catch((error) => this.logger.error(`recording the authors of story ${this.articleId} failed; will retry`, error));
  }

  /**
   * Changes the document on the server's own account for `userId` (a restore, say): relayed
   * live, logged, and attributed to that user through a client id used for this change only
   * (the server's changes for different users must not share one id).
   */
  changeAsServer(reason: string, userId: string, change: (doc: Y.Doc) => void): void {
    let clientId: number;
    do clientId = random.uint32();
    while (this.doc.store.clients.has(clientId));
    this.doc.clientID = clientId;
    const origin: ServerOrigin = { kind: 'server', reason, userId };
    this.doc.transact(() => change(this.doc), origin);
    // Deletions carry no client id; only a change that wrote content has an author to record.
    if (this.doc.store.clients.has(clientId)) this.noteAuthors([clientId], userId);
  }

  // The websocket is ordered, so everything this client sent before the request has been
  // applied and queued for the log by now; answer when the log holds it.
  private receiveSavedRequest(connection: RoomConnection, seq: number): void {
    if (connection.readOnly) {
      connection.send(encodeReadOnly());
      return;
    }
    void this.log.whenDurable().then(() => connection.send(encodeSaved(seq)));
  }

  private readonly onDocUpdate = (update: Uint8Array, rawOrigin: unknown): void => {
    const origin: RoomOrigin | null = asRoomOrigin(rawOrigin);
    if (origin?.kind === 'load') return;
    this.storedState = null;
    this.version++;
    const message = encodeUpdate(update);
    const sender = origin?.kind === 'client' ? origin.connection : null;
    for (const connection of this.connections) if (connection !== sender) connection.send(message);
    // Another instance stored this change and keeps its story list entry: only relay it here.
    if (origin?.kind === 'peer') return;
    this.log.enqueue(update);
    this.lastEditorId = sender ? sender.user.id : origin?.kind === 'server' ? origin.userId : null;
    this.summaryDirty = true;
    this.summarySoon.poke();
    this.compactSoon.poke();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const sender = asPresenceOrigin(origin)?.connection ?? null;
    const message = encodeAwareness(this.awareness, [...added, ...updated, ...removed]);
    for (const connection of this.connections) if (connection !== sender) connection.send(message);
  };

  /** Removes a client (closing its channel) and its presence. */
  disconnect(connection: RoomConnection, code: number, reason: string): void {
    connection.close(code, reason);
    if (!this.connections.delete(connection)) return;
    // The connection is the origin of its own departure, so that it is told to other instances too.
    this.presence.leave(connection);
    this.presenceChanged(this);
    this.checkIdle();
  }

  /** Keeps the room open while a client is being admitted. */
  hold(): void {
    this.holds++;
  }

  /** Ends a hold taken with `hold()`. */
  release(): void {
    this.holds--;
    this.checkIdle();
  }

  /** No clients and no holds. */
  get isIdle(): boolean {
    return this.connections.size === 0 && this.holds === 0;
  }

  /** Everything is in the log, the snapshot is current and the story list entry written. */
  get isClean(): boolean {
    return this.log.isDurable && this.compactedSeq === this.log.lastSeq && !this.summaryDirty && !this.compacting && this.authors.isClean;
  }

  private checkIdle(): void {
    if (this.isIdle) this.onIdle(this);
  }

  /** Users connected now, once each. */
  users(): User[] {
    const byId = new Map<string, User>();
    for (const connection of this.connections) byId.set(connection.user.id, connection.user);
    return [...byId.values()];
  }

  /** Writes the log, the snapshot and the summary now; throws if storage fails. */
  async persist(): Promise<void> {
    if (!(await this.log.flush())) throw new Error(`story ${this.articleId}: the update log could not be written`);
    await this.compact();
    await this.writeSummary();
    await this.authors.flush();
    if (!(await this.log.flush())) throw new Error(`story ${this.articleId}: the update log could not be written`);
  }

  /** Folds the log into a fresh snapshot (one compaction at a time). */
  compact(): Promise<void> {
    this.compactSoon.cancel();
    // `.finally` runs after the assignment even when the compaction has nothing to do.
    this.compacting ??= this.writeSnapshot().finally(() => (this.compacting = null));
    return this.compacting;
  }

  private async writeSnapshot(): Promise<void> {
    const upto = this.log.lastSeq;
    if (upto === this.compactedSeq) return;
    // Every log entry up to `upto` is already in the document, so this state covers them.
    const state = Y.encodeStateAsUpdate(this.doc);
    const version = this.version;
    await this.hooks.log.compact(this.articleId, state, upto);
    this.compactedSeq = upto;
    if (this.version === version) this.storedState = state;
  }

  private async writeSummary(): Promise<void> {
    this.summarySoon.cancel();
    if (!this.summaryDirty) return;
    this.summaryDirty = false;
    try {
      await this.hooks.changed(this.articleId, this.doc, this.lastEditorId);
    } catch (error) {
      this.summaryDirty = true;
      this.logger.error(`updating the story list entry of ${this.articleId} failed`, error);
      throw error;
    }
  }

  /** Closes every client with `code`. */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) this.disconnect(connection, code, reason);
  }

  /** Frees the document; call only when idle and clean (or when giving up at shutdown). */
  destroy(): void {
    this.compactSoon.cancel();
    this.summarySoon.cancel();
    this.log.stop();
    this.guard.destroy();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.presence.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
  }
}
