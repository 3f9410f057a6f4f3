// The signed-in user's desks (for "My desks") come from GET /api/session and are kept on the
// device with the session; a setup link's password signs in like a sign-in does.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiUser } from '../../model/api-types.ts';
import { Session } from '../../renderer/src/lib/session.svelte.ts';

const rita: ApiUser = { id: 'u-rita', username: 'rita', displayName: 'Rita Ruiz', role: 'reporter', createdAt: 1 };

/** A server answering each path with a status and body; the requests it got. */
function serverAnswering(routes: Record<string, [number, unknown]>) {
  const requests: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { body?: string }) => {
      requests.push({ url, body: init.body ? JSON.parse(init.body) : undefined });
      const [status, body] = routes[new URL(url).pathname] ?? [404, { error: 'no route' }];
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return requests;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('Session desks and setup links', () => {
  it('signs in with a setup link, reads the desks, and keeps them for the next start', async () => {
    const requests = serverAnswering({
      '/api/setup': [200, { token: 'tok', user: rita, expiresAt: Date.now() + 60_000, deviceToken: 'dev' }],
      '/api/session': [200, { user: rita, expiresAt: Date.now() + 60_000, desks: ['d-inv'] }],
    });
    const session = new Session();
    await session.setUp('http://newsroom.test', 'setup-secret', 'a-good-password');
    expect(requests[0]).toEqual({ url: 'http://newsroom.test/api/setup', body: { token: 'setup-secret', password: 'a-good-password' } });
    expect(session.user).toEqual(rita);
    expect(session.token).toBe('tok');
    expect(session.desks).toEqual(['d-inv']);

    const restarted = new Session();
    await restarted.restore();
    expect(restarted.user).toEqual(rita);
    expect(restarted.desks).toEqual(['d-inv']);
  });

  it('takes changed desks from the server at a check', async () => {
    serverAnswering({ '/api/session': [200, { user: rita, expiresAt: Date.now() + 60_000, desks: ['d-a', 'd-b'] }] });
    const session = new Session();
    session.serverUrl = 'http://newsroom.test';
    session.token = 'tok';
    session.user = rita;
    await session.check();
    expect(session.desks).toEqual(['d-a', 'd-b']);
    expect(JSON.parse(localStorage.getItem('newsroom.session')!)).toMatchObject({ user: rita, desks: ['d-a', 'd-b'] });
  });
});
