// A suggested change of formatting against a real server: a stock y-websocket client writes a
// `formatting` mark (y-prosemirror's own writer); the server takes it, refuses a malformed one,
// refuses to approve a revision holding it (409 naming it), exports the original formatting, and
// approves once it is accepted.
import { describe, expect } from 'vitest';
import { updateYFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { it } from '../support/fixtures.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';

const s = bodySchema;
/** Eve's suggestion to make text bold (her user id is `eveId`: the server takes a suggestion only from its author). */
const eveBolds = (eveId: string) => ({ id: 'fmt00001', author: eveId, authorName: 'Eve Editor', at: Date.UTC(2026, 11, 7, 15), added: ['strong'], removed: [] });
const pmDoc = (...texts: ReturnType<typeof s.text>[]) => s.node('doc', null, [s.node(BODY_NODES.paragraph, null, texts)]);

describe('open formatting suggestions and approval', () => {
  it('refuses approval (409) naming the formatting suggestion, exports the original formatting, approves once it is accepted', async ({ server, connect }) => {
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
    const strong = s.marks[BODY_MARKS.strong].create();
    await write(pmDoc(s.text('The talks ended without a deal.')));
    await write(pmDoc(s.text('The talks ended '), s.text('without a deal', [strong, s.marks[BODY_MARKS.formatting].create(eveBolds(eve.id))]), s.text('.')));

    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 1, 'submit');
    const expected =
      'Eve Editor’s suggested formatting of “without a deal” (bold) is still open. Accept or reject it and submit the story again, then approve.';
    const approve = (rev: number) => server.api(`/api/articles/${id}/revisions/${rev}/approve`, { method: 'POST', token: eve.token, json: {} });
    expect(await expectApiError(await approve(1), 409)).toBe(expected);
    // The export has the original formatting: the bold is only suggested.
    expect(await api.exportText(ana.token, id, 'html', 1)).toContain('<p>The talks ended without a deal.</p>');

    // Accepted (the bold kept, the mark gone), resubmitted: approved, and the export is bold.
    await write(pmDoc(s.text('The talks ended '), s.text('without a deal', [strong]), s.text('.')));
    await api.snapshot(ana.token, id, 'formatting accepted');
    await api.step(ana.token, id, 2, 'submit');
    const approved = await approve(2);
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect(await api.exportText(ana.token, id, 'html', 2)).toContain('<p>The talks ended <strong>without a deal</strong>.</p>');
  });

  it('refuses an update whose formatting suggestion changes what it may not', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token, { headline: 'Forged' });
    const client = connect(server.wsUrl, id, ana.token);
    await client.synced;
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.once('connection-close', (event: { code: number; reason: string } | null) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
    );
    client.doc.transact(() => {
      const text = new Y.XmlText();
      text.insert(0, 'x', { [BODY_MARKS.formatting]: { ...eveBolds(ana.id), added: ['link'] } });
      const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
      paragraph.insert(0, [text]);
      bodyFragment(client.doc).insert(0, [paragraph]);
    });
    const { code, reason } = await closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/update refused: a formatting suggestion whose added \["link"\]/);
  });
});
