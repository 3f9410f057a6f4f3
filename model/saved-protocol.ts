// The "saved" extension to the y-websocket protocol. A client that wants to know when its
// changes are durable sends SAVED_REQUEST(seq) after its updates; because a websocket is
// ordered, the server answers SAVED(seq) once everything that connection sent before the
// request is stored. A stock client never sends a request and never receives these types.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** y-websocket message types (y-protocols). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Client → server: "tell me when everything I sent before this is stored". Server → client: "it is". */
export const MESSAGE_SAVED = 100;
/** Server → client, in answer to MESSAGE_SAVED: this connection is read-only; nothing it sends is stored. */
export const MESSAGE_READ_ONLY = 101;

/** Encodes a SAVED message (either direction) carrying `seq`. */
export function encodeSaved(seq: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, seq);
  return encoding.toUint8Array(encoder);
}

/** Encodes the READ_ONLY notice. */
export function encodeReadOnly(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_READ_ONLY);
  return encoding.toUint8Array(encoder);
}

/** Reads the seq of a SAVED message whose type has already been read from `decoder`. */
export function readSavedSeq(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder);
}
