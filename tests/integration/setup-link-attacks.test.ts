// Hostile clients against the public setup-link routes (GET /api/setup/:token, POST /api/setup),
// on the real server on port 0 with its default limits: malformed and oversized bodies and
// tokens get 4xx {error} and change nothing; a flood of forged tokens (random, re-signed, of
// another purpose, tampered with) never finds a link and is soon answered 429 with Retry-After,
// without slowing down sign-ins from the same address; a used link stays used however often it
// is replayed.
import { describe, expect } from 'vitest';
import type { NewPersonResponse } from '../../model/people-types.ts';
import { SETUP_PATH } from '../../server/auth/setup-links.ts';
import { it } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

type Answer = { status: number; body: Record<string, unknown>; retryAfter: string | null };

async function send(s: TestServer, method: string, path: string, init: { json?: unknown; body?: string } = {}): Promise<Answer> {
  const headers = init.body === undefined ? undefined : { 'content-type': 'application/json' };
  const response = await s.api(path, { method, json: init.json, body: init.body, headers });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { unparsed: text.slice(0, 200) };
  }
  return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
}

/** An admin, and a new person `ben` with a setup link: its token. */
async function newcomer(s: TestServer): Promise<{ admin: { token: string; id: string }; token: string }> {
  const admin = await s.user('ada', 'admin');
  const response = await s.api('/api/users', { method: 'POST', token: admin.token, json: { username: 'ben', role: 'reporter' } });
  const { setupLink } = (await response.json()) as NewPersonResponse;
  return { admin, token: setupLink!.slice(setupLink!.indexOf(SETUP_PATH) + SETUP_PATH.length) };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('setup links under attack', () => {
  it('malformed and oversized bodies and tokens get 4xx {error}; the link still works after', async ({ server: s }) => {
    const { token } = await newcomer(s);
    const bad: [string, string, { json?: unknown; body?: string }, number][] = [
      ['POST', '/api/setup', { body: 'not json' }, 400],
      ['POST', '/api/setup', { body: '[]' }, 400],
      ['POST', '/api/setup', { body: 'null' }, 400],
      ['POST', '/api/setup', { json: { token: 5, password: 'long enough' } }, 400],
      ['POST', '/api/setup', { json: { token } }, 400],
      ['POST', '/api/setup', { json: { password: 'long enough' } }, 400],
      ['POST', '/api/setup', { json: { token, password: 'long enough', role: 'admin' } }, 400],
      ['POST', '/api/setup', { json: { token, password: 'short' } }, 400],
      ['POST', '/api/setup', { json: { token, password: 'p'.repeat(1025) } }, 400],
      ['POST', '/api/setup', { body: JSON.stringify({ token, password: 'x'.repeat(2 * 1024 * 1024) }) }, 413],
      ['POST', '/api/setup', { json: { token: 't'.repeat(100_000), password: 'long enough' } }, 404],
      ['GET', `/api/setup/${'t'.repeat(3000)}`, {}, 404],
      ['GET', '/api/setup/%E2%80%AE%00', {}, 404],
      ['GET', '/api/setup/a%2Fb', {}, 404],
      ['PUT', `/api/setup/${token}`, {}, 405],
      ['DELETE', '/api/setup', {}, 405],
    ];
    for (const [method, path, init, status] of bad) {
      const answer = await send(s, method, path, init);
      expect(answer.status, `${method} ${path.slice(0, 60)} ${JSON.stringify(init).slice(0, 80)}`).toBe(status);
      expect(answer.body.error, `${method} ${path.slice(0, 60)}`).toEqual(expect.any(String));
    }
    expect((await send(s, 'GET', `/api/setup/${token}`)).status).toBe(200);
    expect((await send(s, 'POST', '/api/setup', { json: { token, password: 'my own secret' } })).status).toBe(200);
  });

  it('a flood of forged tokens never finds a link and is soon answered 429 with Retry-After; sign-ins from the address go on', async ({ server: s }) => {
    const { admin, token } = await newcomer(s);
    const [payload, mac] = token.split('.');
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const signIn = await send(s, 'POST', '/api/session', { json: { username: 'ada', password: 'password1' } });
    const ticket = await s.api('/api/tickets', { method: 'POST', token: admin.token, json: { articleId: await s.createArticle(admin.token) } });
    const forged = [
      // Genuine-looking tokens of another purpose, signed by the same server.
      signIn.body.deviceToken as string,
      ((await ticket.json()) as { ticket: string }).ticket,
      // The genuine payload, changed to another account or a later expiry, under the genuine signature.
      `${b64({ ...fields, u: admin.id })}.${mac}`,
      `${b64({ ...fields, e: (fields.e as number) + 1 })}.${mac}`,
      `${payload}.${mac.slice(0, -2)}AA`,
      `${payload}.${mac}.extra`,
      `${payload}`,
      '.',
    ];
    const statuses = new Map<number, number>();
    let limited: Answer | null = null;
    // The flood goes on after the first 429: every answer is 404 or 429, never a link.
    for (let n = 0; n < 200; n += 8) {
      const batch = Array.from({ length: 8 }, (_, i) => forged[(n + i) % forged.length] ?? `${b64({ u: `guess-${n + i}` })}.${'A'.repeat(43)}`);
      const answers = await Promise.all(
        batch.map((candidate, i) =>
          (n + i) % 2 === 0 ? send(s, 'GET', `/api/setup/${encodeURIComponent(candidate)}`) : send(s, 'POST', '/api/setup', { json: { token: candidate, password: 'attacker password' } }),
        ),
      );
      for (const answer of answers) {
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 429) limited = answer;
      }
    }
    console.log(`[setup links] forged tokens answered: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect([...statuses.keys()].filter((status) => status !== 404 && status !== 429)).toEqual([]);
    expect(statuses.get(429)).toBeGreaterThan(100);
    expect(limited).toMatchObject({ status: 429, body: { error: expect.stringContaining('try again') } });
    expect(Number(limited!.retryAfter)).toBeGreaterThan(0);
    // Sign-in is counted apart: the admin still signs in from the same address at once.
    expect((await send(s, 'POST', '/api/session', { json: { username: 'ada', password: 'password1' } })).status).toBe(200);
    // The genuine link was never found nor used: after the last wait asked for, it still works for its person.
    await new Promise((resolve) => setTimeout(resolve, Number(limited!.retryAfter) * 1000));
    expect((await send(s, 'POST', '/api/setup', { json: { token, password: 'my own secret' } })).status).toBe(200);
    const audit = await s.server.store.listAudit({ limit: 500 });
    expect(audit.filter((e) => e.action === 'user.setup')).toHaveLength(1);
  });

  it('a used link replayed, one at a time or many at once, stays used and changes nothing', async ({ server: s }) => {
    const { token } = await newcomer(s);
    expect((await send(s, 'POST', '/api/setup', { json: { token, password: 'my own secret' } })).status).toBe(200);
    const replays = await Promise.all(Array.from({ length: 6 }, (_, i) => send(s, 'POST', '/api/setup', { json: { token, password: `replayed ${i} password` } })));
    expect(replays.map((r) => r.status)).toEqual(Array(6).fill(404));
    expect((await send(s, 'GET', `/api/setup/${token}`)).status).toBe(404);
    await s.signIn('ben', 'my own secret');
  });
});
