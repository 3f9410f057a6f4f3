// Compaction when several instances append to one story's log, and the Redis lock that lets
// only one of them compact at a time. Two rooms of one story on two stores of one Postgres
// database stand for two instances whose fan-out message has not arrived yet.
import { Redis } from 'ioredis';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { applyStored } from '../../model/apply-stored.ts';
import { headlineText } from '../../model/article-schema.ts';
import { RedisArticleLock } from '../../server/collab/redis-article-lock.ts';
import { Room, type RoomHooks } from '../../server/collab/room.ts';
import { sharedCompaction } from '../../server/collab/shared-compaction.ts';
import { storeRoomHooks } from '../../server/start-server.ts';
import { withCalls } from '../../server/storage/document-log.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import type { Store } from '../../server/storage/store.ts';
import { sleep, waitFor } from '../support/clients.ts';
import { startFailoverProxy, upstreamOf } from '../support/failover-proxy.ts';
import { it as base } from '../support/fixtures.ts';
import { MemoryLogger } from '../support/test-server.ts';

const storedHeadline = async (store: Store, id: string) => {
  const stored = await store.loadDocument(id);
  const doc = new Y.Doc();
  applyStored(doc, stored);
  return headlineText(doc).toString();
};

/** The integration `it` with `redisClient` and `race`. */
const it = base
  // Connects a client to TEST_REDIS_URL and waits until it is ready (the lock declines at once on a connection that is not); quit after the test.
  .extend('redisClient', async ({ redisUrl, defer }) => async (): Promise<Redis> => {
    const redis = new Redis(redisUrl);
    defer(() => redis.quit());
    await redis.ping();
    return redis;
  })
  // B logs a change that A has not heard of; then A logs its own and compacts (with the store merged in, or its own state only); what the store then holds.
  // Two rooms of one story on two stores of one database stand for two instances.
  .extend('race', async ({ database, redisClient, defer }) => async (compact: 'shared' | 'own state only', bCompactsFirst: boolean): Promise<string> => {
    const stores = [await PostgresStore.open(database.url), await PostgresStore.open(database.url)];
    defer(() => Promise.all(stores.map((s) => s.close())));
    const user = await stores[0].addUser({ username: 'ana', displayName: 'Ana', role: 'reporter', passwordHash: 'unused' });
    const userId = user.id;
    const id = crypto.randomUUID();
    await stores[0].createArticle({ id, createdBy: userId, createdAt: Date.now(), headline: '' });

    const open = async (hooks: RoomHooks) => {
      const room = await Room.load(id, hooks, new MemoryLogger(), { compactAfterMs: 60_000 }, () => undefined);
      defer(() => room.destroy());
      return room;
    };
    const type = (room: Room, text: string) => room.changeAsServer('test', userId, (doc) => headlineText(doc).insert(headlineText(doc).length, text));

    const lock = new RedisArticleLock(await redisClient());
    const hooksOf = (store: Store): RoomHooks => {
      const hooks = storeRoomHooks(store);
      return compact === 'shared' ? { ...hooks, log: withCalls(store, { compact: sharedCompaction(store, lock, new MemoryLogger()) }) } : hooks;
    };
    const [a, b] = [await open(hooksOf(stores[0])), await open(hooksOf(stores[1]))];

    type(b, 'from B.');
    if (bCompactsFirst) await b.persist();
    else while (!(await storedHeadline(stores[1], id)).includes('from B.')) await sleep(5); // logged, not compacted
    type(a, 'from A.');
    await a.persist();
    expect(headlineText(a.doc).toString()).toBe('from A.'); // A never heard of B's change
    return storedHeadline(stores[0], id);
  });

describe('compaction with several instances', () => {
  describe.each([
    ['still in the log', false],
    ['already in a snapshot', true],
  ])('another instance’s change %s', (_where, bCompactsFirst) => {
    it('is kept by a compaction that merges the store into the snapshot', async ({ race }) => {
      const stored = await race('shared', bCompactsFirst);
      expect(stored).toContain('from A.');
      expect(stored).toContain('from B.');
    });

    it('would be lost by a compaction of the instance’s own state (the hazard the merge prevents)', async ({ race }) => {
      expect(await race('own state only', bCompactsFirst)).toBe('from A.');
    });
  });

  it('the lock lets one holder in at a time, and a second waits for it', async ({ redisClient }) => {
    const locks = [new RedisArticleLock(await redisClient()), new RedisArticleLock(await redisClient())];
    const name = `test:${crypto.randomUUID()}`;
    const spans: [number, number][] = [];
    const hold = async () => {
      const start = performance.now();
      await sleep(100);
      spans.push([start, performance.now()]);
    };
    const results = await Promise.all([locks[0].tryExclusive(name, hold), locks[1].tryExclusive(name, hold)]);
    expect(results).toEqual([true, true]);
    spans.sort((x, y) => x[0] - y[0]);
    expect(spans[1][0]).toBeGreaterThanOrEqual(spans[0][1]);
  });

  it('the lock declines at once, without running the task, while Redis is unreachable', async ({ redisUrl, defer }) => {
    const cut = await startFailoverProxy([upstreamOf(redisUrl)], { cut: true });
    defer(() => cut.close());
    const unreachable = new Redis(`redis://127.0.0.1:${cut.port}`, { retryStrategy: () => 50 });
    unreachable.on('error', () => undefined);
    defer(() => unreachable.disconnect());
    let ran = false;
    expect(await new RedisArticleLock(unreachable).tryExclusive(`test:${crypto.randomUUID()}`, async () => void (ran = true))).toBe(false);
    expect(ran).toBe(false);
  });

  it('the lock gives up after its wait, and a holder whose lock expired does not free the next holder’s', async ({ redisClient }) => {
    const redis = await redisClient();
    const name = `test:${crypto.randomUUID()}`;
    // Seconds, not milliseconds: on a loaded machine a 100 ms lock could expire before it is checked.
    const short = new RedisArticleLock(redis, { ttlMs: 1000 });
    const impatient = new RedisArticleLock(redis, { waitMs: 0 });
    const patient = new RedisArticleLock(redis, { waitMs: 5000, pollMs: 10 });

    let firstRunning = false;
    let secondRunning = false;
    const first = short.tryExclusive(name, async () => {
      firstRunning = true;
      await sleep(2500); // outlives its 1 s lock, and ends while the second holds the lock
    });
    await waitFor(() => firstRunning, 'the first holder to get the lock');
    expect(await impatient.tryExclusive(name, async () => undefined)).toBe(false);
    const second = patient.tryExclusive(name, async () => {
      secondRunning = true;
      await sleep(2500);
    });
    await waitFor(() => secondRunning, 'the second holder to get the expired lock');
    expect(await first).toBe(true); // released after the second took it: must not free the second's lock
    expect(await impatient.tryExclusive(name, async () => undefined)).toBe(false);
    expect(await second).toBe(true);
    expect(await impatient.tryExclusive(name, async () => undefined)).toBe(true);
  });
});
