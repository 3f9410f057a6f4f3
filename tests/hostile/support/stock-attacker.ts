// An attacker using the stock client (a WebsocketProvider, in a worker thread: see
// attacker-worker.ts). The attacker hands it updates made on a copy of the story; when the
// server closes it, it does what every stock client does — reconnects and sends again whatever
// the server lacks — so an attack test also shows what that costs.
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { waitFor } from '../../support/clients.ts';

/** A close the attacker received. */
export interface Close {
  code: number;
  reason: string;
}

/** A stock client under an attacker's control, recording every close it gets. */
export class StockAttacker {
  readonly closes: Close[] = [];
  /** A copy of the story as the client first got it, on which to prepare the attack. */
  readonly scratch = new Y.Doc();
  private stopped = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: { close?: Close }) => {
      if (message.close) this.closes.push(message.close);
    });
  }

  /** Connects with `token` to story `articleId` and waits for the first sync. */
  static async connect(wsUrl: string, articleId: string, token: string): Promise<StockAttacker> {
    const worker = new Worker(new URL('./attacker-worker-entry.mjs', import.meta.url), { workerData: { wsUrl, articleId, token } });
    const attacker = new StockAttacker(worker);
    const state = await new Promise<Uint8Array>((resolve, reject) => {
      worker.on('message', (message: { synced?: Uint8Array }) => message.synced && resolve(message.synced));
      worker.once('error', reject);
    });
    Y.applyUpdate(attacker.scratch, state);
    return attacker;
  }

  /** The update `edit` makes on the scratch copy (the copy keeps it, so edits build on each other). */
  prepare(edit: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(this.scratch);
    this.scratch.transact(() => edit(this.scratch));
    return Y.encodeStateAsUpdate(this.scratch, before);
  }

  /** Gives `update` to the client, which sends it. */
  send(update: Uint8Array): void {
    this.worker.postMessage({ apply: update });
  }

  /** Waits for the server's first close and returns it. */
  async firstClose(timeoutMs = 30_000): Promise<Close> {
    await waitFor(() => this.closes.length > 0, 'the server to close the attacker', timeoutMs);
    return this.closes[0];
  }

  /** Stops reconnecting and disconnects. */
  async destroy(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await new Promise<void>((resolve) => {
      this.worker.on('message', (message: { stopped?: true }) => message.stopped && resolve());
      this.worker.postMessage({ stop: true });
    });
    await this.worker.terminate();
  }
}
