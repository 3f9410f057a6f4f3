// The client half of the "saved" protocol against a fake provider: requests follow local
// changes only once the full state went out on this socket; answers confirm what they cover.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { headlineText } from '../../model/article-schema.ts';
import { encodeSaved, encodeReadOnly, MESSAGE_READ_ONLY, MESSAGE_SAVED, MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { SavedTracker, type TrackableProvider } from '../../model/saved-tracker.ts';

type Handler = TrackableProvider['messageHandlers'][number];

/** A provider with an open socket that records what is sent. */
function fakeProvider() {
  const sent: Uint8Array[] = [];
  const statusListeners = new Set<(e: { status: string }) => void>();
  const handlers: Handler[] = [];
  handlers[MESSAGE_SYNC] = () => undefined;
  const provider: TrackableProvider = {
    doc: new Y.Doc(),
    ws: { readyState: 1, send: (m: Uint8Array) => sent.push(m) } as unknown as WebSocket,
    wsconnected: true,
    messageHandlers: handlers,
    on: (_e, l) => void statusListeners.add(l),
    off: (_e, l) => void statusListeners.delete(l),
  };
  const receive = (message: Uint8Array) => {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    provider.messageHandlers[type](encoding.createEncoder(), decoder, provider, true, type);
  };
  const serverStep1 = () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    receive(encoding.toUint8Array(encoder));
  };
  const savedRequests = () => sent.filter((m) => m[0] === MESSAGE_SAVED).map((m) => decoding.readVarUint(decoding.createDecoder(m.slice(1))));
  const setStatus = (status: string) => statusListeners.forEach((l) => l({ status }));
  return { provider, sent, receive, serverStep1, savedRequests, setStatus };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SavedTracker', () => {
  it('asks only after the full state went out, and a confirmation covers what came before it', async () => {
    const fake = fakeProvider();
    const tracker = new SavedTracker(fake.provider);
    headlineText(fake.provider.doc).insert(0, 'a');
    await tick();
    expect(fake.savedRequests()).toEqual([]); // no step 2 sent on this socket yet
    fake.serverStep1();
    await tick();
    expect(fake.savedRequests()).toEqual([1]);
    headlineText(fake.provider.doc).insert(1, 'b');
    await tick();
    expect(fake.savedRequests()).toEqual([1, 2]);
    expect(tracker.state).toEqual({ changes: 2, unsaved: 2, readOnly: false });
    fake.receive(encodeSaved(1));
    expect(tracker.state.unsaved).toBe(1);
    fake.receive(encodeSaved(2));
    expect(tracker.state.unsaved).toBe(0);
    await tracker.whenSaved();
  });

  it('forgets requests on a lost socket and asks again on the next one', async () => {
    const fake = fakeProvider();
    const tracker = new SavedTracker(fake.provider);
    fake.serverStep1();
    headlineText(fake.provider.doc).insert(0, 'x');
    await tick();
    fake.setStatus('disconnected');
    fake.receive(encodeSaved(1)); // a late answer from the old socket is not trusted
    expect(tracker.state.unsaved).toBe(1);
    fake.provider.ws = { readyState: 1, send: (m: Uint8Array) => fake.sent.push(m) } as unknown as WebSocket;
    fake.serverStep1();
    await tick();
    expect(fake.savedRequests().at(-1)).toBe(2);
    fake.receive(encodeSaved(2));
    expect(tracker.state.unsaved).toBe(0);
  });

  it('does not count changes from the server or from ignored origins; assumes kept changes as unsaved', async () => {
    const fake = fakeProvider();
    const tracker = new SavedTracker(fake.provider);
    const store = { name: 'local store' };
    tracker.ignoreOrigin(store);
    fake.provider.doc.transact(() => headlineText(fake.provider.doc).insert(0, 'from server'), fake.provider);
    fake.provider.doc.transact(() => headlineText(fake.provider.doc).insert(0, 'kept '), store);
    expect(tracker.state.changes).toBe(0);
    tracker.assume(3);
    expect(tracker.state).toMatchObject({ changes: 3, unsaved: 3 });
    fake.serverStep1();
    await tick();
    fake.receive(encodeSaved(fake.savedRequests().at(-1)!));
    expect(tracker.state.unsaved).toBe(0);
  });

  it('reports a read-only connection', () => {
    const fake = fakeProvider();
    const tracker = new SavedTracker(fake.provider);
    expect(fake.provider.messageHandlers[MESSAGE_READ_ONLY]).toBeDefined();
    fake.receive(encodeReadOnly());
    expect(tracker.state.readOnly).toBe(true);
    tracker.destroy();
    expect(fake.provider.messageHandlers[MESSAGE_SAVED]).toBeUndefined();
  });
});
