// One client in a room: its channel, who it is, and what it controls.
import type { User } from '../storage/store.ts';
import type { ClientOrigin } from './origins.ts';
import type { Transport } from './transport.ts';

/** A client connected to a room. */
export class RoomConnection {
  /** Awareness client ids this connection announced (removed when it leaves). */
  readonly awarenessIds = new Set<number>();
  /** The transaction origin of this connection's changes. */
  readonly origin: ClientOrigin = { kind: 'client', connection: this };
  closed = false;

  constructor(
    private readonly transport: Transport,
    readonly user: User,
    /** A read-only connection gets the document; none of its changes is applied. */
    readonly readOnly: boolean,
  ) {}

  /** Sends a message unless the connection is closed. */
  send(message: Uint8Array): void {
    if (!this.closed) this.transport.send(message);
  }

  /** Closes the channel (once). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.transport.close(code, reason);
  }
}
