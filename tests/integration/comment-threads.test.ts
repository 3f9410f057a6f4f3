// Comment threads against the real server, with stock y-websocket clients: threads sync live and
// are stored; a viewer reads them but writes nothing; a thread or reply naming someone other than
// the connection's user is refused (the client closed with the reason, nothing applied); a
// commenter's comments are taken and any change of theirs to the text is refused; an open comment
// in a revision blocks its approval, and no export carries a comment.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import type { ApprovalBlocker } from '../../model/approval-blockers.ts';
import { bodyFragment, headlineText } from '../../model/article-schema.ts';
import { createParagraph } from '../../model/body-tree.ts';
import { createThread, readThreads, replyTo, setResolved, textAnchor } from '../../model/comment-threads.ts';
import { sleep, waitFor, type TestClient } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';

/** Resolves with the first close the server sends `client`. */
const firstClose = (client: TestClient) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    client.provider.once('connection-close', (event: { code: number; reason: string } | null) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
  );

/** A thread by `author` on “passes” in the headline. */
const onPasses = (doc: Y.Doc, author: string, id = `t-${author}`) =>
  createThread(doc, { id, field: 'headline', ...textAnchor(headlineText(doc), 8, 14), quote: 'passes', author, at: Date.now(), text: `Source? @ana` });

describe('comment threads on the server', () => {
  it('sync live and are stored; a viewer reads them and writes none', async ({ startServer, connect }) => {
    let server = await startServer();
    const ana = await server.user('ana', 'reporter');
    const ed = await server.user('ed', 'editor');
    const vic = await server.user('vic', 'viewer');
    const id = await server.createArticle(ana.token, { headline: 'Council passes the budget' });
    const anaClient = connect(server.wsUrl, id, ana.token, { track: true });
    const edClient = connect(server.wsUrl, id, ed.token, { track: true });
    const vicClient = connect(server.wsUrl, id, vic.token);
    await Promise.all([anaClient.synced, edClient.synced, vicClient.synced]);

    onPasses(edClient.doc, 'ed');
    await waitFor(() => readThreads(anaClient.doc).length === 1 && readThreads(vicClient.doc).length === 1, 'the thread to reach ana and the viewer');
    expect(readThreads(vicClient.doc)[0]).toMatchObject({ author: 'ed', current: 'passes', mentions: ['ana'] });
    replyTo(anaClient.doc, 't-ed', { id: 'r1', author: 'ana', at: Date.now(), text: 'Added the minutes.' });
    setResolved(anaClient.doc, 't-ed', { by: 'ana', at: Date.now() });
    await waitFor(() => readThreads(edClient.doc)[0]?.resolved?.by === 'ana', 'the resolution to reach ed');

    // The viewer's connection is read-only: what it writes is dropped.
    onPasses(vicClient.doc, 'vic');
    await Promise.all([anaClient.tracker!.whenSaved(), edClient.tracker!.whenSaved()]);
    await sleep(300);
    expect(readThreads(anaClient.doc).map((t) => t.id)).toEqual(['t-ed']);
    for (const c of [anaClient, edClient, vicClient]) c.destroy();

    server = await server.restart();
    const reader = connect(server.wsUrl, id, ana.token);
    await reader.synced;
    expect(readThreads(reader.doc)).toMatchObject([{ id: 't-ed', author: 'ed', resolved: { by: 'ana' }, replies: [{ author: 'ana', text: 'Added the minutes.' }] }]);
  });

  it('refuse a thread or reply whose author is not the connection’s user: closed with the reason, nothing applied', async ({ startServer, connect }) => {
    const server = await startServer();
    const ana = await server.user('ana', 'reporter');
    const mallory = await server.user('mallory', 'reporter');
    const id = await server.createArticle(ana.token, { headline: 'Council passes the budget' });
    const anaClient = connect(server.wsUrl, id, ana.token, { track: true });
    await anaClient.synced;
    onPasses(anaClient.doc, 'ana');
    await anaClient.tracker!.whenSaved();

    const forger = connect(server.wsUrl, id, mallory.token);
    await forger.synced;
    let closed = firstClose(forger);
    onPasses(forger.doc, 'ana', 't-forged');
    expect(await closed).toEqual({ code: 1008, reason: 'update refused: a comment author "ana" is not the sender "mallory"' });
    forger.destroy();

    const replier = connect(server.wsUrl, id, mallory.token);
    await replier.synced;
    closed = firstClose(replier);
    replyTo(replier.doc, 't-ana', { id: 'r-forged', author: 'ana', at: Date.now(), text: 'I withdraw this.' });
    expect(await closed).toEqual({ code: 1008, reason: 'update refused: a reply author "ana" is not the sender "mallory"' });
    replier.destroy();

    await sleep(300);
    const fresh = connect(server.wsUrl, id, ana.token);
    await fresh.synced;
    expect(readThreads(fresh.doc)).toMatchObject([{ id: 't-ana', author: 'ana', replies: [] }]);
    expect(readThreads(anaClient.doc)).toMatchObject([{ id: 't-ana', replies: [] }]);
  });

  it('take a commenter’s comments and refuse any change of theirs to the text', async ({ startServer, connect }) => {
    const server = await startServer();
    const ana = await server.user('ana', 'reporter');
    const lee = await server.user('lee', 'commenter');
    const id = await server.createArticle(ana.token, { headline: 'Council passes the budget' });
    const anaClient = connect(server.wsUrl, id, ana.token);
    const leeClient = connect(server.wsUrl, id, lee.token, { track: true });
    await Promise.all([anaClient.synced, leeClient.synced]);

    onPasses(leeClient.doc, 'lee');
    await leeClient.tracker!.whenSaved();
    await waitFor(() => readThreads(anaClient.doc).length === 1, 'the commenter’s thread to reach ana');
    setResolved(leeClient.doc, 't-lee', { by: 'lee', at: Date.now() });
    await waitFor(() => readThreads(anaClient.doc)[0].resolved !== null, 'the commenter’s resolution to reach ana');

    const closed = firstClose(leeClient);
    leeClient.doc.transact(() => {
      replyTo(leeClient.doc, 't-lee', { id: 'r1', author: 'lee', at: Date.now(), text: 'And the headline is wrong:' });
      headlineText(leeClient.doc).insert(0, 'Legal: ');
    });
    expect(await closed).toEqual({ code: 1008, reason: 'update refused: a commenter may only comment, not change the story' });
    leeClient.destroy();
    await sleep(300);
    expect(headlineText(anaClient.doc).toString()).toBe('Council passes the budget');
    expect(readThreads(anaClient.doc)[0].replies).toEqual([]);
  });
});

