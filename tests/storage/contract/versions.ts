// What the story list knows of versions and spiking: the approved revision's word count and
// fingerprint copied with each approval, changed-since-approval by fingerprint (false again once the
// draft is changed back), the send-back of the latest review step, and spiking as a compare-and-set
// with its event and audit entry, and the list with or without spiked stories, a page at a time.
import { expect, it } from 'vitest';
import { INITIAL_WORKFLOW, type WorkflowState } from '../../../model/workflow.ts';
import type { StoreHarness } from './fixtures.ts';
import { fingerprintOf, revision, setUp, summary } from './fixtures.ts';

const submitted = (n: number, approved: number | null = null): WorkflowState => ({ status: 'submitted', submittedRevision: n, approvedRevision: approved });
const approvedAt = (n: number): WorkflowState => ({ status: 'approved', submittedRevision: null, approvedRevision: n });

/** The version and spike cases. */
export function versionsContract(h: StoreHarness): void {
  it('copies the approved revision’s word count and fingerprint at approval, and compares the draft’s with it', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    await s.updateArticleSummary(article, summary('Bridge reopens today', { wordCount: 3 }), []);
    expect(await s.getArticle(article)).toMatchObject({ approvedWordCount: null, changedSinceApproval: false });

    await s.addRevision(revision(article, ana, 'Bridge reopens today'));
    await s.recordWorkflowEvent({ articleId: article, revision: 1, action: 'submit', userId: ana.id, note: '', at: 10 }, { from: INITIAL_WORKFLOW, to: submitted(1) });
    await s.recordWorkflowEvent({ articleId: article, revision: 1, action: 'approve', userId: eve.id, note: '', at: 11 }, { from: submitted(1), to: approvedAt(1) });
    expect(await s.getArticle(article)).toMatchObject({ status: 'approved', approvedWordCount: 3, changedSinceApproval: false });

    // The draft moves on: changed; changed back to the approved content: not changed any more.
    await s.updateArticleSummary(article, summary('Bridge reopens today to cyclists', { wordCount: 5 }), []);
    expect(await s.getArticle(article)).toMatchObject({ approvedWordCount: 3, wordCount: 5, changedSinceApproval: true });
    expect((await s.listArticles())[0]).toMatchObject({ id: article, changedSinceApproval: true });
    await s.updateArticleSummary(article, summary('Bridge reopens today', { wordCount: 3 }), []);
    expect(await s.getArticle(article)).toMatchObject({ changedSinceApproval: false });

    // A newer approval brings its own facts.
    await s.addRevision(revision(article, ana, 'Bridge reopens today to cyclists at last'));
    await s.recordWorkflowEvent({ articleId: article, revision: 2, action: 'submit', userId: ana.id, note: '', at: 20 }, { from: approvedAt(1), to: submitted(2, 1) });
    await s.recordWorkflowEvent({ articleId: article, revision: 2, action: 'approve', userId: eve.id, note: '', at: 21 }, { from: submitted(2, 1), to: approvedAt(2) });
    expect(await s.getArticle(article)).toMatchObject({ approvedRevision: 2, approvedWordCount: 7, changedSinceApproval: true });
    expect(fingerprintOf('x')).not.toBe(fingerprintOf('y'));
  });

  it('says a story was sent back while its latest review step is a send-back, with the note, the editor and the revision’s author', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'Draft'));
    await s.recordWorkflowEvent({ articleId: article, revision: 1, action: 'submit', userId: ana.id, note: '', at: 10 }, { from: INITIAL_WORKFLOW, to: submitted(1) });
    expect((await s.getArticle(article))!.sentBack).toBeNull();
    await s.recordWorkflowEvent({ articleId: article, revision: 1, action: 'reject', userId: eve.id, note: 'Check the figures', at: 20 }, { from: submitted(1), to: INITIAL_WORKFLOW });
    const sentBack = { revision: 1, note: 'Check the figures', byName: 'Eve Editor', at: 20, authorId: ana.id };
    expect(await s.getArticle(article)).toMatchObject({ status: 'draft', sentBack });

    // Saving another revision is no review step: still sent back. Filing one is.
    await s.addRevision(revision(article, eve, 'Draft with figures'));
    expect((await s.listArticles())[0].sentBack).toEqual(sentBack);
    await s.recordWorkflowEvent({ articleId: article, revision: 2, action: 'submit', userId: ana.id, note: '', at: 30 }, { from: INITIAL_WORKFLOW, to: submitted(2) });
    expect((await s.getArticle(article))!.sentBack).toBeNull();
  });

  it('spikes and restores a story once each (compare-and-set), with a workflow event and an audit entry', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    const spike = { articleId: article, revision: null, action: 'spike' as const, userId: ana.id, note: 'Duplicate', at: 100 };
    expect(await s.setSpiked(spike, { spiked: true, approvedRevision: null })).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ spiked: true, lastEvent: { ...spike, userName: 'Ana Reporter' } });
    // Spiking again, or with a stale approved revision, changes and records nothing.
    expect(await s.setSpiked({ ...spike, at: 101 }, { spiked: true, approvedRevision: null })).toBe(false);
    const unspike = { articleId: article, revision: null, action: 'unspike' as const, userId: eve.id, note: '', at: 200 };
    expect(await s.setSpiked(unspike, { spiked: false, approvedRevision: 4 })).toBe(false);
    expect(await s.setSpiked(unspike, { spiked: false, approvedRevision: null })).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ spiked: false, lastEvent: { action: 'unspike', userName: 'Eve Editor' } });

    expect((await s.listWorkflowEvents(article)).map((e) => [e.action, e.revision, e.userId])).toEqual([
      ['spike', null, ana.id],
      ['unspike', null, eve.id],
    ]);
    expect((await s.listAudit({ articleId: article })).map((e) => [e.action, e.userId, e.detail])).toEqual([
      ['article.unspike', eve.id, { revision: null, note: '', spiked: false }],
      ['article.spike', ana.id, { revision: null, note: 'Duplicate', spiked: true }],
    ]);
    expect(await s.setSpiked({ ...spike, articleId: 'no-such-story' }, { spiked: true, approvedRevision: null })).toBe(false);
  });

  it('lists stories with or without the spiked ones, a page at a time', async () => {
    const s = await h.open();
    const { ana } = await setUp(s);
    for (let i = 1; i <= 6; i++) {
      await s.createArticle({ id: `s${i}`, createdBy: ana.id, createdAt: 10 * i, headline: `S${i}` });
      if (i % 2 === 0) await s.setSpiked({ articleId: `s${i}`, revision: null, action: 'spike', userId: ana.id, note: '', at: 100 + i }, { spiked: true, approvedRevision: null });
    }
    const ids = async (query: Parameters<typeof s.listArticles>[0]) => (await s.listArticles(query)).map((a) => a.id);
    expect(await ids({})).toEqual(['s6', 's5', 's4', 's3', 's2', 's1', 'story-1']);
    expect(await ids({ spiked: 'exclude' })).toEqual(['s5', 's3', 's1', 'story-1']);
    expect(await ids({ spiked: 'only' })).toEqual(['s6', 's4', 's2']);
    expect(await ids({ spiked: 'only', limit: 2 })).toEqual(['s6', 's4']);
    expect(await ids({ spiked: 'only', limit: 2, after: { updatedAt: 40, id: 's4' } })).toEqual(['s2']);
    expect(await ids({ spiked: 'exclude', limit: 2, after: { updatedAt: 50, id: 's5' } })).toEqual(['s3', 's1']);
  });
}
