// Which comparisons a review offers: a resubmission against the revision sent back first, the
// last approved revision (or the empty story) one click away; a first submission against the
// approved revision or the empty story alone.
import { describe, expect, it } from 'vitest';
import type { RevisionInfo, RevisionStatus } from '../../model/api-types.ts';
import { reviewComparisons } from '../../renderer/src/lib/review-comparisons.ts';

const revision = (number: number, status: RevisionStatus, statusNote = ''): RevisionInfo => ({
  number,
  status,
  statusNote,
  createdAt: number,
  createdBy: 'u-ana',
  createdByName: 'Ana Reyes',
  note: '',
  decisions: [],
  supersededBy: null,
  approvedAs: [],
  wordCount: 10,
});

describe('reviewComparisons', () => {
  it('compares a first submission with the empty story before any approval', () => {
    expect(reviewComparisons([revision(1, 'submitted')], 1, null)).toEqual([
      { from: 0, kind: 'empty', label: 'Nothing approved yet', summary: 'Nothing was approved before: everything is new.' },
    ]);
  });

  it('compares a submission after an approval with the approved revision', () => {
    expect(reviewComparisons([revision(1, 'approved'), revision(2, 'saved'), revision(3, 'submitted')], 3, 1)).toEqual([
      { from: 1, kind: 'approved', label: 'Approved revision 1', summary: 'Changes since approved revision 1.' },
    ]);
  });

  it('compares a resubmission with the revision sent back first, and the approved one second', () => {
    const revisions = [revision(1, 'approved'), revision(2, 'sent-back', 'Who said what?'), revision(3, 'saved'), revision(4, 'submitted')];
    expect(reviewComparisons(revisions, 4, 1)).toEqual([
      { from: 2, kind: 'sent-back', label: 'Revision 2, sent back', summary: 'Changes since revision 2 was sent back with “Who said what?”' },
      { from: 1, kind: 'approved', label: 'Approved revision 1', summary: 'Changes since approved revision 1.' },
    ]);
  });

  it('takes the latest revision sent back before the one under review, and the empty story when nothing was approved', () => {
    const revisions = [revision(1, 'sent-back', 'First try'), revision(2, 'sent-back', ''), revision(3, 'submitted'), revision(4, 'sent-back', 'later')];
    expect(reviewComparisons(revisions.slice(0, 1), 3, null)[0].summary).toBe('Changes since revision 1 was sent back with “First try”.');
    expect(reviewComparisons([revision(1, 'sent-back', 'Name the source, please.')], 2, null)[0].summary).toBe(
      'Changes since revision 1 was sent back with “Name the source, please.”',
    );
    expect(reviewComparisons(revisions, 3, null).map((c) => [c.kind, c.from, c.summary])).toEqual([
      ['sent-back', 2, 'Changes since revision 2 was sent back.'],
      ['empty', 0, 'Nothing was approved before: everything is new.'],
    ]);
  });

  it('leaves out a send-back that an approval has since overtaken', () => {
    const revisions = [revision(1, 'sent-back', 'No'), revision(2, 'approved'), revision(3, 'submitted')];
    expect(reviewComparisons(revisions, 3, 2).map((c) => c.kind)).toEqual(['approved']);
  });
});
