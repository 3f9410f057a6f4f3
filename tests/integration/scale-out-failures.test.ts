// Two instances on one Postgres and one Redis, when things fail: an instance killed mid-edit
// (its clients reconnect through the same address to the other, and nothing confirmed is
// lost), Redis unreachable for both (each serves its own clients, says so once, and the two
// converge when it is back, storing nothing twice), and Redis unreachable for one instance
// only, from its start (the other learns to read the story back when the link returns), and an
// instance killed after it relayed an update but before it stored it (the other stores it).
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { applyStored } from '../../model/apply-stored.ts';
import { bodyFragment, headlineText, standfirstText } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { sleep, waitFor, type TestClient } from '../support/clients.ts';
import { append, it, redisThrough, sameState } from '../support/scale-out-fixture.ts';
import { editorsOnTwoProcesses, killAfterRelayBeforeAppend } from '../support/scale-out.ts';
import { runCli, type ServerProcess } from '../support/server-process.ts';
import { upstreamOf } from '../support/failover-proxy.ts';
import type { TestServer } from '../support/test-server.ts';


/**
 * The text of body paragraph `index`, named for messages. The writers type into the body: after a kill the survivor
 * confirms only once the dead instance's relayed updates are stored (up to 2 s, peer-relays.ts), and at a character
 * every 3 ms that is more than a headline's 500 characters.
 */
