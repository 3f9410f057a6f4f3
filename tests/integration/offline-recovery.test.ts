// Offline recovery at the Node level, against the real server and stock y-websocket clients:
// a client keeps typing through a server restart (clean stop, or SIGKILL) and reconnects by
// itself without losing a character; a long offline session (a real editing trace) merges on
// reconnect, and the time the merge took is reported.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { connectClient, sleep, waitFor, type TestClient } from '../support/clients.ts';
import { loadTrace, type Patch } from '../support/editing-traces.ts';
import { runCli, spawnServer, type ServerProcess } from '../support/server-process.ts';
import { requireSharedData, traceFile } from '../support/shared-data.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer | null = null;
let proc: ServerProcess | null = null;
const dirs: string[] = [];
const clients: TestClient[] = [];
const timers: ReturnType<typeof setInterval>[] = [];
afterEach(async () => {
  for (const t of timers.splice(0)) clearInterval(t);
  for (const c of clients.splice(0)) c.destroy();
  await server?.dispose();
  server = null;
  proc?.child.kill('SIGKILL');
  await proc?.exited;
  proc = null;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** The text node of the body's `index`-th paragraph, for writing. */
const paragraph = (doc: Y.Doc, index: number) => (bodyFragment(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;
/** The plain text of every body block, for reading. */
const bodyTexts = (doc: Y.Doc) => readBody(doc).map(blockText);
/** A state vector as sorted entries, comparable between documents. */
const stateVector = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]);

/** What the client types, one character per keystroke: numbered words, so loss or reordering shows. */
const script = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ');

/** The server the restart scenario runs against: in-process (clean stop) or a child process (SIGKILL). */
interface Deployment {
  wsUrl: string;
  token: string;
  articleId: string;
  /** Takes the server down. */
  down(): Promise<void>;
  /** Starts it again on the same port and data. */
  up(): Promise<void>;
  /** Error lines the server(s) logged so far. */
  errors(): string[];
}

async function inProcess(): Promise<Deployment> {
  server = await startTestServer();
  const ana = await server.user('ana', 'reporter');
  const articleId = await server.createArticle(ana.token);
  const port = server.server.port;
  return {
    wsUrl: server.wsUrl,
    token: ana.token,
    articleId,
    down: () => server!.stop(), // what SIGTERM does: store every open story, close sockets with 1012
    async up() {
      server = await server!.restart();
      expect(server.server.port).toBe(port);
    },
    errors: () => server!.logger.lines.filter((l) => l.startsWith('error')),
  };
}

async function childProcess(): Promise<Deployment> {
  const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-offline-'));
  dirs.push(dataDir);
  expect((await runCli(['user', 'add', 'ana', '--role', 'reporter', '--data', dataDir], 'password1\n')).code).toBe(0);
  proc = await spawnServer(['--port', '0', '--data', dataDir]);
  const url = proc.url;
  const port = new URL(url).port;
  const outputs: (() => string)[] = [proc.output];
  const token = ((await (await fetch(`${url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'password1' }) })).json()) as { token: string }).token;
  const response = await fetch(`${url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
  const articleId = ((await response.json()) as { id: string }).id;
  return {
    wsUrl: url.replace(/^http/, 'ws') + '/collab',
    token,
    articleId,
    async down() {
      proc!.child.kill('SIGKILL'); // a crash: nothing is flushed, nothing is closed politely
      expect(await proc!.exited).toBe('SIGKILL');
      proc = null;
    },
    async up() {
      proc = await spawnServer(['--port', port, '--data', dataDir]);
      expect(proc.url).toBe(url);
      outputs.push(proc.output);
    },
    errors: () => outputs.flatMap((o) => o().split('\n')).filter((l) => /\bERROR\b|Error:/.test(l)),
  };
}

describe('a server restart while a client is editing', () => {
  it.each([
    ['stopped cleanly (SIGTERM-like close)', inProcess],
    ['crashed (SIGKILL of the server process)', childProcess],
  ])('the server restarts while a client is editing; the client reconnects by itself and nothing typed in between is lost — %s', async (_how, deploy) => {
    const d = await deploy();
    const writer = connectClient(d.wsUrl, d.articleId, d.token, { track: true });
    clients.push(writer);
    await writer.synced;
    // A new story starts with one empty paragraph; the client types into it.
    expect(bodyTexts(writer.doc)).toEqual(['']);

    let typed = '';
    let typedWhileOffline = 0;
    let disconnects = 0;
    writer.provider.on('status', ({ status }) => void (status === 'disconnected' && disconnects++));
    const typing = setInterval(() => {
      const char = script[typed.length];
      const text = paragraph(writer.doc, 0);
      text.insert(text.length, char);
      typed += char;
      if (!writer.provider.wsconnected) typedWhileOffline++;
    }, 3);
    timers.push(typing);

    // Some typing reaches the server and is confirmed; then the server goes away mid-typing.
    await waitFor(() => writer.tracker!.state.changes - writer.tracker!.state.unsaved > 50, 'some confirmed typing');
    await d.down();
    await waitFor(() => !writer.provider.wsconnected, 'the client to notice the server is gone');
    await sleep(800); // the server stays down; the client keeps typing
    await d.up();
    const upAt = performance.now();
    // No help from the test: the provider reconnects on its own schedule.
    await waitFor(() => writer.provider.wsconnected && writer.provider.synced, 'the provider to reconnect by itself', 10_000);
    const reconnectMs = performance.now() - upAt;
    const reconnectedAt = typed.length;
    await waitFor(() => typed.length >= reconnectedAt + 50, 'more typing after the reconnect');
    clearInterval(typing);

    expect(disconnects).toBeGreaterThanOrEqual(1);
    expect(typedWhileOffline).toBeGreaterThan(20);
    await waitFor(() => writer.tracker!.state.unsaved === 0, 'every change to be confirmed saved after the reconnect', 10_000);
    expect(writer.tracker!.state).toMatchObject({ changes: typed.length, unsaved: 0, readOnly: false });
    expect(bodyTexts(writer.doc)).toEqual([typed]);

    // Yet another restart (of the same kind); a fresh client reads exactly what was typed.
    for (const c of clients.splice(0)) c.destroy();
    await d.down();
    await d.up();
    const reader = connectClient(d.wsUrl, d.articleId, d.token);
    clients.push(reader);
    await reader.synced;
    const stored = bodyTexts(reader.doc);
    expect(stored.length).toBe(1);
    expect(stored[0].length, 'characters stored').toBe(typed.length);
    expect(stored[0]).toBe(typed);
    expect(d.errors()).toEqual([]);
    console.info(
      `restart while typing (${_how}): ${typed.length} characters typed, ${typedWhileOffline} while the server was down; ` +
        `the provider reconnected ${reconnectMs.toFixed(0)} ms after the server was listening again`,
    );
  });
});

interface SequentialTrace {
  endContent: string;
  txns: { patches: Patch[] }[];
}

const TRACE = 'seph-blog1';
const KEYSTROKES = 5000;

describe('a long offline session', () => {
  it(
    `a long offline session merges on reconnect, and the merge time is reported (${KEYSTROKES} transactions of the ${TRACE} trace)`,
    async ({ skip }) => {
      requireSharedData([traceFile(TRACE)], skip);
      const txns = loadTrace<SequentialTrace>(TRACE).txns.slice(0, KEYSTROKES);
      // Trace positions are code points; they equal UTF-16 offsets only without astral characters.
      expect(txns.some((t) => t.patches.some((p) => /[\uD800-\uDFFF]/.test(p[2])))).toBe(false);
      let expected = '';
      for (const { patches } of txns) for (const [pos, del, ins] of patches) expected = expected.slice(0, pos) + ins + expected.slice(pos + del);

      server = await startTestServer();
      const ana = await server.user('ana', 'reporter');
      const ben = await server.user('ben', 'desk');
      const id = await server.createArticle(ana.token);
      const a = connectClient(server.wsUrl, id, ana.token, { track: true });
      const b = connectClient(server.wsUrl, id, ben.token, { track: true });
      clients.push(a, b);
      await Promise.all([a.synced, b.synced]);
      // Ben writes in the story's first paragraph, Ana in a second one she adds now.
      const anaStart = 'Ana, online: ';
      appendParagraphs(a.doc, [anaStart]);
      await waitFor(() => bodyTexts(b.doc).length === 2, 'Ben to see the second paragraph');
      await Promise.all([a.tracker!.whenSaved(), b.tracker!.whenSaved()]);
      expect(bodyTexts(b.doc)).toEqual(['', anaStart]);

      // Ben goes offline and replays the trace, yielding now and then so Ana types meanwhile.
      const svAtDisconnect = Y.encodeStateVector(b.doc);
      b.provider.disconnect();
      expect(b.provider.wsconnected).toBe(false);
      let anaTyped = '';
      const typing = setInterval(() => {
        const char = script[anaTyped.length];
        const text = paragraph(a.doc, 1);
        text.insert(text.length, char);
        anaTyped += char;
      }, 3);
      timers.push(typing);
      for (const [i, { patches }] of txns.entries()) {
        const text = paragraph(b.doc, 0);
        b.doc.transact(() => {
          for (const [pos, del, ins] of patches) {
            if (del > 0) text.delete(pos, del);
            if (ins.length > 0) text.insert(pos, ins);
          }
        });
        if (i % 250 === 249) await sleep(2);
      }
      await waitFor(() => anaTyped.length >= 200, 'Ana to type while Ben is offline');
      clearInterval(typing);
      await a.tracker!.whenSaved();

      // Offline really was offline: neither has seen the other's new text.
      expect(bodyTexts(b.doc)).toEqual([expected, anaStart]);
      expect(bodyTexts(a.doc)).toEqual(['', anaStart + anaTyped]);
      expect(b.tracker!.state.unsaved).toBe(b.tracker!.state.changes);
      expect(b.tracker!.state.changes).toBeGreaterThan(KEYSTROKES * 0.9);
      const offlineUpdateBytes = Y.encodeStateAsUpdate(b.doc, svAtDisconnect).byteLength;

      // What Ben's provider sends on the reconnect (sync step 1, its reply to the server's, saved requests).
      let sentBytes = 0;
      b.provider.on('status', ({ status }) => {
        const ws = b.provider.ws;
        if (status !== 'connected' || !ws) return;
        const send = ws.send.bind(ws);
        ws.send = (data: Parameters<WebSocket['send']>[0]) => {
          sentBytes += (data as Uint8Array).byteLength;
          send(data);
        };
      });

      const converged = () => {
        const [ta, tb] = [bodyTexts(a.doc), bodyTexts(b.doc)];
        return ta.length === tb.length && ta.every((t, i) => t === tb[i]) && JSON.stringify(stateVector(a.doc)) === JSON.stringify(stateVector(b.doc));
      };
      const started = performance.now();
      let convergedMs = -1;
      b.provider.connect();
      await waitFor(
        () => {
          if (convergedMs < 0 && converged()) convergedMs = performance.now() - started;
          return convergedMs >= 0 && b.tracker!.state.unsaved === 0;
        },
        'A and B to converge and B to be saved',
        30_000,
      );
      const mergeMs = performance.now() - started;

      expect(converged()).toBe(true);
      expect(stateVector(a.doc)).toEqual(stateVector(b.doc));
      expect(bodyTexts(b.doc)).toEqual([expected, anaStart + anaTyped]);
      expect(bodyTexts(a.doc)).toEqual([expected, anaStart + anaTyped]);
      expect(b.tracker!.state).toMatchObject({ unsaved: 0, readOnly: false });
      expect(a.tracker!.state.unsaved).toBe(0);
      expect(sentBytes).toBeGreaterThanOrEqual(offlineUpdateBytes);

      // And the server stored it: a fresh client after a restart reads the same.
      for (const c of clients.splice(0)) c.destroy();
      server = await server.restart();
      const reader = connectClient(server.wsUrl, id, await server.signIn('ana'));
      clients.push(reader);
      await reader.synced;
      expect(bodyTexts(reader.doc)).toEqual([expected, anaStart + anaTyped]);
      expect(server.logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);

      console.info(
        `offline merge of ${txns.length} keystrokes (${expected.length} chars, ${anaTyped.length} typed online meanwhile): ` +
          `${mergeMs.toFixed(0)} ms to converged and saved (${convergedMs.toFixed(0)} ms to converged); ` +
          `offline update ${offlineUpdateBytes} bytes, ${sentBytes} bytes sent on reconnect`,
      );
    },
  );
});
