// A room: one open story. It holds the story's Y.Doc and the clients editing it, relays their
// changes to each other and writes them to the story's log. Changes another server instance
// made (peer origin) are relayed to the clients but not logged here. The rest is in files of
// its own: decoding what a client sends (client-messages.ts), presence (room-awareness.ts),
// "saved?" answers (saved-acks.ts), compaction and the story list entry (room-upkeep.ts), each
// connection's limits (room-connection.ts).
import * as Y from 'yjs';
import * as random from 'lib0/random';
import { applyStored } from '../../model/apply-stored.ts';
import { keepRemovedMarks } from '../../model/mark-authors.ts';
import type { Logger } from '../log.ts';
import type { ClientAuthor, DocumentLog, StoredDocument, User } from '../storage/store.ts';
import { ClientAuthorLog } from './client-authors.ts';
import { watchMentions, type CommentMention } from './comment-mentions.ts';
import { decodeClientMessage, ProtocolError } from './client-messages.ts';
import { asRoomOrigin, CATCH_UP_ORIGIN, FANOUT_ORIGIN, LOAD_ORIGIN, type RoomOrigin, type ServerOrigin } from './origins.ts';
import type { RateLimit } from './rate-limit.ts';
import { RoomAwareness, type PresenceOptions } from './room-awareness.ts';
import { RoomConnection, type ConnectionLimits } from './room-connection.ts';
import { RoomUpkeep, type UpkeepOptions } from './room-upkeep.ts';
import { acknowledgeSaved } from './saved-acks.ts';
import { PeerRelays, type LoggedRange } from './peer-relays.ts';
import { DEFAULT_MAX_ARTICLE_BYTES } from './article-quota.ts';
import { EMPTY_UPDATE, unionStateVectors } from './early-sync.ts';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncStep2Update, encodeUpdate } from './sync-messages.ts';
import { CLOSE, PolicyViolation, type Transport } from './transport.ts';
import { closeReason, UpdateGuard } from './update-guard.ts';
import { UpdateLog, type LogWatcher, type UpdateLogOptions } from './update-log.ts';

/** How a room reads and writes its story; the server wires these to a Store. */
export interface RoomHooks {
  /** Where the story is kept: its snapshot, its log (appended durably, compacted) and who writes with each client id. */
  log: DocumentLog;
  /** The content changed (debounced): refresh derived data such as the story list entry. */
  changed(articleId: string, doc: Y.Doc, editorId: string | null): Promise<void>;
}

/** Timing of a room's background work, and the limits on each client. */
export interface RoomOptions extends UpdateLogOptions, PresenceOptions, UpkeepOptions {
  /** Told when a client joined or left (who has the story open may have changed). */
  presenceChanged?: (room: Room) => void;
  /** Unsent bytes to one client past which it is closed as too slow (1013); above a large story's whole state. */
  maxUnsentBytes?: number;
  /** Sync step 1 requests per connection (each may cost the whole story); over the rate closes the connection (1008). */
  syncRequestRate?: RateLimit;
  /** The story's size quota in bytes (approximate: see story-quota.ts); DEFAULT_MAX_STORY_BYTES by default. */
  maxArticleBytes?: number;
  /** Told when a client's new comments or replies mention people (comment-mentions.ts). */
  mentioned?: (articleId: string, by: User, mentions: CommentMention[]) => void;
  /** How long an update another instance relayed may wait for its "stored" note before this instance stores it (peer-relays.ts). */
  peerStoreWaitMs?: number;
}

/** What a client was sent of the story before joining (early-sync.ts): the snapshot, when that was all of it (null: snapshot and log entries). */
export interface EarlySent {
  snapshot: Uint8Array | null;
}

/** Defaults of the per-connection limits in RoomOptions. */
const CONNECTION_DEFAULTS: ConnectionLimits = {
  maxUnsentBytes: 8 * 1024 * 1024,
  // A stock client asks once per connection (more only with its `resyncInterval` option).
  syncRequestRate: { burst: 5, perSecond: 0.5 },
};

/** Updates up to this size go to the other clients before they are applied here (Room.applyRelayedAhead): a keystroke is tens of bytes. */
const RELAY_AHEAD_MAX_BYTES = 4096;

const hasPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/** One open story with its connected clients. */
export class Room {
  /** Presence, shaped by the server. */
  readonly presence: RoomAwareness;
  private readonly clients = new Set<RoomConnection>();
  private readonly log: UpdateLog;
  /** What other instances relayed here before storing it. */
  private readonly relays: PeerRelays;
  private readonly authors: ClientAuthorLog;
  private readonly guard: UpdateGuard;
  private readonly upkeep: RoomUpkeep;
  private holds = 0;
  /** The origin of the apply under way whose update went to the clients before it (its change event is not sent again). */
  private relayedAhead: RoomOrigin | null = null;
  private readonly presenceChanged: (room: Room) => void;
  private readonly connectionLimits: ConnectionLimits;
  private readonly stopMentions: () => void;
  /** The document's state vector right after loading: what a client sent the story early holds. */
  private readonly loadedStateVector: Uint8Array;
  /** Clients sent the story as loaded, until their sync request is answered. */
  private readonly earlySent = new Map<RoomConnection, EarlySent>();

  private constructor(
    readonly articleId: string,
    readonly doc: Y.Doc,
    hooks: RoomHooks,
    private readonly logger: Logger,
    options: RoomOptions,
    stored: StoredDocument,
    owners: ClientAuthor[],
    /** Told when the last client and hold are gone. */
    private readonly onIdle: (room: Room) => void,
  ) {
    this.loadedStateVector = Y.encodeStateVector(doc);
    this.log = new UpdateLog(articleId, (u) => hooks.log.appendUpdates(articleId, u), logger, options, stored.lastSeq);
    this.relays = new PeerRelays((updates) => {
      for (const update of updates) this.log.enqueue(update);
      return this.log.whenDurable();
    }, options.peerStoreWaitMs);
    this.authors = new ClientAuthorLog((authors) => hooks.log.addClientAuthors(articleId, authors), owners);
    this.guard = new UpdateGuard(doc, this.authors, stored, options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES);
    this.presenceChanged = options.presenceChanged ?? (() => undefined);
    const writers = {
      snapshot: (state: Uint8Array, uptoSeq: number) => hooks.log.compact(articleId, state, uptoSeq),
      summary: (editorId: string | null) => hooks.changed(articleId, doc, editorId),
    };
    this.upkeep = new RoomUpkeep(articleId, doc, this.log, writers, logger, options, stored);
    this.connectionLimits = {
      maxUnsentBytes: options.maxUnsentBytes ?? CONNECTION_DEFAULTS.maxUnsentBytes,
      syncRequestRate: options.syncRequestRate ?? CONNECTION_DEFAULTS.syncRequestRate,
    };
    this.presence = new RoomAwareness(doc, articleId, logger, options, (message, sender) => this.broadcast(message, sender));
    doc.on('update', this.onDocUpdate);
    const mentioned = options.mentioned;
    this.stopMentions = mentioned
      ? watchMentions(
          doc,
          (origin) => asRoomOrigin(origin)?.kind === 'client',
          (origin, mentions) => mentioned(articleId, (origin as { connection: RoomConnection }).connection.user, mentions),
        )
      : () => undefined;
  }

  /**
   * Opens a story from storage. `early` is told the story as stored before the server applies
   * it (early-sync.ts sends it to the client that opens it); applying waits for what it returns.
   */
  static async load(
    articleId: string,
    hooks: RoomHooks,
    logger: Logger,
    options: RoomOptions,
    onIdle: (room: Room) => void,
    early?: (stored: StoredDocument) => Promise<void> | void,
  ): Promise<Room> {
    const [stored, owners] = await Promise.all([hooks.log.loadDocument(articleId), hooks.log.listClientAuthors(articleId)]);
    await early?.(stored);
    // Removed suggestion and note marks are kept: an undo may write them anew (update-guard.ts).
    const doc = new Y.Doc({ gcFilter: keepRemovedMarks });
    applyStored(doc, stored, LOAD_ORIGIN);
    if (hasPending(doc)) {
      logger.warn(`story ${articleId} loaded with content whose dependencies are missing; it is kept but not shown`);
    }
    return new Room(articleId, doc, hooks, logger, options, stored, owners, onIdle);
  }

  /** The room's awareness (y-protocols), as shaped by `presence`. */
  get awareness() {
    return this.presence.awareness;
  }

