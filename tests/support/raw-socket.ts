// A raw websocket to the collab endpoint, for sending hand-made (and broken) frames.
import WebSocket from 'ws';

/** Result of trying to open a websocket: the HTTP status of a refused upgrade, or the open socket. */
export function openRaw(url: string): Promise<{ ws: WebSocket; status: 101 } | { ws: null; status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve({ ws: null, status: res.statusCode ?? 0 });
      res.resume();
    });
    ws.on('open', () => resolve({ ws, status: 101 }));
    ws.on('error', (error) => reject(error));
  });
}

/** Resolves with the close code once `ws` closes. */
export function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(1006);
    else ws.once('close', (code) => resolve(code));
  });
}
