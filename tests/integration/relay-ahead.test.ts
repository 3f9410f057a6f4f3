// The room sends a small update on to the other clients before it applies it (Room.applyRelayedAhead:
// the apply is off the path a reader waits on; bench/RESULTS.md shows the gain). What a reader
// sees must not change: every change reaches each other client once, a small update as it was
// sent, a large one (over the relay-ahead size) as the change it made, never both.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { headlineText } from '../../model/article-schema.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { sleep, waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import { openRaw } from '../support/raw-socket.ts';

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** A raw reader of a story: the story it is sent (sync step 2), then the updates, in order. */
function watchUpdates(ws: WebSocket): { synced: () => boolean; story: () => Uint8Array | null; updates: Uint8Array[] } {
  const seen = { story: null as Uint8Array | null, updates: [] as Uint8Array[] };
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const type = decoding.readVarUint(decoder);
    if (type === SYNC_STEP_2) seen.story = decoding.readVarUint8Array(decoder);
    else if (type === SYNC_UPDATE) seen.updates.push(decoding.readVarUint8Array(decoder));
  });
  return { synced: () => seen.story !== null, story: () => seen.story, updates: seen.updates };
}

describe('relaying ahead of the apply', () => {
  it('sends a keystroke on as it came and a large change as it applied, each once', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const writer = connect(server.wsUrl, id, ana.token);
    await writer.synced;
    const raw = await openRaw(`${server.wsUrl}/${id}?token=${ana.token}`);
    if (!raw.ws) throw new Error(`connection refused: ${raw.status}`);
    const reader = watchUpdates(raw.ws);
    // Sync step 1 with an empty state vector: the server answers with the story (step 2).
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    encoding.writeVarUint(step1, SYNC_STEP_1);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(new Y.Doc()));
    raw.ws.send(encoding.toUint8Array(step1));
    await waitFor(reader.synced, 'the reader to be synced');

    const sent: Uint8Array[] = [];
    writer.doc.on('update', (update: Uint8Array) => sent.push(update));
    headlineText(writer.doc).insert(0, 'K');
    await waitFor(() => reader.updates.length === 1, 'the keystroke to reach the reader');
    expect(Buffer.from(reader.updates[0]).equals(Buffer.from(sent[0]))).toBe(true);

    // A paste of 6,000 characters is over the relay-ahead size: it goes on as the change it made.
    appendParagraphs(writer.doc, ['p'.repeat(6000)]);
    expect(sent[1].length).toBeGreaterThan(4096);
    await waitFor(() => reader.updates.length === 2, 'the paste to reach the reader');
    await sleep(300);
    expect(reader.updates).toHaveLength(2);
    const mirror = new Y.Doc();
    Y.applyUpdate(mirror, reader.story()!);
    for (const update of reader.updates) Y.applyUpdate(mirror, update);
    expect(headlineText(mirror).toString()).toBe('K');
    expect(readBody(mirror).map((block) => blockText(block))).toContain('p'.repeat(6000));
    // And the server applied both.
    expect(headlineText(server.server.rooms.get(id)!.doc).toString()).toBe('K');
    raw.ws.terminate();
  });
});
