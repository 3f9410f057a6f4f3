// The story list's live changes keep flowing after one flush fails: the failure is logged, and
// the next change is told (server/articles/list-changes.ts).
import { describe, expect, it } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import type { ListEvent } from '../../model/list-events.ts';
import type { Articles } from '../../server/articles/articles.ts';
import { ListChanges } from '../../server/articles/list-changes.ts';
import type { NewsroomPresence } from '../../server/articles/newsroom-presence.ts';
import { LONE_NEWSROOM } from '../../server/collab/fanout.ts';
import type { Rooms } from '../../server/collab/rooms.ts';
import { waitFor } from '../support/clients.ts';
import { MemoryLogger } from '../support/test-server.ts';

describe('story list changes', () => {
  it('tell the next change after a flush failed, and say loudly that one failed', async () => {
    const logger = new MemoryLogger();
    const changes = new ListChanges(logger, { coalesceMs: 1 });
    let failures = 1;
    const presence = {
      local: () => {
        if (failures-- > 0) throw new Error('presence unreadable');
        return [];
      },
      openBy: () => [],
      localAll: () => ({}),
    } as unknown as NewsroomPresence;
    const articles = { get: async (id: string) => ({ id, headline: `Story ${id}`, openBy: [] }) as unknown as ArticleListItem } as unknown as Articles;
    const rooms = { onPresence: () => undefined } as unknown as Rooms;
    await changes.start(articles, presence, rooms, LONE_NEWSROOM);
    const events: ListEvent[] = [];
    changes.listen((event) => events.push(event));
    try {
      changes.presenceChanged('a');
      await waitFor(() => logger.matching('telling the story list its changes failed').length === 1, 'the failure to be logged', 2000);
      changes.note('b', 'summary');
      await waitFor(() => events.some((e) => e.type === 'article' && e.article.id === 'b'), 'the next change to be told', 2000);
      expect(logger.matching('presence unreadable')).toHaveLength(1);
    } finally {
      changes.close();
    }
  });
});
