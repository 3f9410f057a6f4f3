// Stories: creating once under a client-chosen id, the list entry and its order, summaries.
import { expect, it } from 'vitest';
import type { StoreHarness } from './fixtures.ts';
import { summary } from './fixtures.ts';

/** The story-row cases. */
export function articlesContract(h: StoreHarness): void {
  it('creates a story once: the same id again reports it exists and keeps the first', async () => {
    const s = await h.open();
    const ana = await s.addUser({ username: 'ana', displayName: 'Ana Reporter', role: 'reporter', passwordHash: 'x' });
    const first = await s.createArticle({ id: 'b3f1c2de-0000-4000-8000-000000000001', createdBy: ana.id, createdAt: 1_700_000_000_123, headline: 'Floods' });
    expect(first).toEqual({
      created: true,
      article: {
        id: 'b3f1c2de-0000-4000-8000-000000000001',
        createdAt: 1_700_000_000_123,
        createdBy: ana.id,
        updatedAt: 1_700_000_000_123,
        updatedBy: ana.id,
        updatedByName: 'Ana Reporter',
        headline: 'Floods',
        byline: '',
        desk: '',
        slug: '',
        wordCount: 0,
        assignees: [],
        deadline: null,
        targetWords: null,
        urgency: null,
        embargoUntil: null,
        hold: null,
        killed: null,
        pictureCount: 0,
        picturesMissingCredit: 0,
        status: 'draft',
        submittedRevision: null,
        approvedRevision: null,
        lastEvent: null,
        approvedWordCount: null,
        changedSinceApproval: false,
        sentBack: null,
        spiked: false,
        deskId: null,
        restricted: false,
        people: [],
        version: null,
        amendment: null,
        reopened: null,
      },
    });
    const again = await s.createArticle({ id: first.article.id, createdBy: 'someone-else', createdAt: 5, headline: 'Other' });
    expect(again).toEqual({ created: false, article: first.article });
    expect(await s.getArticle(first.article.id)).toEqual(first.article);
    expect(await s.getArticle('no-such-story')).toBeNull();
    expect(await s.listArticles()).toEqual([first.article]);
  });

  it('stores a summary and lists stories most recently updated first', async () => {
    const s = await h.open();
    const ana = await s.addUser({ username: 'ana', displayName: 'Ana Reporter', role: 'reporter', passwordHash: 'x' });
    const eve = await s.addUser({ username: 'eve', displayName: 'Eve Editor', role: 'editor', passwordHash: 'x' });
    for (const [id, at] of [['a', 10], ['b', 20], ['c', 30]] as const) await s.createArticle({ id, createdBy: ana.id, createdAt: at, headline: id });
    expect((await s.listArticles()).map((a) => a.id)).toEqual(['c', 'b', 'a']);

    const fields = { byline: 'By Eve', desk: 'Metro', slug: 'floods', wordCount: 412, pictureCount: 2, picturesMissingCredit: 1, updatedAt: 40, updatedBy: eve.id };
    await s.updateArticleSummary('a', summary('Floods reach the city', fields), []);
    expect(await s.getArticle('a')).toMatchObject({ ...fields, headline: 'Floods reach the city', updatedByName: 'Eve Editor', createdAt: 10, createdBy: ana.id });
    expect((await s.listArticles()).map((a) => a.id)).toEqual(['a', 'c', 'b']);

    // An update by nobody known (a summary derived at start) has no name.
    await s.updateArticleSummary('b', summary('B', { updatedAt: 50, updatedBy: null }), []);
    expect((await s.listArticles())[0]).toMatchObject({ id: 'b', updatedBy: null, updatedByName: null });
  });

  it('stores the desk facts of a summary (assignees, deadline, target words, urgency), and clears them', async () => {
    const s = await h.open();
    await s.createArticle({ id: 'a', createdBy: 'nobody', createdAt: 1, headline: 'A' });
    // The last instant a Date holds: past 32 bits, and past what a Postgres integer holds.
    const facts = { assignees: ['ana', 'bo.lee'], deadline: 8_640_000_000_000_000, targetWords: 600, urgency: 2 };
    await s.updateArticleSummary('a', summary('A', facts), []);
    expect(await s.getArticle('a')).toMatchObject(facts);
    expect((await s.listArticles())[0]).toMatchObject(facts);
    const none = { assignees: [], deadline: null, targetWords: null, urgency: null };
    await s.updateArticleSummary('a', summary('A', none), []);
    expect(await s.getArticle('a')).toMatchObject(none);
  });

  it('lists as assignees only usernames, each once, at most 10, whoever wrote the summary', async () => {
    const s = await h.open();
    await s.createArticle({ id: 'a', createdBy: 'nobody', createdAt: 1, headline: 'A' });
    const many = Array.from({ length: 12 }, (_, i) => `r${i}`);
    await s.updateArticleSummary('a', summary('A', { assignees: ['ana', 'ana', '<b>', 'x'.repeat(65), ...many] }), []);
    expect((await s.getArticle('a'))?.assignees).toEqual(['ana', ...many.slice(0, 9)]);
  });

  it('keeps everything across closing and opening the store again', async () => {
    const s = await h.open();
    const ana = await s.addUser({ username: 'ana', displayName: 'Ana', role: 'reporter', passwordHash: 'x' });
    await s.createArticle({ id: 'kept', createdBy: ana.id, createdAt: 1, headline: 'Kept' });
    await s.appendUpdates('kept', [new Uint8Array([1, 2, 3])]);
    await s.close();
    await expect(s.getUser(ana.id)).rejects.toThrow('the store is closed');

    const reopened = await h.open();
    expect(await reopened.getUser(ana.id)).toEqual(ana);
    expect(await reopened.getArticle('kept')).toMatchObject({ headline: 'Kept' });
    expect((await reopened.loadDocument('kept')).updates).toEqual([new Uint8Array([1, 2, 3])]);
  });
}
