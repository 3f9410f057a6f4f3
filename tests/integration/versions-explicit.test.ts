// Versions made explicit, against the real server: exports of the approved revision, any revision
// and the live draft while the draft moves on; the list entry saying the story changed since
// approval (with both word counts, told by the event stream) and not any more once the draft is
// changed back; any version's readable content (GET .../content); every decision on every
// revision; a story sent back in the list; and fingerprints derived at start for a data dir
// written before they were kept.
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import type { ArticleListItem, ArticleVersion } from '../../model/api-types.ts';
import { addPicture, bodyFragment, headlineText } from '../../model/article-schema.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import type { TestClient } from '../support/clients.ts';
import { it as base } from '../support/fixtures.ts';
import { articleEvent } from '../support/list-events.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';

const paragraphText = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

async function edit(client: TestClient, change: (doc: Y.Doc) => void) {
  client.doc.transact(() => change(client.doc));
  await client.tracker!.whenSaved();
}

/**
 * The integration `it` with `newsroom`: a server with Ana and Ben (reporters), Eve (editor) and
 * Ana's story; `join` connects a tracked client to a story (closed after the test).
 */
const it = base.extend('newsroom', async ({ server, connect }) => {
  const api = revisionApi(server);
  const ana = await server.user('ana', 'reporter');
  const ben = await server.user('ben', 'reporter');
  const eve = await server.user('eve', 'editor');
  const id = await server.createArticle(ana.token, { headline: 'Bridge reopens' });

  const join = async (id: string, token: string) => {
    const client = connect(server.wsUrl, id, token, { track: true });
    await client.synced;
    return client;
  };

  /** Submits a fresh revision by `author` and has `editor` approve it; its number. */
  const approveNow = async (id: string, author: string, editor: string) => {
    const { number } = await api.snapshot(author, id, 'ready');
    await api.step(author, id, number, 'submit');
    await api.step(editor, id, number, 'approve');
    return number;
  };

  /** The story's entry once `check` holds for it (the list entry follows the draft within a couple of seconds). */
  const entryWhen = async (token: string, id: string, check: (entry: ArticleListItem) => boolean): Promise<ArticleListItem> => {
    let entry: ArticleListItem | undefined;
    await expect.poll(async () => check((entry = await api.article(token, id))), { timeout: 15_000, interval: 100 }).toBe(true);
    return entry!;
  };
  return { server, api, ana, ben, eve, id, join, approveNow, entryWhen };
});

