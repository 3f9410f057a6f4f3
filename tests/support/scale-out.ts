// Several server instances on one Postgres database and one Redis, for the scale-out tests.
// The tests get their Postgres and Redis from the fixtures (tests/support/fixtures.ts), which
// skip them with a printed reason without TEST_DATABASE_URL / TEST_REDIS_URL, or fail under CI.
import pg from 'pg';
import * as Y from 'yjs';
import { applyStored } from '../../model/apply-stored.ts';
import { headlineText, standfirstText } from '../../model/article-schema.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import type { ServerOptions } from '../../server/start-server.ts';
import { sleep, waitFor, type TestClient } from './clients.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import type { ServerProcess } from './server-process.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** The Redis the tests may use (they only use channels and keys of their own stories). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;

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

/**
 * The kill between relay and append: with every log append held behind a table lock, `ana`
 * (on instance `a`) types a headline that reaches `ben` (on the other instance) before it is
 * stored; `a` is killed (SIGKILL) with Ana's client, the lock is lifted, and the story is read
 * back until its headline is that text, for 15 s at most. Returns the headline stored last.
 */
export async function killAfterRelayBeforeAppend(
  databaseUrl: string,
  id: string,
  { ana, ben, a }: { ana: TestClient; ben: TestClient; a: ServerProcess },
  defer: (cleanUp: () => unknown) => void,
): Promise<string> {
  const blocker = new pg.Client({ connectionString: databaseUrl });
  await blocker.connect();
  defer(() => blocker.end());
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE article_log_heads IN EXCLUSIVE MODE');
  const typed = 'Kept.';
  headlineText(ana.doc).insert(headlineText(ana.doc).length, typed);
  await waitFor(() => headlineText(ben.doc).toString() === typed, 'Ana’s update to reach Ben before it is stored');
  if (ana.tracker!.state.unsaved === 0) throw new Error('Ana’s update was stored before the kill: the lock did not hold it');
  // Ana's client goes away with the instance, so it cannot send the update again.
  ana.destroy();
  a.child.kill('SIGKILL');
  await a.exited;
  await blocker.query('ROLLBACK');

  await ben.tracker!.whenSaved();
  const store = await PostgresStore.open(databaseUrl);
  defer(() => store.close());
  let stored = '';
  const start = Date.now();
  while (stored !== typed && Date.now() - start < 15_000) {
    const doc = new Y.Doc();
    applyStored(doc, await store.loadDocument(id));
    stored = headlineText(doc).toString();
    await sleep(100);
  }
  return stored;
}

/**
 * Ana (on process `a`) and Ben (on `b`), both added with password1, in a new story of Ana's,
 * each through `connect`; resolves once an edit of Ben's has reached Ana and both are saved.
 */
export async function editorsOnTwoProcesses(
  a: ServerProcess,
  b: ServerProcess,
  connect: (url: string, id: string, token: string, options: { track: boolean }) => TestClient,
): Promise<{ id: string; ana: TestClient; ben: TestClient }> {
  const signIn = async (username: string) =>
    ((await (await fetch(`${a.url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password: 'password1' }) })).json()) as { token: string }).token;
  const [anaToken, benToken] = [await signIn('ana'), await signIn('ben')];
  const id = ((await (await fetch(`${a.url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${anaToken}` }, body: '{}' })).json()) as { id: string }).id;
  const wsUrl = (p: ServerProcess) => `${p.url.replace('http', 'ws')}/collab`;
  const ana = connect(wsUrl(a), id, anaToken, { track: true });
  const ben = connect(wsUrl(b), id, benToken, { track: true });
  await Promise.all([ana.synced, ben.synced]);
  standfirstText(ben.doc).insert(0, 'Linked.');
  await waitFor(() => standfirstText(ana.doc).length > 0, 'the first edit to cross');
  await Promise.all([ana.tracker!.whenSaved(), ben.tracker!.whenSaved()]);
  return { id, ana, ben };
}
