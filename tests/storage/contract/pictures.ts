// Uploaded pictures, the story list's picture counts, and the credits index of live drafts and
// approved revisions (replaced with each summary, written with the approval that wins).
import { expect, it } from 'vitest';
import type { WorkflowState } from '../../../model/workflow.ts';
import type { User } from '../../../server/storage/store.ts';
import type { StoreHarness } from './fixtures.ts';
import { picture, setUp, summary, use } from './fixtures.ts';

/** The picture and credits-index cases. */
export function picturesContract(h: StoreHarness): void {
  it('records a picture once: the same hash again keeps the first record', async () => {
    const s = await h.open();
    const { ana } = await setUp(s);
    const first = picture('a'.repeat(64), ana, { bytes: 3_000_000_000, uploadedAt: 1_700_000_000_000 });
    expect(await s.addPicture(first)).toEqual({ created: true, picture: first });
    const second = await s.addPicture(picture('a'.repeat(64), ana, { credit: 'Someone else', uploadedAt: 5000 }));
    expect(second).toEqual({ created: false, picture: first });
    expect(await s.getPicture('a'.repeat(64))).toEqual(first);
    expect(await s.getPicture('b'.repeat(64))).toBeNull();
  });

  it('refuses a picture from an unknown user', async () => {
    const s = await h.open();
    await expect(s.addPicture(picture('c'.repeat(64), { id: 'ghost' } as User))).rejects.toThrow(/foreign key/i);
  });

  it('stores the picture counts with the summary and lists the credited draft uses with their story', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    await s.updateArticleSummary(article, summary('Harbour fire', { pictureCount: 3, picturesMissingCredit: 1 }), [
      use('p1', 'Reuters', { caption: 'Smoke', hash: 'a'.repeat(64) }),
      use('p2', ''),
      use('p3', 'Jane Doe'),
    ]);
    expect(await s.getArticle(article)).toMatchObject({ headline: 'Harbour fire', pictureCount: 3, picturesMissingCredit: 1 });
    expect((await s.listArticles())[0]).toMatchObject({ pictureCount: 3, picturesMissingCredit: 1 });
    expect(await s.listCreditUses()).toEqual([
      { version: 'draft', articleId: article, headline: 'Harbour fire', status: 'draft', pictureId: 'p1', hash: 'a'.repeat(64), caption: 'Smoke', credit: 'Reuters' },
      { version: 'draft', articleId: article, headline: 'Harbour fire', status: 'draft', pictureId: 'p3', hash: '', caption: '', credit: 'Jane Doe' },
    ]);

    // The next summary replaces the draft's index.
    await s.updateArticleSummary(article, summary('Harbour fire', { pictureCount: 1 }), [use('p3', 'AP')]);
    expect((await s.listCreditUses()).map((u) => [u.pictureId, u.credit])).toEqual([['p3', 'AP']]);
  });

  it('lists credit uses story by story in the list order, each story in picture order', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    await s.createArticle({ id: 'story-2', createdBy: ana.id, createdAt: 1, headline: 'Two' });
    await s.updateArticleSummary(article, summary('Older', { updatedAt: 100 }), [use('z', 'Z Credit'), use('a', 'A Credit')]);
    await s.updateArticleSummary('story-2', summary('Newer', { updatedAt: 200 }), [use('m', 'M Credit')]);
    expect((await s.listCreditUses()).map((u) => [u.articleId, u.pictureId])).toEqual([
      ['story-2', 'm'],
      [article, 'z'],
      [article, 'a'],
    ]);
  });

  it('indexes the approved revision with the approval, in the same transaction, and not when the approval loses a race', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    await s.updateArticleSummary(article, summary('Story'), [use('p1', 'Draft Credit')]);
    const submitted: WorkflowState = { status: 'submitted', submittedRevision: 1, approvedRevision: null };
    const approved: WorkflowState = { status: 'approved', submittedRevision: null, approvedRevision: 1 };
    const event = { articleId: article, revision: 1, action: 'approve' as const, userId: ana.id, note: '', at: 50 };

    // From the wrong state: nothing moves and nothing is indexed.
    expect(await s.recordWorkflowEvent(event, { from: approved, to: approved, approvedPictures: [use('p1', 'Lost')] })).toBe(false);
    expect((await s.listCreditUses()).map((u) => u.credit)).toEqual(['Draft Credit']);

    await s.recordWorkflowEvent({ ...event, action: 'submit' }, { from: { status: 'draft', submittedRevision: null, approvedRevision: null }, to: submitted });
    expect(await s.recordWorkflowEvent(event, { from: submitted, to: approved, approvedPictures: [use('p1', 'Approved Credit')] })).toBe(true);
    expect((await s.listCreditUses()).map((u) => [u.version, u.credit, u.status])).toEqual([
      ['draft', 'Draft Credit', 'approved'],
      ['approved', 'Approved Credit', 'approved'],
    ]);
    // The audit entry records the move, not the pictures.
    const [audit] = await s.listAudit({ articleId: article });
    expect(audit.detail).toEqual({ revision: 1, note: '', from: submitted, to: approved });

    // A summary leaves the approved index alone.
    await s.updateArticleSummary(article, summary('Story'), []);
    expect((await s.listCreditUses()).map((u) => [u.version, u.credit])).toEqual([['approved', 'Approved Credit']]);
  });

  it('ignores a summary of a story that does not exist', async () => {
    const s = await h.open();
    await setUp(s);
    await s.updateArticleSummary('no-such-story', summary('Ghost'), [use('p1', 'Reuters')]);
    expect(await s.listCreditUses()).toEqual([]);
    expect(await s.getArticle('no-such-story')).toBeNull();
  });

  it('lists the stories whose pictures were never indexed, and re-indexes an approved revision only while it is the approved one', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    await s.createArticle({ id: 'story-2', createdBy: ana.id, createdAt: 2, headline: 'Two' });
    expect((await s.listUnindexedArticles()).map((a) => a.id)).toEqual([article, 'story-2']);
    await s.updateArticleSummary(article, summary('One'), [], { revision: 1, pictures: [use('p1', 'Not approved')], contentHash: 'r1' });
    expect((await s.listUnindexedArticles()).map((a) => a.id)).toEqual(['story-2']);
    // Revision 1 is not story-1's approved revision (it has none): nothing indexed for it.
    expect(await s.listCreditUses()).toEqual([]);

    const from: WorkflowState = { status: 'draft', submittedRevision: null, approvedRevision: null };
    await s.recordWorkflowEvent(
      { articleId: 'story-2', revision: 3, action: 'approve', userId: ana.id, note: '', at: 9 },
      { from, to: { status: 'approved', submittedRevision: null, approvedRevision: 3 } },
    );
    await s.updateArticleSummary('story-2', summary('Two'), [], { revision: 3, pictures: [use('p9', 'Approved')], contentHash: 'r3' });
    expect((await s.listCreditUses()).map((u) => [u.articleId, u.version, u.credit])).toEqual([['story-2', 'approved', 'Approved']]);
    expect(await s.listUnindexedArticles()).toEqual([]);
  });

  it('lists the stories whose facts are incomplete oldest first, ties by id in code-point order', async () => {
    const s = await h.open();
    // Created in an order that is neither: 'B' < '_' < 'a' < 'b' by code point, unlike a locale's order.
    const articles: [string, number][] = [['late', 9], ['b', 5], ['a', 5], ['_', 5], ['B', 5], ['early', 1]];
    for (const [id, createdAt] of articles) await s.createArticle({ id, createdBy: 'u', createdAt, headline: id });
    expect((await s.listUnindexedArticles()).map((a) => a.id)).toEqual(['early', 'B', '_', 'a', 'b', 'late']);
  });
}
