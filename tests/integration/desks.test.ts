// Desks are real (issue 13, requirement 2) against the real server on port 0: everyone lists
// them, admins create, rename, archive and restore them (409 for a taken name), a story is put on
// an open desk by anyone who may file stories (not a viewer), each change audited; a data dir
// whose stories named desks in free text has them as desks when the server starts.
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { META_KEYS, metaMap } from '../../model/article-schema.ts';
import type { ArticleListItem } from '../../model/api-types.ts';
import type { DeskInfo } from '../../model/people-types.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { connectClient, waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

async function call(s: TestServer, method: string, path: string, token: string, json?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await s.api(path, { method, token, json });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('desks', () => {
  it('admins create, rename, archive and restore desks; everyone lists them; a taken name is 409', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const viewer = await s.user('vic', 'viewer');
    const created = await call(s, 'POST', '/api/desks', admin.token, { name: ' Metro ' });
    expect(created).toEqual({ status: 201, body: { id: expect.any(String), name: 'Metro', archived: false, createdAt: expect.any(Number), limits: { headlineChars: null, bodyWords: null } } });
    const metro = created.body as unknown as DeskInfo;
    expect((await call(s, 'POST', '/api/desks', admin.token, { name: 'metro' })).status).toBe(409);
    const business = (await call(s, 'POST', '/api/desks', admin.token, { name: 'Business' })).body as unknown as DeskInfo;
    expect((await call(s, 'PATCH', `/api/desks/${business.id}`, admin.token, { name: 'METRO' })).status).toBe(409);
    expect((await call(s, 'PATCH', `/api/desks/${metro.id}`, admin.token, { name: 'City' })).body).toMatchObject({ name: 'City' });
    expect((await call(s, 'PATCH', `/api/desks/${metro.id}`, admin.token, { archived: true })).body).toMatchObject({ archived: true });
    expect((await call(s, 'PATCH', '/api/desks/no-such-desk', admin.token, { archived: true })).status).toBe(404);
    expect((await call(s, 'PATCH', `/api/desks/${metro.id}`, admin.token, { colour: 'red' })).status).toBe(400);
    expect((await call(s, 'PATCH', `/api/desks/${metro.id}`, viewer.token, { archived: false })).status).toBe(403);
    const listed = await call(s, 'GET', '/api/desks', viewer.token);
    expect((listed.body.desks as DeskInfo[]).map((d) => [d.name, d.archived])).toEqual([
      ['Business', false],
      ['City', true],
    ]);
    const audit = await s.server.store.listAudit({ limit: 20 });
    expect(audit.filter((e) => e.action.startsWith('desk.')).map((e) => [e.action, e.userId])).toEqual([
      ['desk.change', admin.id],
      ['desk.change', admin.id],
      ['desk.add', admin.id],
      ['desk.add', admin.id],
    ]);
  });

  it('puts a story on an open desk and takes it off; a viewer cannot; the list shows it; a person’s session names their desks', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const reporter = await s.user('ben', 'reporter');
    const viewer = await s.user('vic', 'viewer');
    const metro = (await call(s, 'POST', '/api/desks', admin.token, { name: 'Metro' })).body as unknown as DeskInfo;
    const old = (await call(s, 'POST', '/api/desks', admin.token, { name: 'Old' })).body as unknown as DeskInfo;
    await call(s, 'PATCH', `/api/desks/${old.id}`, admin.token, { archived: true });
    const id = await s.createArticle(reporter.token, { headline: 'Bridge reopens' });

    const moved = await call(s, 'PATCH', `/api/articles/${id}`, reporter.token, { desk: metro.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id, headline: 'Bridge reopens', deskId: metro.id });
    const list = (await call(s, 'GET', '/api/articles', viewer.token)).body as unknown as ArticleListItem[];
    expect(list.find((a) => a.id === id)?.deskId).toBe(metro.id);
    expect((await s.server.store.listAudit({ articleId: id }))[0]).toMatchObject({ action: 'article.desk', userId: reporter.id, detail: { from: null, to: metro.id } });

    const refusals: [string, unknown, number][] = [
      [reporter.token, { desk: old.id }, 400],
      [reporter.token, { desk: 'no-such-desk' }, 400],
      [reporter.token, { desk: 'x'.repeat(10_000) }, 400],
      [reporter.token, { desk: 3 }, 400],
      [reporter.token, {}, 400],
      [reporter.token, { desk: metro.id, restricted: 'yes' }, 400],
      [viewer.token, { desk: null }, 403],
    ];
    for (const [token, json, status] of refusals) {
      const answer = await call(s, 'PATCH', `/api/articles/${id}`, token, json);
      expect(answer.status, JSON.stringify(json).slice(0, 60)).toBe(status);
      expect(answer.body.error).toEqual(expect.any(String));
    }
    expect((await call(s, 'PATCH', '/api/articles/7a1f0000-0000-4000-8000-000000000000', reporter.token, { desk: metro.id })).status).toBe(404);
    expect((await call(s, 'GET', `/api/articles/${id}`, viewer.token)).body).toMatchObject({ deskId: metro.id });
    // Each person learns their own desks from their session, for "My desks".
    expect((await call(s, 'GET', '/api/session', reporter.token)).body).toMatchObject({ desks: [] });
    await call(s, 'PATCH', '/api/users/ben', admin.token, { desks: [metro.id] });
    expect((await call(s, 'GET', '/api/session', reporter.token)).body).toMatchObject({ user: { username: 'ben' }, desks: [metro.id] });
    expect((await call(s, 'PATCH', `/api/articles/${id}`, admin.token, { desk: null })).body).toMatchObject({ deskId: null });
  });

  it('writes the desk’s name into the story itself: live to whoever has it open, and stored when nobody does', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const reporter = await s.user('ben', 'reporter');
    const metro = (await call(s, 'POST', '/api/desks', admin.token, { name: 'Metro' })).body as unknown as DeskInfo;
    const sport = (await call(s, 'POST', '/api/desks', admin.token, { name: 'Sport' })).body as unknown as DeskInfo;
    const id = await s.createArticle(reporter.token, { headline: 'Bridge reopens' });
    const listedDesk = async () => ((await call(s, 'GET', `/api/articles/${id}`, reporter.token)).body as unknown as ArticleListItem).desk;

    // In the story: the name arrives as the server's change, before the answer does.
    const reader = connectClient(s.wsUrl, id, reporter.token);
    try {
      await reader.synced;
      expect((await call(s, 'PATCH', `/api/articles/${id}`, reporter.token, { desk: metro.id })).status).toBe(200);
      await waitFor(() => metaMap(reader.doc).get(META_KEYS.desk) === 'Metro', 'the desk name in the open story');
    } finally {
      reader.destroy();
    }
    await expect.poll(listedDesk, { timeout: 10_000 }).toBe('Metro');

    // Nobody in it: the story is opened for the change, and its entry follows once it is stored.
    expect((await call(s, 'PATCH', `/api/articles/${id}`, reporter.token, { desk: sport.id })).status).toBe(200);
    await expect.poll(listedDesk, { timeout: 10_000 }).toBe('Sport');
    expect((await call(s, 'PATCH', `/api/articles/${id}`, reporter.token, { desk: null })).status).toBe(200);
    await expect.poll(listedDesk, { timeout: 10_000 }).toBe('');
    const stored = await s.server.store.loadDocument(id);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    expect(metaMap(doc).get(META_KEYS.desk)).toBe('');
  });

  it('a data dir whose stories named desks in free text has them as desks when the server starts', async ({ startServer, tempDir }) => {
    const dataDir = await tempDir();
    const old = new Database(databasePath(dataDir));
    for (const migration of SQLITE_MIGRATIONS.slice(0, 6)) old.exec(migration);
    old.pragma('user_version = 6');
    old.exec(`INSERT INTO articles (id, created_at, created_by, updated_at, desk, pictures_indexed, content_hash)
      VALUES ('s1', 1, 'u', 1, 'Metro', 1, 'h'), ('s2', 2, 'u', 2, 'metro', 1, 'h'), ('s3', 3, 'u', 3, 'Sport', 1, 'h')`);
    old.close();
    const s = await startServer({ dataDir });
    const { token } = await s.user('vic', 'viewer');
    const desks = (await call(s, 'GET', '/api/desks', token)).body.desks as DeskInfo[];
    expect(desks.map((d) => d.name)).toEqual(['Metro', 'Sport']);
    const list = (await call(s, 'GET', '/api/articles', token)).body as unknown as ArticleListItem[];
    expect(Object.fromEntries(list.map((a) => [a.id, a.deskId]))).toEqual({ s1: desks[0].id, s2: desks[0].id, s3: desks[1].id });
  });
});
