// Revisions, workflow events and client authors: numbering per story (also when taken at once),
// the snapshot event and its audit entry, compare-and-set workflow moves, the story list's
// latest event, first-writer-wins authors.
import { expect, it } from 'vitest';
import { INITIAL_WORKFLOW, type WorkflowState } from '../../../model/workflow.ts';
import type { StoreHarness } from './fixtures.ts';
import { headlineOf, revision, setUp } from './fixtures.ts';

/** The revision, workflow and author cases. */
export function revisionsContract(h: StoreHarness): void {
  it('numbers revisions from 1 per story, keeps their facts and exact state, oldest first', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    await s.createArticle({ id: 'story-2', createdBy: ana.id, createdAt: 1, headline: 'Two' });
    const firstInput = revision(article, ana, 'First draft', 1000);
    const first = await s.addRevision(firstInput);
    const other = await s.addRevision(revision('story-2', ana, 'Elsewhere'));
    const second = await s.addRevision(revision(article, ana, 'Second draft here', 2000));
    expect(first).toEqual({ articleId: article, number: 1, createdAt: 1000, createdBy: ana.id, createdByName: 'Ana Reporter', note: 'note First draft', wordCount: 2 });
    expect(other.number).toBe(1);
    expect(second.number).toBe(2);
    expect(await s.listRevisions(article)).toEqual([first, second]);
    expect(await s.listRevisions('no-such-story')).toEqual([]);
    expect(await s.getRevision(article, 2)).toEqual(second);
    expect(await s.getRevision(article, 3)).toBeNull();
    expect(await s.loadRevisionState(article, 3)).toBeNull();
    const state = await s.loadRevisionState(article, 1);
    expect(state).toEqual(firstInput.state);
    expect(headlineOf(state)).toBe('First draft');
  });

  it('gives concurrent snapshots distinct consecutive numbers', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => s.addRevision(revision(article, ana, `Draft ${i}`))));
    expect(made.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await s.listWorkflowEvents(article)).map((e) => e.revision).sort((a, b) => a! - b!)).toEqual(made.map((r) => r.number).sort((a, b) => a - b));
  });

  it('writes a snapshot workflow event and an audit entry with each revision; an author who is gone has no name', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'Draft', 5000));
    expect(await s.listWorkflowEvents(article)).toEqual([
      { articleId: article, revision: 1, action: 'snapshot', userId: ana.id, userName: 'Ana Reporter', note: 'note Draft', at: 5000 },
    ]);
    expect(await s.listAudit({ articleId: article })).toEqual([
      { at: 5000, userId: ana.id, action: 'revision.snapshot', articleId: article, detail: { revision: 1, note: 'note Draft', wordCount: 1 } },
    ]);
    const byGhost = await s.addRevision({ ...revision(article, ana, 'Ghost'), createdBy: 'gone' });
    expect(byGhost).toMatchObject({ number: 2, createdBy: 'gone', createdByName: '' });
    expect((await s.listWorkflowEvents(article))[1]).toMatchObject({ userId: 'gone', userName: '' });
  });

  it('refuses a revision of an unknown story', async () => {
    const s = await h.open();
    const { ana } = await setUp(s);
    await expect(s.addRevision(revision('no-such-story', ana, 'Ghost'))).rejects.toThrow(/foreign key/i);
    expect(await s.listAudit({})).toEqual([]);
  });

  const submitted: WorkflowState = { status: 'submitted', submittedRevision: 1, approvedRevision: null };

  it('moves the workflow state only from the expected state, recording the event and its audit entry together', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'Draft', 10));
    const submit = { articleId: article, revision: 1, action: 'submit' as const, userId: ana.id, note: 'please look', at: 20 };
    expect(await s.recordWorkflowEvent(submit, { from: INITIAL_WORKFLOW, to: submitted })).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ ...submitted, lastEvent: { ...submit, userName: 'Ana Reporter' } });

    // A second move from the old state (someone raced us) changes and records nothing.
    const late = { articleId: article, revision: 1, action: 'submit' as const, userId: eve.id, note: 'late', at: 30 };
    expect(await s.recordWorkflowEvent(late, { from: INITIAL_WORKFLOW, to: submitted })).toBe(false);
    expect((await s.listWorkflowEvents(article)).map((e) => e.note)).toEqual(['note Draft', 'please look']);

    const approved: WorkflowState = { status: 'approved', submittedRevision: null, approvedRevision: 1 };
    const approve = { articleId: article, revision: 1, action: 'approve' as const, userId: eve.id, note: '', at: 40 };
    expect(await s.recordWorkflowEvent(approve, { from: submitted, to: approved })).toBe(true);
    expect(await s.getArticle(article)).toMatchObject(approved);

    const audit = (await s.listAudit({ articleId: article })).reverse();
    expect(audit.map((a) => [a.action, a.userId, a.at])).toEqual([
      ['revision.snapshot', ana.id, 10],
      ['revision.submit', ana.id, 20],
      ['revision.approve', eve.id, 40],
    ]);
    expect(audit[1].detail).toEqual({ revision: 1, note: 'please look', from: INITIAL_WORKFLOW, to: submitted });
    expect(audit[2].detail).toEqual({ revision: 1, note: '', from: submitted, to: approved });
  });

  it('lets exactly one of several simultaneous moves from the same state win', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    const attempts = Array.from({ length: 8 }, (_, i) =>
      s.recordWorkflowEvent({ articleId: article, revision: 1, action: 'submit', userId: ana.id, note: `try ${i}`, at: i }, { from: INITIAL_WORKFLOW, to: submitted }),
    );
    expect((await Promise.all(attempts)).filter(Boolean)).toHaveLength(1);
    expect(await s.listWorkflowEvents(article)).toHaveLength(1);
    expect(await s.getArticle(article)).toMatchObject(submitted);
  });

  it('records an event without a state change (a restore) and leaves the state alone', async () => {
    const s = await h.open();
    const { ana, article } = await setUp(s);
    const restore = { articleId: article, revision: 1, action: 'restore' as const, userId: ana.id, note: '', at: 50 };
    expect(await s.recordWorkflowEvent(restore)).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ ...INITIAL_WORKFLOW, lastEvent: { ...restore, userName: 'Ana Reporter' } });
    expect(await s.listAudit({ articleId: article })).toEqual([
      { at: 50, userId: ana.id, action: 'revision.restore', articleId: article, detail: { revision: 1, note: '' } },
    ]);
  });

  it('lists each story with its own latest event, or null', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    await s.createArticle({ id: 'quiet', createdBy: ana.id, createdAt: 2, headline: 'Quiet' });
    await s.createArticle({ id: 'busy', createdBy: ana.id, createdAt: 3, headline: 'Busy' });
    await s.addRevision(revision('busy', ana, 'Busy draft'));
    await s.addRevision(revision(article, ana, 'Draft'));
    await s.recordWorkflowEvent({ articleId: article, revision: 1, action: 'reject', userId: eve.id, note: 'Needs sources', at: 99 });
    const byId = new Map((await s.listArticles()).map((a) => [a.id, a.lastEvent]));
    expect(byId.get('quiet')).toBeNull();
    expect(byId.get('busy')).toMatchObject({ action: 'snapshot', articleId: 'busy', userName: 'Ana Reporter' });
    expect(byId.get(article)).toEqual({ articleId: article, revision: 1, action: 'reject', userId: eve.id, userName: 'Eve Editor', note: 'Needs sources', at: 99 });
  });

  it('keeps the first user recorded for a client id, per story, for any 32-bit client id', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    await s.createArticle({ id: 'story-2', createdBy: ana.id, createdAt: 1, headline: 'Two' });
    await s.addClientAuthors(article, [
      { clientId: 11, userId: ana.id },
      { clientId: 22, userId: eve.id },
      { clientId: 22, userId: ana.id },
    ]);
    await s.addClientAuthors(article, [
      { clientId: 11, userId: eve.id },
      { clientId: 4_294_967_295, userId: eve.id },
    ]);
    await s.addClientAuthors(article, []);
    await s.addClientAuthors('story-2', [{ clientId: 11, userId: eve.id }]);
    const sorted = (list: { clientId: number; userId: string }[]) => [...list].sort((a, b) => a.clientId - b.clientId);
    expect(sorted(await s.listClientAuthors(article))).toEqual([
      { clientId: 11, userId: ana.id },
      { clientId: 22, userId: eve.id },
      { clientId: 4_294_967_295, userId: eve.id },
    ]);
    expect(await s.listClientAuthors('story-2')).toEqual([{ clientId: 11, userId: eve.id }]);
    expect(await s.listClientAuthors('no-such-story')).toEqual([]);
  });

  it('lists a story’s client authors by client id, whatever order they were recorded in', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    const recorded = [4_000_000_000, 3, 2_147_483_648, 70];
    for (const clientId of recorded) await s.addClientAuthors(article, [{ clientId, userId: clientId % 2 ? ana.id : eve.id }]);
    expect((await s.listClientAuthors(article)).map((a) => a.clientId)).toEqual([3, 70, 2_147_483_648, 4_000_000_000]);
  });
}