  /** The clients connected now (join and disconnect change it). */
  get connections(): ReadonlySet<RoomConnection> {
    return this.clients;
  }

  /**
   * Adds a client and starts the sync handshake with it. `early`: the client was sent the story
   * as this room loaded it (early-sync.ts), so its sync request is answered with what changed since.
   */
  join(transport: Transport, user: User, readOnly: boolean, early?: EarlySent): RoomConnection {
    const connection = new RoomConnection(transport, user, readOnly, this.connectionLimits, (c, reason) => this.dropBackedUp(c, reason));
    this.clients.add(connection);
    if (early) this.earlySent.set(connection, early);
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
  receive(connection: RoomConnection, frame: Uint8Array): void {
    if (connection.closed) return;
    try {
      this.dispatch(connection, frame);
    } catch (error) {
      const policy = error instanceof PolicyViolation;
      const reason = error instanceof PolicyViolation || error instanceof ProtocolError ? error.message : `unreadable message (${(error as Error).message})`;
      this.logger.warn(`closing connection of ${connection.user.username} to story ${this.articleId}: ${reason} (${frame.length} bytes)`);
      if (policy) this.disconnect(connection, CLOSE.policyViolation, reason);
      else this.disconnect(connection, CLOSE.invalidData, 'malformed message');
    }
  }

  private dispatch(connection: RoomConnection, frame: Uint8Array): void {
    const message = decodeClientMessage(frame);
    switch (message.kind) {
      case 'update':
        return this.receiveUpdate(connection, message.update);
      case 'sync-request': {
        if (!connection.syncRequests.take()) throw new PolicyViolation('sync requests over the rate');
        return connection.send(this.syncAnswer(connection, message.stateVector, message.knowsNothing));
      }
      case 'awareness':
        return this.presence.receive(connection, message.update);
      case 'query-awareness':
        return connection.send(this.presence.query(connection));
      case 'saved':
        return acknowledgeSaved(connection, message.seq, this.whenStored);
    }
  }

  // Sync step 2 for a client with `stateVector`: for one sent the story as loaded, what changed
  // since (nothing, while the snapshot it got is still what is stored); for one that has nothing,
  // the stored bytes as they are when nothing changed since (no encoding); else the difference.
  private syncAnswer(connection: RoomConnection, stateVector: Uint8Array, knowsNothing: boolean): Uint8Array {
    const early = this.earlySent.get(connection);
    if (early) {
      this.earlySent.delete(connection);
      if (early.snapshot && this.upkeep.storedState() === early.snapshot) return encodeSyncStep2Update(EMPTY_UPDATE);
      return encodeSyncStep2(this.doc, unionStateVectors(stateVector, this.loadedStateVector));
    }
    const stored = knowsNothing ? this.upkeep.storedState() : null;
    return stored ? encodeSyncStep2Update(stored) : encodeSyncStep2(this.doc, stateVector);
  }

  private receiveUpdate(connection: RoomConnection, update: Uint8Array): void {
    if (connection.readOnly) return;
    const { missing, refused, claims } = this.guard.inspect(update, connection.user); // parses the whole update: throws if malformed
    if (missing) throw new ProtocolError(`update does not fit this story (${missing})`);
    if (refused) return this.refuse(connection, refused, update.length);
    this.applyRelayedAhead(update, connection.origin, connection);
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

  // Everything queued for the log is durable, and everything other instances relayed here is stored.
  private readonly whenStored = async (): Promise<void> => {
    await Promise.all([this.log.whenDurable(), this.relays.whenStored()]);
  };

  /**
   * Applies a change another instance published: relayed here at once, not logged. With its
   * place in the sender's log (`logged`; null: stored already) it is held until the sender
   * says it is stored, or stored here if that takes too long (peer-relays.ts). Returns true
   * when it builds on content this instance lacks (an earlier message was lost; the store has it).
   */
  applyPeerUpdate(update: Uint8Array, logged: LoggedRange | null): boolean {
    const wasPending = hasPending(this.doc);
    this.applyRelayedAhead(update, FANOUT_ORIGIN, null);
    if (logged) this.relays.relayed(update, logged);
    return !wasPending && hasPending(this.doc);
  }

  /** Another instance stored `range` of its updates; true when some of them never arrived here (read the story back). */
  peerStored(range: LoggedRange): boolean {
    return this.relays.stored(range);
  }

  /** Tells `watcher` of each update queued for this room's log and of each write (null: stop). */
  watchLog(watcher: LogWatcher | null): void {
    this.log.watch(watcher);
  }

  /** Applies the story as stored, read back to catch up with what other instances stored: what is new is relayed, not logged. */
  applyPeerStored(stored: StoredDocument): void {
    applyStored(this.doc, stored, CATCH_UP_ORIGIN);
  }

  /**
   * Applies an update that is already checked (a client's, past the guard; another instance's),
   * sending a small one to the other clients first, as it came: a keystroke reaches them without
   * waiting for this apply. A large one (a reconnecting client's answer carries its whole delete
   * set) goes out after, as the change it made. Either way each client gets it once.
   */
  private applyRelayedAhead(update: Uint8Array, origin: RoomOrigin, sender: RoomConnection | null): void {
    if (update.length > RELAY_AHEAD_MAX_BYTES) return Y.applyUpdate(this.doc, update, origin);
    this.broadcast(encodeUpdate(update), sender);
    // The change event of this apply (fired inside it) is not sent again; any other transaction is.
    this.relayedAhead = origin;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.relayedAhead = null;
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, rawOrigin: unknown): void => {
    const origin = asRoomOrigin(rawOrigin);
    if (origin?.kind === 'load') return;
    this.upkeep.changed();
    const sender = origin?.kind === 'client' ? origin.connection : null;
    if (rawOrigin !== this.relayedAhead) this.broadcast(encodeUpdate(update), sender);
    // Another instance stores this change (peer-relays.ts sees to it) and keeps its story list entry: only relay it here.
    if (origin?.kind === 'peer') return;
    this.log.enqueue(update);
    this.upkeep.edited(sender ? sender.user.id : origin?.kind === 'server' ? origin.userId : null);
  };

  // Sends `message` to every client but its sender.
  private broadcast(message: Uint8Array, sender: RoomConnection | null): void {
    for (const connection of this.clients) if (connection !== sender) connection.send(message);
  }

  /** Removes a client (closing its channel) and its presence. */
  disconnect(connection: RoomConnection, code: number, reason: string): void {
    connection.close(code, reason);
    if (!this.clients.delete(connection)) return;
    this.earlySent.delete(connection);
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
    return this.clients.size === 0 && this.holds === 0;
  }

  /**
   * Everything is in the log, the snapshot is current and the story list entry written. What
   * other instances relayed and have not yet said is stored does not count: `persist` waits
   * for it, and what arrives after that, while the room has no clients, reached nobody here.
   */
  get isClean(): boolean {
    return this.log.isDurable && this.upkeep.isClean && this.authors.isClean;
  }

  private checkIdle(): void {
    if (this.isIdle) this.onIdle(this);
  }

  /** Users connected now, once each. */
  users(): User[] {
    const byId = new Map<string, User>();
    for (const connection of this.clients) byId.set(connection.user.id, connection.user);
    return [...byId.values()];
  }

  /** Writes the log, the snapshot and the summary now, once what other instances relayed is stored (by them or here); throws if storage fails. */
  async persist(): Promise<void> {
    // Their senders' notes come within milliseconds; a sender that died is stored for by the timer.
    await this.relays.whenStored();
    if (!(await this.log.flush())) throw new Error(`story ${this.articleId}: the update log could not be written`);
    await this.upkeep.compact();
    await this.upkeep.writeSummary();
    await this.authors.flush();
    if (!(await this.log.flush())) throw new Error(`story ${this.articleId}: the update log could not be written`);
  }

  /** Writes the story list entry now if a change made here is not in it yet (waiting for a write under way); throws if storage fails. */
  writeSummary(): Promise<void> {
    return this.upkeep.writeSummary();
  }

  /** Folds the log into a fresh snapshot now (one compaction at a time). */
  compact(): Promise<void> {
    return this.upkeep.compact();
  }

  /** Closes every client with `code`. */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.clients]) this.disconnect(connection, code, reason);
  }

  /** Frees the document; call only when idle and clean (or when giving up at shutdown). */
  destroy(): void {
    this.upkeep.stop();
    this.relays.stop();
    this.log.stop();
    this.guard.destroy();
    this.stopMentions();
    this.presence.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
  }
}
