// The sign-in failure counts in Redis, shared by every instance of the newsroom: one hash per
// key (`f` failures, `l` time of the last), checked and counted in one script so that parallel
// attempts on several instances cannot slip between the check and the count. While Redis is
// unreachable each instance counts on its own (logged once), rather than refusing everyone or
// letting guesses through uncounted.
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { MemoryLedger, type Admission, type AttemptLedger, type ThrottleKey } from './rate-limiter.ts';

/** Where the counts live in Redis. */
export const LEDGER_PREFIX = 'newsroom:signin:';

// KEYS: the keys. ARGV: now, quietMs, then free, baseMs, capMs per key. Same rules as rate-limiter.ts.
const BEGIN_SCRIPT = `
local now, quiet = tonumber(ARGV[1]), tonumber(ARGV[2])
local wait, counts = 0, {}
for i, key in ipairs(KEYS) do
  local at = 3 + (i - 1) * 3
  local free, base, cap = tonumber(ARGV[at]), tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2])
  local state = redis.call('HMGET', key, 'f', 'l')
  local f, l = tonumber(state[1]) or 0, tonumber(state[2]) or 0
  if now - l > quiet then f = 0 end
  counts[i] = f
  if f > free then
    local owed = l + math.min(cap, base * 2 ^ (f - free - 1)) - now
    if owed > wait then wait = owed end
  end
end
if wait > 0 then return {math.ceil(wait)} end
local result = {0}
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'f', counts[i] + 1, 'l', now)
  redis.call('PEXPIRE', key, quiet)
  result[i + 1] = counts[i] + 1
end
return result`;

// KEYS: keys to forgive one failure, then keys to reset. ARGV: how many to forgive.
const SUCCEED_SCRIPT = `
local forgive = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if i <= forgive then
    if redis.call('EXISTS', key) == 1 and redis.call('HINCRBY', key, 'f', -1) <= 0 then redis.call('DEL', key) end
  else
    redis.call('DEL', key)
  end
end
return 0`;

/** The counts in Redis at `url`. */
export class RedisLedger implements AttemptLedger {
  private readonly fallback = new MemoryLedger();
  private down = false;

  private constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {}

  /** Connects (an unreachable Redis is logged and counted around, not fatal). */
  static async open(url: string, logger: Logger): Promise<RedisLedger> {
    const redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 2000,
      connectTimeout: 2000,
      retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    });
    redis.on('error', () => undefined); // reported by the first command that fails
    await redis.connect().catch(() => undefined);
    return new RedisLedger(redis, logger);
  }

  private failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.error('sign-in counters: Redis unreachable; each instance counts failed sign-ins on its own until it is back', error);
  }

  private recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info('sign-in counters: Redis reachable again; failed sign-ins are counted across instances');
  }

  async begin(keys: ThrottleKey[], quietMs: number, now: number): Promise<Admission> {
    const args = [now, quietMs, ...keys.flatMap(({ policy }) => [policy.free, policy.baseMs, policy.capMs])];
    try {
      const [waitMs, ...failures] = (await this.redis.eval(BEGIN_SCRIPT, keys.length, ...keys.map((k) => LEDGER_PREFIX + k.key), ...args)) as number[];
      this.recovered();
      return waitMs > 0 ? { waitMs } : { waitMs: 0, failures };
    } catch (error) {
      this.failed(error);
      return this.fallback.beginNow(keys, quietMs, now);
    }
  }

  async succeed(forgive: string[], reset: string[]): Promise<void> {
    await this.fallback.succeed(forgive, reset);
    const keys = [...forgive, ...reset].map((key) => LEDGER_PREFIX + key);
    await this.redis.eval(SUCCEED_SCRIPT, keys.length, ...keys, forgive.length).then(
      () => this.recovered(),
      (error: unknown) => this.failed(error),
    );
  }

  prune(quietMs: number, now: number): void {
    this.fallback.prune(quietMs, now);
  }

  /** Disconnects. */
  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
