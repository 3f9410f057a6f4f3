// The state a story is shown in (model/story-state.ts) and who finds it in the review queue.
import { describe, expect, it } from 'vitest';
import type { SentBack } from '../../model/api-types.ts';
import { inReviewQueue, storyState, type StoryStateFacts } from '../../model/story-state.ts';

const facts = (fields: Partial<StoryStateFacts> = {}): StoryStateFacts & { createdBy: string } => ({
  status: 'draft',
  sentBack: null,
  changedSinceApproval: false,
  spiked: false,
  createdBy: 'u-ana',
  ...fields,
});
const sentBack: SentBack = { revision: 2, note: 'Check the figures', byName: 'Ed', at: 1, authorId: 'u-ben' };

describe('storyState', () => {
  it('reads draft, submitted and approved from the workflow status', () => {
    expect(storyState(facts())).toBe('draft');
    expect(storyState(facts({ status: 'submitted' }))).toBe('submitted');
    expect(storyState(facts({ status: 'approved' }))).toBe('approved');
  });

  it('is sent back, not draft, while the latest review step is a send-back', () => {
    expect(storyState(facts({ sentBack }))).toBe('sent-back');
  });

  it('is approved-changed when the draft no longer equals the approved revision', () => {
    expect(storyState(facts({ status: 'approved', changedSinceApproval: true }))).toBe('approved-changed');
  });

  it('is spiked above everything else', () => {
    expect(storyState(facts({ status: 'submitted', spiked: true }))).toBe('spiked');
    expect(storyState(facts({ status: 'approved', changedSinceApproval: true, spiked: true }))).toBe('spiked');
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
    const story = facts({ sentBack });
    expect(inReviewQueue(story, ben)).toBe(true);
    expect(inReviewQueue(story, ana)).toBe(true);
    expect(inReviewQueue(story, editor)).toBe(false);
  });

  it('never holds a spiked, draft or approved story', () => {
    expect(inReviewQueue(facts({ status: 'submitted', spiked: true }), editor)).toBe(false);
    expect(inReviewQueue(facts({ sentBack, spiked: true }), ben)).toBe(false);
    expect(inReviewQueue(facts(), ana)).toBe(false);
    expect(inReviewQueue(facts({ status: 'approved' }), editor)).toBe(false);
  });
});
