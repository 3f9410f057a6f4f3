// The real server on Postgres: sign in, create a story, edit it over a stock y-websocket
// client, restart on the same database and find the text (and the session) still there; and
// the command line's `user add --store` and `--store` serving, as a child process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { headlineText, standfirstText } from '../../model/article-schema.ts';
import { describePostgresUrl } from '../../server/storage/postgres-connection.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { connectClient, type TestClient } from '../support/clients.ts';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/postgres.ts';
import { runCli, spawnServer, type ServerProcess } from '../support/server-process.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describeWithPostgres('server on Postgres', (adminUrl) => {
  let database: TestDatabase;
  let dataDir = '';
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  let proc: ServerProcess | null = null;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
  });
  beforeEach(async () => {
    await database.truncate();
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-pg-server-'));
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.stop();
    proc?.child.kill('SIGKILL');
    proc = null;
    await rm(dataDir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await database?.drop();
  });

  // A server on the test database; pictures (none here) would go to the data dir.
  const start = async () => {
    const server = await startTestServer({ dataDir, store: await PostgresStore.open(database.url) });
    servers.push(server);
    return server;
  };

  it('keeps a story edited over a stock y-websocket client, and its sessions, across a restart', async () => {
    const first = await start();
    const ana = await first.user('ana', 'reporter');
    const id = await first.createArticle(ana.token, { headline: 'Draft' });
    const client = connectClient(first.wsUrl, id, ana.token, { track: true });
    clients.push(client);
    await client.synced;
    headlineText(client.doc).delete(0, headlineText(client.doc).length);
    headlineText(client.doc).insert(0, 'Floods close the harbour');
    standfirstText(client.doc).insert(0, 'Ferries stay in port until Monday.');
    await client.tracker!.whenSaved();
    client.destroy();
    clients.splice(0);
    await first.stop();

    const second = await start();
    // The token from before the restart still works: sessions are in the database too.
    const list = await second.api('/api/articles', { token: ana.token });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { id: string; headline: string }[]).find((a) => a.id === id)).toMatchObject({ headline: 'Floods close the harbour' });
    const token = await second.signIn('ana');
    const reader = connectClient(second.wsUrl, id, token);
    clients.push(reader);
    await reader.synced;
    expect(headlineText(reader.doc).toString()).toBe('Floods close the harbour');
    expect(standfirstText(reader.doc).toString()).toBe('Ferries stay in port until Monday.');
  });

  it('adds a user with `user add --store` and serves with `--store`, naming the database but never its password', async () => {
    const password = new URL(database.url).password;
    const added = await runCli(['user', 'add', 'ana', '--role', 'editor', '--store', database.url, '--data', dataDir], 'long enough secret\n');
    expect(added.output).toContain('added ana (editor)');
    expect(added.code).toBe(0);

    proc = await spawnServer(['--port', '0', '--data', dataDir, '--store', database.url]);
    expect(proc.output()).toContain(`store: ${describePostgresUrl(database.url)}`);
    expect(proc.output()).not.toContain(`:${password}@`);
    const signIn = await fetch(`${proc.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'long enough secret' }) });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ user: { username: 'ana', role: 'editor' } });
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('fails to start with a message naming the server and database, not the password, when Postgres refuses', async () => {
    const url = new URL(database.url);
    url.password = 'wrong-password-123';
    const result = await runCli(['user', 'add', 'ana', '--role', 'editor', '--store', url.toString()], 'long enough secret\n');
    expect(result.code).toBe(1);
    expect(result.output).toContain(`cannot open the Postgres store at ${describePostgresUrl(url.toString())}`);
    expect(result.output).not.toContain('wrong-password-123');
  });
});
