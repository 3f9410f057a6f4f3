// Each desk's limits (issue 14, requirement 4) on the real server: an admin sets and clears them
// on the desk, others may not (403), bad bodies are 400 with what to do, everyone lists them; the
// newsroom's defaults come from the config file (`--config`), and a bad config file stops the start.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { DeskInfo, DesksResponse } from '../../model/people-types.ts';
import { it } from '../support/fixtures.ts';
import { runCli } from '../support/server-process.ts';
import type { TestServer } from '../support/test-server.ts';

async function call(s: TestServer, method: string, path: string, token: string, json?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await s.api(path, { method, token, json });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('desk limits', () => {
  it('an admin sets and clears them; everyone lists them; others get 403; bad bodies 400', async ({ server: s }) => {
    const admin = await s.user('ada', 'admin');
    const editor = await s.user('ed', 'editor');
    const reporter = await s.user('ana', 'reporter');
    const news = (await call(s, 'POST', '/api/desks', admin.token, { name: 'News' })).body as unknown as DeskInfo;
    expect(news.limits).toEqual({ headlineChars: null, bodyWords: null });

    const set = await call(s, 'PATCH', `/api/desks/${news.id}`, admin.token, { limits: { headlineChars: 80, bodyWords: 600 } });
    expect(set).toEqual({ status: 200, body: { ...news, limits: { headlineChars: 80, bodyWords: 600 } } });
    const listed = (await call(s, 'GET', '/api/desks', reporter.token)).body as unknown as DesksResponse;
    expect(listed.desks.find((d) => d.id === news.id)?.limits).toEqual({ headlineChars: 80, bodyWords: 600 });
    // Without a config file the newsroom has no defaults.
    expect(listed.defaultLimits).toEqual({ headlineChars: null, bodyWords: null });

    for (const user of [editor, reporter]) {
      const refused = await call(s, 'PATCH', `/api/desks/${news.id}`, user.token, { limits: { headlineChars: 10 } });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual(expect.any(String));
    }
    const bad: [unknown, RegExp][] = [
      [{ headlineChars: 0 }, /headlineChars must be a whole number from 1 to 500, or null for none/],
      [{ headlineChars: 501 }, /headlineChars must be a whole number from 1 to 500/],
      [{ bodyWords: 12.5 }, /bodyWords must be a whole number from 1 to 100,000/],
      [{ bodyWords: '600' }, /bodyWords must be a whole number/],
      [{ words: 600 }, /limits have no "words": use headlineChars and bodyWords/],
      [[80, 600], /limits must be an object/],
      ['80', /limits must be an object/],
    ];
    for (const [limits, reason] of bad) {
      const refused = await call(s, 'PATCH', `/api/desks/${news.id}`, admin.token, { limits });
      expect(refused.status, JSON.stringify(limits)).toBe(400);
      expect(refused.body.error).toMatch(reason);
    }
    // Nothing refused changed anything; limits are set whole: an absent one is cleared.
    const cleared = await call(s, 'PATCH', `/api/desks/${news.id}`, admin.token, { limits: { bodyWords: 900 } });
    expect(cleared.body.limits).toEqual({ headlineChars: null, bodyWords: 900 });
    const audit = await s.server.store.listAudit({ limit: 10 });
    expect(audit.find((e) => e.action === 'desk.change')).toMatchObject({ userId: expect.any(String), detail: { desk: news.id, limits: { headlineChars: null, bodyWords: 900 } } });
  });

  it('defaults come from the server options for desks that set none', async ({ startServer }) => {
    const s = await startServer({ limits: { headlineChars: 90, bodyWords: null } });
    const reporter = await s.user('ana', 'reporter');
    const listed = (await call(s, 'GET', '/api/desks', reporter.token)).body as unknown as DesksResponse;
    expect(listed.defaultLimits).toEqual({ headlineChars: 90, bodyWords: null });
  });

  it('the config file gives the defaults; a bad one stops the start saying why', async ({ tempDir, spawnServer }) => {
    const dir = await tempDir();
    const config = join(dir, 'newsroom.json');
    await writeFile(config, JSON.stringify({ limits: { headlineChars: 80, bodyWords: 1200 } }));
    const data = join(dir, 'data');
    const password = 'a long password';
    expect((await runCli(['user', 'add', 'ana', '--role', 'reporter', '--data', data], `${password}\n`)).code).toBe(0);
    const proc = await spawnServer(['--port', '0', '--data', data, '--config', config]);
    const login = await fetch(`${proc.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ana', password }) });
    const { token } = (await login.json()) as { token: string };
    const desks = (await (await fetch(`${proc.url}/api/desks`, { headers: { authorization: `Bearer ${token}` } })).json()) as DesksResponse;
    expect(desks.defaultLimits).toEqual({ headlineChars: 80, bodyWords: 1200 });

    await writeFile(config, JSON.stringify({ limits: { headlineChars: -1 } }));
    const refused = await runCli(['--port', '0', '--data', join(dir, 'other'), '--config', config]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`${config}: headlineChars must be a whole number from 1 to 500, or null for none`);
  });
});
