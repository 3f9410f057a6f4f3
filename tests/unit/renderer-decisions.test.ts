// Which editor decisions reach a story's author, once each.
import { describe, expect, it } from 'vitest';
import type { ArticleListItem, WorkflowEvent } from '../../model/api-types.ts';
import { DecisionTracker, decisionMessage } from '../../renderer/src/lib/decisions.ts';
import { missingCreditNames } from '../../renderer/src/lib/article-workflow.svelte.ts';

const event = (action: WorkflowEvent['action'], userId: string, at: number, note = ''): WorkflowEvent => ({
  articleId: 's1',
  revision: 2,
  action,
  userId,
  userName: userId === 'ed' ? 'Ed Marsh' : 'Ana Reyes',
  note,
  at,
});

const story = (lastEvent: WorkflowEvent | null, createdBy = 'ana'): ArticleListItem => ({
  id: 's1',
  headline: 'Bridge reopens',
  byline: '',
  desk: '',
  slug: '',
  wordCount: 10,
  status: 'draft',
  submittedRevision: null,
  approvedRevision: null,
  createdAt: 0,
  createdBy,
  updatedAt: 0,
  updatedBy: null,
  updatedByName: null,
  openBy: [],
  pictureCount: 0,
  picturesMissingCredit: 0,
  lastEvent,
  approvedWordCount: null,
  changedSinceApproval: false,
  sentBack: null,
  spiked: false,
});

describe('DecisionTracker', () => {
  it('tells the author about a new approval or send-back by someone else, once', () => {
    const tracker = new DecisionTracker('ana');
    expect(tracker.update([story(event('submit', 'ana', 1))])).toEqual([]);
    const sentBack = tracker.update([story(event('reject', 'ed', 2, 'Check the figures'))]);
    expect(sentBack.map((d) => d.event.action)).toEqual(['reject']);
    expect(tracker.update([story(event('reject', 'ed', 2, 'Check the figures'))])).toEqual([]);
    expect(tracker.update([story(event('approve', 'ed', 3))]).map((d) => d.event.action)).toEqual(['approve']);
  });

  it('stays quiet about what was already there at start, other people’s stories and one’s own actions', () => {
    const tracker = new DecisionTracker('ana');
    expect(tracker.update([story(event('approve', 'ed', 1))])).toEqual([]);
    expect(tracker.update([story(event('reject', 'ed', 2, 'no'), 'ben')])).toEqual([]);
    const self = new DecisionTracker('ed');
    self.update([story(null, 'ed')]);
    expect(self.update([story(event('approve', 'ed', 3), 'ed')])).toEqual([]);
  });

  it('words the notification with the editor, the headline and the note', () => {
    expect(decisionMessage(story(null), event('reject', 'ed', 1, 'Needs a second source'))).toEqual({
      title: 'Story sent back',
      body: 'Ed Marsh sent “Bridge reopens” back: Needs a second source',
    });
    expect(decisionMessage(story(null), event('approve', 'ed', 1)).title).toBe('Story approved');
  });
});

describe('missingCreditNames', () => {
  it('names each uncredited picture by position and caption', () => {
    const picture = (id: string, caption: string, credit: string) => ({ id, hash: '', caption, credit, copyright: '', alt: '' });
    expect(missingCreditNames([picture('a', 'Bridge', 'M. L.'), picture('b', 'Crowd at dawn', ' '), picture('c', '', '')])).toEqual([
      'Picture 2 (“Crowd at dawn”)',
      'Picture 3',
    ]);
  });
});
