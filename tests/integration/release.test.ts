// Embargoes, legal holds and kills (issue 17, requirements 3 and 4) against the real server, on
// SQLite and on Postgres: who may set them, how bad bodies are refused, the list, GET and list
// events carrying them, and the exports — the approved (release) export refused before the
// embargo (unless an embargoed copy is asked for) and while held, served from the embargo's
// instant on, a killed story served saying so. The server's clock is injected and moved; nothing sleeps.
import { describe, expect } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import type { ServerOptions } from '../../server/start-server.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { it } from '../support/fixtures.ts';
import { articleEvent, type EventStreamClient } from '../support/list-events.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';
import type { TestServer } from '../support/test-server.ts';

const START = Date.UTC(2026, 11, 7, 12, 0);
const UNTIL = Date.UTC(2026, 11, 8, 6, 0);
const NO_RELEASE = { embargoUntil: null, hold: null };

type Start = (options?: Partial<ServerOptions>) => Promise<TestServer>;

/** A newsroom on a server whose clock is `clock.now`: Ana (reporter), Dana (desk), Eve (editor), Vic (viewer), and Ana's story, approved. */
async function newsroom(start: Start) {
  const clock = { now: START };
  const server = await start({ now: () => clock.now });
  const api = revisionApi(server);
  const ana = await server.user('ana', 'reporter');
  const dana = await server.user('dana', 'desk');
  const eve = await server.user('eve', 'editor');
  const vic = await server.user('vic', 'viewer');
  const id = await server.createArticle(ana.token, { headline: 'Budget leaks' });
  const { number } = await api.snapshot(ana.token, id, 'ready');
  await api.step(ana.token, id, number, 'submit');
  await api.step(eve.token, id, number, 'approve');
  const release = (token: string, body: unknown) => server.api(`/api/articles/${id}/release`, { method: 'PUT', token, json: body });
  const kill = (token: string, body: unknown) => server.api(`/api/articles/${id}/kill`, { method: 'POST', token, json: body });
  const exported = (token: string, query: string) => server.api(`/api/articles/${id}/export?${query}`, { token });
  return { clock, server, api, ana, dana, eve, vic, id, release, kill, exported };
}

/** What a case gets: how to start a server on the store under test, and the event stream opener. */
interface CaseKit {
  start: Start;
  openStream: (url: string, token: string) => Promise<EventStreamClient>;
}

