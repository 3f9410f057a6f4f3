// Who a change newly assigns (server/api/assignment-events.ts): only the names added, each once;
// a story not known had nobody; the assignees at start are read from the store page by page, so a
// newsroom of more stories than one page holds is known whole.
import { describe, expect, it } from 'vitest';
import type { ArticleListQuery, ArticleRecord } from '../../server/storage/store.ts';
import { AssignmentTracker, seedAssignments } from '../../server/api/assignment-events.ts';

const entry = (id: string, assignees: string[]) => ({ id, assignees });

describe('the assignment tracker', () => {
  it('returns only the usernames a change adds', () => {
    const tracker = new AssignmentTracker();
    expect(tracker.added(entry('a', ['ana']))).toEqual(['ana']);
    expect(tracker.added(entry('a', ['ana']))).toEqual([]);
    expect(tracker.added(entry('a', ['ana', 'bo']))).toEqual(['bo']);
    expect(tracker.added(entry('a', ['bo']))).toEqual([]);
    // Taken off and put back: told again.
    expect(tracker.added(entry('a', ['bo', 'ana']))).toEqual(['ana']);
    expect(tracker.added(entry('a', []))).toEqual([]);
    expect(tracker.added(entry('a', ['bo']))).toEqual(['bo']);
  });

  it('learns every story’s assignees from the store at start, across pages', async () => {
    // 1,203 stories, most recent first; every third assigned to ana.
    const stories = Array.from({ length: 1203 }, (_, i) => ({ id: `s${String(i).padStart(4, '0')}`, updatedAt: 10_000 - i, assignees: i % 3 === 0 ? ['ana'] : [] }));
    const pages: number[] = [];
    const store = {
      async listArticles(query: ArticleListQuery = {}) {
        const from = query.after ? stories.findIndex((s) => s.id === query.after!.id) + 1 : 0;
        const page = stories.slice(from, from + (query.limit ?? 100));
        pages.push(page.length);
        return page as unknown as ArticleRecord[];
      },
    };
    const tracker = new AssignmentTracker();
    await seedAssignments(tracker, store);
    expect(pages).toEqual([500, 500, 203]);
    expect(tracker.added(entry('s1200', ['ana']))).toEqual([]);
    expect(tracker.added(entry('s1201', ['ana']))).toEqual(['ana']);
    expect(tracker.added(entry('s0000', ['ana', 'cy']))).toEqual(['cy']);
  });
});
