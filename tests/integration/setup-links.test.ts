// One-time setup links (issue 13, requirement 1) against the real server on port 0: a new person
// gets a link by default, opens it (GET /api/setup/:token), sets a password and is signed in at
// once; the link works once, a newer link or reset voids the older, a disabled account's link is
// refused; a reset can answer a link; the link names the --public-url or the address the admin
// used; weak passwords 400; every use audited.
import { describe, expect } from 'vitest';
import type { NewPersonResponse, SetupLinkInfo } from '../../model/people-types.ts';
import { SETUP_LINK_TTL_MS, SETUP_PATH } from '../../server/auth/setup-links.ts';
import { it } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

/** A request's status and JSON body. */
async function call(s: TestServer, method: string, path: string, token: string | undefined, json?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await s.api(path, { method, token, json });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** The token at the end of a setup link. */
const tokenOf = (link: string) => link.slice(link.indexOf(SETUP_PATH) + SETUP_PATH.length);

describe('setup links', () => {
  it('a new person gets a one-time link by default: it says whose account, sets the password, signs in at once, and works only once', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const before = Date.now();
    const added = await call(s, 'POST', '/api/users', admin.token, { username: 'ben', displayName: 'Ben Reporter', role: 'reporter' });
    expect(added.status).toBe(201);
    const { user, setupLink, setupExpiresAt, temporaryPassword } = added.body as unknown as NewPersonResponse;
    expect(temporaryPassword).toBeUndefined();
    expect(setupLink).toMatch(new RegExp(`^${s.url}/#/setup/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    expect(setupExpiresAt).toBeGreaterThanOrEqual(before + SETUP_LINK_TTL_MS);
    expect(setupExpiresAt).toBeLessThanOrEqual(Date.now() + SETUP_LINK_TTL_MS);
    const token = tokenOf(setupLink!);
    // Until the link is used, no password signs the account in.
    for (const password of ['', 'password1', 'undefined', 'null']) expect((await call(s, 'POST', '/api/session', undefined, { username: 'ben', password })).status).not.toBe(200);

    const info = await call(s, 'GET', `/api/setup/${token}`, undefined);
    expect(info).toEqual({ status: 200, body: { username: 'ben', displayName: 'Ben Reporter', expiresAt: setupExpiresAt! } satisfies SetupLinkInfo });
    // A weak password is refused and leaves the link working.
    const weak = await call(s, 'POST', '/api/setup', undefined, { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toContain('at least 8');
    expect((await call(s, 'GET', `/api/setup/${token}`, undefined)).status).toBe(200);

    const used = await call(s, 'POST', '/api/setup', undefined, { token, password: 'my own secret' });
    expect(used.status).toBe(200);
    expect(used.body).toEqual({ token: expect.any(String), user: { id: user.id, username: 'ben', displayName: 'Ben Reporter', role: 'reporter', createdAt: user.createdAt }, expiresAt: expect.any(Number), deviceToken: expect.any(String) });
    expect((await call(s, 'GET', '/api/session', used.body.token as string)).body).toMatchObject({ user: { username: 'ben' } });
    await s.signIn('ben', 'my own secret');

    // Used: it answers as an unknown link would, and cannot set a password again.
    const again = await call(s, 'POST', '/api/setup', undefined, { token, password: 'someone else’s' });
    expect(again.status).toBe(404);
    expect(again.body.error).toEqual(expect.any(String));
    expect((await call(s, 'GET', `/api/setup/${token}`, undefined)).status).toBe(404);
    await s.signIn('ben', 'my own secret');
    const audit = await s.server.store.listAudit({ limit: 50 });
    expect(audit.find((e) => e.action === 'user.setup')).toMatchObject({ userId: user.id, detail: { username: 'ben' } });
    expect(audit.find((e) => e.action === 'user.setup-link')).toMatchObject({ userId: admin.id, detail: { username: 'ben', expiresAt: setupExpiresAt } });
  });

  it('two uses of one link at once: exactly one sets the password', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const { setupLink } = (await call(s, 'POST', '/api/users', admin.token, { username: 'ben', role: 'reporter' })).body as unknown as NewPersonResponse;
    const token = tokenOf(setupLink!);
    const answers = await Promise.all(['first secret', 'second secret', 'third secret'].map((password) => call(s, 'POST', '/api/setup', undefined, { token, password })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404, 404]);
    const winner = ['first secret', 'second secret', 'third secret'][answers.findIndex((a) => a.status === 200)];
    await s.signIn('ben', winner);
  });

  it('a reset can answer a link instead of a temporary password; a newer link or reset voids the older; a disabled account’s link is refused', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const ben = await s.user('ben', 'reporter');
    const first = await call(s, 'POST', '/api/users/ben/password-reset', admin.token, { setupLink: true });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['setupExpiresAt', 'setupLink']);
    // Like any reset, it ends the sessions and the old password.
    expect((await call(s, 'GET', '/api/session', ben.token)).status).toBe(401);
    expect((await call(s, 'POST', '/api/session', undefined, { username: 'ben', password: 'password1' })).status).toBe(401);

    const second = await call(s, 'POST', '/api/users/ben/password-reset', admin.token, { setupLink: true });
    expect((await call(s, 'GET', `/api/setup/${tokenOf(first.body.setupLink as string)}`, undefined)).status).toBe(404);
    expect((await call(s, 'POST', '/api/setup', undefined, { token: tokenOf(first.body.setupLink as string), password: 'my own secret' })).status).toBe(404);
    const latest = tokenOf(second.body.setupLink as string);
    expect((await call(s, 'GET', `/api/setup/${latest}`, undefined)).status).toBe(200);

    // A temporary-password reset voids it too.
    const temporary = await call(s, 'POST', '/api/users/ben/password-reset', admin.token);
    expect(Object.keys(temporary.body)).toEqual(['temporaryPassword']);
    expect((await call(s, 'GET', `/api/setup/${latest}`, undefined)).status).toBe(404);

    // Disabled: the link reads as unknown, and using it is refused (403) without setting anything.
    const third = tokenOf((await call(s, 'POST', '/api/users/ben/password-reset', admin.token, { setupLink: true })).body.setupLink as string);
    expect((await call(s, 'PATCH', '/api/users/ben', admin.token, { disabled: true })).status).toBe(200);
    expect((await call(s, 'GET', `/api/setup/${third}`, undefined)).status).toBe(404);
    const refused = await call(s, 'POST', '/api/setup', undefined, { token: third, password: 'my own secret' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('disabled');
    expect((await call(s, 'PATCH', '/api/users/ben', admin.token, { disabled: false })).status).toBe(200);
    expect((await call(s, 'POST', '/api/setup', undefined, { token: third, password: 'my own secret' })).status).toBe(200);

    // Asking for both a password and a temporary one is a mistake; with a password nothing is shown.
    expect((await call(s, 'POST', '/api/users', admin.token, { username: 'cy', role: 'viewer', password: 'chosen password', temporaryPassword: true })).status).toBe(400);
    const withPassword = await call(s, 'POST', '/api/users', admin.token, { username: 'cy', role: 'viewer', password: 'chosen password' });
    expect(Object.keys(withPassword.body)).toEqual(['user']);
  });

  it('an expired link is refused like an unknown one', async ({ startServer }) => {
    let now = Date.now();
    const s = await startServer({ accounts: { now: () => now } });
    const admin = await s.user('ada', 'admin');
    await s.user('ben', 'reporter');
    const reset = await call(s, 'POST', '/api/users/ben/password-reset', admin.token, { setupLink: true });
    const token = tokenOf(reset.body.setupLink as string);
    expect((await call(s, 'GET', `/api/setup/${token}`, undefined)).status).toBe(200);
    now += SETUP_LINK_TTL_MS + 1;
    expect((await call(s, 'GET', `/api/setup/${token}`, undefined)).status).toBe(404);
    expect((await call(s, 'POST', '/api/setup', undefined, { token, password: 'my own secret' })).status).toBe(404);
  });

  it('names the first --public-url when the server has one, whatever address the admin used', async ({ startServer }) => {
    const s = await startServer({ access: { publicUrls: ['https://newsroom.example.org', 'https://other.example.org'] } });
    const admin = await s.user('ada', 'admin');
    const added = await call(s, 'POST', '/api/users', admin.token, { username: 'ben', role: 'reporter' });
    expect(added.body.setupLink).toMatch(/^https:\/\/newsroom\.example\.org\/#\/setup\//);
  });
});
