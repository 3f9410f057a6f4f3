// Several server instances on one Postgres database and one Redis, for the scale-out tests.
// Redis comes from TEST_REDIS_URL and Postgres from TEST_DATABASE_URL (see postgres.ts);
// without them the tests are skipped with a printed reason, except in CI, where they fail.
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import type { ServerOptions } from '../../server/start-server.ts';
import { createTestDatabase, POSTGRES_SETTING, TEST_DATABASE_URL, type TestDatabase } from './postgres.ts';
import { describeRequiring } from './requirements.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** The Redis the tests may use (they only use channels and keys of their own stories). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;

/** The services a scale-out test runs on. */
export interface ScaleOutServices {
  /** Postgres admin URL (a role with CREATEDB), for a fresh database per test. */
  adminUrl: string;
  redisUrl: string;
}

/**
 * `describe(name, body)` when Postgres and Redis are both there. Otherwise: in CI, one failing
 * test naming what is missing; elsewhere the block is skipped and the reason printed.
 */
export function describeScaleOut(name: string, body: (services: ScaleOutServices) => void): void {
  const missing = [TEST_DATABASE_URL ? null : POSTGRES_SETTING, TEST_REDIS_URL ? null : 'TEST_REDIS_URL=redis://HOST:PORT'].filter((m): m is string => m !== null);
  describeRequiring(name, missing, () => body({ adminUrl: TEST_DATABASE_URL ?? '', redisUrl: TEST_REDIS_URL ?? '' }));
}

/**
 * Drops a test database. An autovacuum worker may still be busy in it, which a role without
 * superuser rights cannot end (DROP … WITH (FORCE) then fails): try again for a while.
 */
export async function dropDatabase(database: TestDatabase): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.drop();
    } catch (error) {
      if (attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Instances sharing one fresh database; `dispose` stops them and drops it. */
export interface Deployment {
  database: TestDatabase;
  instances: TestServer[];
  /** Starts one more instance on the database; `redisUrl` defaults to the deployment's. */
  add(options?: Partial<ServerOptions>): Promise<TestServer>;
  dispose(): Promise<void>;
}

/** A fresh database and `redisUrls.length` in-process instances on it, the i-th using Redis at `redisUrls[i]`. */
export async function startDeployment(adminUrl: string, redisUrls: string[], options: Partial<ServerOptions> = {}): Promise<Deployment> {
  const database = await createTestDatabase(adminUrl);
  const instances: TestServer[] = [];
  // Each instance has its own pool, as separate processes would.
  const add = async (extra: Partial<ServerOptions> = {}) => {
    const instance = await startTestServer({ redisUrl: redisUrls[0], ...options, ...extra, store: await PostgresStore.open(database.url) });
    instances.push(instance);
    return instance;
  };
  try {
    for (const redisUrl of redisUrls) await add({ redisUrl });
  } catch (error) {
    await Promise.all(instances.map((i) => i.dispose()));
    await dropDatabase(database);
    throw error;
  }
  return {
    database,
    instances,
    add,
    async dispose() {
      await Promise.all(instances.splice(0).map((i) => i.dispose()));
      await dropDatabase(database);
    },
  };
}
