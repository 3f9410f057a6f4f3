// Corrections and updates after approval (issue 17, requirement 4) end to end, on the embedded
// SQLite store and on Postgres: an editor reopens an approved story as a correction or an update
// with a note (refused, with a sentence, for anyone else, without a note, without an approved
// revision, and twice); the approved revision stays the publishable one until the next approval,
// which is numbered as the next version and carries the amendment into the list, the revisions
// list and every export of it (ninjs `version` and `ednote`, a line in text and HTML).
import { describe, expect } from 'vitest';
import type * as Y from 'yjs';
import type { ArticleListItem, ReopenResponse } from '../../model/api-types.ts';
import { headlineText, META_KEYS, metaMap } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import type { connectClient, TestClient } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';
import type { TestServer } from '../support/test-server.ts';

const CORRECTION = 'The bridge is in Leeds, not York.';
const UPDATE = 'Adds the council’s reply.';

/** Runs `change` on the client's document and waits until the server has stored it. */
async function edit(client: TestClient, change: (doc: Y.Doc) => void) {
  client.doc.transact(() => change(client.doc));
  await client.tracker!.whenSaved();
}

/** The whole line of a story: original, correction 1, update 1, against `server`. */
async function correctionsScenario(server: TestServer, connect: (...args: Parameters<typeof connectClient>) => TestClient) {
  const api = revisionApi(server);
  const ana = await server.user('ana', 'reporter');
  const ed = await server.user('ed', 'editor');
  const id = await server.createArticle(ana.token, { headline: 'Bridge reopens' });
  const client = connect(server.wsUrl, id, ana.token, { track: true });
  await client.synced;
  await edit(client, (doc) => {
    appendParagraphs(doc, ['The bridge in York reopened on Tuesday.']);
    metaMap(doc).set(META_KEYS.planningNote, 'Picture desk has a better shot');
  });
  const reopen = (who: { token: string }, body: unknown) => server.api(`/api/articles/${id}/reopen`, { method: 'POST', token: who.token, json: body });

  // Nothing approved yet: nothing to correct.
  expect(await expectApiError(await reopen(ed, { as: 'correction', note: CORRECTION }), 409)).toBe(
    'This story has no approved revision, so there is nothing to update or correct yet. Approve it first.',
  );

  // Version 1, the original.
  await api.snapshot(ana.token, id, 'first');
  await api.step(ana.token, id, 1, 'submit');
  const first = await api.step(ed.token, id, 1, 'approve');
  expect(first.article).toMatchObject({ status: 'approved', version: 1, amendment: null, reopened: null });
  expect(await api.exportNinjs(ed.token, id, 'approved')).toMatchObject({ version: '1', ednote: 'Picture desk has a better shot' });

  // Refusals, each a sentence.
  expect(await expectApiError(await reopen(ana, { as: 'correction', note: CORRECTION }), 403)).toMatch(/^a reporter cannot reopen approved stories/);
  expect(await expectApiError(await reopen(ed, { as: 'correction', note: '  ' }), 400)).toMatch(/^A note is required to reopen a story as a correction\./);
  expect(await expectApiError(await reopen(ed, { as: 'retraction', note: CORRECTION }), 400)).toMatch(/"update" or "correction"/);
  expect(await expectApiError(await reopen(ed, { as: 'correction', note: 7 }), 400)).toBe('note must be a string');
  expect(await expectApiError(await reopen(ed, { as: 'correction', note: CORRECTION, why: 'x' }), 400)).toMatch(/^unknown field "why"/);
  expect((await api.article(ed.token, id)).reopened).toBeNull();

  // Reopened as a correction: back to draft, version 1 still the one published.
  const reopened = await reopen(ed, { as: 'correction', note: ` ${CORRECTION} ` });
  expect(reopened.status).toBe(200);
  const answer = (await reopened.json()) as ReopenResponse;
  expect(answer.article).toMatchObject({ status: 'draft', approvedRevision: 1, version: 1, reopened: { kind: 'correction', note: CORRECTION } });
  expect(answer.event).toMatchObject({ action: 'reopen', revision: 1, note: CORRECTION, userName: 'ed' });
  const listed = ((await (await server.api('/api/articles', { token: ana.token })).json()) as ArticleListItem[]).find((a) => a.id === id);
  expect(listed).toMatchObject({ status: 'draft', reopened: { kind: 'correction', note: CORRECTION }, lastEvent: { action: 'reopen', note: CORRECTION } });
  expect(await expectApiError(await reopen(ed, { as: 'update', note: UPDATE }), 409)).toBe(
    'This story is already reopened as a correction. Approve a revision to settle that first.',
  );
  expect(await api.exportText(ed.token, id, 'text', 'approved')).not.toContain('Correction');

  // The corrected revision, approved: version 2, correction 1, in the list and every export.
  await edit(client, (doc) => headlineText(doc).insert(headlineText(doc).length, ' in Leeds'));
  await api.snapshot(ana.token, id, 'corrected');
  await api.step(ana.token, id, 2, 'submit');
  const second = await api.step(ed.token, id, 2, 'approve');
  const correction = { kind: 'correction', number: 1, note: CORRECTION };
  expect(second.article).toMatchObject({ status: 'approved', approvedRevision: 2, version: 2, amendment: correction, reopened: null });
  expect(second.revision.approvedAs).toEqual([{ version: 2, revision: 2, amendment: correction, at: second.event.at, userId: ed.id, userName: 'ed' }]);
  for (const rev of ['approved', 2]) {
    expect(await api.exportNinjs(ed.token, id, rev)).toMatchObject({
      headline: 'Bridge reopens in Leeds',
      version: '2',
      ednote: `Correction (1): ${CORRECTION}\n\nPicture desk has a better shot`,
    });
    expect((await api.exportText(ed.token, id, 'text', rev)).trimEnd().split('\n').at(-1)).toBe(`Correction (1): ${CORRECTION}`);
    expect(await api.exportText(ed.token, id, 'html', rev)).toContain(`<p class="amendment correction">Correction (1): ${CORRECTION}</p>`);
  }
  // The original is still version 1 as it was; the live draft is no version at all.
  expect(await api.exportNinjs(ed.token, id, 1)).toMatchObject({ version: '1', ednote: 'Picture desk has a better shot' });
  expect(await api.exportText(ed.token, id, 'text', 1)).not.toContain('Correction');
  expect(await api.exportNinjs(ed.token, id, 'live')).not.toHaveProperty('version');
  expect(await api.exportText(ed.token, id, 'html', 'live')).not.toContain('amendment');

  // Then an update: version 3, update 1 (counted apart from corrections).
  const updated = (await (await reopen(ed, { as: 'update', note: UPDATE })).json()) as ReopenResponse;
  expect(updated.article).toMatchObject({ status: 'draft', reopened: { kind: 'update', note: UPDATE } });
  await edit(client, (doc) => appendParagraphs(doc, ['The council said it was pleased.']));
  await api.snapshot(ed.token, id, 'update');
  const third = await api.step(ed.token, id, 3, 'approve');
  expect(third.article).toMatchObject({ version: 3, amendment: { kind: 'update', number: 1, note: UPDATE }, reopened: null });
  expect(await api.exportText(ed.token, id, 'text', 'approved')).toContain(`Update (1): ${UPDATE}`);
  expect(await api.exportNinjs(ed.token, id, 'approved')).toMatchObject({ version: '3' });

  // The history: every version with what it amends, who and when.
  const line = (await api.list(ana.token, id)).flatMap((revision) => revision.approvedAs.map((v) => [revision.number, v.version, v.amendment?.kind ?? null, v.amendment?.number ?? null, v.userName]));
  expect(line).toEqual([
    [1, 1, null, null, 'ed'],
    [2, 2, 'correction', 1, 'ed'],
    [3, 3, 'update', 1, 'ed'],
  ]);
}

