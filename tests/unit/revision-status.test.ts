// Each revision's status from the story's workflow state and its event history.
import { describe, expect, it } from 'vitest';
import type { WorkflowAction, WorkflowEvent } from '../../model/api-types.ts';
import { INITIAL_WORKFLOW, type WorkflowState } from '../../model/workflow.ts';
import { revisionInfos } from '../../server/revisions/revision-status.ts';
import type { RevisionRecord } from '../../server/storage/store.ts';

const record = (number: number): RevisionRecord => ({
  articleId: 's',
  number,
  createdAt: number * 1000,
  createdBy: 'ana',
  createdByName: 'Ana',
  note: `note ${number}`,
  wordCount: number * 10,
});

let at = 0;
const event = (action: WorkflowAction, revision: number, note = ''): WorkflowEvent => ({
  articleId: 's',
  revision,
  action,
  userId: 'eve',
  userName: 'Eve',
  note,
  at: ++at,
});

const statuses = (state: WorkflowState, events: WorkflowEvent[], count = 4) =>
  revisionInfos(Array.from({ length: count }, (_, i) => record(i + 1)), state, events).map((r) => [r.status, r.statusNote]);

describe('revisionInfos', () => {
  it('carries each revision’s facts', () => {
    expect(revisionInfos([record(2)], INITIAL_WORKFLOW, [])).toEqual([
      {
        number: 2,
        createdAt: 2000,
        createdBy: 'ana',
        createdByName: 'Ana',
        note: 'note 2',
        wordCount: 20,
        status: 'saved',
        statusNote: '',
        decisions: [],
        supersededBy: null,
        approvedAs: [],
      },
    ]);
  });

  it('marks the approved, the submitted and the sent-back revisions (with the editor’s note)', () => {
    const events = [event('submit', 1), event('reject', 1, 'Check the figures'), event('submit', 2), event('approve', 2), event('submit', 3)];
    const state: WorkflowState = { status: 'submitted', submittedRevision: 3, approvedRevision: 2 };
    expect(statuses(state, events)).toEqual([
      ['sent-back', 'Check the figures'],
      ['approved', ''],
      ['submitted', ''],
      ['saved', ''],
    ]);
  });

  it('a sent-back revision filed again is submitted; a later restore or snapshot of it changes nothing', () => {
    const refiled = [event('submit', 1), event('reject', 1, 'No'), event('submit', 1)];
    expect(statuses({ status: 'submitted', submittedRevision: 1, approvedRevision: null }, refiled, 1)).toEqual([['submitted', '']]);
    const restored = [event('submit', 1), event('reject', 1, 'No'), event('restore', 1), event('snapshot', 1)];
    expect(statuses(INITIAL_WORKFLOW, restored, 1)).toEqual([['sent-back', 'No']]);
  });

  it('a revision once approved and since replaced is superseded, by the revision approved next', () => {
    const events = [event('approve', 1), event('approve', 2), event('approve', 4)];
    const infos = revisionInfos([1, 2, 3, 4].map(record), { status: 'approved', submittedRevision: null, approvedRevision: 4 }, events);
    expect(infos.map((r) => [r.status, r.supersededBy])).toEqual([
      ['superseded', 2],
      ['superseded', 4],
      ['saved', null],
      ['approved', null],
    ]);
  });

  it('keeps every decision on every revision, oldest first, with who, when and the note; snapshots and spikes are none', () => {
    const events = [
      event('snapshot', 1),
      event('submit', 1, 'First go'),
      event('reject', 1, 'Check the figures'),
      event('submit', 1, 'Figures checked'),
      event('approve', 1),
      event('snapshot', 2),
      event('restore', 1),
      { ...event('spike', 1), revision: null },
    ];
    const [first, second] = revisionInfos([record(1), record(2)], { status: 'approved', submittedRevision: null, approvedRevision: 1 }, events);
    expect(first.decisions.map((d) => [d.action, d.note, d.userName])).toEqual([
      ['submit', 'First go', 'Eve'],
      ['reject', 'Check the figures', 'Eve'],
      ['submit', 'Figures checked', 'Eve'],
      ['approve', '', 'Eve'],
      ['restore', '', 'Eve'],
    ]);
    expect(first.decisions[1]).toEqual({ action: 'reject', userId: 'eve', userName: 'Eve', note: 'Check the figures', at: events[2].at });
    expect(first.status).toBe('approved');
    expect(second.decisions).toEqual([]);
  });
});