describe('comment threads and approval', () => {
  it('an unresolved comment in the revision blocks its approval (409 naming it); resolved in a new revision, it is approved; exports never carry comments', async ({
    startServer,
    connect,
  }) => {
    const server = await startServer();
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const ed = await server.user('ed', 'editor');
    const id = await server.createArticle(ana.token, { headline: 'Council passes the budget' });
    const edClient = connect(server.wsUrl, id, ed.token, { track: true });
    await edClient.synced;
    bodyFragment(edClient.doc).insert(0, [createParagraph('The bridge will close in May.')]);
    const paragraph = (bodyFragment(edClient.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    createThread(edClient.doc, { id: 't1', field: 'body', ...textAnchor(paragraph, 4, 10), quote: 'bridge', author: 'ed', at: Date.now(), text: 'SECRET-COMMENT which bridge?' });
    await edClient.tracker!.whenSaved();

    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 1, 'submit');
    const message = 'Comment by ed on “bridge” is not resolved. Resolve it in Comments and submit the story again, then approve.';
    const blockers = (await (await server.api(`/api/articles/${id}/revisions/1/blockers`, { token: ed.token })).json()) as ApprovalBlocker[];
    expect(blockers.map((b) => [b.kind, b.threadId, b.message])).toEqual([['open-comment', 't1', message]]);
    expect(await expectApiError(await server.api(`/api/articles/${id}/revisions/1/approve`, { method: 'POST', token: ed.token, json: {} }), 409)).toBe(message);

    // Exports of the draft and of the revision hold the text, never the comment.
    for (const rev of ['live', 1]) {
      for (const format of ['text', 'html'] as const) {
        const text = await api.exportText(ed.token, id, format, rev);
        expect(text).toContain('bridge');
        expect(text).not.toContain('SECRET-COMMENT');
      }
      expect(JSON.stringify(await api.exportNinjs(ed.token, id, rev))).not.toContain('SECRET-COMMENT');
    }

    // Resolving it in the draft does not change revision 1; a new revision with it resolved is approved.
    setResolved(edClient.doc, 't1', { by: 'ed', at: Date.now() });
    await edClient.tracker!.whenSaved();
    expect(await expectApiError(await server.api(`/api/articles/${id}/revisions/1/approve`, { method: 'POST', token: ed.token, json: {} }), 409)).toBe(message);
    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 2, 'submit');
    await api.step(ed.token, id, 2, 'approve');
    expect(await api.article(ed.token, id)).toMatchObject({ status: 'approved', approvedRevision: 2 });
    const approved = await server.api(`/api/articles/${id}/export?format=text&rev=approved`, { token: ed.token });
    expect(await approved.text()).not.toContain('SECRET-COMMENT');
  });
});
