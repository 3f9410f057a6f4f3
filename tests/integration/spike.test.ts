// Spiking and restoring stories against the real server: who may (the role matrix, for a story
// with and without an approved revision), 409 for spiking twice, the workflow event and audit
// entry of each step, the list without spiked stories by default and with only them on request
// (a page at a time, the Link keeping the filter), the review queue's stories included, and every
// list told by the event stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleListItem, SpikeResponse } from '../../model/api-types.ts';
import { ROLES, type Role } from '../../model/roles.ts';
import { articleEvent, nextLink, openEventStream, readAllPages } from '../support/list-events.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** Whether each role may spike (and restore) a story without / with an approved revision; mirrors tests/unit/spike-rules.test.ts at the HTTP level. */
const MATRIX: Record<Role, { draft: 200 | 403; approved: 200 | 403 }> = {
  viewer: { draft: 403, approved: 403 },
  commenter: { draft: 403, approved: 403 },
  reporter: { draft: 200, approved: 403 },
  desk: { draft: 200, approved: 403 },
  editor: { draft: 200, approved: 200 },
  admin: { draft: 200, approved: 403 },
};

let server: TestServer;
let api: ReturnType<typeof revisionApi>;
let owner: { token: string; id: string };
let boss: { token: string; id: string };
const tokens = new Map<Role, { token: string; id: string }>();

beforeAll(async () => {
  server = await startTestServer();
  api = revisionApi(server);
  owner = await server.user('owner', 'reporter');
  boss = await server.user('boss', 'editor');
  for (const role of ROLES) tokens.set(role, await server.user(`${role}-user`, role));
});
afterAll(() => server?.dispose());

const step = (id: string, action: 'spike' | 'unspike', token: string, note?: string) =>
  server.api(`/api/articles/${id}/${action}`, { method: 'POST', token, json: note === undefined ? {} : { note } });

const ids = (articles: ArticleListItem[]) => articles.map((s) => s.id);
const list = async (token: string, query = '') => (await (await server.api(`/api/articles${query}`, { token })).json()) as ArticleListItem[];

/** A story with an approved revision, or a draft. */
async function article(kind: 'draft' | 'approved', headline: string): Promise<string> {
  const id = await server.createArticle(owner.token, { headline });
  if (kind === 'approved') {
    await api.snapshot(owner.token, id);
    await api.step(owner.token, id, 1, 'submit');
    await api.step(boss.token, id, 1, 'approve');
  }
  return id;
}

