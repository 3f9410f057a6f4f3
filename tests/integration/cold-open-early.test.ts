// A cold open over the real server and a stock y-websocket client: the story is sent as stored
// while the server applies it, and the client's sync request then costs an empty answer.
import { describe, expect } from 'vitest';
import { headlineText } from '../../model/article-schema.ts';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';

// The update size of each sync step 2 message in `frames`.
function step2Sizes(frames: Uint8Array[]): number[] {
  const sizes: number[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) continue;
    sizes.push(decoding.readVarUint8Array(decoder).length);
  }
  return sizes;
}

describe('a cold open', () => {
  it('sends the stored story once, then an empty answer to the client’s sync request', async ({ startServer, connect }) => {
    const server = await startServer();
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const writer = connect(server.wsUrl, id, ana.token, { track: true });
    await writer.synced;
    headlineText(writer.doc).insert(0, 'Council votes on the budget');
    await writer.tracker!.whenSaved();
    writer.destroy();
    await waitFor(() => !server.server.rooms.inMemory(id), 'the story to unload', 10_000);

    const reader = connect(server.wsUrl, id, ana.token, { connect: false });
    reader.provider.connect();
    const frames: Uint8Array[] = [];
    reader.provider.ws!.addEventListener('message', (event: MessageEvent) => frames.push(new Uint8Array(event.data as ArrayBuffer)));
    await reader.synced;
    expect(headlineText(reader.doc).toString()).toBe('Council votes on the budget');
    await waitFor(() => step2Sizes(frames).length === 2, 'the answer to the sync request');
    const [stored, answer] = step2Sizes(frames);
    expect(stored).toBe((await server.server.store.loadDocument(id)).snapshot!.length);
    expect(answer).toBe(2); // an update with no structs and no deletions
  });
});
