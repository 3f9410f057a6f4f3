// Several instances of the server on one newsroom: Redis carries each open story's changes and
// presence between them, and the story list's changes to all of them, and holds the compaction locks. startServer wires this in when given a
// Redis URL; without one none of it exists.
import type { Logger } from '../log.ts';
import { withCalls } from '../storage/document-log.ts';
import type { NewsroomChannel } from './fanout.ts';
import { RedisFanout } from './redis-fanout.ts';
import { RedisArticleLock } from './redis-article-lock.ts';
import { RoomFanout } from './room-fanout.ts';
import type { RoomHooks } from './room.ts';
import type { RoomLifecycle } from './rooms.ts';
import { sharedCompaction } from './shared-compaction.ts';

/** What Rooms need to share their stories with other instances. */
export interface ScaleOut {
  /** The store hooks, their log compacting safely under a lock. */
  hooks: RoomHooks;
  /** Links each room to the other instances as it opens and closes. */
  lifecycle: RoomLifecycle;
  /** The newsroom-wide channel, for the story list's changes. */
  newsroom: NewsroomChannel;
  /** Disconnects from Redis (after the rooms are closed). */
  close(): Promise<void>;
}

/** Connects to Redis at `url` (an unreachable Redis is logged and caught up with later, not fatal). */
export async function openRedisScaleOut(url: string, hooks: RoomHooks, logger: Logger): Promise<ScaleOut> {
  const fanout = await RedisFanout.open(url, logger);
  const rooms = new RoomFanout(fanout, (articleId) => hooks.log.loadDocument(articleId), logger);
  const lock = new RedisArticleLock(fanout.commands);
  return {
    hooks: { ...hooks, log: withCalls(hooks.log, { compact: sharedCompaction(hooks.log, lock, logger) }) },
    lifecycle: rooms,
    newsroom: fanout,
    close: () => fanout.close(),
  };
}
