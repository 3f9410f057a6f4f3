// Several instances of the server on one newsroom: Redis carries each open story's changes and
// presence between them, and the story list's changes to all of them, and holds the compaction
// locks; given a peer address, the instances also link directly (peer-links.ts) and a story's
// messages take one hop instead of two. startServer wires this in when given a Redis URL;
// without one none of it exists.
import type { TokenSigner } from '../auth/signed-tokens.ts';
import type { Logger } from '../log.ts';
import { withCalls } from '../storage/document-log.ts';
import type { NewsroomChannel } from './fanout.ts';
import { PeerLinks, type PeerAddress } from './peer-links.ts';
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
  /** Where the other instances link to this one, or null without direct links. */
  peerUrl: string | null;
  /** Disconnects from Redis (after the rooms are closed). */
  close(): Promise<void>;
}

/** Direct links between the instances: where this one listens, and the key they share. */
export interface DirectLinks {
  address: PeerAddress;
  signer: TokenSigner;
}

/**
 * Connects to Redis at `url` (an unreachable Redis is logged and caught up with later, not fatal)
 * and, with `direct`, listens for the other instances' links and links to them.
 */
export async function openRedisScaleOut(url: string, hooks: RoomHooks, logger: Logger, direct?: DirectLinks): Promise<ScaleOut> {
  const fanout = await RedisFanout.open(url, logger);
  const links = direct ? await PeerLinks.open(fanout.instanceId, direct.address, fanout.commands, direct.signer, logger) : null;
  if (links) fanout.linkDirectly(links);
  const rooms = new RoomFanout(fanout, (articleId) => hooks.log.loadDocument(articleId), logger);
  const lock = new RedisArticleLock(fanout.commands);
  return {
    hooks: { ...hooks, log: withCalls(hooks.log, { compact: sharedCompaction(hooks.log, lock, logger) }) },
    lifecycle: rooms,
    newsroom: fanout,
    peerUrl: links?.address ?? null,
    close: async () => {
      await links?.close();
      await fanout.close();
    },
  };
}
