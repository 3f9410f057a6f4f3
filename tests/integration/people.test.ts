// People from the app (issue 13, requirement 1) against the real server on port 0: admin-only
// routes (403 for every other role), adding a person with a temporary password, changing role,
// desks and name, the last active admin kept (409), a disabled account signed out everywhere —
// its sign-in refused (403), its token 401, its sockets closed — also when the command line
// disabled it while the server runs; new passwords, one's own password, signing out everywhere;
// every change an audit entry naming who made it; a changed role reaching open sockets (closed to
// reconnect with the new rights, from the app or the CLI); hostile bodies refused with 4xx {error}.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import type { NewPersonResponse, PeopleResponse, PersonInfo } from '../../model/people-types.ts';
import type { Role } from '../../model/roles.ts';
import { headlineText } from '../../model/article-schema.ts';
import { ROLE_CHANGED_CLOSE, SESSION_ENDED_CLOSE } from '../../server/collab/session-sockets.ts';
import { waitFor, type connectClient, type TestClient } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A request's status and JSON body. */
async function call(s: TestServer, method: string, path: string, token: string | undefined, json?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await s.api(path, { method, token, json });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** Runs `npm run server -- ARGS` (as tsx server/main.ts) to its end. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A socket of `token` on a new story, and the close that ended it (if any). */
async function openSocket(s: TestServer, connect: (...args: Parameters<typeof connectClient>) => TestClient, token: string) {
  const id = await s.createArticle(token, { headline: 'Open while it happens' });
  const client = connect(s.wsUrl, id, token);
  const state = { closed: null as { code: number; reason: string; at: number } | null };
  client.provider.on('closed', ({ code, reason }) => (state.closed = { code, reason, at: Date.now() }));
  await client.synced;
  return state;
}

const ROLES_BUT_ADMIN: Role[] = ['viewer', 'reporter', 'desk', 'editor'];

describe('people from the app', () => {
  it('is for admins only: every other role gets 403, no token 401', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    for (const role of ROLES_BUT_ADMIN) {
      const { token } = await s.user(`${role}1`, role);
      const tries: [string, string, unknown?][] = [
        ['GET', '/api/users'],
        ['POST', '/api/users', { username: `x${role}`, role: 'admin', password: 'long enough' }],
        ['PATCH', `/api/users/${role}1`, { role: 'admin' }],
        ['PATCH', '/api/users/ada', { disabled: true }],
        ['POST', '/api/users/ada/password-reset'],
        ['DELETE', '/api/users/ada/sessions'],
        ['POST', '/api/desks', { name: `Desk of ${role}` }],
      ];
      for (const [method, path, json] of tries) {
        const answer = await call(s, method, path, token, json);
        expect(answer.status, `${role} ${method} ${path}`).toBe(403);
        expect(answer.body.error).toEqual(expect.any(String));
      }
      expect((await call(s, 'GET', '/api/users', undefined)).status).toBe(401);
    }
    // Nothing changed: no one was added or promoted, ada is active.
    const { body } = await call(s, 'GET', '/api/users', admin.token);
    const users = (body as unknown as PeopleResponse).users;
    expect(users.map((u) => [u.username, u.role, u.disabled])).toEqual([
      ['ada', 'admin', false],
      ['desk1', 'desk', false],
      ['editor1', 'editor', false],
      ['reporter1', 'reporter', false],
      ['viewer1', 'viewer', false],
    ]);
    expect(users[0].lastSignInAt).toEqual(expect.any(Number));
  });

  it('adds a person on desks with a temporary password shown once, and changes role, desks and name, each audited with the admin', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const metro = (await call(s, 'POST', '/api/desks', admin.token, { name: 'Metro' })).body as { id: string };
    const sport = (await call(s, 'POST', '/api/desks', admin.token, { name: 'Sport' })).body as { id: string };
    const added = await call(s, 'POST', '/api/users', admin.token, { username: 'ben', displayName: '  Ben Reporter ', role: 'reporter', desks: [metro.id], temporaryPassword: true });
    expect(added.status).toBe(201);
    const { user, temporaryPassword } = added.body as unknown as NewPersonResponse;
    expect(user).toEqual({ id: expect.any(String), username: 'ben', displayName: 'Ben Reporter', role: 'reporter', desks: [metro.id], disabled: false, lastSignInAt: null, createdAt: expect.any(Number) });
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await s.signIn('ben', temporaryPassword);
    // With a password given, none is shown.
    const withPassword = await call(s, 'POST', '/api/users', admin.token, { username: 'cy', role: 'viewer', password: 'chosen password' });
    expect(withPassword.status).toBe(201);
    expect(withPassword.body).not.toHaveProperty('temporaryPassword');

    const changed = await call(s, 'PATCH', '/api/users/BEN', admin.token, { role: 'desk', desks: [sport.id, metro.id], displayName: 'Ben R.' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ username: 'ben', role: 'desk', displayName: 'Ben R.', desks: [metro.id, sport.id].sort() });
    const audit = await s.server.store.listAudit({ limit: 50 });
    const change = audit.find((e) => e.action === 'user.change' && e.detail.role !== undefined);
    expect(change).toMatchObject({ userId: admin.id, detail: { username: 'ben', role: ['reporter', 'desk'], displayName: ['Ben Reporter', 'Ben R.'] } });
    expect(audit.find((e) => e.action === 'user.add' && e.detail.username === 'ben')).toMatchObject({ userId: admin.id });
    expect(audit.find((e) => e.action === 'desk.add' && e.detail.name === 'Metro')).toMatchObject({ userId: admin.id });
  });

  it('refuses bad bodies with 4xx {error} and changes nothing', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    await s.user('ben', 'reporter');
    const bad: [string, string, unknown, number][] = [
      ['POST', '/api/users', { username: 'bad name', role: 'reporter' }, 400],
      ['POST', '/api/users', { username: 'x'.repeat(65), role: 'reporter' }, 400],
      ['POST', '/api/users', { username: 'dan', role: 'wizard' }, 400],
      ['POST', '/api/users', { username: 'dan', role: 'reporter', displayName: 'D'.repeat(101) }, 400],
      ['POST', '/api/users', { username: 'dan', role: 'reporter', displayName: 'Dan\u0000' }, 400],
      ['POST', '/api/users', { username: 'dan', role: 'reporter', password: 'short' }, 400],
      ['POST', '/api/users', { username: 'dan', role: 'reporter', password: 'p'.repeat(1025) }, 400],
      ['POST', '/api/users', { username: 'dan', role: 'reporter', desks: ['no-such-desk'] }, 400],
      ['POST', '/api/users', { username: 'dan', role: 'reporter', desks: 'metro' }, 400],
      ['POST', '/api/users', { username: 'dan', role: 'reporter', isAdmin: true }, 400],
      ['POST', '/api/users', { username: 'BEN', role: 'reporter' }, 409],
      ['PATCH', '/api/users/ben', { role: 'root' }, 400],
      ['PATCH', '/api/users/ben', { disabled: 'yes' }, 400],
      ['PATCH', '/api/users/ben', { desks: Array.from({ length: 51 }, (_, i) => `d${i}`) }, 400],
      ['PATCH', '/api/users/nobody', { role: 'viewer' }, 404],
      ['PATCH', `/api/users/${'x'.repeat(500)}`, { role: 'viewer' }, 404],
      ['POST', '/api/desks', { name: '   ' }, 400],
      ['POST', '/api/desks', { name: 'D'.repeat(101) }, 400],
      ['POST', '/api/desks', { name: 7 }, 400],
    ];
    for (const [method, path, json, status] of bad) {
      const answer = await call(s, method, path, admin.token, json);
      expect(answer.status, `${method} ${path} ${JSON.stringify(json).slice(0, 80)}`).toBe(status);
      expect(answer.body.error).toEqual(expect.any(String));
    }
    const { body } = await call(s, 'GET', '/api/users', admin.token);
    expect((body as unknown as PeopleResponse).users.map((u: PersonInfo) => [u.username, u.role, u.desks])).toEqual([
      ['ada', 'admin', []],
      ['ben', 'reporter', []],
    ]);
    expect((await call(s, 'GET', '/api/desks', admin.token)).body).toMatchObject({ desks: [] });
  });

  it('keeps the last active admin: neither disabled nor demoted (409), until there is another', async ({ server: s }) => {
    const ada = await s.user('ada', 'admin');
    for (const change of [{ disabled: true }, { role: 'editor' }]) {
      const answer = await call(s, 'PATCH', '/api/users/ada', ada.token, change);
      expect(answer.status).toBe(409);
      expect(answer.body.error).toContain('last active admin');
    }
    await s.user('bo', 'admin');
    expect((await call(s, 'PATCH', '/api/users/ada', ada.token, { role: 'editor' })).status).toBe(200);
  });

  it('a disabled account is signed out everywhere at once: sign-in 403, token 401, sockets closed; enabled, it signs in again', async ({ server: s, connect }) => {
    const admin = await s.user('ada', 'admin');
    const ben = await s.user('ben', 'reporter');
    const socket = await openSocket(s, connect, ben.token);
    const at = Date.now();
    const disabled = await call(s, 'PATCH', '/api/users/ben', admin.token, { disabled: true });
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true } });
    await waitFor(() => socket.closed !== null, 'the disabled account’s socket to close', 5000);
    console.log(`[people] socket closed ${socket.closed!.at - at} ms after the account was disabled in the app`);
    expect(socket.closed).toMatchObject({ code: SESSION_ENDED_CLOSE, reason: 'session account disabled: sign in again' });
    expect((await call(s, 'GET', '/api/session', ben.token)).status).toBe(401);
    const refused = await call(s, 'POST', '/api/session', undefined, { username: 'ben', password: 'password1' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('disabled');
    // A wrong password says nothing of the account's state.
    expect((await call(s, 'POST', '/api/session', undefined, { username: 'ben', password: 'wrong password' })).status).toBe(401);

    expect((await call(s, 'PATCH', '/api/users/ben', admin.token, { disabled: false })).body).toMatchObject({ disabled: false });
    // The old token stays dead; a new sign-in works.
    expect((await call(s, 'GET', '/api/session', ben.token)).status).toBe(401);
    await s.signIn('ben');
  });

  it('an account disabled by the command line while the server runs is signed out within the re-check: token 401, sockets closed', async ({ server: s, connect }) => {
    await s.user('ada', 'admin');
    const ben = await s.user('ben', 'reporter');
    const socket = await openSocket(s, connect, ben.token);
    const result = await runCli(['user', 'disable', 'ben', '--data', s.dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('ben is disabled');
    const at = Date.now();
    expect((await call(s, 'GET', '/api/session', ben.token)).status).toBe(401);
    expect((await call(s, 'POST', '/api/session', undefined, { username: 'ben', password: 'password1' })).status).toBe(403);
    // The re-check runs every 5 s: generous bound, the measured figure logged.
    await waitFor(() => socket.closed !== null, 'the socket of the account disabled by the CLI to close', 8000);
    console.log(`[people] socket closed ${socket.closed!.at - at} ms after the CLI disabled the account`);
    expect(socket.closed!.code).toBe(SESSION_ENDED_CLOSE);
    const audit = await s.server.store.listAudit({ limit: 20 });
    expect(audit.find((e) => e.action === 'user.change')).toMatchObject({ userId: null, detail: { username: 'ben', disabled: [false, true], via: 'cli' } });

    const listed = await runCli(['user', 'list', '--data', s.dataDir]);
    expect(listed.stdout).toMatch(/^ben\s+reporter\s+disabled\b/m);
    expect(listed.stdout).toMatch(/^ada\s+admin\s+active\b/m);
    const lastAdmin = await runCli(['user', 'disable', 'ada', '--data', s.dataDir]);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain('last active admin');
  });

  it('on a shared Postgres store, an account disabled on one instance, or by the CLI with --store, is signed out on another', async ({ startDeployment, redisUrl, connect }) => {
    const deployment = await startDeployment([redisUrl, redisUrl]);
    const [a, b] = deployment.instances;
    const admin = await a.user('ada', 'admin');
    const ben = await b.user('ben', 'reporter');
    const socket = await openSocket(b, connect, ben.token);
    const at = Date.now();
    expect((await call(a, 'PATCH', '/api/users/ben', admin.token, { disabled: true })).status).toBe(200);
    expect((await call(b, 'GET', '/api/session', ben.token)).status).toBe(401);
    await waitFor(() => socket.closed !== null, 'the socket on the other instance to close', 8000);
    console.log(`[people] socket on another instance closed ${socket.closed!.at - at} ms after the account was disabled`);

    expect((await call(a, 'PATCH', '/api/users/ben', admin.token, { disabled: false })).status).toBe(200);
    const again = await b.signIn('ben');
    const second = await openSocket(b, connect, again);
    const result = await runCli(['user', 'disable', 'ben', '--store', deployment.database.url, '--data', b.dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect((await call(b, 'GET', '/api/session', again)).status).toBe(401);
    expect((await call(b, 'POST', '/api/session', undefined, { username: 'ben', password: 'password1' })).status).toBe(403);
    await waitFor(() => second.closed !== null, 'the socket of the account disabled by the CLI on Postgres to close', 8000);
    expect(second.closed!.code).toBe(SESSION_ENDED_CLOSE);
  });

  it('new passwords: an admin’s reset (shown once, sessions ended), one’s own change (current proved, other sessions ended), rate-limited', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const ben = await s.user('ben', 'reporter');
    const reset = await call(s, 'POST', '/api/users/ben/password-reset', admin.token);
    expect(reset.status).toBe(200);
    const temporary = reset.body.temporaryPassword as string;
    expect((await call(s, 'GET', '/api/session', ben.token)).status).toBe(401);
    expect((await call(s, 'POST', '/api/session', undefined, { username: 'ben', password: 'password1' })).status).toBe(401);
    const here = await s.signIn('ben', temporary);
    const elsewhere = await s.signIn('ben', temporary);

    expect((await call(s, 'POST', '/api/session/password', here, { current: 'wrong one', next: 'my own secret' })).status).toBe(403);
    expect((await call(s, 'POST', '/api/session/password', here, { current: temporary, next: 'short' })).status).toBe(400);
    expect((await call(s, 'POST', '/api/session/password', here, { current: temporary })).status).toBe(400);
    expect((await call(s, 'POST', '/api/session/password', here, { current: temporary, next: 'my own secret' })).status).toBe(204);
    expect((await call(s, 'GET', '/api/session', here)).status).toBe(200);
    expect((await call(s, 'GET', '/api/session', elsewhere)).status).toBe(401);
    await s.signIn('ben', 'my own secret');
    const audit = await s.server.store.listAudit({ limit: 50 });
    expect(audit.filter((e) => e.action === 'user.password').map((e) => e.userId)).toEqual([ben.id, admin.id]);

    // Guessing the current password is slowed like sign-in: soon 429 with Retry-After, even for the right one.
    let status = 0;
    for (let i = 0; i < 20 && status !== 429; i++) status = (await call(s, 'POST', '/api/session/password', here, { current: `guess ${i}`, next: 'another secret' })).status;
    expect(status).toBe(429);
    // An admin's new passwords are rate-limited too.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await call(s, 'POST', '/api/users/ben/password-reset', admin.token)).status);
    expect(statuses).toContain(429);
  });

  it('signing out everywhere: oneself keeps the asking session, an admin ends them all', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const ben = await s.user('ben', 'reporter');
    const other = await s.signIn('ben');
    expect(await call(s, 'DELETE', '/api/users/ben/sessions', ben.token)).toEqual({ status: 200, body: { ended: 1 } });
    expect((await call(s, 'GET', '/api/session', ben.token)).status).toBe(200);
    expect((await call(s, 'GET', '/api/session', other)).status).toBe(401);
    expect(await call(s, 'DELETE', '/api/users/ben/sessions', admin.token)).toEqual({ status: 200, body: { ended: 1 } });
    expect((await call(s, 'GET', '/api/session', ben.token)).status).toBe(401);
  });

  it('a changed role reaches open sockets within the re-check: closed with ROLE_CHANGED_CLOSE, reconnected with the new rights (a demoted reporter’s edits no longer applied), from the app or the CLI', async ({ server: s, connect }) => {
    const admin = await s.user('ada', 'admin');
    const ben = await s.user('ben', 'reporter');
    const id = await s.createArticle(ben.token, { headline: 'Before' });
    const writer = connect(s.wsUrl, id, ben.token, { track: true });
    const closes: { code: number; reason: string; at: number }[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason, at: Date.now() });
    });
    const reader = connect(s.wsUrl, id, admin.token);
    await Promise.all([writer.synced, reader.synced]);
    headlineText(writer.doc).insert(0, 'Written ');
    await waitFor(() => headlineText(reader.doc).toString() === 'Written Before', 'the reporter’s edit to arrive');

    const demotedAt = Date.now();
    expect((await call(s, 'PATCH', '/api/users/ben', admin.token, { role: 'viewer' })).status).toBe(200);
    await waitFor(() => closes.length === 1, 'the demoted reporter’s socket to close', 5000);
    console.log(`[people] socket closed ${closes[0].at - demotedAt} ms after the role change in the app`);
    expect(closes[0]).toMatchObject({ code: ROLE_CHANGED_CLOSE, reason: 'role changed to viewer: reconnect' });
    // The stock provider reconnects by itself (not "signed out"), with the same token.
    await waitFor(() => writer.provider.synced, 'the socket to reconnect');
    expect(writer.provider.shouldConnect).toBe(true);
    // An edit now is not applied: the server answers the "saved?" sent after it on the same socket
    // with "read-only", and a newcomer's copy of the story, read after that, does not have it.
    headlineText(writer.doc).insert(0, 'Demoted ');
    await waitFor(() => writer.tracker!.state.readOnly, 'the server to answer that the socket is read-only');
    const newcomer = connect(s.wsUrl, id, admin.token);
    await newcomer.synced;
    expect(headlineText(newcomer.doc).toString()).toBe('Written Before');

    // The command line's change, while the server runs, reaches the socket at the next re-check.
    const result = await runCli(['user', 'role', 'ben', 'reporter', '--data', s.dataDir]);
    expect(result.code, result.stderr).toBe(0);
    const promotedAt = Date.now();
    await waitFor(() => closes.length === 2, 'the promoted viewer’s socket to close', 5000);
    console.log(`[people] socket closed ${closes[1].at - promotedAt} ms after the CLI changed the role`);
    expect(closes[1]).toMatchObject({ code: ROLE_CHANGED_CLOSE, reason: 'role changed to reporter: reconnect' });
    await waitFor(() => writer.provider.synced, 'the socket to reconnect as a reporter');
    headlineText(writer.doc).insert(0, 'Again ');
    await waitFor(() => headlineText(reader.doc).toString().startsWith('Again '), 'the reporter’s edits to arrive again');
  });
});
