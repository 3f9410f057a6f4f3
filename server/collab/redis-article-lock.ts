// The ArticleLock over Redis: SET key token NX PX (expires by itself if its holder dies) and a
// release that deletes the key only while it still holds this holder's token.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ArticleLock } from './article-lock.ts';

// Compare-and-delete in one step: a lock that expired and was taken by another instance is not ours to free.
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Timing of the lock. */
export interface RedisArticleLockOptions {
  /** The lock expires this long after it was taken (far longer than any compaction). */
  ttlMs?: number;
  /** Wait at most this long for another holder to release it... */
  waitMs?: number;
  /** ...asking again this often. */
  pollMs?: number;
}

/** Locks named `newsroom:lock:NAME` in Redis. */
export class RedisArticleLock implements ArticleLock {
  constructor(
    private readonly redis: Redis,
    private readonly options: RedisArticleLockOptions = {},
  ) {}

  async tryExclusive(name: string, task: () => Promise<void>): Promise<boolean> {
    // The fan-out reports an outage once; work that needs the lock just waits for a later turn.
    if (this.redis.status !== 'ready') return false;
    const key = `newsroom:lock:${name}`;
    const token = randomUUID();
    const deadline = Date.now() + (this.options.waitMs ?? 5000);
    while ((await this.redis.set(key, token, 'PX', this.options.ttlMs ?? 30_000, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 50));
    }
    try {
      await task();
    } finally {
      // A lock that cannot be released now (Redis went away) expires by itself after ttlMs.
      await this.redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => undefined);
    }
    return true;
  }
}
