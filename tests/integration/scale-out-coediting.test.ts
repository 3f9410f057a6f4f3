// Two instances on one Postgres and one Redis: stock clients of one story on different
// instances co-edit live and see each other's presence; a story opened on a second instance
// while the first is busy misses nothing; the real concurrent traces replayed with authors on
// different instances end identical, and stored.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText, standfirstText } from '../../model/article-schema.ts';
import { sleep, waitFor, type TestClient } from '../support/clients.ts';
import { loadTrace, replayConcurrent, whenCovers, type ConcurrentTrace } from '../support/editing-traces.ts';
import { it } from '../support/fixtures.ts';
import type { Deployment } from '../support/scale-out.ts';
import { requireSharedData, traceFile } from '../support/shared-data.ts';

/** The story as the shared store holds it, read (with `connect`) by a third instance that never had it open. */
async function storedDoc(connect: (url: string, id: string, token: string) => TestClient, d: Deployment, id: string, token: string): Promise<Y.Doc> {
  const reader = await d.add();
  const client = connect(reader.wsUrl, id, token);
  await client.synced;
  return client.doc;
}

describe('two instances on one store and one Redis', () => {
  it('co-edit one story live: each sees the other instance’s typing and presence, and every confirmed change is stored', async ({ startDeployment, redisUrl, connect }) => {
    const deployment = await startDeployment([redisUrl, redisUrl]);
    const [a, b] = deployment.instances;
    const ana = await a.user('ana', 'reporter');
    // Ben signs in on A and edits on B: the sessions are in the shared store.
    const ben = await a.user('ben', 'desk');
    const id = await a.createArticle(ana.token);
    const names = (c: TestClient) => [...c.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).sort();
    const onA = connect(a.wsUrl, id, ana.token, { track: true });
    // The server shows each under the account's display name (here the username).
    onA.provider.awareness.setLocalStateField('user', { name: 'ana' });
    await onA.synced;
    await sleep(200);
    // B opens the story after Ana announced herself: B asks A for its clients' presence, so Ben
    // sees Ana at once rather than at her next renewal (15 s).
    const onB = connect(b.wsUrl, id, ben.token, { track: true });
    onB.provider.awareness.setLocalStateField('user', { name: 'ben' });
    await onB.synced;
    await waitFor(() => names(onA).join() === 'ana,ben' && names(onB).join() === 'ana,ben', 'each to see both people', 5000);

    for (const word of ['Rates', ' rise']) {
      headlineText(onA.doc).insert(headlineText(onA.doc).length, word);
      standfirstText(onB.doc).insert(standfirstText(onB.doc).length, word.toUpperCase());
      await sleep(20);
    }
    const same = () => Y.encodeStateVector(onA.doc).toString() === Y.encodeStateVector(onB.doc).toString();
    await waitFor(() => same() && headlineText(onB.doc).toString() === 'Rates rise', 'the two clients to converge');
    expect(standfirstText(onA.doc).toString()).toBe('RATES RISE');
    await Promise.all([onA.tracker!.whenSaved(), onB.tracker!.whenSaved()]);

    // Leaving on one instance is seen on the other.
    onB.destroy();
    await waitFor(() => names(onA).join() === 'ana', 'Ben’s presence to go');

    const stored = await storedDoc(connect, deployment, id, ana.token);
    expect(headlineText(stored).toString()).toBe('Rates rise');
    expect(standfirstText(stored).toString()).toBe('RATES RISE');
  });

  it('open a story that the other instance is busy with, again and again, without missing a keystroke', async ({ startDeployment, redisUrl, connect }) => {
    const deployment = await startDeployment([redisUrl, redisUrl], { rooms: { compactAfterMs: 30, compactMaxWaitMs: 100 } });
    const [a, b] = deployment.instances;
    const ana = await a.user('ana', 'reporter');
    const id = await a.createArticle(ana.token);
    const writer = connect(a.wsUrl, id, ana.token, { track: true });
    await writer.synced;
    let typed = '';
    // Into the standfirst, whose cap (1,500 characters) outlasts the rounds even on a slow machine.
    const typing = setInterval(() => {
      const char = String.fromCharCode(97 + (typed.length % 26));
      standfirstText(writer.doc).insert(typed.length, char);
      typed += char;
    }, 2);
    try {
      // Each round opens the story on B from the store while A appends and publishes.
      for (let round = 0; round < 8; round++) {
        const reader = connect(b.wsUrl, id, ana.token);
        await reader.synced;
        await sleep(30);
        const seenByA = standfirstText(writer.doc).toString();
        await waitFor(() => standfirstText(reader.doc).toString().startsWith(seenByA), `round ${round}: B to have everything A had`);
        reader.destroy();
        await waitFor(() => b.server.rooms.get(id) === undefined, `round ${round}: B to unload the story`);
      }
    } finally {
      clearInterval(typing);
    }
    await writer.tracker!.whenSaved();
    // B had it all from the store and the channel, reading the story back only when a "stored"
    // note covered updates that did not arrive on the channel: A published them before B
    // subscribed (and may have stored them before or after B read the store), a couple per open.
    const readsBack = b.logger.matching('catching up');
    expect(readsBack.every((line) => line.includes('stored updates that did not arrive here'))).toBe(true);
    expect(readsBack.length).toBeLessThanOrEqual(2 * 8);
    const late = connect(b.wsUrl, id, ana.token);
    await late.synced;
    await waitFor(() => standfirstText(late.doc).toString() === typed, 'a last reader on B to have all of it');
    expect(standfirstText((await storedDoc(connect, deployment, id, ana.token))).toString()).toBe(typed);
  });

  // The trace's text lives in the story's first body paragraph.
  const paragraph = (doc: Y.Doc) => (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const paragraphText = (doc: Y.Doc) => (bodyFragment(doc).length > 0 ? paragraph(doc).toString() : '');

  for (const [name, authors] of [
    ['friendsforever', 2],
    ['clownschool', 3],
  ] as const) {
    it(`replay the ${name} trace (${authors} authors, alternating between the instances) to exactly its endContent`, async ({ skip, startDeployment, redisUrl, connect }) => {
      requireSharedData([traceFile(name)], skip);
      const trace = loadTrace<ConcurrentTrace>(name);
      const deployment = await startDeployment([redisUrl, redisUrl]);
      const instances = deployment.instances;
      const id = await instances[0].createArticle((await instances[0].user('author0', 'reporter')).token);
      const tokens = [await instances[0].signIn('author0')];
      for (let a = 1; a < authors; a++) tokens.push((await instances[a % 2].user(`author${a}`, 'reporter')).token);
      const authorsClients = tokens.map((token, a) => connect(instances[a % 2].wsUrl, id, token, { track: true }));
      await Promise.all(authorsClients.map((c) => c.synced));
      const base = Y.encodeStateAsUpdate(authorsClients[0].doc);

      const started = performance.now();
      await replayConcurrent(trace, base, paragraph, async (agent, update, builtOn) => {
        const doc = authorsClients[agent].doc;
        await whenCovers(doc, builtOn);
        Y.applyUpdate(doc, update);
      });
      await waitFor(() => authorsClients.every((c) => paragraphText(c.doc) === trace.endContent), 'every author to reach endContent', 150_000);
      await Promise.all(authorsClients.map((c) => c.tracker!.whenSaved()));
      const elapsed = performance.now() - started;

      for (const instance of instances) expect(instance.logger.matching('catching up')).toEqual([]);
      const stored = await storedDoc(connect, deployment, id, tokens[0]);
      expect(paragraphText(stored)).toBe(trace.endContent);
      expect(bodyFragment(stored).length).toBe(1);
      console.info(`${name} across two instances: ${trace.txns.length} transactions by ${authors} authors converged and stored in ${elapsed.toFixed(0)} ms`);
    }, 180_000); // every hop between authors waits for a store write on the way (20-30 s on a quiet machine)
  }
});
