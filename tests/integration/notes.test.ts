// Notes that never publish, on the real server with stock y-websocket clients: a note mark as
// y-prosemirror writes it is taken, a malformed one refused; the exports and the content endpoint
// lack the note; approving a revision that holds one is refused (409) naming it, and succeeds once
// the note is gone.
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { updateYFragment } from 'y-prosemirror';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import type { ApprovalBlocker } from '../../model/approval-blockers.ts';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';

const s = bodySchema;
const paragraph = (...content: PMNode[]) => s.node(BODY_NODES.paragraph, null, content);
const text = (value: string, marks: Mark[] = []) => s.text(value, marks);
const NOTE_TEXT = 'Check the vote count with the clerk.';

/** Writes `blocks` as the body, as the editor (y-prosemirror) does. */
function writeBody(doc: Y.Doc, ...blocks: PMNode[]): void {
  doc.transact(() => updateYFragment(doc, bodyFragment(doc), s.node('doc', null, blocks), { mapping: new Map(), isOMark: new Map() }));
}

describe('notes', () => {
  it('are taken from a stock client, never exported, and block approval by name until removed', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const ed = await server.user('ed', 'editor');
    const api = revisionApi(server);
    const id = await server.createArticle(ana.token, { headline: 'Council votes' });
    const writer = connect(server.wsUrl, id, ana.token);
    const watcher = connect(server.wsUrl, id, ed.token);
    await Promise.all([writer.synced, watcher.synced]);

    const note = s.marks[BODY_MARKS.note].create({ author: ana.id, name: 'Ana Reporter', at: Date.now() });
    writeBody(writer.doc, paragraph(text('The council voted. '), text(NOTE_TEXT, [note]), text(' The budget passes.')));
    await waitFor(() => bodyFragment(watcher.doc).toString().includes('clerk'), 'the note to reach the server and the editor');

    // Every export and the content endpoint lack the note; the story is still there.
    const plain = await api.exportText(ed.token, id, 'text', 'live');
    const html = await api.exportText(ed.token, id, 'html', 'live');
    const ninjs = JSON.stringify(await api.exportNinjs(ed.token, id, 'live'));
    const content = await (await server.api(`/api/articles/${id}/content?rev=live`, { token: ed.token })).text();
    for (const [format, body] of Object.entries({ plain, html, ninjs, content })) {
      expect(body, format).toContain('The budget passes.');
      expect(body, format).not.toContain('clerk');
    }
    // Nor is it counted as a word on the list entry.
    const revision = await api.snapshot(ana.token, id);
    expect(revision.wordCount).toBe(6);

    await api.step(ana.token, id, revision.number, 'submit');
    const answer = await server.api(`/api/articles/${id}/revisions/${revision.number}/blockers`, { token: ed.token });
    const answerText = await answer.text();
    expect(answer.status, answerText).toBe(200);
    const blockers = JSON.parse(answerText) as ApprovalBlocker[];
    expect(blockers.map((b) => [b.kind, b.position, b.waivable])).toEqual([['open-note', 1, false]]);
    const refusal = await expectApiError(
      await server.api(`/api/articles/${id}/revisions/${revision.number}/approve`, { method: 'POST', token: ed.token, json: {} }),
      409,
    );
    expect(refusal).toBe(`Note 1 by Ana Reporter (“${NOTE_TEXT}”) is still in the text: notes are never published. Remove it, or turn it back into text with Note, and submit the story again, then approve.`);

    // The note removed, the next revision is approved.
    writeBody(writer.doc, paragraph(text('The council voted. The budget passes.')));
    await waitFor(() => !bodyFragment(watcher.doc).toString().includes('clerk'), 'the note to be removed on the server');
    const clean = await api.snapshot(ana.token, id);
    await api.step(ana.token, id, clean.number, 'submit');
    const approved = await api.step(ed.token, id, clean.number, 'approve');
    expect(approved.article.approvedRevision).toBe(clean.number);
  });

  it('with malformed attributes are refused: the client is closed and the story does not take them', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const mallory = await server.user('mallory', 'reporter');
    const id = await server.createArticle(ana.token);
    const hostile = connect(server.wsUrl, id, mallory.token);
    await hostile.synced;
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      hostile.provider.once('connection-close', (event: { code: number; reason: string } | null) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
    );
    hostile.doc.transact(() => {
      const element = new Y.XmlElement(BODY_NODES.paragraph);
      bodyFragment(hostile.doc).insert(0, [element]);
      const content = new Y.XmlText();
      element.insert(0, [content]);
      content.insert(0, 'forged', { [BODY_MARKS.note]: { author: ana.id, name: '', at: 'yesterday' } });
    });
    expect(await closed).toEqual({ code: 1008, reason: `update refused: a note whose name is not a name of 1 to 100 characters` });
    hostile.destroy();
    const fresh = connect(server.wsUrl, id, ana.token);
    await fresh.synced;
    expect(bodyFragment(fresh.doc).toString()).not.toContain('forged');
  });
});
