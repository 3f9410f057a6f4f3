// The fixtures of the integration tests (vitest `test.extend`): each thing a test asks for by
// name — a running server (or one in a child process), stock clients, a temporary folder, a
// Postgres database, Redis, a scale-out deployment — is made for that test and torn down after
// it, last made first, whether the test passed or not. A test file then holds only its story:
//
//   it('…', async ({ server, connect }) => { … })
//
// Postgres and Redis come from TEST_DATABASE_URL and TEST_REDIS_URL; a test that needs one that
// is not set is skipped with the reason, except in CI, where it fails (see requirements.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from 'vitest';
import type { ServerOptions } from '../../server/start-server.ts';
import { connectClient, type TestClient } from './clients.ts';
import { openEventStream, type EventStreamClient } from './list-events.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './postgres.ts';
import { requireOrSkip } from './requirements.ts';
import { dropDatabase, startDeployment, TEST_REDIS_URL, type Deployment } from './scale-out.ts';
import { spawnServer, type ServerProcess } from './server-process.ts';
import { startTestServer } from './test-server.ts';

/** `value`, or (missing) a failure under CI, else the test skipped saying how to set it. */
function requireService(value: string | undefined, setting: string, skip: (note: string) => never): string {
  requireOrSkip(value ? null : `${setting.split('=')[0]} is not set: set ${setting} to run it`, skip);
  return value!;
}

/** The integration tests' `it`, with the fixtures below. */
export const it = base
  // Runs `undo` after the test, before everything deferred earlier (a stack, like `finally`).
  .extend('defer', async ({}, { onCleanup }) => {
    const undos: (() => unknown)[] = [];
    onCleanup(async () => {
      const errors: unknown[] = [];
      for (const undo of undos.reverse()) {
        try {
          await undo();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw errors[0];
    });
    return (undo: () => unknown): void => void undos.push(undo);
  })
  // Starts a server (port 0, its own data dir); it and every restart of it are disposed after the test.
  // When the test fails, the servers' warnings and errors are printed: what the server saw of it.
  .extend('startServer', async ({ defer, onTestFailed }) => (options: Partial<ServerOptions> = {}) =>
    startTestServer(options, (server) => {
      onTestFailed(() => {
        const lines = server.logger.lines.filter((line) => /^(warn|error) /.test(line));
        if (lines.length > 0) console.error(`the server at ${server.url} logged:\n${lines.slice(-40).join('\n')}`);
      });
      defer(() => server.dispose());
    }),
  )
  // A server with the default options.
  .extend('server', async ({ startServer }) => startServer())
  // Starts the server in a child process (see spawnServer); killed (SIGKILL) after the test, which waits for its exit.
  .extend('spawnServer', async ({ defer }) => async (...args: Parameters<typeof spawnServer>): Promise<ServerProcess> => {
    const proc = await spawnServer(...args);
    defer(() => {
      proc.child.kill('SIGKILL');
      return proc.exited;
    });
    return proc;
  })
  // Connects a stock y-websocket client (see connectClient); destroyed after the test.
  .extend('connect', async ({ defer }) => (...args: Parameters<typeof connectClient>): TestClient => {
    const client = connectClient(...args);
    defer(() => client.destroy());
    return client;
  })
  // Opens the story list's event stream (see openEventStream); closed after the test.
  .extend('openStream', async ({ defer }) => async (...args: Parameters<typeof openEventStream>): Promise<EventStreamClient> => {
    const stream = await openEventStream(...args);
    defer(() => stream.close());
    return stream;
  })
  // A new empty folder under the system's temp dir; removed after the test.
  .extend('tempDir', async ({ defer }) => async (prefix = 'newsroom-test-'): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    defer(() => rm(dir, { recursive: true, force: true }));
    return dir;
  })
  // TEST_DATABASE_URL: a Postgres admin URL (a role with CREATEDB).
  .extend('postgresAdminUrl', async ({ skip }) =>
    requireService(TEST_DATABASE_URL, 'TEST_DATABASE_URL=postgres://USER:PASS@HOST:PORT/postgres (a role with CREATEDB)', skip),
  )
  // A fresh Postgres database for this test alone; dropped after it.
  .extend('database', async ({ postgresAdminUrl, defer }): Promise<TestDatabase> => {
    const database = await createTestDatabase(postgresAdminUrl);
    defer(() => dropDatabase(database));
    return database;
  })
  // TEST_REDIS_URL: a Redis the tests may use (they only touch keys and channels of their own stories).
  .extend('redisUrl', async ({ skip }) => requireService(TEST_REDIS_URL, 'TEST_REDIS_URL=redis://HOST:PORT', skip))
  // Server instances on one fresh Postgres database, the i-th on Redis at `redisUrls[i]` (see startDeployment); disposed after the test.
  .extend('startDeployment', async ({ postgresAdminUrl, defer }) => async (redisUrls: string[], options: Partial<ServerOptions> = {}): Promise<Deployment> => {
    const deployment = await startDeployment(postgresAdminUrl, redisUrls, options);
    defer(() => deployment.dispose());
    return deployment;
  });
