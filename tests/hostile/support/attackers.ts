// What the attacks in this folder send: raw websockets (that can stop reading), hand-made
// y-websocket frames, and a large story to make every full-state answer expensive.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { bodyFragment } from '../../../model/article-schema.ts';
import { BODY_NODES } from '../../../model/body-schema.ts';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../../model/saved-protocol.ts';
import { connectClient, waitFor } from '../../support/clients.ts';
import { HOSTILE_PASSWORD, type HostileServer, type HostileUser } from './hostile-server.ts';

/** A signed-in account: its token and id. */
export interface Account {
  token: string;
  id: string;
  username: string;
  displayName: string;
}

/** Signs `username` in and returns the token with the account's id and names. */
export async function signIn(server: HostileServer, username: HostileUser): Promise<Account> {
  const response = await server.api('/api/session', { method: 'POST', json: { username, password: HOSTILE_PASSWORD } });
  const body = (await response.json()) as { token: string; user: { id: string; username: string; displayName: string } };
  return { token: body.token, id: body.user.id, username: body.user.username, displayName: body.user.displayName };
}

/** How a websocket ended: its close code and reason. */
export interface Closed {
  code: number;
  reason: string;
}

/** Resolves when `ws` closes. */
export function whenClosed(ws: WebSocket): Promise<Closed> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve({ code: 1006, reason: '' });
    else ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** Opens a raw websocket to a story as `token`'s user: the open socket, or the HTTP status (or error code) that refused it. */
export function openSocket(server: HostileServer, articleId: string, token: string): Promise<{ ws: WebSocket; status: 101 } | { ws: null; status: number | string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.wsUrl}/${articleId}?token=${token}`, { maxPayload: 256 * 1024 * 1024 });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ ws: null, status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => resolve({ ws, status: 101 }));
    ws.on('error', (error: Error & { code?: string }) => resolve({ ws: null, status: error.code ?? error.message }));
  });
}

/** Opens a raw websocket that must be accepted. */
export async function mustOpen(server: HostileServer, articleId: string, token: string): Promise<WebSocket> {
  const opened = await openSocket(server, articleId, token);
  if (!opened.ws) throw new Error(`the server refused the socket: ${opened.status}`);
  return opened.ws;
}

/** An awareness message with `count` entries (client ids 1…count), each with state `json`. */
export function awarenessFlood(count: number, json: string, clock = 1): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  for (let id = 1; id <= count; id++) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, json);
  }
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** An awareness message setting each of `entries` (client id, clock, state; null removes). */
export function awarenessMessage(entries: [clientId: number, clock: number, state: unknown][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** Sync step 1 with an empty state vector: "send me the whole story". */
export function syncStep1Empty(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/** "Send me everyone's presence." */
export const QUERY_AWARENESS = new Uint8Array([MESSAGE_QUERY_AWARENESS]);

/** Sends `frames` copies of `message` without waiting for anything to be read. */
export async function sendMany(ws: WebSocket, message: Uint8Array, frames: number): Promise<void> {
  for (let i = 0; i < frames && ws.readyState === WebSocket.OPEN; i++) {
    ws.send(message);
    if (i % 100 === 99) await new Promise((r) => setImmediate(r)); // let the socket drain its side
  }
}

/** Writes about `bytes` of body text into story `articleId` as `token`'s user and waits until the server confirmed it stored. */
export async function writeLargeArticle(server: HostileServer, articleId: string, token: string, bytes: number): Promise<void> {
  const client = connectClient(server.wsUrl, articleId, token, { track: true });
  try {
    await client.synced;
    // Three UTF-8 bytes per character (the euro sign is one UTF-16 unit): the story is large in
    // bytes while its body stays under its cap of a million characters.
    const phrase = 'All the news €€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€ ';
    const phraseBytes = Buffer.byteLength(phrase);
    const paragraphBytes = 50_000;
    for (let written = 0; written < bytes; written += paragraphBytes) {
      const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
      paragraph.insert(0, [new Y.XmlText(phrase.repeat(Math.ceil(paragraphBytes / phraseBytes)))]);
      bodyFragment(client.doc).push([paragraph]);
    }
    await waitFor(() => client.tracker!.state.unsaved === 0, 'the large story to be stored', 60_000);
  } finally {
    client.destroy();
  }
}

/** The size of the server's answer to "send me the whole story" (its sync step 2), read by a fresh socket. */
export async function fullStateAnswerBytes(server: HostileServer, articleId: string, token: string): Promise<number> {
  const ws = await mustOpen(server, articleId, token);
  try {
    const sizes: number[] = [];
    const answered = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => {
        // [MESSAGE_SYNC, messageYjsSyncStep2, …]
        if (data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep2) {
          sizes.push(data.length);
          resolve();
        }
      }),
    );
    ws.send(syncStep1Empty());
    await answered;
    return sizes[0];
  } finally {
    ws.close();
  }
}

/** The bytes a client holding `doc` would receive for the whole story (for comparing with a copy). */
export const articleText = (doc: Y.Doc) => bodyFragment(doc).toString();
