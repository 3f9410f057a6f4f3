// The attacker's stock client, in a worker thread of its own: building and resending a large
// poison then costs the attacker's event loop, not the one that times the honest editors.
// workerData: {wsUrl, articleId, token}. Messages in: {apply: Uint8Array} (the client's
// document takes the update, so the provider sends it) and {stop: true}. Messages out:
// {synced: state}, {close: {code, reason}}, {stopped: true}.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { connectClient } from '../../support/clients.ts';

const { wsUrl, articleId, token } = workerData as { wsUrl: string; articleId: string; token: string };
const client = connectClient(wsUrl, articleId, token);
client.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
  if (event) parentPort!.postMessage({ close: { code: event.code, reason: event.reason } });
});
void client.synced.then(() => parentPort!.postMessage({ synced: Y.encodeStateAsUpdate(client.doc) }));
parentPort!.on('message', (message: { apply?: Uint8Array; stop?: true }) => {
  if (message.apply) Y.applyUpdate(client.doc, message.apply);
  if (message.stop) {
    client.destroy();
    parentPort!.postMessage({ stopped: true });
  }
});
