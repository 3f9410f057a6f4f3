// Which editor decisions reach a story's author, once each.
import { describe, expect, it } from 'vitest';
import type { ArticleListItem, WorkflowEvent } from '../../model/api-types.ts';
import { decisionMemoryKey, DecisionTracker, decisionMessage, REMEMBERED_DECISIONS } from '../../renderer/src/lib/decisions.ts';

const event = (action: WorkflowEvent['action'], userId: string, at: number, note = ''): WorkflowEvent => ({
  articleId: 's1',
  revision: 2,
  action,
  userId,
  userName: userId === 'ed' ? 'Ed Marsh' : 'Ana Reyes',
  note,
  at,
});

const article = (lastEvent: WorkflowEvent | null, createdBy = 'ana'): ArticleListItem => ({
  id: 's1',
  headline: 'Bridge reopens',
  byline: '',
  desk: '',
  slug: '',
  wordCount: 10,
  assignees: [],
  deadline: null,
  targetWords: null,
  urgency: null,
  embargoUntil: null,
  hold: null,
  killed: null,
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
  deskId: null,
  restricted: false,
  people: [],
  version: null,
  amendment: null,
  reopened: null,
});

/** A Storage stand-in (the unit tests run without a DOM). */
function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('DecisionTracker', () => {
  it('tells the author about a new approval or send-back by someone else, once', () => {
    const tracker = new DecisionTracker('ana');
    expect(tracker.update([article(event('submit', 'ana', 1))])).toEqual([]);
    const sentBack = tracker.update([article(event('reject', 'ed', 2, 'Check the figures'))]);
    expect(sentBack.map((d) => d.event.action)).toEqual(['reject']);
    expect(tracker.update([article(event('reject', 'ed', 2, 'Check the figures'))])).toEqual([]);
    expect(tracker.update([article(event('approve', 'ed', 3))]).map((d) => d.event.action)).toEqual(['approve']);
  });

  it('stays quiet about what was already there at start, other people’s stories and one’s own actions', () => {
    const tracker = new DecisionTracker('ana');
    expect(tracker.update([article(event('approve', 'ed', 1))])).toEqual([]);
    expect(tracker.update([article(event('reject', 'ed', 2, 'no'), 'ben')])).toEqual([]);
    const self = new DecisionTracker('ed');
    self.update([article(null, 'ed')]);
    expect(self.update([article(event('approve', 'ed', 3), 'ed')])).toEqual([]);
  });

  it('remembers what it told per user, so a reload (a new tracker on the same storage) does not tell it again', () => {
    const storage = memoryStorage();
    const first = new DecisionTracker('ana', storage);
    expect(first.update([article(event('submit', 'ana', 1))])).toEqual([]);
    expect(first.update([article(event('approve', 'ed', 2))]).map((d) => d.event.action)).toEqual(['approve']);

    // After a reload: the same approval is not news, even when the first list read is empty.
    const reloaded = new DecisionTracker('ana', storage);
    expect(reloaded.update([])).toEqual([]);
    expect(reloaded.update([article(event('approve', 'ed', 2))])).toEqual([]);
    // A decision made while the app was closed is told once, at the next start.
    const later = new DecisionTracker('ana', storage);
    expect(later.update([article(event('reject', 'ed', 3, 'Add a source'))]).map((d) => d.event.action)).toEqual(['reject']);
    expect(new DecisionTracker('ana', storage).update([article(event('reject', 'ed', 3, 'Add a source'))])).toEqual([]);

    // Another user on this device starts with their own memory.
    expect(new DecisionTracker('ben', storage).update([article(event('approve', 'ed', 4), 'ben')])).toEqual([]);
    expect(storage.getItem(decisionMemoryKey('ana'))).toContain('approve');
  });

  it('starts afresh on unreadable memory, and keeps only the most recent told decisions', () => {
    const storage = memoryStorage();
    storage.setItem(decisionMemoryKey('ana'), '{not json');
    const tracker = new DecisionTracker('ana', storage);
    expect(tracker.update([article(event('approve', 'ed', 1))])).toEqual([]);
    for (let at = 2; at < REMEMBERED_DECISIONS + 10; at++) tracker.update([article(event('approve', 'ed', at))]);
    expect(JSON.parse(storage.getItem(decisionMemoryKey('ana'))!)).toHaveLength(REMEMBERED_DECISIONS);
  });

  it('words the notification with the editor, the headline and the note', () => {
    expect(decisionMessage(article(null), event('reject', 'ed', 1, 'Needs a second source'))).toEqual({
      title: 'Story sent back',
      body: 'Ed Marsh sent “Bridge reopens” back: Needs a second source',
    });
    expect(decisionMessage(article(null), event('approve', 'ed', 1)).title).toBe('Story approved');
  });
});
