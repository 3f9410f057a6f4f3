// The y-websocket messages a client sends, decoded from one frame into a typed message before
// anything acts on it. A frame that does not decode whole (an unknown type, a length past its
// end, a broken state vector, bytes left over) is refused as a whole, so nothing of it is
// applied. Payloads are checked for shape only: an update's content and a presence state are
// checked by what applies them (update-guard.ts, room-awareness.ts).
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SAVED, MESSAGE_SYNC, readSavedSeq } from '../../model/saved-protocol.ts';
import { readBoundedBytes } from './bounded-bytes.ts';

/** One decoded client message. */
export type ClientMessage =
  /** Sync step 1: the client's state vector, asking for everything it lacks. */
  | { kind: 'sync-request'; stateVector: Uint8Array; knowsNothing: boolean }
  /** Sync step 2 or an update: a document update, its content not yet decoded. */
  | { kind: 'update'; update: Uint8Array }
  /** A presence (awareness) update, its entries not yet read. */
  | { kind: 'awareness'; update: Uint8Array }
  /** "Send me everyone's presence." */
  | { kind: 'query-awareness' }
  /** "Tell me when everything I sent before this is stored" (model/saved-protocol.ts). */
  | { kind: 'saved'; seq: number };

/** A frame that breaks the protocol; its sender is disconnected with 1007. */
export class ProtocolError extends Error {}

const QUERY_AWARENESS: ClientMessage = { kind: 'query-awareness' };

/** Decodes one frame; throws ProtocolError (or lib0's Error for bytes that run short) when it is malformed. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  const message = readMessage(decoder, type);
  if (decoding.hasContent(decoder)) throw new ProtocolError(`trailing bytes after a message of type ${type}`);
  return message;
}

function readMessage(decoder: decoding.Decoder, type: number): ClientMessage {
  switch (type) {
    case MESSAGE_SYNC:
      return readSync(decoder);
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: readBoundedBytes(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return QUERY_AWARENESS;
    case MESSAGE_SAVED:
      return { kind: 'saved', seq: readSavedSeq(decoder) };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function readSync(decoder: decoding.Decoder): ClientMessage {
  const kind = decoding.readVarUint(decoder);
  const payload = readBoundedBytes(decoder);
  switch (kind) {
    case syncProtocol.messageYjsSyncStep1:
      // Decoded here so that a malformed state vector is refused before anything is answered.
      return { kind: 'sync-request', stateVector: payload, knowsNothing: Y.decodeStateVector(payload).size === 0 };
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate:
      return { kind: 'update', update: payload };
    default:
      throw new ProtocolError(`unknown sync message type ${kind}`);
  }
}
