// Revisions and approval end to end against a real server: who may take which step (the whole
// role matrix), approving exactly one revision's content while the draft moves on, the credit
// check on the approved revision's pictures, the events and audit entries every step leaves,
// revision statuses, and exports of any revision.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, picturesArray } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { ROLES, type Role } from '../../model/roles.ts';
import type { TestClient } from '../support/clients.ts';
import { it as base } from '../support/fixtures.ts';
import { expectApiError, revisionApi, type Step } from '../support/revision-api.ts';
import { startTestServer } from '../support/test-server.ts';

type Attempt = 'snapshot' | Step;
const ATTEMPTS: readonly Attempt[] = ['snapshot', 'submit', 'approve', 'reject', 'restore'];

/** Expected answer of each role for each step on a fitting revision; any rule change must change this table. */
const MATRIX: Record<Role, Record<Attempt, 201 | 200 | 403>> = {
  viewer: { snapshot: 403, submit: 403, approve: 403, reject: 403, restore: 403 },
  commenter: { snapshot: 403, submit: 403, approve: 403, reject: 403, restore: 403 },
  reporter: { snapshot: 201, submit: 200, approve: 403, reject: 403, restore: 200 },
  desk: { snapshot: 201, submit: 200, approve: 403, reject: 403, restore: 200 },
  editor: { snapshot: 201, submit: 200, approve: 200, reject: 200, restore: 200 },
  admin: { snapshot: 201, submit: 403, approve: 403, reject: 403, restore: 200 },
};

const paragraphText = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

/**
 * The integration `it` with `matrix`: one server for the whole file (the 25 cells only add
 * stories to it) with the story owner, an editor and a user of every role; disposed after the file.
 */
const it = base.extend('matrix', { scope: 'file' }, async ({}, { onCleanup }) => {
  const server = await startTestServer();
  onCleanup(() => server.dispose());
  const owner = await server.user('owner', 'reporter');
  const boss = await server.user('boss', 'editor');
  const tokens = new Map<Role, string>();
  for (const role of ROLES) tokens.set(role, (await server.user(`${role}-user`, role)).token);
  return { server, api: revisionApi(server), owner, boss, tokens };
});

describe('the role matrix', () => {
  const cells = ROLES.flatMap((role) => ATTEMPTS.map((attempt) => [role, attempt, MATRIX[role][attempt]] as const));
  it.for(cells)('role %s asking to %s gets %i, and only a success changes anything', async ([role, attempt, expected], { matrix }) => {
    const { server, api, owner, boss, tokens } = matrix;
    const id = await server.createArticle(owner.token, { headline: `Story for ${role} ${attempt}` });
    await api.snapshot(owner.token, id, 'first');
    // Approve and reject need a revision awaiting review; the others only a revision.
    if (attempt === 'approve' || attempt === 'reject') await api.step(owner.token, id, 1, 'submit');
    const before = await api.article(boss.token, id);
    const token = tokens.get(role)!;

    const response =
      attempt === 'snapshot'
        ? await server.api(`/api/articles/${id}/revisions`, { method: 'POST', token, json: { note: 'mine' } })
        : await server.api(`/api/articles/${id}/revisions/1/${attempt}`, { method: 'POST', token, json: { note: 'Needs work' } });
    if (expected === 403) await expectApiError(response, 403);
    else expect(response.status, await response.clone().text()).toBe(expected);

    const after = await api.article(boss.token, id);
    const revisions = await api.list(boss.token, id);
    if (expected === 403) {
      expect(after).toMatchObject({ status: before.status, submittedRevision: before.submittedRevision, approvedRevision: before.approvedRevision });
      expect(after.lastEvent).toEqual(before.lastEvent);
      expect(revisions).toHaveLength(1);
      return;
    }
    const actionOf = { snapshot: 'snapshot', submit: 'submit', approve: 'approve', reject: 'reject', restore: 'restore' } as const;
    expect(after.lastEvent).toMatchObject({ action: actionOf[attempt], revision: attempt === 'snapshot' ? 2 : 1, userName: `${role}-user` });
    const expectedState = {
      snapshot: { status: 'draft', submittedRevision: null, approvedRevision: null },
      submit: { status: 'submitted', submittedRevision: 1, approvedRevision: null },
      approve: { status: 'approved', submittedRevision: null, approvedRevision: 1 },
      reject: { status: 'draft', submittedRevision: null, approvedRevision: null },
      restore: { status: 'draft', submittedRevision: null, approvedRevision: null },
    }[attempt];
    expect(after).toMatchObject(expectedState);
    expect(revisions).toHaveLength(attempt === 'snapshot' ? 2 : 1);
  });
});

