// Bad input on one connection — random bytes, truncated sync messages, a message for another
// document, an oversized frame — closes that connection only, with a clear log line, while
// another client keeps editing; the story ends exactly as the honest client wrote it.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as syncProtocol from 'y-protocols/sync';
import { headlineText } from '../../model/article-schema.ts';
import { MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { closed, openRaw } from '../support/raw-socket.ts';
import { it } from '../support/fixtures.ts';

const syncMessage = (kind: number, payload: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
};

describe('malformed frames', () => {
  it('close only the sender, log why, and leave the story and other clients intact', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const mallory = await server.user('mallory', 'reporter');
    const id = await server.createArticle(ana.token);
    const honest = connect(server.wsUrl, id, ana.token, { track: true });
    await honest.synced;

    // The honest client types one character every few milliseconds throughout.
    let typed = '';
    const typing = setInterval(() => {
      const ch = String.fromCharCode(97 + (typed.length % 26));
      headlineText(honest.doc).insert(typed.length, ch);
      typed += ch;
    }, 3);

    // A valid update from another document, which builds on content this story never had.
    const other = new Y.Doc();
    headlineText(other).insert(0, 'other story');
    const before = Y.encodeStateVector(other);
    headlineText(other).insert(5, ' inserted');
    const dependent = Y.encodeStateAsUpdate(other, before);

    const valid = new Y.Doc();
    headlineText(valid).insert(0, 'x'.repeat(200));
    const update = Y.encodeStateAsUpdate(valid);
    const fullMessage = syncMessage(syncProtocol.messageYjsUpdate, update);

    const rng = prng.create(2026);
    const frames: { name: string; bytes: Uint8Array; code: number; log: string }[] = [
      ...Array.from({ length: 12 }, (_, i) => ({
        name: `random bytes #${i}`,
        bytes: prng.uint8Array(rng, 1 + prng.uint32(rng, 0, 300)),
        code: 1007,
        log: 'malformed|unknown message type|unreadable|trailing bytes|unknown sync',
      })),
      ...[1, 2, 3, 10, fullMessage.length - 1].map((cut) => ({
        name: `sync update frame cut at ${cut}`,
        bytes: fullMessage.slice(0, cut),
        code: 1007,
        log: 'unreadable message',
      })),
      ...[5, 20, update.length - 2].map((cut) => ({
        name: `update cut at ${cut} inside a well-formed frame`,
        bytes: syncMessage(syncProtocol.messageYjsUpdate, update.slice(0, cut)),
        code: 1007,
        log: 'unreadable message',
      })),
      { name: 'sync step 1 with a broken state vector', bytes: syncMessage(syncProtocol.messageYjsSyncStep1, new Uint8Array([5, 1])), code: 1007, log: 'unreadable message' },
      { name: 'an update for another document', bytes: syncMessage(syncProtocol.messageYjsUpdate, dependent), code: 1007, log: 'does not fit this story' },
      { name: 'a frame over 16 MiB', bytes: new Uint8Array(16 * 1024 * 1024 + 10), code: 1009, log: 'size limit' },
    ];

    for (const frame of frames) {
      const raw = await openRaw(`${server.wsUrl}/${id}?token=${mallory.token}`);
      if (!raw.ws) throw new Error(`connection refused: ${raw.status}`);
      const linesBefore = server.logger.lines.length;
      raw.ws.send(frame.bytes);
      const code = await closed(raw.ws);
      expect(code, frame.name).toBe(frame.code);
      const newLines = server.logger.lines.slice(linesBefore).join('\n');
      expect(newLines, frame.name).toMatch(new RegExp(`mallory.*(${frame.log})`));
    }

    clearInterval(typing);
    await honest.tracker!.whenSaved();
    expect(headlineText(honest.doc).toString()).toBe(typed);
    const room = server.server.rooms.get(id)!;
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(room.doc.store.pendingDs).toBeNull();
    expect(headlineText(room.doc).toString()).toBe(typed);

    // A fresh client after a restart reads exactly the honest text.
    honest.destroy();
    server = await server.restart();
    const reader = connect(server.wsUrl, id, await server.signIn('ana'));
    await reader.synced;
    expect(headlineText(reader.doc).toString()).toBe(typed);
    expect(typed.length).toBeGreaterThan(10);
  });
});
