// Updates and corrections after approval, as the stores keep them: each approval's version (which
// revision, what it amends, who and when), the story's current version and amendment on its list
// entry, and a reopening kept on the story's row until the next approval, moved compare-and-set
// like every workflow step (two editors reopening at once: one wins), with its audit entry.
import { expect, it } from 'vitest';
import { INITIAL_WORKFLOW, type WorkflowState } from '../../../model/workflow.ts';
import type { StoreHarness } from './fixtures.ts';
import { revision, setUp } from './fixtures.ts';

const submitted = (n: number, approved: number | null = null, reopened: WorkflowState['reopened'] = null): WorkflowState => ({
  status: 'submitted',
  submittedRevision: n,
  approvedRevision: approved,
  reopened,
});
const approvedAt = (n: number): WorkflowState => ({ status: 'approved', submittedRevision: null, approvedRevision: n });
const correction = { kind: 'correction' as const, note: 'The bridge is in Leeds, not York.' };

/** The amendment cases. */
export function amendmentsContract(h: StoreHarness): void {
  it('keeps every approval as a numbered version, and a reopening until the next approval carries it', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'Bridge reopens'));
    await s.recordWorkflowEvent({ articleId: article, revision: 1, action: 'submit', userId: ana.id, note: '', at: 10 }, { from: INITIAL_WORKFLOW, to: submitted(1) });
    expect(await s.getArticle(article)).toMatchObject({ version: null, amendment: null, reopened: null });
    await s.recordWorkflowEvent(
      { articleId: article, revision: 1, action: 'approve', userId: eve.id, note: '', at: 11 },
      { from: submitted(1), to: approvedAt(1), approvedVersion: { version: 1, amendment: null } },
    );
    expect(await s.getArticle(article)).toMatchObject({ version: 1, amendment: null, reopened: null });

    // Reopened as a correction: back to draft, the approved revision still the publishable one.
    const reopened: WorkflowState = { status: 'draft', submittedRevision: null, approvedRevision: 1, reopened: correction };
    const reopen = { articleId: article, revision: 1, action: 'reopen' as const, userId: eve.id, note: correction.note, at: 20 };
    expect(await s.recordWorkflowEvent(reopen, { from: approvedAt(1), to: reopened })).toBe(true);
    // A second editor who saw the story as it was loses: nothing is recorded.
    expect(await s.recordWorkflowEvent({ ...reopen, at: 21 }, { from: { ...approvedAt(1), status: 'draft' }, to: reopened })).toBe(false);
    expect(await s.getArticle(article)).toMatchObject({ status: 'draft', approvedRevision: 1, version: 1, reopened: correction, lastEvent: { action: 'reopen', note: correction.note } });
    expect((await s.listArticles())[0]).toMatchObject({ id: article, reopened: correction });
    expect((await s.listWorkflowEvents(article)).filter((event) => event.action === 'reopen')).toHaveLength(1);
    const [audited] = await s.listAudit({ articleId: article, limit: 1 });
    expect(audited).toMatchObject({ action: 'article.reopen', userId: eve.id, detail: { revision: 1, note: correction.note, from: approvedAt(1), to: reopened } });

    // Filing keeps the reopening; a move that thinks it is not reopened fails.
    await s.addRevision(revision(article, ana, 'Bridge reopens in Leeds'));
    expect(await s.recordWorkflowEvent({ articleId: article, revision: 2, action: 'submit', userId: ana.id, note: '', at: 30 }, { from: { ...reopened, reopened: null }, to: submitted(2, 1) })).toBe(false);
    expect(await s.recordWorkflowEvent({ articleId: article, revision: 2, action: 'submit', userId: ana.id, note: '', at: 30 }, { from: reopened, to: submitted(2, 1, correction) })).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ status: 'submitted', reopened: correction });

    // The approval carries it: version 2, correction 1; the reopening is settled.
    const amendment = { ...correction, number: 1 };
    await s.recordWorkflowEvent(
      { articleId: article, revision: 2, action: 'approve', userId: eve.id, note: '', at: 40 },
      { from: submitted(2, 1, correction), to: approvedAt(2), approvedVersion: { version: 2, amendment } },
    );
    expect(await s.getArticle(article)).toMatchObject({ status: 'approved', approvedRevision: 2, version: 2, amendment, reopened: null });
    expect((await s.listArticles())[0]).toMatchObject({ version: 2, amendment });
    expect(await s.listVersions(article)).toEqual([
      { version: 1, revision: 1, amendment: null, at: 11, userId: eve.id, userName: 'Eve Editor' },
      { version: 2, revision: 2, amendment, at: 40, userId: eve.id, userName: 'Eve Editor' },
    ]);
    // Kept across close and open.
    await s.close();
    const again = await h.open();
    expect((await again.listVersions(article)).map((v) => [v.version, v.amendment?.kind ?? null])).toEqual([
      [1, null],
      [2, 'correction'],
    ]);
  });

  it('refuses two approvals numbered alike (a version is never written twice)', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'One'));
    await s.addRevision(revision(article, ana, 'Two'));
    await s.recordWorkflowEvent(
      { articleId: article, revision: 1, action: 'approve', userId: eve.id, note: '', at: 1 },
      { from: INITIAL_WORKFLOW, to: approvedAt(1), approvedVersion: { version: 1, amendment: null } },
    );
    await expect(
      s.recordWorkflowEvent(
        { articleId: article, revision: 2, action: 'approve', userId: eve.id, note: '', at: 2 },
        { from: approvedAt(1), to: approvedAt(2), approvedVersion: { version: 1, amendment: null } },
      ),
    ).rejects.toThrow();
    // All or nothing: the story is still at revision 1.
    expect(await s.getArticle(article)).toMatchObject({ approvedRevision: 1, version: 1 });
    expect(await s.listVersions(article)).toHaveLength(1);
  });
}
