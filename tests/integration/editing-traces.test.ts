// The real concurrent editing traces, replayed as one stock client per author through the
// server, end in exactly the trace's final text — live, and after a restart.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { waitFor } from '../support/clients.ts';
import { loadTrace, replayConcurrent, whenCovers, type ConcurrentTrace } from '../support/editing-traces.ts';
import { it } from '../support/fixtures.ts';
import { requireSharedData, traceFile } from '../support/shared-data.ts';

// The trace's text lives in the story's first body paragraph.
const paragraph = (doc: Y.Doc) => (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
const paragraphText = (doc: Y.Doc) => (bodyFragment(doc).length > 0 ? paragraph(doc).toString() : '');

describe.each([
  ['friendsforever', 2],
  ['clownschool', 3],
])('concurrent trace %s', (name, authors) => {
  it(`(${authors} authors, one client each) ends in exactly endContent`, async ({ server, connect, skip }) => {
    requireSharedData([traceFile(name)], skip);
    const trace = loadTrace<ConcurrentTrace>(name);
    expect(trace.numAgents).toBe(authors);
    const id = await server.createArticle((await server.user('author0', 'reporter')).token);
    const tokens = [await server.signIn('author0')];
    for (let a = 1; a < authors; a++) tokens.push((await server.user(`author${a}`, 'reporter')).token);

    const authorsClients = tokens.map((token) => connect(server.wsUrl, id, token, { track: true }));
    await Promise.all(authorsClients.map((c) => c.synced));
    // A new story starts with one empty paragraph: every author's replica starts from it.
    const base = Y.encodeStateAsUpdate(authorsClients[0].doc);
    expect(paragraphText(authorsClients[0].doc)).toBe('');

    // Each author types on their own client, after what they built on has reached them through
    // the server — as a person would.
    const started = performance.now();
    await replayConcurrent(trace, base, paragraph, async (agent, update, builtOn) => {
      const doc = authorsClients[agent].doc;
      await whenCovers(doc, builtOn);
      Y.applyUpdate(doc, update);
    });
    await waitFor(() => authorsClients.every((c) => paragraphText(c.doc) === trace.endContent), 'every author to reach endContent', 60_000);
    await Promise.all(authorsClients.map((c) => c.tracker!.whenSaved()));
    const elapsed = performance.now() - started;
    for (const c of authorsClients) c.destroy();

    server = await server.restart();
    const reader = connect(server.wsUrl, id, await server.signIn('author0'));
    await reader.synced;
    expect(paragraphText(reader.doc)).toBe(trace.endContent);
    expect(bodyFragment(reader.doc).length).toBe(1);
    console.info(`${name}: ${trace.txns.length} transactions by ${authors} authors converged and stored in ${elapsed.toFixed(0)} ms`);
  });
});
