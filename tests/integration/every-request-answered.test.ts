// Every request gets an answer: a handler that fails after it has read the body (the request
// object then reads as "destroyed") answers 500 {error} with a log line naming the route and
// the user, instead of leaving the client waiting forever; the server keeps serving.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import type { Store } from '../../server/storage/store.ts';
import { it } from '../support/fixtures.ts';

/** `inner` with `failing` methods throwing an unexpected error while `on.failing` is set. */
function breakable(inner: Store, failing: string[]): { store: Store; on: { failing: boolean } } {
  const on = { failing: false };
  const store = new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!failing.includes(String(prop))) return value.bind(target);
      return async (...args: unknown[]) => {
        if (on.failing) throw new Error(`${String(prop)} exploded (injected)`);
        return value.apply(target, args);
      };
    },
  });
  return { store, on };
}

/** fetch that gives up after `ms`: a hang is a failure, not a test timeout. */
const within = (ms: number) => AbortSignal.timeout(ms);

describe('a handler that fails after reading the body', () => {
  it('answers 500 {error} at once and logs the route and the user; the server keeps serving', async ({ startServer }) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-test-'));
    const { store, on } = breakable(await SqliteStore.open(dataDir), ['createArticle', 'findUserByUsername']);
    const s = await startServer({ dataDir, store });
    const { token } = await s.user('ana', 'reporter');
    on.failing = true;

    const create = await s.api('/api/articles', { method: 'POST', token, json: { headline: 'Never stored' }, signal: within(10_000) });
    expect(create.status).toBe(500);
    expect(((await create.json()) as { error: string }).error).toMatch(/internal error/);
    const [line] = s.logger.matching('failed');
    expect(line).toContain('POST /api/articles (/api/articles) for ana failed');
    expect(line).toContain('createArticle exploded');

    // A public route (no user yet) too.
    const signIn = await s.api('/api/session', { method: 'POST', json: { username: 'ana', password: 'password1' }, signal: within(10_000) });
    expect(signIn.status).toBe(500);
    expect(s.logger.matching('POST /api/session (/api/session) failed')).toHaveLength(1);

    on.failing = false;
    expect((await s.api('/api/articles', { method: 'POST', token, json: { headline: 'Stored' } })).status).toBe(201);
  });
});
