// Restricted stories against the real server (issue 13, requirement 3): to everyone outside the
// story's desk, its named people and its author — whatever their role, admins and editors of
// another desk included — the story answers exactly as an unknown one does, on every story route,
// in the list (any page, spiked or not), the credits report, its pictures, the websocket and the
// event stream; an outsider's open socket closes with 4404 when it is restricted, or when they
// leave its desk; its desk, people and author see everything; lifting it is audited and opens it
// to all again; a person added to the desk sees it. The list, GET and credits also on Postgres.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { describe, expect } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import type { ListEvent } from '../../model/list-events.ts';
import { headlineText, replaceText } from '../../model/article-schema.ts';
import { ARTICLE_GONE_CLOSE } from '../../model/close-codes.ts';
import { can, ROLES } from '../../model/roles.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { waitFor, type TestClient } from '../support/clients.ts';
import { it as base } from '../support/fixtures.ts';
import { articleEvent, readAllPages, type EventStreamClient } from '../support/list-events.ts';
import { restrictedNewsroom, unknownStoryBody, type RestrictedNewsroom } from '../support/restricted-newsroom.ts';
import type { TestServer } from '../support/test-server.ts';

/** The integration `it` with `newsroom`: a server (short summary delay and heartbeat) with the restricted newsroom built on it. */
const it = base.extend('newsroom', async ({ startServer, connect }) => {
  const s = await startServer({ rooms: { summaryAfterMs: 20 }, events: { heartbeatMs: 200 }, sessionRecheckMs: 200 });
  return { s, n: await restrictedNewsroom(s, connect) };
});

const OUTSIDERS = ROLES.map((role) => `${role}-out`);
const INSIDERS = [...ROLES.map((role) => `${role}-in`), 'author', 'named'];

/** Every request on a story route, by what it does (ID stands for the story's id). */
const STORY_REQUESTS: [string, string, unknown?][] = [
  ['GET', ''],
  ...['live', 'approved', '1', '9'].map((rev): [string, string] => ['GET', `/content?rev=${rev}`]),
  ...['text', 'html', 'ninjs'].flatMap((format) => ['live', 'approved', '1'].map((rev): [string, string] => ['GET', `/export?format=${format}&rev=${rev}`])),
  ['GET', '/revisions'],
  ['GET', '/diff?from=1&to=live'],
  ['GET', '/diff?from=0&to=approved'],
  ['GET', '/revisions/1/blockers'],
  ['POST', '/revisions', { note: 'mine' }],
  ['POST', '/revisions/1/submit', {}],
  ['POST', '/revisions/1/approve', {}],
  ['POST', '/revisions/1/reject', { note: 'No.' }],
  ['POST', '/revisions/1/restore', {}],
  ['POST', '/spike', {}],
  ['POST', '/unspike', {}],
  ['PATCH', '', { restricted: false }],
  ['PATCH', '', { people: ['reporter-out'] }],
  ['PATCH', '', { desk: null }],
];

/** One request's answer: status, content type, and the body with the story's id written as ID. */
async function answer(s: TestServer, token: string, method: string, path: string, id: string, json?: unknown) {
  const response = await s.api(path.replace('ID', id), { method, token, json });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: text.split(id).join('ID') };
}

/** A matcher for `next`: an event of `type` that `check` accepts. */
const eventOf =
  <K extends ListEvent['type']>(type: K, check: (event: Extract<ListEvent, { type: K }>) => boolean = () => true) =>
  (event: ListEvent): event is Extract<ListEvent, { type: K }> =>
    event.type === type && check(event as Extract<ListEvent, { type: K }>);

const listIds = async (s: TestServer, token: string, query = '') => ((await (await s.api(`/api/articles${query}`, { token })).json()) as ArticleListItem[]).map((a) => a.id);

