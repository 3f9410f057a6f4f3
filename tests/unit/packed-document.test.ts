// A stored story's log crosses from the SQLite worker packed into one transferable buffer and
// comes back as entries of their own size, in order, byte for byte.
import { describe, expect, it } from 'vitest';
import { packDocument, packedTransfers, unpackDocument } from '../../server/storage/packed-document.ts';

describe('packed stored documents', () => {
  it('give back every entry in order, each in a buffer of its own size', () => {
    const stored = { snapshot: new Uint8Array([9, 9]), updates: [new Uint8Array([1]), new Uint8Array([]), new Uint8Array([2, 3, 4])], lastSeq: 7 };
    const packed = packDocument(stored);
    expect(packed.log).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(packedTransfers(packed)).toEqual([packed.log.buffer, packed.ends.buffer]);
    const back = unpackDocument(structuredClone(packed, { transfer: packedTransfers(packed) }));
    expect(back).toEqual(stored);
    expect(back.updates.every((u) => u.byteLength === u.buffer.byteLength)).toBe(true);
  });

  it('packs an empty log', () => {
    expect(unpackDocument(packDocument({ snapshot: null, updates: [], lastSeq: 0 }))).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
  });
});
