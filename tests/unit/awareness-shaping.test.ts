// The awareness decoder and the presence shaper: entries are read with their bounds checked
// before anything is parsed, and a state is filled in from the account with only safe values kept.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { userColor } from '../../model/user-colors.ts';
import {
  encodeAwarenessEntries,
  parsePresenceState,
  readAwarenessEntries,
  shapePresenceState,
} from '../../server/collab/awareness-shaping.ts';
import { readBoundedBytes } from '../../server/collab/bounded-bytes.ts';
import { PolicyViolation } from '../../server/collab/transport.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const ana = { id: 'u-ana', displayName: 'Ana Lima', role: 'reporter' };

/** An update with `count` entries declared, but only the bytes of the first `written`. */
function declared(count: number, written: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < written; i++) {
    encoding.writeVarUint(encoder, i + 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, '{}');
  }
  return encoding.toUint8Array(encoder);
}

describe('readAwarenessEntries', () => {
  it('reads what y-protocols writes: client id, clock and the state as JSON text', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Ana' }, field: 'body' });
    const entries = readAwarenessEntries(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]), 4, 4096);
    expect(entries.map((e) => [e.clientId, e.clock, text(e.state)])).toEqual([[doc.clientID, 1, '{"user":{"name":"Ana"},"field":"body"}']]);
    awareness.destroy();
  });

  it('refuses a message with more entries than allowed from its count alone (a million ids cost nothing to refuse)', () => {
    const huge = declared(1_000_000, 0);
    expect(() => readAwarenessEntries(huge, 10, 4096)).toThrow(PolicyViolation);
    expect(() => readAwarenessEntries(huge, 10, 4096)).toThrow('1000000 entries (at most 10');
  });

  it('refuses a state over the size limit, before parsing it', () => {
    const update = encodeAwarenessEntries([{ clientId: 1, clock: 1, json: JSON.stringify({ pad: 'x'.repeat(5000) }) }]);
    expect(() => readAwarenessEntries(update, 4, 4096)).toThrow(PolicyViolation);
    expect(readAwarenessEntries(update, 4, 8192)).toHaveLength(1);
  });

  it('throws a plain error on truncated entries and trailing bytes (malformed, not a policy matter)', () => {
    const truncated = declared(3, 2);
    expect(() => readAwarenessEntries(truncated, 4, 4096)).toThrow(Error);
    expect(() => readAwarenessEntries(truncated, 4, 4096)).not.toThrow(PolicyViolation);
    const trailing = new Uint8Array([...declared(1, 1), 7]);
    expect(() => readAwarenessEntries(trailing, 4, 4096)).toThrow('trailing bytes');
  });

  it('never reads past the end of the message into the bytes that follow it in the buffer', () => {
    // A state claims 10 bytes; the message has 2, and the buffer after it holds someone else's bytes.
    const buffer = new Uint8Array([1, 5, 1, 10, 0x7b, 0x7d, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22]);
    const message = buffer.subarray(0, 6);
    expect(() => readAwarenessEntries(message, 4, 4096)).toThrow('runs past the end');
    expect(() => readBoundedBytes(decoding.createDecoder(new Uint8Array([3, 1, 2])))).toThrow('runs past the end');
    expect([...readBoundedBytes(decoding.createDecoder(new Uint8Array([2, 1, 2])))]).toEqual([1, 2]);
  });
});

describe('parsePresenceState', () => {
  it('gives an object or null, and throws on anything else', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(parsePresenceState(bytes('{"a":1}'))).toEqual({ a: 1 });
    expect(parsePresenceState(bytes('null'))).toBeNull();
    for (const bad of ['[1]', '"x"', '3', 'true', '{', '\xff'.repeat(2)]) expect(() => parsePresenceState(bytes(bad)), bad).toThrow();
    expect(() => parsePresenceState(new Uint8Array([0x22, 0xff, 0x22]))).toThrow(); // not UTF-8
  });
});

