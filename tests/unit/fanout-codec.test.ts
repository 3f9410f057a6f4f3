// The bytes instances send each other, through Redis and over direct links: every kind of story
// message round-trips with its sender and number, a message from an older version (no number)
// still reads, and a malformed number is refused rather than taken for some other sender.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { decodeMessage, decodeNewsroom, encodeMessage, encodeNewsroom } from '../../server/collab/fanout-codec.ts';
import type { FanoutMessage } from '../../server/collab/fanout.ts';

const instanceId = '0b6f2a4e-3c1d-4e5f-8a9b-0c1d2e3f4a5b';

describe('fan-out codec', () => {
  it('round-trips every kind of story message with its sender and number', () => {
    const messages: FanoutMessage[] = [
      { kind: 'update', update: new Uint8Array([1, 2, 3]), logged: { stream: 7, from: 10, upto: 12 } },
      { kind: 'update', update: new Uint8Array([4]), logged: null },
      { kind: 'stored', range: { stream: 7, from: 10, upto: 12 } },
      { kind: 'awareness', update: new Uint8Array([9, 9]) },
      { kind: 'query-awareness' },
      { kind: 'catch-up' },
    ];
    messages.forEach((message, i) => {
      const decoded = decodeMessage(encodeMessage({ instanceId, seq: 1000 + i }, message));
      expect(decoded).toEqual({ from: { instanceId, seq: 1000 + i }, message });
    });
  });

  it('reads a message without a number, as an older version sends it', () => {
    expect(decodeMessage(encodeMessage({ instanceId, seq: null }, { kind: 'catch-up' }))).toEqual({ from: { instanceId, seq: null }, message: { kind: 'catch-up' } });
  });

  it('refuses a sender field whose number is not a whole number', () => {
    for (const sender of [`${instanceId}:`, `${instanceId}:x`, `${instanceId}:-1`, `${instanceId}:1.5`]) {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, sender);
      encoding.writeVarUint(encoder, 3);
      expect(() => decodeMessage(encoding.toUint8Array(encoder)), sender).toThrow(/message number/);
    }
  });

  it('round-trips a newsroom message', () => {
    expect(decodeNewsroom(encodeNewsroom(instanceId, '{"kind":"dictionary"}'))).toEqual({ from: instanceId, payload: '{"kind":"dictionary"}' });
  });
});
