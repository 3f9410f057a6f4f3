// Client side of the "saved" protocol: counts this client's changes that the server has not
// yet confirmed as stored. Works on a stock y-websocket WebsocketProvider by adding message
// handlers to it; shared by the renderer and Node clients (tests, benchmarks).
import type * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { encodeSaved, MESSAGE_READ_ONLY, MESSAGE_SAVED, MESSAGE_SYNC, readSavedSeq } from './saved-protocol.ts';

type MessageHandler = (encoder: unknown, decoder: decoding.Decoder, provider: unknown, emitSynced: boolean, messageType: number) => void;

/** The parts of a y-websocket WebsocketProvider the tracker uses. */
export interface TrackableProvider {
  doc: Y.Doc;
  ws: WebSocket | null;
  wsconnected: boolean;
  messageHandlers: MessageHandler[];
  on(event: 'status', listener: (event: { status: string }) => void): void;
  off(event: 'status', listener: (event: { status: string }) => void): void;
}

/** What the tracker knows now. */
export interface SavedState {
  /** Local changes made since the tracker started. */
  changes: number;
  /** Local changes the server has not confirmed as stored. */
  unsaved: number;
  /** The server said this connection is read-only: nothing it sends is stored. */
  readOnly: boolean;
}

/** Tracks which local changes the server has durably stored. */
export class SavedTracker {
  private changes = 0;
  private confirmed = 0;
  private readOnly = false;
  private seq = 0;
  /** seq of a request in flight → local change count it covers. */
  private readonly requests = new Map<number, number>();
  /** The socket on which our full state has been sent (the reply to the server's step 1). */
  private syncedSocket: WebSocket | null = null;
  private requestQueued = false;
  private readonly listeners = new Set<(state: SavedState) => void>();
  private readonly originalSync: MessageHandler;
  /** Origins whose changes are not new local work (e.g. a local store loading what it kept). */
  private readonly ignored = new Set<unknown>();

  constructor(private readonly provider: TrackableProvider) {
    this.originalSync = provider.messageHandlers[MESSAGE_SYNC];
    provider.messageHandlers[MESSAGE_SYNC] = this.onSync;
    provider.messageHandlers[MESSAGE_SAVED] = this.onSaved;
    provider.messageHandlers[MESSAGE_READ_ONLY] = this.onReadOnly;
    // Registered after the provider's own update handler, so the request follows the update on the wire.
    provider.doc.on('update', this.onUpdate);
    provider.on('status', this.onStatus);
  }

  /** The current counts. */
  get state(): SavedState {
    return { changes: this.changes, unsaved: this.changes - this.confirmed, readOnly: this.readOnly };
  }

  /** Changes made with `origin` are not counted (they were counted when first made). */
  ignoreOrigin(origin: unknown): void {
    this.ignored.add(origin);
  }

  /**
   * Counts `count` changes from an earlier run as not yet confirmed: after a reload, what a
   * local store kept but the server never confirmed. The next confirmation covers them.
   */
  assume(count: number): void {
    if (count <= 0) return;
    this.changes += count;
    this.queueRequest();
    this.emit();
  }

  /** Calls `listener` on every change of state; returns a function that stops it. */
  subscribe(listener: (state: SavedState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every local change so far is confirmed stored. */
  whenSaved(): Promise<void> {
    const target = this.changes;
    if (this.confirmed >= target) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.subscribe(() => {
        if (this.confirmed >= target) {
          stop();
          resolve();
        }
      });
    });
  }

  /** Detaches from the provider. */
  destroy(): void {
    this.provider.messageHandlers[MESSAGE_SYNC] = this.originalSync;
    // The table is indexed by message type and a stock provider has no handler for these two: a
    // hole is what was there, so `delete` (not splice, which would shift the others) is meant.
    // eslint-disable-next-line @typescript-eslint/no-array-delete -- see above
    for (const type of [MESSAGE_SAVED, MESSAGE_READ_ONLY]) delete this.provider.messageHandlers[type];
    this.provider.doc.off('update', this.onUpdate);
    this.provider.off('status', this.onStatus);
    this.listeners.clear();
  }

  private emit(): void {
    const state = this.state;
    for (const listener of [...this.listeners]) listener(state);
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider || this.ignored.has(origin)) return; // came from the server, or counted before
    this.changes++;
    this.queueRequest();
    this.emit();
  };

  // The provider answers the server's step 1 with everything the server lacks; once that
  // reply is sent, a request on this socket covers every local change made before it.
  private readonly onSync: MessageHandler = (encoder, decoder, provider, emitSynced, messageType) => {
    const isStep1 = decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep1;
    this.originalSync(encoder, decoder, provider, emitSynced, messageType);
    if (isStep1 && emitSynced) {
      this.syncedSocket = this.provider.ws;
      this.queueRequest();
    }
  };

  private readonly onSaved: MessageHandler = (_encoder, decoder) => {
    const seq = readSavedSeq(decoder);
    const covered = this.requests.get(seq);
    if (covered === undefined) return;
    for (const key of this.requests.keys()) if (key <= seq) this.requests.delete(key);
    if (covered > this.confirmed) {
      this.confirmed = covered;
      this.emit();
    }
  };

  private readonly onReadOnly: MessageHandler = () => {
    if (this.readOnly) return;
    this.readOnly = true;
    this.emit();
  };

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') return;
    // Requests on a lost socket will never be answered; the next connection resends everything.
    this.syncedSocket = null;
    this.requests.clear();
  };

  // One request per burst of changes, sent after the provider has sent them (microtask).
  private queueRequest(): void {
    if (this.requestQueued) return;
    this.requestQueued = true;
    queueMicrotask(() => {
      this.requestQueued = false;
      const ws = this.provider.ws;
      if (!ws || ws !== this.syncedSocket || !this.provider.wsconnected || ws.readyState !== 1) return;
      if (this.changes === this.confirmed || [...this.requests.values()].includes(this.changes)) return;
      this.seq++;
      this.requests.set(this.seq, this.changes);
      ws.send(encodeSaved(this.seq));
    });
  }
}
