// Stock y-websocket clients in Node, and small waiting helpers.
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { SavedTracker, type TrackableProvider } from '../../model/saved-tracker.ts';

/** A connected client: its document, the stock provider, and (when asked) a saved-tracker. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  tracker: SavedTracker | null;
  /** Resolves when the first sync handshake is done. */
  synced: Promise<void>;
  destroy(): void;
}

/** Connects a stock WebsocketProvider (BroadcastChannel off, so everything goes through the server). */
export function connectClient(
  wsUrl: string,
  articleId: string,
  token: string,
  options: { doc?: Y.Doc; track?: boolean; connect?: boolean } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, articleId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
  });
  const tracker = options.track ? new SavedTracker(provider as unknown as TrackableProvider) : null;
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  let destroyed = false;
  return {
    doc,
    provider,
    tracker,
    synced,
    // Idempotent: a test may destroy a client itself before its fixture does.
    destroy() {
      if (destroyed) return;
      destroyed = true;
      tracker?.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `check` until it returns true, or fails after `timeoutMs` with `what`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