/** The cases, on SQLite or (`postgres`) on a fresh Postgres database per test. */
function releaseCases(postgres: boolean) {
  const test = (name: string, run: (kit: CaseKit) => Promise<void>) =>
    postgres
      ? it(name, async ({ startServer, openStream, tempDir, database }) => {
          const start: Start = async (options = {}) => startServer({ dataDir: await tempDir('newsroom-pg-release-'), store: await PostgresStore.open(database.url), ...options });
          await run({ start, openStream });
        })
      : it(name, async ({ startServer, openStream }) => run({ start: startServer, openStream }));

  test('lets the desk and editors embargo and hold a story, refuses the others, and tells the list', async ({ start, openStream }) => {
    const n = await newsroom(start);
    const stream = await openStream(n.server.url, n.vic.token);
    for (const who of [n.ana, n.vic]) expect(await expectApiError(await n.release(who.token, NO_RELEASE), 403)).toMatch(/cannot embargo stories/);

    const answer = await n.release(n.dana.token, { embargoUntil: UNTIL, hold: { note: 'Court order pending' } });
    expect(answer.status).toBe(200);
    const release = { embargoUntil: UNTIL, hold: { note: 'Court order pending', byName: 'dana', at: START }, killed: null };
    expect(await answer.json()).toMatchObject(release);
    expect(await n.api.article(n.vic.token, n.id)).toMatchObject(release);
    const list = (await (await n.server.api('/api/articles', { token: n.vic.token })).json()) as ArticleListItem[];
    expect(list.find((entry) => entry.id === n.id)).toMatchObject(release);
    const event = await stream.next(articleEvent(n.id, (e) => e.article.hold !== null), 'the release event');
    expect(event.article).toMatchObject(release);

    const audit = await n.server.server.store.listAudit({ articleId: n.id });
    expect(audit[0]).toMatchObject({ action: 'article.release', userId: n.dana.id, detail: { embargoUntil: [null, UNTIL], hold: [null, 'Court order pending'] } });

    // Lifting both.
    expect((await n.release(n.eve.token, NO_RELEASE)).status).toBe(200);
    expect(await n.api.article(n.ana.token, n.id)).toMatchObject({ embargoUntil: null, hold: null });
  });

  test('refuses bad bodies with a sentence, and an embargo already past', async ({ start }) => {
    const n = await newsroom(start);
    for (const body of [{}, { embargoUntil: 'tomorrow', hold: null }, { embargoUntil: null, hold: { note: ' ' } }, { embargoUntil: null, hold: null, kill: true }]) {
      expect(await expectApiError(await n.release(n.eve.token, body), 400)).toMatch(/^[a-z].{15,}/);
    }
    expect(await expectApiError(await n.release(n.eve.token, { embargoUntil: START - 1, hold: null }), 400)).toMatch(/is past/);
    expect(await expectApiError(await n.kill(n.eve.token, {}), 400)).toBe('a kill needs a note saying why');
    expect(await expectApiError(await n.kill(n.eve.token, { note: 'x'.repeat(1001) }), 400)).toMatch(/over 1000 characters/);
    expect(await n.api.article(n.eve.token, n.id)).toMatchObject({ embargoUntil: null, hold: null, killed: null });
  });

  test('lets only editors kill, once and for good, and tells the list', async ({ start, openStream }) => {
    const n = await newsroom(start);
    const stream = await openStream(n.server.url, n.ana.token);
    for (const who of [n.ana, n.dana, n.vic]) expect(await expectApiError(await n.kill(who.token, { note: 'Libel risk' }), 403)).toMatch(/cannot kill stories/);
    const answer = await n.kill(n.eve.token, { note: 'Libel risk' });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as ArticleListItem).killed).toEqual({ note: 'Libel risk', byName: 'eve', at: START });
    const event = await stream.next(articleEvent(n.id, (e) => e.article.killed !== null), 'the kill event');
    expect(event.article.killed?.note).toBe('Libel risk');
    expect(await expectApiError(await n.kill(n.eve.token, { note: 'Again' }), 409)).toMatch(/stays killed/);
    expect(await expectApiError(await n.release(n.eve.token, { embargoUntil: UNTIL, hold: null }), 409)).toMatch(/stays killed/);
    expect((await n.server.server.store.listAudit({ articleId: n.id }))[0]).toMatchObject({ action: 'article.kill', userId: n.eve.id, detail: { note: 'Libel risk' } });
  });

  test('refuses the release export before the embargo unless an embargoed copy is asked for, and serves it from the embargo on', async ({ start }) => {
    const n = await newsroom(start);
    expect((await n.release(n.dana.token, { embargoUntil: UNTIL, hold: null })).status).toBe(200);

    n.clock.now = UNTIL - 1;
    for (const format of ['text', 'html', 'ninjs']) {
      const error = await expectApiError(await n.exported(n.ana.token, `format=${format}&rev=approved`), 423);
      expect(error).toContain('embargoed until 8 Dec 2026, 06:00 UTC (2026-12-08T06:00:00.000Z)');
      expect(error).toContain('embargoed=1');
    }
    expect(await expectApiError(await n.exported(n.ana.token, 'format=text&rev=approved&embargoed=yes'), 400)).toMatch(/embargoed must be 1/);
    expect((await n.api.exportText(n.ana.token, n.id, 'text', 'live')).split('\n')[0]).toBe('EMBARGOED until 8 Dec 2026, 06:00 UTC');
    const copy = await n.exported(n.ana.token, 'format=text&rev=approved&embargoed=1');
    expect(copy.status).toBe(200);
    expect((await copy.text()).split('\n').slice(0, 3)).toEqual(['EMBARGOED until 8 Dec 2026, 06:00 UTC', '', 'Headline: Budget leaks']);
    const html = await (await n.exported(n.ana.token, 'format=html&rev=approved&embargoed=1')).text();
    expect(html).toContain('<p class="release">EMBARGOED until 8 Dec 2026, 06:00 UTC</p>');
    const ninjs = await (await n.exported(n.ana.token, 'format=ninjs&rev=approved&embargoed=1')).json();
    expect(ninjs).toMatchObject({ embargoed: '2026-12-08T06:00:00.000Z', pubstatus: 'withheld' });

    n.clock.now = UNTIL;
    const released = await n.api.exportText(n.ana.token, n.id, 'text', 'approved');
    expect(released.split('\n')[0]).toBe('Headline: Budget leaks');
    expect(released).not.toContain('EMBARGOED');
    const usable = await n.api.exportNinjs(n.ana.token, n.id, 'approved');
    expect(usable.pubstatus).toBe('usable');
    expect(usable).not.toHaveProperty('embargoed');
  });

  test('refuses the release export of a held story whatever the time and whatever is asked, until the hold is lifted', async ({ start }) => {
    const n = await newsroom(start);
    expect((await n.release(n.eve.token, { embargoUntil: UNTIL, hold: { note: 'Court order pending' } })).status).toBe(200);
    for (const now of [START, UNTIL, UNTIL + 86_400_000]) {
      n.clock.now = now;
      for (const query of ['format=text&rev=approved', 'format=ninjs&rev=approved&embargoed=1']) {
        expect(await expectApiError(await n.exported(n.ana.token, query), 423)).toMatch(/under a legal hold \(Court order pending\).*until the hold is lifted/);
      }
    }
    expect((await n.api.exportNinjs(n.ana.token, n.id, 'live')).pubstatus).toBe('withheld');
    expect((await n.api.exportText(n.ana.token, n.id, 'html', 'live'))).toContain('LEGAL HOLD: Court order pending — do not publish');
    expect((await n.release(n.eve.token, { embargoUntil: UNTIL, hold: null })).status).toBe(200);
    expect((await n.api.exportNinjs(n.ana.token, n.id, 'approved')).pubstatus).toBe('usable');
  });

  test('serves a killed story, embargoed or held, reporting the kill in every format', async ({ start }) => {
    const n = await newsroom(start);
    expect((await n.release(n.eve.token, { embargoUntil: UNTIL, hold: { note: 'Court order pending' } })).status).toBe(200);
    expect((await n.kill(n.eve.token, { note: 'Libel risk' })).status).toBe(200);
    expect((await n.api.exportText(n.ana.token, n.id, 'text', 'approved')).split('\n')[0]).toBe('KILLED: Libel risk — do not use');
    expect(await n.api.exportText(n.ana.token, n.id, 'html', 'approved')).toContain('<p class="release">KILLED: Libel risk — do not use</p>');
    const ninjs = await n.api.exportNinjs(n.ana.token, n.id, 'approved');
    expect(ninjs).toMatchObject({ pubstatus: 'canceled' });
    expect(ninjs.ednote).toMatch(/^KILLED: Libel risk — do not use/);
  });
}

describe('release on SQLite', () => releaseCases(false));

describe('release on Postgres', () => releaseCases(true));
