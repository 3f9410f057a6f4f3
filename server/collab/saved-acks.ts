// Answers a client's "saved?" request (model/saved-protocol.ts). The websocket is ordered, so
// everything the client sent before the request has been applied and queued for the log by
// the time the request is read: the answer goes out once the log holds all of it, and all
// that other instances relayed to it before (peer-relays.ts), on which it may build.
import { encodeReadOnly, encodeSaved } from '../../model/saved-protocol.ts';
import type { RoomConnection } from './room-connection.ts';

/** Answers request `seq` from `connection`: SAVED(seq) once `whenStored()` (asked now) resolves, or READ_ONLY (nothing it sends is stored). */
export function acknowledgeSaved(connection: RoomConnection, seq: number, whenStored: () => Promise<void>): void {
  if (connection.readOnly) {
    connection.send(encodeReadOnly());
    return;
  }
  void whenStored().then(() => connection.send(encodeSaved(seq)));
}
