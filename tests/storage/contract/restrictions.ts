// Restricted stories (issue 13, requirement 3) in the store: restricting and lifting with their
// audit entry in one transaction, the people named on a story, and the story list, the credits
// index and a picture's uses filtered to who may know a story exists (model/roles.ts `canSee`).
import { expect, it } from 'vitest';
import type { AuditEvent, Store, User } from '../../../server/storage/store.ts';
import { setUp, summary, use, type StoreHarness } from './fixtures.ts';

const auditOf = (articleId: string, action: string, by: User, detail: Record<string, unknown> = {}): AuditEvent => ({ at: 50, userId: by.id, action, articleId, detail });

/**
 * Ana's story on Metro, restricted; an open story beside it; Desi on Metro, Nat named on the
 * restricted story, Out on no desk. Both stories credit pictures.
 */
async function restrictedNewsroom(s: Store) {
  const { ana, eve, article } = await setUp(s);
  const metro = await s.addDesk({ name: 'Metro', createdAt: 5 }, { userId: null });
  const desi = await s.addUser({ username: 'desi', displayName: 'Desi Desk', role: 'desk', passwordHash: 'x' });
  const nat = await s.addUser({ username: 'nat', displayName: 'Nat Named', role: 'viewer', passwordHash: 'x' });
  const out = await s.addUser({ username: 'out', displayName: 'Out Sider', role: 'admin', passwordHash: 'x' });
  await s.changeAccount(desi.id, { desks: [metro.id] }, 6, { userId: null });
  await s.createArticle({ id: 'story-open', createdBy: eve.id, createdAt: 2, headline: 'Open' });
  await s.setArticleDesk(article, metro.id, 7, { userId: null });
  await s.updateArticleSummary(article, summary('Secret', { updatedAt: 300 }), [use('p1', 'Secret Credit', { hash: 'a'.repeat(64) })]);
  await s.updateArticleSummary('story-open', summary('Open', { updatedAt: 200 }), [use('p2', 'Open Credit', { hash: 'b'.repeat(64) })]);
  expect(await s.setArticleRestriction(article, { restricted: true, people: [nat.id] }, 100, auditOf(article, 'article.restrict', ana))).toBe(true);
  return { ana, eve, desi, nat, out, metro, article };
}