describe('corrections and updates after approval', () => {
  it('on the SQLite store: reopen, number, list and export the whole line of versions', async ({ server, connect }) => {
    await correctionsScenario(server, connect);
  });

  it('on the Postgres store: the same', async ({ database, startServer, connect }) => {
    const server = await startServer({ store: await PostgresStore.open(database.url) });
    await correctionsScenario(server, connect);
  });

  it('lets one of two editors reopening at once win; the other gets 409', async ({ server }) => {
    const api = revisionApi(server);
    const ed = await server.user('ed', 'editor');
    const eve = await server.user('eve', 'editor');
    const id = await server.createArticle(ed.token, { headline: 'Budget' });
    await api.snapshot(ed.token, id);
    await api.step(ed.token, id, 1, 'approve');
    const answers = await Promise.all(
      [ed, eve].map((who, i) => server.api(`/api/articles/${id}/reopen`, { method: 'POST', token: who.token, json: { as: i === 0 ? 'update' : 'correction', note: `note ${i}` } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    // The story is reopened as the winner asked, with the winner's note, and that is its last event.
    const winner = answers.findIndex((a) => a.status === 200);
    const article = await api.article(ed.token, id);
    expect(article.reopened).toEqual({ kind: winner === 0 ? 'update' : 'correction', note: `note ${winner}` });
    expect(article.lastEvent).toMatchObject({ action: 'reopen', note: `note ${winner}`, userId: [ed, eve][winner].id });
  });
});
