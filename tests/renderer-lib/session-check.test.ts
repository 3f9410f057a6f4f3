// The app's session check (after a socket closed because the session ended or the role changed):
// a changed role or name is taken from the server's answer and kept on the device; an unchanged
// one leaves the user as it was (nothing reopens); a refused token ends the session.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiUser } from '../../model/api-types.ts';
import { Session } from '../../renderer/src/lib/session.svelte.ts';

const ben: ApiUser = { id: 'u1', username: 'ben', displayName: 'Ben Reporter', role: 'reporter', createdAt: 1 };

function answering(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function signedIn(): Session {
  const session = new Session();
  session.serverUrl = 'http://newsroom.test';
  session.token = 'secret';
  session.user = ben;
  return session;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('Session.check', () => {
  it('takes a changed role from the server and keeps it on the device', async () => {
    const session = signedIn();
    answering(200, { user: { ...ben, role: 'viewer' }, expiresAt: 5000, desks: [] });
    await session.check();
    expect(session.user).toEqual({ ...ben, role: 'viewer' });
    expect(JSON.parse(localStorage.getItem('newsroom.session')!)).toEqual({ serverUrl: 'http://newsroom.test', token: 'secret', user: { ...ben, role: 'viewer' }, expiresAt: 5000 });
  });

  it('keeps the same user object when nothing changed', async () => {
    const session = signedIn();
    const before = session.user;
    answering(200, { user: ben, expiresAt: 5000, desks: [] });
    await session.check();
    expect(session.user).toBe(before);
    expect(localStorage.getItem('newsroom.session')).toBeNull();
  });

  it('ends the session when the token is refused', async () => {
    const session = signedIn();
    answering(401, { error: 'sign in first' });
    await session.check();
    expect(session.user).toBeNull();
    expect(session.notice).toContain('sign in again');
  });
});
