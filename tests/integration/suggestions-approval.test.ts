// Suggested changes against a real server: a stock y-websocket client writes suggestion marks into
// the body (y-prosemirror's own writer); the server takes them, refuses malformed ones, refuses to
// approve a revision holding open suggestions (409 naming each), and approves once they are
// settled; every export of the story leaves the suggested insertion out and keeps the deletion.
import { describe, expect } from 'vitest';
import { updateYFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import type { ApprovalBlocker } from '../../model/approval-blockers.ts';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { it } from '../support/fixtures.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';

const s = bodySchema;
/** Eve's suggestions (her user id is `eveId`: the server takes a suggestion only from its author). */
const eveDeletes = (eveId: string) => ({ id: 'del00001', author: eveId, authorName: 'Eve Editor', at: Date.UTC(2026, 11, 7, 15) });
const eveInserts = (eveId: string) => ({ ...eveDeletes(eveId), id: 'ins00001' });
const pmDoc = (...texts: ReturnType<typeof s.text>[]) => s.node('doc', null, [s.node(BODY_NODES.paragraph, null, texts)]);

describe('open suggestions and approval', () => {
  it('refuses approval (409) naming each open suggestion, approves once they are settled, and exports leave insertions out', async ({ server, connect }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const eve = await server.user('eve', 'editor');
    const id = await server.createArticle(ana.token, { headline: 'Summit ends' });
    const client = connect(server.wsUrl, id, eve.token, { track: true });
    await client.synced;
    const meta = { mapping: new Map(), isOMark: new Map() };
    const write = async (next: ReturnType<typeof pmDoc>) => {
      client.doc.transact(() => updateYFragment(client.doc, bodyFragment(client.doc), next, meta));
      await client.tracker!.whenSaved();
    };
    await write(pmDoc(s.text('The talks ended without a deal.')));
    const ins = s.marks[BODY_MARKS.insertion].create(eveInserts(eve.id));
    const del = s.marks[BODY_MARKS.deletion].create(eveDeletes(eve.id));
    await write(pmDoc(s.text('The talks ended '), s.text('late ', [ins]), s.text('without a deal', [del]), s.text('.')));

    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 1, 'submit');
    const expected = [
      'Eve Editor’s suggested insertion of “late” is still open. Accept or reject it and submit the story again, then approve.',
      'Eve Editor’s suggested deletion of “without a deal” is still open. Accept or reject it and submit the story again, then approve.',
    ];
    const blockers = (await (await server.api(`/api/articles/${id}/revisions/1/blockers`, { token: ana.token })).json()) as ApprovalBlocker[];
    expect(blockers.map((b) => [b.kind, b.suggestionId, b.waivable, b.message])).toEqual([
      ['open-suggestion', 'ins00001', false, expected[0]],
      ['open-suggestion', 'del00001', false, expected[1]],
    ]);
    const approve = (rev: number, body: unknown = {}) => server.api(`/api/articles/${id}/revisions/${rev}/approve`, { method: 'POST', token: eve.token, json: body });
    expect(await expectApiError(await approve(1), 409)).toBe(expected.join(' '));
    // No waiver sets a suggestion aside.
    expect(await expectApiError(await approve(1, { allowMissingImages: true }), 409)).toBe(expected.join(' '));

    // Every export of the revision: without the suggested insertion, with the suggested deletion.
    expect(await api.exportText(ana.token, id, 'text', 1)).toContain('The talks ended without a deal.');
    expect(await api.exportText(ana.token, id, 'html', 1)).toContain('<p>The talks ended without a deal.</p>');
    const ninjs = await api.exportNinjs(ana.token, id, 1);
    expect(ninjs.body_html).toBe('<p>The talks ended without a deal.</p>');
    expect(JSON.stringify(ninjs)).not.toMatch(/late|Eve Editor/);

    // Accepted (the insertion kept, the deletion made), resubmitted: approved.
    await write(pmDoc(s.text('The talks ended late .')));
    await api.snapshot(ana.token, id, 'suggestions settled');
    await api.step(ana.token, id, 2, 'submit');
    const approved = await approve(2);
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect(await api.article(eve.token, id)).toMatchObject({ status: 'approved', approvedRevision: 2 });
  });

  it('refuses an update whose suggestion mark has malformed attributes', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token, { headline: 'Forged' });
    const client = connect(server.wsUrl, id, ana.token);
    await client.synced;
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.once('connection-close', (event: { code: number; reason: string } | null) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
    );
    client.doc.transact(() => {
      const text = new Y.XmlText();
      text.insert(0, 'x', { [BODY_MARKS.insertion]: { ...eveInserts(ana.id), authorName: 'Eve\u202e' } });
      const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
      paragraph.insert(0, [text]);
      bodyFragment(client.doc).insert(0, [paragraph]);
    });
    const { code, reason } = await closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/update refused: a suggestion author's name/);
  });
});
