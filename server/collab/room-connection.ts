// One client in a room: its channel, who it is, what it controls, and how far behind it may fall.
import type { User } from '../storage/store.ts';
import { TokenBucket, type RateLimit } from './rate-limit.ts';
import { CLOSE, type Transport } from './transport.ts';

/** What a connection may ask of the server beyond its changes. */
export interface ConnectionLimits {
  /** Unsent bytes (the channel's `bufferedAmount`) past which the client is dropped as too slow. */
  maxUnsentBytes: number;
  /** Sync step 1 requests (each answered with everything the client lacks, up to the whole story). */
  syncRequestRate: RateLimit;
}

/** The transaction origin of a connected client's changes (one of the kinds in origins.ts). */
export interface ClientOrigin {
  kind: 'client';
  connection: RoomConnection;
}

/** A client connected to a room. */
export class RoomConnection {
  /** The transaction origin of this connection's changes. */
  readonly origin: ClientOrigin = { kind: 'client', connection: this };
  /** Sync step 1 requests it may still send. */
  readonly syncRequests: TokenBucket;
  closed = false;

  constructor(
    private readonly transport: Transport,
    readonly user: User,
    /** A read-only connection (a viewer) gets the document; none of its changes is applied. A commenter's is not read-only: the update check lets through only their comments. */
    readonly readOnly: boolean,
    private readonly limits: ConnectionLimits,
    /** Told (once, after this connection closed itself) that the client stopped reading. */
    private readonly onBackedUp: (connection: RoomConnection, reason: string) => void,
  ) {
    this.syncRequests = new TokenBucket(limits.syncRequestRate);
  }

  /**
   * Sends a message unless the connection is closed. A client that does not read what it is
   * sent would make the server queue without end: once more than `maxUnsentBytes` wait, the
   * connection is closed instead (so a client that has fallen behind gets at most one more
   * message than the limit, and a fresh one can always receive a whole story once).
   */
  send(message: Uint8Array): void {
    if (this.closed) return;
    const unsent = this.transport.bufferedAmount ?? 0;
    if (unsent > this.limits.maxUnsentBytes) {
      const reason = `too far behind: ${(unsent / 1024 / 1024).toFixed(1)} MiB unsent`;
      this.close(CLOSE.tryAgainLater, reason);
      // The room forgets the connection after the send loop that noticed it has finished.
      queueMicrotask(() => this.onBackedUp(this, reason));
      return;
    }
    this.transport.send(message);
  }

  /** Closes the channel (once). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.transport.close(code, reason);
  }
}