/** The raw answer to a websocket upgrade of `id` (101 when it opened; then it is closed). */
function upgrade(s: TestServer, id: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${s.wsUrl}/${id}?token=${token}`);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('error', reject);
  });
}

/** The close codes a stock client's socket got, as they come. */
function closeCodes(client: TestClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

/** Whether the person may see the story everywhere: GET, list, credits and its picture. */
async function seesEverywhere(s: TestServer, n: RestrictedNewsroom, token: string): Promise<boolean[]> {
  const { id, credit, picture } = n.restricted;
  return [
    (await s.api(`/api/articles/${id}`, { token })).status === 200,
    (await listIds(s, token)).includes(id),
    (await (await s.api('/api/credits', { token })).text()).includes(credit),
    (await s.api(`/api/pictures/${picture}`, { token })).status === 200,
  ];
}

describe('a restricted story', () => {
  it('answers every outsider, whatever their role, exactly as an unknown story on every story route, and changes nothing', async ({ newsroom: { s, n } }) => {
    const { id } = n.restricted;
    const before = await s.server.store.getArticle(id);
    for (const name of OUTSIDERS) {
      const { token } = n.person(name);
      for (const [method, suffix, json] of STORY_REQUESTS) {
        const unknown = await answer(s, token, method, `/api/articles/ID${suffix}`, randomUUID(), json);
        const restricted = await answer(s, token, method, `/api/articles/ID${suffix}`, id, json);
        expect(restricted, `${method} ${suffix} as ${name}`).toEqual(unknown);
        expect(restricted.status).toBe(404);
      }
      // Creating a story with its id, too.
      const created = await answer(s, token, 'POST', '/api/articles', id, { id });
      // A role that may not create stories at all (viewer, commenter) is refused before the id is looked at: it learns nothing either way.
      expect(created.status, name).toBe(can(n.person(name).viewer.role, 'createArticle') ? 404 : 403);
      if (created.status === 404) expect(created.body).toBe(JSON.stringify(unknownStoryBody('ID')));
    }
    expect(await s.server.store.getArticle(id)).toEqual(before);
    expect(await s.server.store.listRevisions(id)).toHaveLength(1);
    expect((await s.server.store.listAudit({ articleId: id })).filter((e) => e.userId !== n.person('author').id && e.userId !== n.person('editor-in').id)).toEqual([]);
  });

  it('is in no outsider’s list, page or spiked list, credits or pictures; its desk, people and author see it all', async ({ newsroom: { s, n } }) => {
    const { id, headline, credit, picture } = n.restricted;
    // More stories, so that the list takes several pages of two.
    for (let i = 0; i < 4; i++) await s.createArticle(n.person('author').token, { headline: `Filler ${i}` });
    const pagedIds = async (token: string, query = '') => (await readAllPages(s.url, token, `/api/articles?limit=2${query}`)).pages.flat().map((a) => a.id);
    const unknownPicture = (await s.api(`/api/pictures/${'0'.repeat(64)}`, { token: n.person('admin-out').token })).status;
    expect(unknownPicture).toBe(404);
    const check = async (spiked: boolean) => {
      for (const person of n.people) {
        const sees = INSIDERS.includes(person.name);
        const what = `${person.name}, ${spiked ? 'spiked' : 'not spiked'}`;
        const query = spiked ? '&spiked=only' : '';
        expect((await pagedIds(person.token, query)).includes(id), what).toBe(sees);
        expect((await pagedIds(person.token, query)).includes(n.open.id), what).toBe(!spiked);
        for (const format of ['json', 'csv']) {
          const text = await (await s.api(`/api/credits?format=${format}`, { token: person.token })).text();
          expect(text, `${what}, ${format}`).toContain(n.open.credit);
          for (const secret of [id, headline, credit]) expect(text.includes(secret), `${what}, ${format}: ${secret}`).toBe(sees);
        }
        for (const path of [`/api/pictures/${picture}`, `/api/pictures/${picture}/preview`]) {
          const response = await s.api(path, { token: person.token });
          expect(response.status, `${what}: ${path}`).toBe(sees ? 200 : 404);
          if (!sees) expect(await response.json()).toEqual({ error: `picture ${picture} not found` });
          else await response.arrayBuffer();
        }
        expect((await s.api(`/api/pictures/${n.open.picture}`, { token: person.token })).status, what).toBe(200);
      }
    };
    await check(false);
    expect((await s.api(`/api/articles/${id}/spike`, { method: 'POST', token: n.person('editor-in').token, json: {} })).status).toBe(200);
    await check(true);
  });

  it('refuses an outsider’s stock client and socket as for an unknown story; its desk, people and author edit it live', async ({ newsroom: { s, n }, connect }) => {
    const { id, headline } = n.restricted;
    for (const name of OUTSIDERS) {
      const { token } = n.person(name);
      const unknownId = randomUUID();
      const unknown = await upgrade(s, unknownId, token);
      const refused = await upgrade(s, id, token);
      expect(refused.status, name).toBe(404);
      expect(refused.body.split(id).join('ID')).toBe(unknown.body.split(unknownId).join('ID'));
      // The stock client: refused, never synced, never given a byte of the story.
      const client = connect(s.wsUrl, id, token);
      let refusals = 0;
      client.provider.on('connection-close', () => refusals++);
      await waitFor(() => refusals >= 2, `${name}'s client to be refused twice`);
      expect(client.provider.synced).toBe(false);
      expect(headlineText(client.doc).toString()).toBe('');
      client.destroy();
    }
    const clients = ['desk-in', 'named', 'author'].map((name) => connect(s.wsUrl, id, n.person(name).token));
    await Promise.all(clients.map((c) => c.synced));
    for (const client of clients) expect(headlineText(client.doc).toString()).toBe(headline);
    replaceText(headlineText(clients[0].doc), 'Inquiry widens');
    await waitFor(() => clients.every((c) => headlineText(c.doc).toString() === 'Inquiry widens'), 'the edit at every insider');
  });

  it('closes an outsider’s open socket with 4404 and resyncs their list when it is restricted, and never names it to them after', async ({ newsroom: { s, n }, connect, openStream }) => {
    const { id } = n.open;
    const outsider = connect(s.wsUrl, id, n.person('editor-out').token);
    const insider = connect(s.wsUrl, id, n.person('reporter-in').token);
    await Promise.all([outsider.synced, insider.synced]);
    const codes = closeCodes(outsider);
    const outStream = await openStream(s.url, n.person('admin-out').token);
    const inStream = await openStream(s.url, n.person('viewer-in').token);

    const restricted = await s.api(`/api/articles/${id}`, { method: 'PATCH', token: n.person('desk-in').token, json: { restricted: true } });
    expect(restricted.status).toBe(200);
    await waitFor(() => codes.includes(ARTICLE_GONE_CLOSE), 'the outsider’s socket closed with 4404');
    await outStream.next(eventOf('resync'), 'a resync for the outsider');
    // The insider stays: edits keep flowing to them, and their stream names the story.
    await inStream.next(articleEvent(id, (e) => e.article.restricted), 'the restricted entry for the insider');
    expect(insider.provider.wsconnected).toBe(true);
    replaceText(headlineText(insider.doc), 'Kept to Metro');
    await inStream.next(articleEvent(id, (e) => e.article.headline === 'Kept to Metro'), 'the insider’s edit in their list');
    // A change the outsider may see comes after it on the same stream: by then the story would have been named.
    await s.createArticle(n.person('author').token, { headline: 'Marker' });
    await outStream.next(eventOf('article', (e) => e.article.headline === 'Marker'), 'the marker story');
    // From the restriction's resync on (the last one: the newsroom's own restriction may have sent
    // one before, and the story's presence before it was told while it was open), never a word of it.
    expect(outStream.text.slice(outStream.text.lastIndexOf('event: resync'))).not.toContain(id);
    expect(headlineText(outsider.doc).toString()).not.toBe('Kept to Metro');
  });

  it('never names a restricted story, its edits or who has it open on an outsider’s event stream', async ({ newsroom: { s, n }, connect, openStream }) => {
    const { id } = n.restricted;
    const streams = new Map<string, EventStreamClient>();
    for (const name of [...OUTSIDERS, 'desk-in', 'named', 'author']) streams.set(name, await openStream(s.url, n.person(name).token));
    // The named viewer only reads it (their presence is news too); the author writes.
    const reader = connect(s.wsUrl, id, n.person('named').token);
    const editor = connect(s.wsUrl, id, n.person('author').token);
    await Promise.all([reader.synced, editor.synced]);
    replaceText(headlineText(editor.doc), 'Port chief questioned');
    for (const name of ['desk-in', 'named', 'author']) {
      await streams.get(name)!.next(articleEvent(id, (e) => e.article.headline === 'Port chief questioned'), `the edit on ${name}'s stream`);
      await streams.get(name)!.next(eventOf('presence', (e) => e.id === id), `who has it open, on ${name}'s stream`);
    }
    await s.createArticle(n.person('author').token, { headline: 'Marker' });
    for (const name of OUTSIDERS) {
      const stream = streams.get(name)!;
      await stream.next(eventOf('article', (e) => e.article.headline === 'Marker'), `the marker on ${name}'s stream`);
      expect(stream.text, name).not.toContain(id);
      expect(stream.text, name).not.toContain('Port chief');
    }
  });

  it('cannot be handed to another desk by a reporter of its desk; a refused change changes nothing; a desk member moving and restricting stays on it', async ({ newsroom: { s, n } }) => {
    const { id } = n.restricted;
    const before = await s.server.store.getArticle(id);
    for (const json of [{ desk: n.sport }, { desk: null }, { desk: n.sport, restricted: true }]) {
      const refused = await s.api(`/api/articles/${id}`, { method: 'PATCH', token: n.person('reporter-in').token, json });
      expect(refused.status, JSON.stringify(json)).toBe(403);
    }
    expect(await s.server.store.getArticle(id)).toEqual(before);
    // A desk member may move the open story to Sport and restrict it in one go; not being on Sport, they are named on it.
    const moved = await s.api(`/api/articles/${n.open.id}`, { method: 'PATCH', token: n.person('desk-in').token, json: { desk: n.sport, restricted: true } });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ deskId: n.sport, restricted: true, people: ['desk-in'] });
    expect((await s.api(`/api/articles/${n.open.id}`, { token: n.person('desk-in').token })).status).toBe(200);
    expect((await s.api(`/api/articles/${n.open.id}`, { token: n.person('editor-in').token })).status).toBe(404);
    expect((await s.api(`/api/articles/${n.open.id}`, { token: n.person('viewer-out').token })).status).toBe(200);
  });

  it('lifting it is audited with who lifted it, and opens it to everyone again', async ({ newsroom: { s, n }, openStream }) => {
    const { id } = n.restricted;
    const outsider = n.person('reporter-out');
    const stream = await openStream(s.url, outsider.token);
    expect(await seesEverywhere(s, n, outsider.token)).toEqual([false, false, false, false]);
    const lifted = await s.api(`/api/articles/${id}`, { method: 'PATCH', token: n.person('desk-in').token, json: { restricted: false } });
    expect(lifted.status).toBe(200);
    expect(await lifted.json()).toMatchObject({ id, restricted: false, people: [] });
    expect((await s.server.store.listAudit({ articleId: id }))[0]).toMatchObject({
      action: 'article.unrestrict',
      userId: n.person('desk-in').id,
      articleId: id,
      detail: { restricted: [true, false] },
    });
    await stream.next(articleEvent(id, (e) => !e.article.restricted), 'the story in the outsider’s list');
    expect(await seesEverywhere(s, n, outsider.token)).toEqual([true, true, true, true]);
    expect(await upgrade(s, id, outsider.token)).toMatchObject({ status: 101 });
  });

  it('a person added to its desk sees it; one taken off the desk loses it, open socket and all', async ({ newsroom: { s, n }, connect, openStream }) => {
    const { id } = n.restricted;
    const admin = n.person('admin-in').token;
    const joiner = n.person('reporter-out');
    const stream = await openStream(s.url, joiner.token);
    const added = await s.api(`/api/users/${joiner.name}`, { method: 'PATCH', token: admin, json: { desks: [n.metro, n.sport] } });
    expect(added.status).toBe(200);
    expect(await seesEverywhere(s, n, joiner.token)).toEqual([true, true, true, true]);
    // Their open stream is told to read the list again, which now holds it.
    await stream.next(eventOf('resync'), 'a resync for the new desk member');

    const leaver = n.person('desk-in');
    const client = connect(s.wsUrl, id, leaver.token);
    await client.synced;
    const codes = closeCodes(client);
    const removed = await s.api(`/api/users/${leaver.name}`, { method: 'PATCH', token: admin, json: { desks: [] } });
    expect(removed.status).toBe(200);
    expect(await seesEverywhere(s, n, leaver.token)).toEqual([false, false, false, false]);
    await waitFor(() => codes.includes(ARTICLE_GONE_CLOSE), 'the socket of the person taken off the desk closed with 4404');
  });

  it('closes the socket of one taken off its desk behind the server’s back (the CLI, another instance), after a restart too', async ({ newsroom: { s, n }, connect }) => {
    const restarted = await s.restart();
    const leaver = n.person('editor-in');
    const client = connect(restarted.wsUrl, n.restricted.id, await restarted.signIn(leaver.name));
    await client.synced;
    const codes = closeCodes(client);
    await restarted.server.store.changeAccount(leaver.id, { desks: [] }, Date.now(), { userId: null });
    await waitFor(() => codes.includes(ARTICLE_GONE_CLOSE), 'the socket closed with 4404');
  });
});