const bodyParagraph = (index: number) =>
  Object.defineProperty((doc: Y.Doc) => (bodyFragment(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText, 'name', { value: `body paragraph ${index}` });

/** Ana on `a` writes the headline, Ben on `b` the standfirst (clients made by `connect`), and each sees the other's. */
async function coEditors(connect: (url: string, id: string, token: string, options: { track: boolean }) => TestClient, a: TestServer, b: TestServer) {
  const ana = await a.user('ana', 'reporter');
  const ben = await a.user('ben', 'desk');
  const id = await a.createArticle(ana.token);
  const onA = connect(a.wsUrl, id, ana.token, { track: true });
  const onB = connect(b.wsUrl, id, ben.token, { track: true });
  await Promise.all([onA.synced, onB.synced]);
  append(headlineText(onA.doc), 'Live.');
  append(standfirstText(onB.doc), 'Live.');
  await waitFor(() => sameState(onA.doc, onB.doc) && headlineText(onB.doc).length > 0 && standfirstText(onA.doc).length > 0, 'the first edits to cross');
  return { id, onA, onB };
}

describe('two instances when things fail', () => {
  it('SIGKILL one instance mid-edit: its clients reconnect through the same address to the other, and nothing confirmed is lost', async ({ database, redisUrl, tempDir, spawnServer, proxy, connect, defer }) => {
    for (const [name, role] of [['ana', 'reporter'], ['ben', 'desk']]) {
      expect((await runCli(['user', 'add', name, '--role', role, '--store', database.url], 'password1\n')).code).toBe(0);
    }
    const procs: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) {
      const dataDir = await tempDir('newsroom-scale-');
      procs.push(await spawnServer(['--port', '0', '--data', dataDir, '--store', database.url, '--redis', redisUrl]));
    }
    // Each writer's address leads to its own instance while it lives, else to the other (a load balancer).
    const [first, second] = procs.map((p) => upstreamOf(p.url));
    const viaFirst = await proxy([first, second]);
    const viaSecond = await proxy([second, first]);
    const url = procs[0].url;
    const signIn = async (username: string) =>
      ((await (await fetch(`${url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password: 'password1' }) })).json()) as { token: string }).token;
    const [anaToken, benToken] = [await signIn('ana'), await signIn('ben')];
    const id = ((await (await fetch(`${url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${anaToken}` }, body: '{}' })).json()) as { id: string }).id;

    // Each writer appends to its own field and notes the field's text after every change.
    const writers = [
      { client: connect(`ws://127.0.0.1:${viaFirst.port}/collab`, id, anaToken, { track: true }), field: bodyParagraph(0), history: [''] },
      { client: connect(`ws://127.0.0.1:${viaSecond.port}/collab`, id, benToken, { track: true }), field: bodyParagraph(1), history: [''] },
    ];
    await Promise.all(writers.map((w) => w.client.synced));
    // Two paragraphs of their own after what a new story's body holds.
    const blocks = bodyFragment(writers[0].client.doc).length;
    appendParagraphs(writers[0].client.doc, ['', '']);
    await waitFor(() => bodyFragment(writers[1].client.doc).length === blocks + 2, 'the two paragraphs to reach Ben');
    writers.forEach((w, i) => {
      w.field = bodyParagraph(blocks + i);
      // The history is indexed by the writer's change count: Ana's paragraphs were a change with the text still empty.
      w.history = new Array<string>(w.client.tracker!.state.changes + 1).fill('');
    });
    const confirmedText = (w: (typeof writers)[number]) => w.history[w.client.tracker!.state.changes - w.client.tracker!.state.unsaved];
    const typing = setInterval(() => {
      for (const w of writers) {
        const text = w.field(w.client.doc);
        append(text, String.fromCharCode(97 + (text.length % 26)));
        w.history.push(text.toString());
      }
    }, 3);
    try {
      await waitFor(() => writers.every((w) => confirmedText(w).length > 50), 'some confirmed typing on both instances');
      procs[0].child.kill('SIGKILL');
      const confirmedAtKill = writers.map(confirmedText);
      await procs[0].exited;
      // Ana keeps typing while her client finds the second instance through the same address.
      await waitFor(() => writers[0].client.provider.wsconnected && writers[0].client.tracker!.state.unsaved < 5, 'Ana to be connected and confirmed again', 20_000);
      await sleep(200);
      clearInterval(typing);
      await Promise.all(writers.map((w) => w.client.tracker!.whenSaved()));

      const store = await PostgresStore.open(database.url);
      defer(() => store.close());
      const stored = await store.loadDocument(id);
      const doc = new Y.Doc();
      applyStored(doc, stored);
      writers.forEach((w, i) => {
        const text = w.field(doc).toString();
        expect(text.startsWith(confirmedAtKill[i]), `${w.field.name}: ${text.length} chars stored, ${confirmedAtKill[i].length} confirmed at the kill`).toBe(true);
        expect(text).toBe(w.history.at(-1)); // and everything typed after, once confirmed
      });
      await waitFor(() => sameState(writers[0].client.doc, writers[1].client.doc), 'both writers to converge on the second instance');
    } finally {
      clearInterval(typing);
    }
  });

  it('SIGKILL an instance after it relayed an update but before its append: the instance that relayed it stores it', async ({ database, redisUrl, tempDir, spawnServer, connect, defer }) => {
    for (const [name, role] of [['ana', 'reporter'], ['ben', 'desk']]) {
      expect((await runCli(['user', 'add', name, '--role', role, '--store', database.url], 'password1\n')).code).toBe(0);
    }
    const procs: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) procs.push(await spawnServer(['--port', '0', '--data', await tempDir('newsroom-scale-'), '--store', database.url, '--redis', redisUrl]));
    const [a, b] = procs;
    const { id, ana, ben } = await editorsOnTwoProcesses(a, b, connect);

    expect(await killAfterRelayBeforeAppend(database.url, id, { ana, ben, a }, defer)).toBe('Kept.');
    expect(b.output()).not.toMatch(/STORAGE WRITE FAILED/);
  });

  it('Redis down for both: each instance serves its own clients and says so once; when it is back they converge without storing anything twice', async ({ startDeployment, redisUrl, proxy, connect }) => {
    const redisLink = await proxy([upstreamOf(redisUrl)]);
    // No compaction during the test, so that the log's length counts every append.
    const deployment = await startDeployment([redisThrough(redisLink), redisThrough(redisLink)], { rooms: { compactAfterMs: 600_000, compactMaxWaitMs: 600_000 } });
    const [a, b] = deployment.instances;
    const { id, onA, onB } = await coEditors(connect, a, b);

    await redisLink.cut();
    await waitFor(() => [a, b].every((i) => i.logger.matching('REDIS UNREACHABLE').length === 1), 'both instances to report the outage');
    append(headlineText(onA.doc), ' Written while apart on A.');
    append(standfirstText(onB.doc), ' Written while apart on B.');
    await Promise.all([onA.tracker!.whenSaved(), onB.tracker!.whenSaved()]); // saved means stored, Redis or not
    await sleep(2500); // several reconnection attempts
    expect(headlineText(onB.doc).toString()).toBe('Live.');
    expect(standfirstText(onA.doc).toString()).toBe('Live.');
    for (const instance of [a, b]) {
      expect(instance.logger.matching('REDIS UNREACHABLE')).toHaveLength(1);
      expect(instance.logger.matching('REDIS UNREACHABLE')[0]).toMatch(/^error /);
    }
    const logged = (await a.server.store.documentSize(id)).logEntries;

    await redisLink.restore();
    await waitFor(() => [a, b].every((i) => i.logger.matching('reachable again').length === 1), 'both instances to report Redis back', 15_000);
    await waitFor(() => sameState(onA.doc, onB.doc), 'the two clients to converge');
    expect(headlineText(onB.doc).toString()).toBe('Live. Written while apart on A.');
    expect(standfirstText(onA.doc).toString()).toBe('Live. Written while apart on B.');
    await sleep(200);
    expect((await a.server.store.documentSize(id)).logEntries).toBe(logged);

    // And live again.
    append(headlineText(onB.doc), ' Together.');
    await waitFor(() => headlineText(onA.doc).toString().endsWith('Together.'), 'a new edit to cross live');
  });

  it('Redis unreachable for one instance from its start: the other keeps co-editing with its peers, and both catch up when the link returns', async ({ startDeployment, redisUrl, proxy, connect }) => {
    const cutLink = await proxy([upstreamOf(redisUrl)], { cut: true });
    const deployment = await startDeployment([redisThrough(cutLink), redisUrl]);
    const [a, b] = deployment.instances;
    expect(a.logger.matching('REDIS UNREACHABLE')).toHaveLength(1);
    expect(b.logger.matching('REDIS UNREACHABLE')).toHaveLength(0);
    const ana = await a.user('ana', 'reporter');
    const id = await a.createArticle(ana.token);
    const onA = connect(a.wsUrl, id, ana.token, { track: true });
    const onB = connect(b.wsUrl, id, ana.token, { track: true });
    await Promise.all([onA.synced, onB.synced]);
    append(headlineText(onA.doc), 'From the cut-off instance.');
    append(standfirstText(onB.doc), 'From the connected one.');
    await Promise.all([onA.tracker!.whenSaved(), onB.tracker!.whenSaved()]);
    await sleep(300);
    expect(headlineText(onB.doc).toString()).toBe('');

    await cutLink.restore();
    await waitFor(() => a.logger.matching('reachable again').length === 1, 'A to report Redis back', 15_000);
    await waitFor(() => sameState(onA.doc, onB.doc), 'the two clients to converge');
    expect(headlineText(onB.doc).toString()).toBe('From the cut-off instance.');
    expect(standfirstText(onA.doc).toString()).toBe('From the connected one.');
    // B never lost its link: it read the story back because A told it to.
    expect(b.logger.matching('REDIS UNREACHABLE')).toHaveLength(0);
    expect(b.logger.matching(`catching up story ${id}`).length).toBeGreaterThan(0);
  });
});
