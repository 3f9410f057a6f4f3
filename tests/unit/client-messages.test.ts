// A client's frame decoded whole into one typed message before the room acts on it; a frame
// that does not decode whole is refused as a whole (room.test.ts: nothing of it is applied).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { encodeSaved, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { decodeClientMessage, ProtocolError } from '../../server/collab/client-messages.ts';

const frame = (write: (encoder: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};
const sync = (kind: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, kind);
    encoding.writeVarUint8Array(e, payload);
  });
const withTrailingByte = (bytes: Uint8Array) => new Uint8Array([...bytes, 0]);

const update = (() => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'Rates rise');
  return Y.encodeStateAsUpdate(doc);
})();

describe('decodeClientMessage', () => {
  it('decodes each kind of message a client sends', () => {
    const known = new Y.Doc();
    known.getText('t').insert(0, 'x');
    expect(decodeClientMessage(sync(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(new Y.Doc())))).toMatchObject({ kind: 'sync-request', knowsNothing: true });
    expect(decodeClientMessage(sync(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(known)))).toMatchObject({ kind: 'sync-request', knowsNothing: false });
    expect(decodeClientMessage(sync(syncProtocol.messageYjsSyncStep2, update))).toEqual({ kind: 'update', update });
    expect(decodeClientMessage(sync(syncProtocol.messageYjsUpdate, update))).toEqual({ kind: 'update', update });
    const presence = new Uint8Array([1, 2, 3]);
    expect(decodeClientMessage(frame((e) => (encoding.writeVarUint(e, MESSAGE_AWARENESS), encoding.writeVarUint8Array(e, presence))))).toEqual({ kind: 'awareness', update: presence });
    expect(decodeClientMessage(frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS)))).toEqual({ kind: 'query-awareness' });
    expect(decodeClientMessage(encodeSaved(42))).toEqual({ kind: 'saved', seq: 42 });
  });

  it('refuses unknown types, lengths past the end, and bytes left over', () => {
    expect(() => decodeClientMessage(frame((e) => encoding.writeVarUint(e, 77)))).toThrow(ProtocolError);
    expect(() => decodeClientMessage(sync(9, update))).toThrow(ProtocolError);
    expect(() => decodeClientMessage(sync(syncProtocol.messageYjsUpdate, update).slice(0, 10))).toThrow(/past the end/);
    expect(() => decodeClientMessage(withTrailingByte(sync(syncProtocol.messageYjsUpdate, update)))).toThrow(/trailing bytes/);
  });
});
