// Two stock y-websocket clients co-edit a story through the real server and converge; a
// client joining after a restart sees everything.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText } from '../../model/article-schema.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';

const bodyText = (doc: Y.Doc) => readBody(doc).map(blockText);

describe('live co-editing', () => {
  it('two clients edit headline and body at once and converge; a client after a restart sees it all', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const ben = await server.user('ben', 'desk');
    const id = await server.createArticle(ana.token, { headline: 'Council' });

    const a = connect(server.wsUrl, id, ana.token, { track: true });
    const b = connect(server.wsUrl, id, ben.token, { track: true });
    await Promise.all([a.synced, b.synced]);
    expect(headlineText(a.doc).toString()).toBe('Council');

    // Concurrent edits from both sides, before either has seen the other's.
    headlineText(a.doc).insert(7, ' votes');
    headlineText(b.doc).insert(0, 'City ');
    appendParagraphs(a.doc, ['First paragraph by Ana.']);
    appendParagraphs(b.doc, ['First paragraph by Ben.']);
    // A new story starts with one empty paragraph; Ana's is the second.
    const para = (bodyFragment(a.doc).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    para.insert(para.length, ' More from Ana.');

    await waitFor(() => headlineText(a.doc).toString() === headlineText(b.doc).toString() && bodyText(a.doc).length === 3 && bodyText(b.doc).length === 3, 'convergence');
    await waitFor(() => bodyText(a.doc).join() === bodyText(b.doc).join(), 'body convergence');
    expect(headlineText(a.doc).toString()).toBe('City Council votes');
    expect(bodyText(a.doc).sort()).toEqual(['', 'First paragraph by Ana. More from Ana.', 'First paragraph by Ben.'].sort());
    await Promise.all([a.tracker!.whenSaved(), b.tracker!.whenSaved()]);
    const expected = Y.encodeStateVector(a.doc);

    a.destroy();
    b.destroy();
    server = await server.restart();
    const ed = await server.signIn('ana');
    const c = connect(server.wsUrl, id, ed);
    await c.synced;
    expect(headlineText(c.doc).toString()).toBe('City Council votes');
    expect(bodyText(c.doc).sort()).toEqual(['', 'First paragraph by Ana. More from Ana.', 'First paragraph by Ben.'].sort());
    expect(Y.encodeStateVector(c.doc)).toEqual(expected);
  });

  it('relays awareness between clients and removes it when a client leaves', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const a = connect(server.wsUrl, id, ana.token);
    const b = connect(server.wsUrl, id, ana.token);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    // The server fills the user in from the account: its display name (here the username), never what the client claims.
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'ana', 'awareness to arrive');
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'awareness removal');
  });
});