describe('revisions and approval', () => {
  /** The integration `it` with `story`: Ana (reporter) and Eve (editor), and Ana's tracked client synced to Ana's new story. */
  const it = base.extend('story', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const eve = await server.user('eve', 'editor');
    const id = await server.createArticle(ana.token, { headline: 'Council approves budget' });
    const client = connect(server.wsUrl, id, ana.token, { track: true });
    await client.synced;
    return { server, api: revisionApi(server), ana, eve, id, client };
  });

  /** Runs `edit` on the client's document and waits until the server has stored it. */
  async function edit(client: TestClient, change: (doc: Y.Doc) => void) {
    client.doc.transact(() => change(client.doc));
    await client.tracker!.whenSaved();
  }

  it('approve, then edit: every approved export stays as approved while rev=live moves on', async ({ story }) => {
    const { api, ana, eve, id, client } = story;
    await edit(client, (doc) => {
      paragraphText(doc, 0).insert(0, 'The council approved the budget on Tuesday.');
      addPicture(doc, { id: 'pic-1', caption: 'The council chamber', credit: 'Gage Skidmore', hash: 'abc123' });
    });
    const revision = await api.snapshot(ana.token, id, 'ready');
    expect(revision).toMatchObject({ id: 1, number: 1, note: 'ready', status: 'saved', createdBy: ana.id, createdByName: 'ana', wordCount: 7 });
    await api.step(ana.token, id, 1, 'submit', { note: 'Please review' });
    const approved = await api.step(eve.token, id, 1, 'approve');
    expect(approved.article).toMatchObject({ status: 'approved', approvedRevision: 1, submittedRevision: null });
    expect(approved.revision).toMatchObject({ number: 1, status: 'approved' });
    expect(approved.event).toMatchObject({ action: 'approve', revision: 1, userId: eve.id, userName: 'eve' });

    const approvedText = await api.exportText(eve.token, id, 'text', 'approved');
    const approvedHtml = await api.exportText(eve.token, id, 'html', 'approved');
    const approvedNinjs = await api.exportNinjs(eve.token, id, 'approved');
    expect(approvedText).toBe('Headline: Council approves budget\n\nThe council approved the budget on Tuesday.\n\nPicture Caption: The council chamber\nPicture Credit: Gage Skidmore\n');
    expect(approvedHtml).toContain('Gage Skidmore');
    expect(approvedNinjs).toMatchObject({ headline: 'Council approves budget', associations: { picture1: { byline: 'Gage Skidmore' } } });

    await edit(client, (doc) => {
      headlineText(doc).insert(0, 'BREAKING: ');
      paragraphText(doc, 0).insert(paragraphText(doc, 0).length, ' Protests followed.');
      picturesArray(doc).get(0).set('credit', 'Someone Else');
    });
    // A newer snapshot alone publishes nothing.
    await api.snapshot(ana.token, id, 'after approval');

    expect(await api.exportText(eve.token, id, 'text', 'approved')).toBe(approvedText);
    expect(await api.exportText(eve.token, id, 'html', 'approved')).toBe(approvedHtml);
    expect(await api.exportNinjs(eve.token, id, 'approved')).toEqual(approvedNinjs);
    expect(await api.exportText(eve.token, id, 'text', 1)).toBe(approvedText);
    const live = await api.exportText(eve.token, id, 'text', 'live');
    expect(live).toContain('Headline: BREAKING: Council approves budget');
    expect(live).toContain('Protests followed.');
    expect(live).toContain('Picture Credit: Someone Else');
    expect(await api.exportText(eve.token, id, 'text', 2)).toBe(live);
    expect(await api.exportNinjs(eve.token, id, 'live')).toMatchObject({ headline: 'BREAKING: Council approves budget' });
    expect(await api.article(ana.token, id)).toMatchObject({ status: 'approved', approvedRevision: 1 });
  });

  it('approving an older revision approves exactly that one; a newer one awaiting review stays in the queue', async ({ story }) => {
    const { api, ana, eve, id, client } = story;
    await edit(client, (doc) => paragraphText(doc, 0).insert(0, 'Version one.'));
    await api.snapshot(ana.token, id);
    await edit(client, (doc) => paragraphText(doc, 0).insert(paragraphText(doc, 0).length, ' Version two.'));
    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 2, 'submit');

    const older = await api.step(eve.token, id, 1, 'approve');
    expect(older.article).toMatchObject({ status: 'submitted', approvedRevision: 1, submittedRevision: 2 });
    const text = await api.exportText(eve.token, id, 'text', 'approved');
    expect(text).toContain('Version one.');
    expect(text).not.toContain('Version two.');
    expect(text).toBe(await api.exportText(eve.token, id, 'text', 1));
    expect((await api.list(ana.token, id)).map((r) => r.status)).toEqual(['approved', 'submitted']);

    const newer = await api.step(eve.token, id, 2, 'approve');
    expect(newer.article).toMatchObject({ status: 'approved', approvedRevision: 2, submittedRevision: null });
    expect(await api.exportText(eve.token, id, 'text', 'approved')).toContain('Version one. Version two.');
    // Revision 1 was approved and is no longer: it says so, and by which revision.
    expect((await api.list(ana.token, id)).map((r) => [r.status, r.supersededBy])).toEqual([
      ['superseded', 2],
      ['approved', null],
    ]);
  });

  it('refuses approval (409) naming every picture of that revision without a credit, and approves once a revision has them', async ({ story }) => {
    const { server, api, ana, eve, id, client } = story;
    await edit(client, (doc) => {
      addPicture(doc, { id: 'pic-mayor', caption: 'Mayor at the podium', credit: '', hash: 'a'.repeat(64) });
      addPicture(doc, { id: 'pic-crowd', caption: 'Crowd outside', credit: 'Gage Skidmore', hash: 'b'.repeat(64) });
      addPicture(doc, { id: 'pic-7f3a', caption: '', credit: '   ', hash: 'c'.repeat(64) });
    });
    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 1, 'submit');
    const refusal = await expectApiError(await server.api(`/api/articles/${id}/revisions/1/approve`, { method: 'POST', token: eve.token }), 409);
    expect(refusal).toBe(
      'Picture 1 (“Mayor at the podium”) has no credit. Add one in Pictures and submit the story again, then approve. ' +
        'Picture 3 has no credit. Add one in Pictures and submit the story again, then approve.',
    );
    expect(refusal).not.toContain('Crowd outside');

    // Crediting the live draft does not change what revision 1 holds.
    await edit(client, (doc) => {
      picturesArray(doc).get(0).set('credit', 'City Press Office');
      picturesArray(doc).get(2).set('credit', 'AP');
    });
    await expectApiError(await server.api(`/api/articles/${id}/revisions/1/approve`, { method: 'POST', token: eve.token }), 409);
    expect(await api.article(eve.token, id)).toMatchObject({ status: 'submitted', approvedRevision: null });

    await api.snapshot(ana.token, id, 'credits added');
    await api.step(eve.token, id, 2, 'approve');
    const text = await api.exportText(eve.token, id, 'text', 'approved');
    expect(text).toContain('Picture Credit: City Press Office');
    expect(text).toContain('Picture Credit: AP');
  });

  it('records every step as a workflow event and an audit entry, and reports each revision’s status', async ({ story }) => {
    const { server, api, ana, eve, id, client } = story;
    await edit(client, (doc) => appendParagraphs(doc, ['Draft text.']));
    await api.snapshot(ana.token, id, 'first go');
    await api.step(ana.token, id, 1, 'submit', { note: 'Have a look' });
    const rejected = await api.step(eve.token, id, 1, 'reject', { note: '  Check the figures  ' });
    expect(rejected.article).toMatchObject({ status: 'draft', submittedRevision: null, lastEvent: { action: 'reject', note: 'Check the figures', userName: 'eve' } });
    expect(rejected.revision).toMatchObject({ number: 1, status: 'sent-back', statusNote: 'Check the figures' });

    const list = (await (await server.api('/api/articles', { token: ana.token })).json()) as { id: string; lastEvent: unknown }[];
    expect(list.find((article) => article.id === id)?.lastEvent).toMatchObject({ action: 'reject', revision: 1, note: 'Check the figures', userId: eve.id });

    await edit(client, (doc) => appendParagraphs(doc, ['Figures checked.']));
    await api.snapshot(ana.token, id, 'fixed');
    await api.step(ana.token, id, 2, 'submit');
    expect((await api.list(ana.token, id)).map((r) => [r.number, r.status, r.statusNote])).toEqual([
      [1, 'sent-back', 'Check the figures'],
      [2, 'submitted', ''],
    ]);
    await api.step(eve.token, id, 2, 'approve');
    await api.step(ana.token, id, 1, 'restore');
    expect((await api.list(ana.token, id)).map((r) => r.status)).toEqual(['sent-back', 'approved']);

    const events = server.server.store.listWorkflowEvents(id);
    expect((await events).map((e) => [e.action, e.revision, e.userId, e.note])).toEqual([
      ['snapshot', 1, ana.id, 'first go'],
      ['submit', 1, ana.id, 'Have a look'],
      ['reject', 1, eve.id, 'Check the figures'],
      ['snapshot', 2, ana.id, 'fixed'],
      ['submit', 2, ana.id, ''],
      ['approve', 2, eve.id, ''],
      ['restore', 1, ana.id, ''],
    ]);
    const audit = (await server.server.store.listAudit({ articleId: id })).reverse().filter((a) => a.action.startsWith('revision.'));
    expect(audit.map((a) => [a.action, a.userId, a.detail.revision])).toEqual([
      ['revision.snapshot', ana.id, 1],
      ['revision.submit', ana.id, 1],
      ['revision.reject', eve.id, 1],
      ['revision.snapshot', ana.id, 2],
      ['revision.submit', ana.id, 2],
      ['revision.approve', eve.id, 2],
      ['revision.restore', ana.id, 1],
    ]);
    expect(audit[2].detail).toMatchObject({ note: 'Check the figures', from: { status: 'submitted' }, to: { status: 'draft' } });
    for (const entry of audit) expect(Math.abs(entry.at - Date.now())).toBeLessThan(60_000);
    expect(await api.article(ana.token, id)).toMatchObject({ status: 'approved', approvedRevision: 2, lastEvent: { action: 'restore', revision: 1 } });
  });
});