describe('versions made explicit', () => {
  it('exports the approved revision, a chosen revision or the live draft; the approved one lacks a colleague’s later edit', async ({ newsroom }) => {
    const { server, api, ana, ben, eve, id, join, approveNow } = newsroom;
    const anaClient = await join(id, ana.token);
    await edit(anaClient, (doc) => paragraphText(doc, 0).insert(0, 'The bridge reopened on Monday.'));
    const approved = await approveNow(id, ana.token, eve.token);

    const benClient = await join(id, ben.token);
    await edit(benClient, (doc) => paragraphText(doc, 0).insert(paragraphText(doc, 0).length, ' Cyclists cheered.'));
    await api.snapshot(ben.token, id, 'later');

    for (const format of ['text', 'html'] as const) {
      const approvedExport = await api.exportText(eve.token, id, format, 'approved');
      expect(approvedExport).toContain('The bridge reopened on Monday.');
      expect(approvedExport).not.toContain('Cyclists cheered.');
      expect(await api.exportText(eve.token, id, format, approved)).toBe(approvedExport);
      expect(await api.exportText(eve.token, id, format, 'live')).toContain('Cyclists cheered.');
      expect(await api.exportText(eve.token, id, format, approved + 1)).toContain('Cyclists cheered.');
    }
    expect(await api.exportNinjs(eve.token, id, 'approved')).toMatchObject({ body_html: '<p>The bridge reopened on Monday.</p>' });
    await expectApiError(await server.api(`/api/articles/${id}/export?format=text&rev=9`, { token: eve.token }), 404);
  });

  it('says changed since approval with both word counts, told to every list, and not any more once the draft is changed back', async ({ newsroom, openStream }) => {
    const { server, api, ana, ben, eve, id, join, approveNow, entryWhen } = newsroom;
    const client = await join(id, ana.token);
    await edit(client, (doc) => paragraphText(doc, 0).insert(0, 'The bridge reopened on Monday.'));
    await entryWhen(ana.token, id, (entry) => entry.wordCount === 5);
    await approveNow(id, ana.token, eve.token);
    expect(await api.article(ben.token, id)).toMatchObject({ status: 'approved', approvedWordCount: 5, wordCount: 5, changedSinceApproval: false });

    const stream = await openStream(server.url, ben.token);
    const from = stream.events.length;
    await edit(client, (doc) => paragraphText(doc, 0).insert(paragraphText(doc, 0).length, ' Cyclists cheered loudly.'));
    const changed = await entryWhen(ben.token, id, (entry) => entry.changedSinceApproval);
    expect(changed).toMatchObject({ status: 'approved', approvedWordCount: 5, wordCount: 8 });
    const told = await stream.next(articleEvent(id, (e) => e.article.changedSinceApproval), 'the changed entry', from);
    expect(told.article).toMatchObject({ approvedWordCount: 5, wordCount: 8 });
    const listed = (await (await server.api('/api/articles', { token: ben.token })).json()) as ArticleListItem[];
    expect(listed.find((entry) => entry.id === id)).toMatchObject({ changedSinceApproval: true, approvedWordCount: 5, wordCount: 8 });

    // A deletion of what was added, by hand: the content is the approved one again (the Yjs state is not).
    await edit(client, (doc) => {
      const text = paragraphText(doc, 0);
      text.delete(text.length - ' Cyclists cheered loudly.'.length, ' Cyclists cheered loudly.'.length);
    });
    expect(await entryWhen(ben.token, id, (entry) => !entry.changedSinceApproval)).toMatchObject({ approvedWordCount: 5, wordCount: 5 });

    // Only a deletion, nothing added: changed too.
    await edit(client, (doc) => paragraphText(doc, 0).delete(0, 4));
    expect(await entryWhen(ben.token, id, (entry) => entry.changedSinceApproval)).toMatchObject({ wordCount: 4 });
  });

  it('approved at once after the last saved change: not "changed since", and the entry is as current as the revision', async ({ newsroom }) => {
    const { api, ana, ben, eve, id, join, entryWhen } = newsroom;
    const client = await join(id, ana.token);
    await edit(client, (doc) => paragraphText(doc, 0).insert(0, 'The bridge reopened on Monday.'));
    await entryWhen(ana.token, id, (entry) => entry.wordCount === 5);
    await edit(client, (doc) => headlineText(doc).insert(headlineText(doc).length, ' (corrected)'));
    // Saved, then filed and approved at once: no waiting for the list entry to follow the draft (it does a moment later by itself).
    const { number } = await api.snapshot(ana.token, id, 'ready');
    await api.step(ana.token, id, number, 'submit');
    const current = { headline: 'Bridge reopens (corrected)', wordCount: 5, status: 'approved', approvedWordCount: 5, changedSinceApproval: false };
    expect((await api.step(eve.token, id, number, 'approve')).article).toMatchObject(current);
    expect(await api.article(ben.token, id)).toMatchObject(current);
    // What was approved is what was saved: the two versions read and compare the same.
    const content = async (rev: string) => ((await (await newsroom.server.api(`/api/articles/${id}/content?rev=${rev}`, { token: eve.token })).json()) as ArticleVersion).content;
    expect(await content('approved')).toEqual(await content('live'));
    expect((await api.diff(eve.token, id, 'approved', 'live')).fields).toEqual([]);
  });

  it('gives any version’s readable content with the revision’s status, or the live draft’s; 404 before any approval, 400 for a bad rev', async ({ newsroom }) => {
    const { server, ana, eve, id, join, approveNow } = newsroom;
    const viewer = await server.user('vic', 'viewer');
    await expectApiError(await server.api(`/api/articles/${id}/content?rev=approved`, { token: viewer.token }), 404);
    await expectApiError(await server.api(`/api/articles/${id}/content?rev=newest`, { token: viewer.token }), 400);
    const client = await join(id, ana.token);
    await edit(client, (doc) => {
      paragraphText(doc, 0).insert(0, 'Approved words.');
      addPicture(doc, { id: 'p1', caption: 'The bridge', credit: 'Reuters', hash: 'a'.repeat(64) });
    });
    const approved = await approveNow(id, ana.token, eve.token);
    await edit(client, (doc) => headlineText(doc).insert(0, 'LIVE: '));

    const read = async (rev: string) => {
      const response = await server.api(`/api/articles/${id}/content?rev=${rev}`, { token: viewer.token });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as ArticleVersion;
    };
    const version = await read('approved');
    expect(version).toMatchObject({ ref: approved, revision: { number: approved, status: 'approved' } });
    expect(version.content).toMatchObject({ headline: 'Bridge reopens', standfirst: '', byline: '' });
    expect(version.content.body[0]).toMatchObject({ type: 'paragraph', runs: [{ text: 'Approved words.', strong: false, em: false }] });
    expect(version.content.pictures).toEqual([expect.objectContaining({ id: 'p1', caption: 'The bridge', credit: 'Reuters' })]);
    expect(version.revision!.decisions.map((d) => [d.action, d.userName])).toEqual([
      ['submit', 'ana'],
      ['approve', 'eve'],
    ]);
    expect(await read(String(approved))).toEqual(version);
    const live = await read('live');
    expect(live).toMatchObject({ ref: 'live', revision: null, content: { headline: 'LIVE: Bridge reopens' } });
  });

  it('keeps every decision on every revision: filed, sent back with the note, approved, superseded by the next approval', async ({ newsroom }) => {
    const { api, ana, eve, id } = newsroom;
    await api.snapshot(ana.token, id, 'one');
    await api.step(ana.token, id, 1, 'submit', { note: 'First go' });
    await api.step(eve.token, id, 1, 'reject', { note: 'Add the council’s response.' });
    const sentBack = await api.article(ana.token, id);
    expect(sentBack).toMatchObject({ status: 'draft', sentBack: { revision: 1, note: 'Add the council’s response.', byName: 'eve', authorId: ana.id } });
    await api.snapshot(ana.token, id, 'two');
    await api.step(ana.token, id, 2, 'submit');
    expect((await api.article(ana.token, id)).sentBack).toBeNull();
    await api.step(eve.token, id, 2, 'approve');
    await api.snapshot(ana.token, id, 'three');
    await api.step(ana.token, id, 3, 'submit');
    await api.step(eve.token, id, 3, 'approve');

    const [one, two, three] = await api.list(ana.token, id);
    expect(one).toMatchObject({ status: 'sent-back', statusNote: 'Add the council’s response.', supersededBy: null });
    expect(one.decisions.map((d) => [d.action, d.userName, d.note])).toEqual([
      ['submit', 'ana', 'First go'],
      ['reject', 'eve', 'Add the council’s response.'],
    ]);
    expect(two).toMatchObject({ status: 'superseded', supersededBy: 3 });
    expect(two.decisions.map((d) => d.action)).toEqual(['submit', 'approve']);
    expect(three).toMatchObject({ status: 'approved', supersededBy: null });
    for (const decision of [...one.decisions, ...two.decisions]) expect(decision.at).toBeGreaterThan(0);
  });

  it('derives at start the fingerprints a data dir written before them lacks, so that changed-since-approval is right at once', async ({ newsroom }) => {
    const { server, api, ana, eve, id, join, approveNow, entryWhen } = newsroom;
    const client = await join(id, ana.token);
    await edit(client, (doc) => paragraphText(doc, 0).insert(0, 'Approved words.'));
    await approveNow(id, ana.token, eve.token);
    await edit(client, (doc) => paragraphText(doc, 0).insert(0, 'Later. '));
    await entryWhen(ana.token, id, (entry) => entry.changedSinceApproval);
    client.destroy();
    await server.stop();

    // As a data dir from before fingerprints: none on the story, none on its revisions.
    const db = new Database(databasePath(server.dataDir));
    db.prepare('UPDATE articles SET content_hash = NULL, approved_content_hash = NULL').run();
    db.close();
    // On the same port, so `api` reaches the restarted server (the fixture disposes of it).
    await server.restart();
    expect(await api.article(ana.token, id)).toMatchObject({ changedSinceApproval: true, approvedWordCount: 2, wordCount: 3 });
  });
});
