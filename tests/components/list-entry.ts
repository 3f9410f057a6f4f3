// A story list entry for component tests, with every field a fresh draft has (`facts` on top):
// here rather than from the renderer's list class, whose module needs the DOM library to type-check.
import type { ArticleListItem } from '../../model/api-types.ts';

/** Story `id` as the list gives it: an empty draft by `u-dana`, then `facts`. */
export function listEntry(id: string, facts: Partial<ArticleListItem> = {}): ArticleListItem {
  return {
    id,
    headline: '',
    byline: '',
    desk: '',
    slug: '',
    wordCount: 0,
    assignees: [],
    deadline: null,
    targetWords: null,
    urgency: null,
    status: 'draft',
    submittedRevision: null,
    approvedRevision: null,
    createdAt: 1,
    createdBy: 'u-dana',
    updatedAt: 1,
    updatedBy: 'u-dana',
    updatedByName: 'Dana Desk',
    openBy: [],
    pictureCount: 0,
    picturesMissingCredit: 0,
    lastEvent: null,
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
    embargoUntil: null,
    hold: null,
    killed: null,
    ...facts,
  };
}
