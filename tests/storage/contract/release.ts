// Whether stories may be released (issue 17, requirement 3) in the store: the embargo and the
// legal hold set with their audit entry in one transaction (who put a hold on kept while its note
// stays), the kill for good, and all of it in the story's entry and the list.
import { expect, it } from 'vitest';
import { setUp, type StoreHarness } from './fixtures.ts';

// Past 32 bits, and past what a Postgres integer holds.
const UNTIL = Date.UTC(2026, 11, 8, 6, 0);

/** The release cases. */
export function releaseContract(h: StoreHarness): void {
  it('starts free to release', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    expect(await s.getArticle(article)).toMatchObject({ embargoUntil: null, hold: null, killed: null });
  });

  it('sets an embargo and a hold with who and when, audited, in the entry and the list', async () => {
    const s = await h.open();
    const { eve, article } = await setUp(s);
    expect(await s.setRelease(article, { embargoUntil: UNTIL, holdNote: 'Court order' }, 40, { userId: eve.id })).toBe(true);
    const release = { embargoUntil: UNTIL, hold: { note: 'Court order', byName: 'Eve Editor', at: 40 }, killed: null };
    expect(await s.getArticle(article)).toMatchObject(release);
    expect((await s.listArticles())[0]).toMatchObject(release);
    expect((await s.listAudit({ articleId: article }))[0]).toEqual({
      at: 40,
      userId: eve.id,
      action: 'article.release',
      articleId: article,
      detail: { embargoUntil: [null, UNTIL], hold: [null, 'Court order'] },
    });
  });

  it('keeps who put the hold on while its note stays, and names the next one', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    await s.setRelease(article, { embargoUntil: null, holdNote: 'Court order' }, 40, { userId: eve.id });
    await s.setRelease(article, { embargoUntil: UNTIL, holdNote: 'Court order' }, 50, { userId: ana.id });
    expect((await s.getArticle(article))?.hold).toEqual({ note: 'Court order', byName: 'Eve Editor', at: 40 });
    await s.setRelease(article, { embargoUntil: UNTIL, holdNote: 'Second order' }, 60, { userId: ana.id });
    expect((await s.getArticle(article))?.hold).toEqual({ note: 'Second order', byName: 'Ana Reporter', at: 60 });
    await s.setRelease(article, { embargoUntil: null, holdNote: null }, 70, { userId: eve.id });
    expect(await s.getArticle(article)).toMatchObject({ embargoUntil: null, hold: null });
    expect((await s.listAudit({ articleId: article }))[0].detail).toEqual({ embargoUntil: [UNTIL, null], hold: ['Second order', null] });
  });

  it('kills a story once, for good: its release state stays as it was killed', async () => {
    const s = await h.open();
    const { eve, article } = await setUp(s);
    await s.setRelease(article, { embargoUntil: UNTIL, holdNote: null }, 40, { userId: eve.id });
    expect(await s.killArticle(article, 'Libel risk', 50, { userId: eve.id })).toBe(true);
    expect(await s.killArticle(article, 'Again', 60, { userId: eve.id })).toBe(false);
    expect(await s.setRelease(article, { embargoUntil: null, holdNote: 'Late hold' }, 70, { userId: eve.id })).toBe(false);
    expect(await s.getArticle(article)).toMatchObject({ embargoUntil: UNTIL, hold: null, killed: { note: 'Libel risk', byName: 'Eve Editor', at: 50 } });
    const audit = await s.listAudit({ articleId: article });
    expect(audit.map((event) => event.action).slice(0, 2)).toEqual(['article.kill', 'article.release']);
    expect(audit[0].detail).toEqual({ note: 'Libel risk' });
  });

  it('changes nothing of a story that does not exist', async () => {
    const s = await h.open();
    const { eve } = await setUp(s);
    expect(await s.setRelease('nobody', { embargoUntil: UNTIL, holdNote: null }, 40, { userId: eve.id })).toBe(false);
    expect(await s.killArticle('nobody', 'x', 40, { userId: eve.id })).toBe(false);
    expect(await s.listAudit({ articleId: 'nobody' })).toEqual([]);
  });
}
