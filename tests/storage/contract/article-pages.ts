// The story list a page at a time: one order in both stores (most recently updated first, ties
// by id in code-point order), keyset pages that never list a story twice while stories are
// edited between pages, and texts kept capped however long the written ones.
import { expect, it } from 'vitest';
import { ELLIPSIS, LIST_NOTE_MAX, LIST_TEXT_MAX } from '../../../model/list-caps.ts';
import type { ArticleRecord, ListPosition, Store } from '../../../server/storage/store.ts';
import type { StoreHarness } from './fixtures.ts';
import { summary } from './fixtures.ts';

const at = (a: ArticleRecord): ListPosition => ({ updatedAt: a.updatedAt, id: a.id });
const ids = (records: ArticleRecord[]) => records.map((a) => a.id);
const codePoints = (text: string) => [...text].length;

// Reads the whole list `limit` stories at a time, calling `between` after each page.
async function readInPages(s: Store, limit: number, between: (page: number) => Promise<void> = async () => undefined): Promise<ArticleRecord[][]> {
  const pages: ArticleRecord[][] = [];
  let after: ListPosition | undefined;
  for (;;) {
    const page = await s.listArticles({ limit, after });
    if (page.length === 0) return pages;
    pages.push(page);
    after = at(page[page.length - 1]);
    await between(pages.length);
  }
}

/** The paging cases. */
export function articlePagesContract(h: StoreHarness): void {
  it('lists most recently updated first, ties by id in code-point order, and pages through that order exactly', async () => {
    const s = await h.open();
    // Same time for four of them: the ids decide, by code point ('B' < 'Z' < 'a'), not by a locale.
    const articles: [string, number][] = [['alpha', 50], ['Zulu', 50], ['Bravo', 50], ['_under', 50], ['old', 10], ['new', 90], ['mid', 40]];
    for (const [id, time] of articles) await s.createArticle({ id, createdBy: 'u', createdAt: time, headline: id });
    const expected = ['new', 'Bravo', 'Zulu', '_under', 'alpha', 'mid', 'old'];
    expect(ids(await s.listArticles())).toEqual(expected);
    for (const limit of [1, 2, 3, 7, 10]) {
      expect((await readInPages(s, limit)).flatMap(ids), `pages of ${limit}`).toEqual(expected);
      expect((await s.listArticles({ limit })).length).toBe(Math.min(limit, expected.length));
    }
    // After a position between two stories (not a story of the list): the stories after it.
    expect(ids(await s.listArticles({ after: { updatedAt: 50, id: 'C' } }))).toEqual(['Zulu', '_under', 'alpha', 'mid', 'old']);
    expect(ids(await s.listArticles({ after: { updatedAt: 5, id: '' } }))).toEqual([]);
  });

  it('never lists a story twice, nor skips one left alone, while stories are edited between pages', async () => {
    const s = await h.open();
    const name = (i: number) => `story-${String(i).padStart(2, '0')}`;
    for (let i = 0; i < 12; i++) await s.createArticle({ id: name(i), createdBy: 'u', createdAt: 100 + i, headline: `Story ${i}` });
    // After page 1 (11, 10, 9) and page 2: edit one story already listed and one not listed yet; both move to the top.
    const edits: Record<number, string[]> = { 1: [name(10), name(5)], 2: [name(7), name(3)] };
    let clock = 1000;
    const pages = await readInPages(s, 3, async (page) => {
      for (const id of edits[page] ?? []) await s.updateArticleSummary(id, summary(`Edited ${id}`, { updatedAt: clock++ }), []);
    });
    // Each story once; the two edited before their page came are above the pages read (an event tells of them).
    expect(pages.flatMap(ids)).toEqual([11, 10, 9, 8, 7, 6, 4, 2, 1, 0].map(name));
    expect(ids(await s.listArticles({ limit: 4 }))).toEqual([name(3), name(7), name(5), name(10)]);
  });

  it('keeps and lists the texts of an entry capped however long the written ones, whole code points and an ellipsis', async () => {
    const s = await h.open();
    const long = (unit: string, n: number) => unit.repeat(n);
    const editor = await s.addUser({ username: 'ed', displayName: long('Ed ', 2000), role: 'editor', passwordHash: 'x' });
    await s.createArticle({ id: 'huge', createdBy: editor.id, createdAt: 1, headline: long('H', 200_000) });
    await s.createArticle({ id: 'short', createdBy: editor.id, createdAt: 2, headline: 'Short and sweet' });
    // Emoji are two UTF-16 units each: the cap counts code points and never splits one.
    await s.updateArticleSummary('huge', summary(long('📰', 5000), { byline: long('B', 5000), desk: long('D', 5000), slug: long('s', 5000), updatedAt: 3, updatedBy: editor.id }), []);
    await s.addRevision({ articleId: 'huge', createdAt: 4, createdBy: editor.id, note: long('n', 50_000), wordCount: 1, contentHash: 'h', state: new Uint8Array([0, 0]) });

    const [huge, short] = await s.listArticles();
    expect(huge.id).toBe('huge');
    for (const text of [huge.headline, huge.byline, huge.desk, huge.slug, huge.updatedByName!, huge.lastEvent!.userName]) {
      expect(codePoints(text)).toBe(LIST_TEXT_MAX);
      expect(text.endsWith(ELLIPSIS)).toBe(true);
    }
    expect(huge.headline).toBe(long('📰', LIST_TEXT_MAX - 1) + ELLIPSIS);
    expect(huge.lastEvent!.note).toBe(long('n', LIST_NOTE_MAX - 1) + ELLIPSIS);
    expect(short.headline).toBe('Short and sweet');
    expect(await s.getArticle('huge')).toEqual(huge);
    // Exactly at the cap is not cut.
    await s.updateArticleSummary('short', summary(long('x', LIST_TEXT_MAX), { updatedAt: 10 }), []);
    expect((await s.getArticle('short'))!.headline).toBe(long('x', LIST_TEXT_MAX));
  });
}