describe('spike and restore', () => {
  const cells = ROLES.flatMap((role) => (['draft', 'approved'] as const).map((kind) => [role, kind, MATRIX[role][kind]] as const));
  it.each(cells)('a %s spiking and restoring a %s story gets %i, and only a success changes anything', async (role, kind, expected) => {
    const id = await article(kind, `Spike by ${role} of a ${kind} story`);
    const { token, id: userId } = tokens.get(role)!;
    const spiked = await step(id, 'spike', token, 'Duplicate');
    if (expected === 403) {
      expect(await expectApiError(spiked, 403)).toMatch(/\.$/);
      expect(await api.article(boss.token, id)).toMatchObject({ spiked: false });
      // Spiked by an editor, the story cannot be restored by this role either.
      expect((await step(id, 'spike', boss.token)).status).toBe(200);
      await expectApiError(await step(id, 'unspike', token), 403);
      expect(await api.article(boss.token, id)).toMatchObject({ spiked: true });
      return;
    }
    expect(spiked.status, await spiked.clone().text()).toBe(200);
    const answer = (await spiked.json()) as SpikeResponse;
    expect(answer.article).toMatchObject({ id, spiked: true, lastEvent: { action: 'spike', revision: null, userId, note: 'Duplicate' } });
    expect(answer.event).toMatchObject({ action: 'spike', userId, userName: `${role}-user`, note: 'Duplicate' });
    const restored = await step(id, 'unspike', token);
    expect(restored.status).toBe(200);
    expect(((await restored.json()) as SpikeResponse).article).toMatchObject({ spiked: false, lastEvent: { action: 'unspike', userId } });
  });

  it('refuses to spike twice or restore what is not spiked (409), and a story that does not exist (404)', async () => {
    const id = await article('draft', 'Spiked twice');
    expect((await step(id, 'spike', owner.token)).status).toBe(200);
    expect(await expectApiError(await step(id, 'spike', owner.token), 409)).toBe('This story is already spiked.');
    expect((await step(id, 'unspike', owner.token)).status).toBe(200);
    expect(await expectApiError(await step(id, 'unspike', owner.token), 409)).toBe('This story is not spiked.');
    await expectApiError(await step('00000000-0000-4000-8000-000000000000', 'spike', owner.token), 404);
    await expectApiError(await server.api(`/api/articles/${id}/spike`, { method: 'POST', token: owner.token, body: 'not json' }), 400);
  });

  it('records each step as a workflow event and an audit entry, who and why', async () => {
    const id = await article('draft', 'Audited spike');
    await step(id, 'spike', owner.token, 'Wrong desk');
    await step(id, 'unspike', boss.token);
    const audit = await server.server.store.listAudit({ articleId: id });
    expect(audit.slice(0, 2).map((e) => [e.action, e.userId, e.detail.note])).toEqual([
      ['article.unspike', boss.id, ''],
      ['article.spike', owner.id, 'Wrong desk'],
    ]);
    const events = await server.server.store.listWorkflowEvents(id);
    expect(events.map((e) => [e.action, e.userId])).toEqual([
      ['spike', owner.id],
      ['unspike', boss.id],
    ]);
  });

  it('lists without spiked stories unless asked: ?spiked=only a page at a time, ?spiked=include all; the queue’s stories go too', async () => {
    const kept = await article('draft', 'Kept in the list');
    const queued = await server.createArticle(owner.token, { headline: 'Waiting for review, then spiked' });
    await api.snapshot(owner.token, queued);
    await api.step(owner.token, queued, 1, 'submit');
    const spiked = [await article('draft', 'Spiked one'), await article('draft', 'Spiked two'), await article('draft', 'Spiked three')];
    for (const id of [...spiked, queued]) expect((await step(id, 'spike', boss.token)).status).toBe(200);

    const shown = ids(await list(owner.token));
    expect(shown).toContain(kept);
    for (const id of [...spiked, queued]) expect(shown).not.toContain(id);
    const only = await list(owner.token, '?spiked=only');
    expect(only.every((s) => s.spiked)).toBe(true);
    expect(ids(only)).toEqual(expect.arrayContaining([...spiked, queued]));
    expect(only.find((s) => s.id === queued)).toMatchObject({ status: 'submitted', spiked: true });
    expect(ids(await list(owner.token, '?spiked=include'))).toEqual(expect.arrayContaining([kept, ...spiked]));

    const first = await server.api('/api/articles?spiked=only&limit=2', { token: owner.token });
    expect(nextLink(first)).toMatch(/^\/api\/articles\?limit=2&after=[\w-]+&spiked=only$/);
    const pages = await readAllPages(server.url, owner.token, '/api/articles?spiked=only&limit=2');
    expect(pages.pages.flat().map((s) => s.id)).toEqual(ids(only));
    await expectApiError(await server.api('/api/articles?spiked=yes', { token: owner.token }), 400);
  });

  it('tells every list when a story is spiked and restored', async () => {
    const id = await article('draft', 'Told to everyone');
    const viewer = await openEventStream(server.url, tokens.get('viewer')!.token);
    try {
      let from = viewer.events.length;
      await step(id, 'spike', owner.token);
      // (Under the reason of the first change in its gathering window: the story's creation, when
      // the spike follows it within 50 ms.)
      await viewer.next(articleEvent(id, (e) => e.article.spiked && e.article.lastEvent?.action === 'spike'), 'the spiked entry', from);
      from = viewer.events.length;
      await step(id, 'unspike', owner.token);
      await viewer.next(articleEvent(id, (e) => !e.article.spiked && e.article.lastEvent?.action === 'unspike'), 'the restored entry', from);
    } finally {
      viewer.close();
    }
  });
});
