// Answers a client's "saved?" request (model/saved-protocol.ts). The websocket is ordered, so
// everything the client sent before the request has been applied and queued for the log by
// the time the request is read: the answer goes out once the log holds all of it.
import { encodeReadOnly, encodeSaved } from '../../model/saved-protocol.ts';
import type { RoomConnection } from './room-connection.ts';
import type { UpdateLog } from './update-log.ts';

/** Answers request `seq` from `connection`: SAVED(seq) once `log` holds what it sent, or READ_ONLY (nothing it sends is stored). */
export function acknowledgeSaved(connection: RoomConnection, seq: number, log: Pick<UpdateLog, 'whenDurable'>): void {
  if (connection.readOnly) {
    connection.send(encodeReadOnly());
    return;
  }
  void log.whenDurable().then(() => connection.send(encodeSaved(seq)));
}