describe('a restricted story on Postgres', () => {
  it('is kept from outsiders in the list, GET and credits, shown to its desk, and opened by lifting', async ({ database, tempDir, startServer, connect }) => {
    const s = await startServer({ dataDir: await tempDir('newsroom-pg-restricted-'), store: await PostgresStore.open(database.url), rooms: { summaryAfterMs: 20 } });
    const n = await restrictedNewsroom(s, connect);
    for (const person of n.people) expect(await seesEverywhere(s, n, person.token), person.name).toEqual(Array(4).fill(INSIDERS.includes(person.name)));
    const unknownId = randomUUID();
    const hidden = await answer(s, n.person('editor-out').token, 'GET', '/api/articles/ID', n.restricted.id);
    expect(hidden).toEqual(await answer(s, n.person('editor-out').token, 'GET', '/api/articles/ID', unknownId));
    expect((await s.api(`/api/articles/${n.restricted.id}`, { method: 'PATCH', token: n.person('author').token, json: { restricted: false } })).status).toBe(200);
    expect((await s.server.store.listAudit({ articleId: n.restricted.id }))[0]).toMatchObject({ action: 'article.unrestrict', userId: n.person('author').id });
    for (const person of n.people) expect(await seesEverywhere(s, n, person.token), person.name).toEqual([true, true, true, true]);
  });
});