/** The restricted-story cases. */
export function restrictionsContract(h: StoreHarness): void {
  it('restricts a story with its people and its audit entry, renames its people, and lifts it', async () => {
    const s = await h.open();
    const { ana, nat, desi, article } = await restrictedNewsroom(s);
    expect(await s.getArticle(article)).toMatchObject({ restricted: true, people: ['nat'] });
    expect(await s.listArticlePeople(article)).toEqual([nat.id]);
    expect((await s.listRestrictedArticles()).map((a) => a.id)).toEqual([article]);
    // The newest entry is the restriction (putting it on its desk before was audited too).
    expect((await s.listAudit({ articleId: article }))[0]).toEqual(auditOf(article, 'article.restrict', ana));

    // Naming other people again (a person twice is once) replaces the list; the story stays restricted.
    await s.setArticleRestriction(article, { restricted: true, people: [desi.id, ana.id, desi.id] }, 200, auditOf(article, 'article.people', ana));
    expect(await s.getArticle(article)).toMatchObject({ restricted: true, people: ['ana', 'desi'] });
    expect((await s.listArticlePeople(article)).sort()).toEqual([ana.id, desi.id].sort());

    // Lifting: the people are kept in the store (restricting again names them) but not shown.
    await s.setArticleRestriction(article, { restricted: false, people: [desi.id] }, 300, auditOf(article, 'article.unrestrict', ana, { by: 'ana' }));
    expect(await s.getArticle(article)).toMatchObject({ restricted: false, people: [] });
    expect(await s.listArticlePeople(article)).toEqual([desi.id]);
    expect(await s.listRestrictedArticles()).toEqual([]);
    expect((await s.listAudit({ articleId: article })).map((e) => [e.action, e.userId, e.detail]).slice(0, 3)).toEqual([
      ['article.unrestrict', ana.id, { by: 'ana' }],
      ['article.people', ana.id, {}],
      ['article.restrict', ana.id, {}],
    ]);
    expect(await s.setArticleRestriction('no-such-story', { restricted: true, people: [] }, 400, auditOf('no-such-story', 'article.restrict', ana))).toBe(false);
    expect(await s.listAudit({ articleId: 'no-such-story' })).toEqual([]);
  });

  it('keeps nothing of a restriction whose people or audit entry cannot be written', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    // An unknown person: the restriction and its audit entry are not kept either.
    await expect(s.setArticleRestriction(article, { restricted: true, people: ['ghost'] }, 100, auditOf(article, 'article.restrict', ana))).rejects.toThrow();
    // An audit entry that cannot be written (its detail is not JSON): the restriction goes with it.
    const unwritable = auditOf(article, 'article.restrict', ana, { big: 1n });
    await expect(s.setArticleRestriction(article, { restricted: true, people: [ana.id] }, 100, unwritable)).rejects.toThrow();
    expect(await s.getArticle(article)).toMatchObject({ restricted: false, people: [] });
    expect(await s.listArticlePeople(article)).toEqual([]);
    expect(await s.listRestrictedArticles()).toEqual([]);
    expect(await s.listAudit({ articleId: article })).toEqual([]);
  });

  it('lists a restricted story only to its desk, its people and its author, in every page and filter', async () => {
    const s = await h.open();
    const { ana, eve, desi, nat, out, article } = await restrictedNewsroom(s);
    const ids = async (viewerId: string | undefined, query: Parameters<Store['listArticles']>[0] = {}) => (await s.listArticles({ ...query, viewerId })).map((a) => a.id);
    expect(await ids(undefined)).toEqual([article, 'story-open']);
    for (const insider of [ana, desi, nat]) expect(await ids(insider.id), insider.username).toEqual([article, 'story-open']);
    for (const outsider of [eve, out]) expect(await ids(outsider.id), outsider.username).toEqual(['story-open']);
    // Paging and the spiked filter keep the rule.
    expect(await ids(out.id, { limit: 1 })).toEqual(['story-open']);
    expect(await ids(out.id, { after: { updatedAt: 300, id: article } })).toEqual(['story-open']);
    await s.setSpiked({ articleId: article, revision: null, action: 'spike', userId: ana.id, note: '', at: 400 }, { spiked: true, approvedRevision: null });
    expect(await ids(out.id, { spiked: 'only' })).toEqual([]);
    expect(await ids(desi.id, { spiked: 'only' })).toEqual([article]);
    // Joining the desk lets one see it; leaving it (or being no longer named) does not.
    await s.changeAccount(desi.id, { desks: [] }, 7, { userId: null });
    expect(await ids(desi.id)).toEqual(['story-open']);
    await s.setArticleRestriction(article, { restricted: false, people: [] }, 500, auditOf(article, 'article.unrestrict', ana));
    expect(await ids(out.id)).toEqual([article, 'story-open']);
  });

  it('leaves a restricted story’s credits out for anyone who may not see it', async () => {
    const s = await h.open();
    const { ana, eve, desi, nat, out, article } = await restrictedNewsroom(s);
    const credits = async (viewerId?: string) => (await s.listCreditUses(viewerId)).map((u) => [u.articleId, u.credit]);
    const both = [
      [article, 'Secret Credit'],
      ['story-open', 'Open Credit'],
    ];
    expect(await credits()).toEqual(both);
    for (const insider of [ana, desi, nat]) expect(await credits(insider.id), insider.username).toEqual(both);
    for (const outsider of [eve, out]) expect(await credits(outsider.id), outsider.username).toEqual([['story-open', 'Open Credit']]);
  });

  it('says which stories use a picture: whether an open one does, and the restricted ones with their desk and people', async () => {
    const s = await h.open();
    const { ana, metro, article } = await restrictedNewsroom(s);
    expect(await s.pictureUses('a'.repeat(64))).toEqual({
      openUse: false,
      restricted: [expect.objectContaining({ id: article, deskId: metro.id, createdBy: ana.id, restricted: true, people: ['nat'] })],
    });
    expect(await s.pictureUses('b'.repeat(64))).toEqual({ openUse: true, restricted: [] });
    expect(await s.pictureUses('c'.repeat(64))).toEqual({ openUse: false, restricted: [] });
    // The open story uses the restricted one's picture too: it is open to all.
    await s.updateArticleSummary('story-open', summary('Open', { updatedAt: 250 }), [use('p3', 'Secret Credit', { hash: 'a'.repeat(64) })]);
    expect(await s.pictureUses('a'.repeat(64))).toMatchObject({ openUse: true, restricted: [expect.objectContaining({ id: article })] });
  });
}
