// The real server on Postgres: sign in, create a story, edit it over a stock y-websocket
// client, restart on the same database and find the text (and the session) still there; and
// the command line's `user add --store` and `--store` serving, as a child process.
import { describe, expect } from 'vitest';
import { headlineText, standfirstText } from '../../model/article-schema.ts';
import { describePostgresUrl } from '../../server/storage/postgres-connection.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { it } from '../support/fixtures.ts';
import { runCli } from '../support/server-process.ts';

describe('server on Postgres', () => {
  it('keeps a story edited over a stock y-websocket client, and its sessions, across a restart', async ({ database, tempDir, startServer, connect }) => {
    const dataDir = await tempDir('newsroom-pg-server-');
    // A server on the test database; pictures (none here) would go to the data dir.
    const start = async () => startServer({ dataDir, store: await PostgresStore.open(database.url) });
    const first = await start();
    const ana = await first.user('ana', 'reporter');
    const id = await first.createArticle(ana.token, { headline: 'Draft' });
    const client = connect(first.wsUrl, id, ana.token, { track: true });
    await client.synced;
    headlineText(client.doc).delete(0, headlineText(client.doc).length);
    headlineText(client.doc).insert(0, 'Floods close the harbour');
    standfirstText(client.doc).insert(0, 'Ferries stay in port until Monday.');
    await client.tracker!.whenSaved();
    client.destroy();
    await first.stop();

    const second = await start();
    // The token from before the restart still works: sessions are in the database too.
    const list = await second.api('/api/articles', { token: ana.token });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { id: string; headline: string }[]).find((a) => a.id === id)).toMatchObject({ headline: 'Floods close the harbour' });
    const token = await second.signIn('ana');
    const reader = connect(second.wsUrl, id, token);
    await reader.synced;
    expect(headlineText(reader.doc).toString()).toBe('Floods close the harbour');
    expect(standfirstText(reader.doc).toString()).toBe('Ferries stay in port until Monday.');
  });

  it('adds a user with `user add --store` and serves with `--store`, naming the database but never its password', async ({ database, tempDir, spawnServer }) => {
    const dataDir = await tempDir('newsroom-pg-server-');
    const password = new URL(database.url).password;
    const added = await runCli(['user', 'add', 'ana', '--role', 'editor', '--store', database.url, '--data', dataDir], 'long enough secret\n');
    expect(added.output).toContain('added ana (editor)');
    expect(added.code).toBe(0);

    const proc = await spawnServer(['--port', '0', '--data', dataDir, '--store', database.url]);
    expect(proc.output()).toContain(`store: ${describePostgresUrl(database.url)}`);
    expect(proc.output()).not.toContain(`:${password}@`);
    const signIn = await fetch(`${proc.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'long enough secret' }) });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ user: { username: 'ana', role: 'editor' } });
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('fails to start with a message naming the server and database, not the password, when Postgres refuses', async ({ database }) => {
    const url = new URL(database.url);
    url.password = 'wrong-password-123';
    const result = await runCli(['user', 'add', 'ana', '--role', 'editor', '--store', url.toString()], 'long enough secret\n');
    expect(result.code).toBe(1);
    expect(result.output).toContain(`cannot open the Postgres store at ${describePostgresUrl(url.toString())}`);
    expect(result.output).not.toContain('wrong-password-123');
  });
});