describe('shapePresenceState', () => {
  it('fills id, name and role from the account and keeps the rest', () => {
    const { json, claimed } = shapePresenceState({ field: 'body', extra: [1, 2] }, ana);
    expect(JSON.parse(json)).toEqual({ field: 'body', extra: [1, 2], user: { id: 'u-ana', name: 'Ana Lima', role: 'reporter', color: userColor('u-ana') } });
    expect(claimed).toBeNull();
  });

  it('replaces another user’s name, id and role, and says what was claimed', () => {
    const { json, claimed } = shapePresenceState({ user: { id: 'u-ed', name: 'Ed the Editor', role: 'editor', color: '#1f6feb' } }, ana);
    expect(JSON.parse(json).user).toEqual({ id: 'u-ana', name: 'Ana Lima', role: 'reporter', color: '#1f6feb' });
    expect(claimed).toContain('Ed the Editor');
    expect(claimed).toContain('editor');
  });

  it('does not call the app’s own state a claim, even for a display name longer than presence shows', () => {
    expect(shapePresenceState({ user: { id: 'u-ana', name: 'Ana Lima', color: userColor('u-ana') }, field: null }, ana).claimed).toBeNull();
    const long = { ...ana, displayName: 'A'.repeat(100) };
    expect(shapePresenceState({ user: { id: 'u-ana', name: 'A'.repeat(100) } }, long).claimed).toBeNull();
  });

  it('keeps a palette or #rrggbb colour and replaces anything else with the account’s palette colour', () => {
    const colorOf = (color: unknown) => JSON.parse(shapePresenceState({ user: { color } }, ana).json).user.color;
    expect(colorOf('#1F6FEB')).toBe('#1f6feb');
    expect(colorOf('#123456')).toBe('#123456');
    for (const bad of ['red; background: url(//evil.example/x)', 'red', '#fff', 'url(x)', 12, null, { c: 1 }]) expect(colorOf(bad), inspect(bad)).toBe(userColor('u-ana'));
  });

  it('cuts the account’s display name to a bounded, printable one', () => {
    const long = { ...ana, displayName: `\u202e${'N'.repeat(500)}` };
    expect(JSON.parse(shapePresenceState({}, long).json).user.name).toBe('N'.repeat(64));
  });

  it('replaces a cursor y-prosemirror could not resolve with null and keeps a good one', () => {
    const good = { anchor: { type: { client: 1, clock: 2 }, tname: 'body', item: { client: 3, clock: 4 }, assoc: 0 }, head: {} };
    expect(JSON.parse(shapePresenceState({ cursor: good }, ana).json).cursor).toEqual(good);
    for (const bad of [{ anchor: null, head: {} }, { anchor: { item: { client: 'x', clock: 1 } }, head: {} }, 'here', [1]]) {
      expect(JSON.parse(shapePresenceState({ cursor: bad }, ana).json).cursor, JSON.stringify(bad)).toBeNull();
    }
    expect(JSON.parse(shapePresenceState({ cursor: null }, ana).json).cursor).toBeNull();
  });

  it('keeps a typingAt that is a non-negative safe integer and leaves out anything else', () => {
    const typingAt = (value: unknown) => JSON.parse(shapePresenceState({ field: 'body', typingAt: value }, ana).json);
    expect(typingAt(1_760_000_000_000).typingAt).toBe(1_760_000_000_000);
    expect(typingAt(0).typingAt).toBe(0);
    for (const bad of [-1, 1.5, 2 ** 53, '1760000000000', null, { at: 1 }, [1], Number.NaN]) {
      const shaped = typingAt(bad);
      expect(shaped, JSON.stringify(bad)).not.toHaveProperty('typingAt');
      expect(shaped.field).toBe('body');
    }
    expect(JSON.parse(shapePresenceState({ field: 'body' }, ana).json)).not.toHaveProperty('typingAt');
  });
});