describe('exports of revisions and refusals', () => {
  it('serves rev=N, 404s an unknown revision and rev=approved before any approval, 400s a malformed rev', async ({ server }) => {
    const api = revisionApi(server);
    const { token } = await server.user('ana', 'reporter');
    const id = await server.createArticle(token, { headline: 'First' });
    await expectApiError(await server.api(`/api/articles/${id}/export?format=text&rev=approved`, { token }), 404);
    await api.snapshot(token, id);
    expect(await api.exportText(token, id, 'text', 1)).toBe('Headline: First\n');
    expect(await api.exportText(token, id, 'text', 'live')).toBe('Headline: First\n');
    expect(await api.exportNinjs(token, id, 1)).toMatchObject({ headline: 'First', versioncreated: expect.any(String) });
    await expectApiError(await server.api(`/api/articles/${id}/export?format=text&rev=2`, { token }), 404);
    for (const rev of ['abc', '0', '-1', '1.5', '01', ' 1', 'LIVE', '9999999999', '']) {
      await expectApiError(await server.api(`/api/articles/${id}/export?format=text&rev=${encodeURIComponent(rev)}`, { token }), 400);
    }
  });

  it('refuses bad input: malformed revision numbers, unknown revisions and stories, missing notes, bad JSON', async ({ server }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const eve = await server.user('eve', 'editor');
    const id = await server.createArticle(ana.token, { headline: 'Budget' });
    await api.snapshot(ana.token, id);
    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 2, 'submit');
    const post = (path: string, token: string, init: { json?: unknown; body?: string } = {}) =>
      server.api(`/api/articles/${id}${path}`, { method: 'POST', token, ...init, headers: init.body === undefined ? undefined : { 'content-type': 'application/json' } });

    for (const step of ['submit', 'approve', 'reject', 'restore']) {
      for (const rev of ['abc', '0', '-2', '1e2', '2.0']) await expectApiError(await post(`/revisions/${rev}/${step}`, eve.token, { json: { note: 'x' } }), 400);
      expect(await expectApiError(await post(`/revisions/99/${step}`, eve.token, { json: { note: 'x' } }), 404)).toContain('revision 99');
      await expectApiError(await post(`/revisions/2/${step}`, eve.token, { body: '{"note":' }), 400);
      await expectApiError(await post(`/revisions/2/${step}`, eve.token, { json: { note: 42 } }), 400);
      await expectApiError(await post(`/revisions/2/${step}`, eve.token, { json: ['note'] }), 400);
      await expectApiError(await server.api(`/api/articles/00000000-0000-4000-8000-000000000000/revisions/1/${step}`, { method: 'POST', token: eve.token }), 404);
    }
    await expectApiError(await post('/revisions', ana.token, { body: 'not json' }), 400);
    await expectApiError(await post('/revisions', ana.token, { json: { note: { text: 'x' } } }), 400);
    await expectApiError(await server.api('/api/articles/00000000-0000-4000-8000-000000000000/revisions', { token: ana.token }), 404);
    await expectApiError(await server.api('/api/articles/00000000-0000-4000-8000-000000000000/revisions', { method: 'POST', token: ana.token }), 404);

    // Sending back needs a note, and only the revision awaiting review can be sent back.
    for (const body of [{}, { note: '' }, { note: '   ' }]) expect(await expectApiError(await post('/revisions/2/reject', eve.token, { json: body }), 400)).toMatch(/note/);
    expect(await expectApiError(await post('/revisions/1/reject', eve.token, { json: { note: 'Old one' } }), 409)).toContain('1');
    // Nothing above moved the story or recorded anything beyond the setup.
    expect(await api.article(eve.token, id)).toMatchObject({ status: 'submitted', submittedRevision: 2, lastEvent: { action: 'submit' } });
    expect(await server.server.store.listWorkflowEvents(id)).toHaveLength(3);
    expect(await api.list(eve.token, id)).toHaveLength(2);
  });
});
