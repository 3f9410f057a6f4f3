// The state a story is shown in (model/article-state.ts) and who finds it in the review queue.
import { describe, expect, it } from 'vitest';
import type { SentBack } from '../../model/api-types.ts';
import { inReviewQueue, articleState, type ArticleStateFacts } from '../../model/article-state.ts';

const facts = (fields: Partial<ArticleStateFacts> = {}): ArticleStateFacts & { createdBy: string } => ({
  status: 'draft',
  sentBack: null,
  changedSinceApproval: false,
  spiked: false,
  createdBy: 'u-ana',
  ...fields,
});
const sentBack: SentBack = { revision: 2, note: 'Check the figures', byName: 'Ed', at: 1, authorId: 'u-ben' };

describe('articleState', () => {
  it('reads draft, submitted and approved from the workflow status', () => {
    expect(articleState(facts())).toBe('draft');
    expect(articleState(facts({ status: 'submitted' }))).toBe('submitted');
    expect(articleState(facts({ status: 'approved' }))).toBe('approved');
  });

  it('is sent back, not draft, while the latest review step is a send-back', () => {
    expect(articleState(facts({ sentBack }))).toBe('sent-back');
  });

  it('is approved-changed when the draft no longer equals the approved revision', () => {
    expect(articleState(facts({ status: 'approved', changedSinceApproval: true }))).toBe('approved-changed');
  });

  it('is spiked above everything else', () => {
    expect(articleState(facts({ status: 'submitted', spiked: true }))).toBe('spiked');
    expect(articleState(facts({ status: 'approved', changedSinceApproval: true, spiked: true }))).toBe('spiked');
  });
});

describe('inReviewQueue', () => {
  const editor = { id: 'u-ed', canApprove: true };
  const ana = { id: 'u-ana', canApprove: false };
  const ben = { id: 'u-ben', canApprove: false };

  it('holds stories awaiting approval for those who may approve', () => {
    expect(inReviewQueue(facts({ status: 'submitted' }), editor)).toBe(true);
    expect(inReviewQueue(facts({ status: 'submitted' }), ana)).toBe(false);
  });

  it('holds a sent-back story for whoever filed the revision and for the story’s creator, nobody else', () => {
    const article = facts({ sentBack });
    expect(inReviewQueue(article, ben)).toBe(true);
    expect(inReviewQueue(article, ana)).toBe(true);
    expect(inReviewQueue(article, editor)).toBe(false);
  });

  it('never holds a spiked, draft or approved story', () => {
    expect(inReviewQueue(facts({ status: 'submitted', spiked: true }), editor)).toBe(false);
    expect(inReviewQueue(facts({ sentBack, spiked: true }), ben)).toBe(false);
    expect(inReviewQueue(facts(), ana)).toBe(false);
    expect(inReviewQueue(facts({ status: 'approved' }), editor)).toBe(false);
  });
});
