// The newsroom dictionary over HTTP (issue 18, requirement 1) against the real server on port 0:
// everyone signed in reads it; the desk, editors and admins add and remove words (others 403);
// a word is checked (size, shape) and composed (NFC) before it is stored; the same word again is
// 200, not a second entry; every change is audited and told on the event streams.
import { describe, expect } from 'vitest';
import type { DictionaryAddResponse, DictionaryResponse } from '../../model/dictionary.ts';
import { it } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

async function call(s: TestServer, method: string, path: string, token: string, json?: unknown): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const response = await s.api(path, { method, token, json });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>) };
}

const words = async (s: TestServer, token: string) => ((await call(s, 'GET', '/api/dictionary', token)).body as unknown as DictionaryResponse).words.map((e) => e.word);

describe('the newsroom dictionary', () => {
  it('the desk adds names, everyone reads them in code-point order, the same word again adds nothing', async ({ server: s }) => {
    const desk = await s.user('dora', 'desk');
    const viewer = await s.user('vic', 'viewer');
    expect(await call(s, 'GET', '/api/dictionary', viewer.token)).toEqual({ status: 200, body: { words: [] } });
    const added = await call(s, 'POST', '/api/dictionary', desk.token, { word: ' Zelenskyy ' });
    expect(added).toEqual({ status: 201, body: { added: true, entry: { word: 'Zelenskyy', addedBy: 'dora', addedAt: expect.any(Number) } } satisfies DictionaryAddResponse });
    // Typed with a combining accent: stored composed, so both spellings are one word.
    expect((await call(s, 'POST', '/api/dictionary', desk.token, { word: 'Krako\u0301w' })).status).toBe(201);
    const again = await call(s, 'POST', '/api/dictionary', desk.token, { word: 'Kraków' });
    expect(again).toMatchObject({ status: 200, body: { added: false, entry: { word: 'Kraków' } } });
    await call(s, 'POST', '/api/dictionary', desk.token, { word: "O'Brien" });
    await call(s, 'POST', '/api/dictionary', desk.token, { word: 'Jean-Luc' });
    expect(await words(s, viewer.token)).toEqual(['Jean-Luc', 'Kraków', "O'Brien", 'Zelenskyy']);
  });

  it('only the desk, editors and admins change it; anyone signed in reads it; nobody else at all', async ({ server: s }) => {
    for (const role of ['desk', 'editor', 'admin'] as const) {
      const who = await s.user(`${role}1`, role);
      expect((await call(s, 'POST', '/api/dictionary', who.token, { word: `Word${role}` })).status, role).toBe(201);
      expect((await call(s, 'DELETE', `/api/dictionary/Word${role}`, who.token)).status, role).toBe(204);
    }
    await call(s, 'POST', '/api/dictionary', (await s.user('ed', 'editor')).token, { word: 'Kyiv' });
    for (const role of ['viewer', 'commenter', 'reporter'] as const) {
      const who = await s.user(`${role}1`, role);
      const refused = await call(s, 'POST', '/api/dictionary', who.token, { word: 'Odesa' });
      expect(refused.status, role).toBe(403);
      expect(refused.body?.error).toMatch(/cannot change the newsroom dictionary/);
      expect((await call(s, 'DELETE', '/api/dictionary/Kyiv', who.token)).status, role).toBe(403);
      expect(await words(s, who.token)).toEqual(['Kyiv']);
    }
    expect((await s.api('/api/dictionary', {})).status).toBe(401);
  });

  it('refuses what is not one word with 400 and a sentence; removing a word not there is 404', async ({ server: s }) => {
    const editor = await s.user('ed', 'editor');
    const bad: [unknown, RegExp][] = [
      [{}, /word is required/],
      [{ word: 42 }, /word must be a string/],
      [{ word: 'Kyiv', note: 'x' }, /unknown field "note"/],
      [{ word: '   ' }, /the word is empty/],
      [{ word: 'New York' }, /letters only.*each word of a name on its own/],
      [{ word: 'COVID19' }, /letters only/],
      [{ word: '<script>' }, /letters only/],
      [{ word: "'tis" }, /letters only/],
      [{ word: 'a'.repeat(65) }, /longer than 64 characters/],
    ];
    for (const [body, message] of bad) {
      const answer = await call(s, 'POST', '/api/dictionary', editor.token, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body?.error, JSON.stringify(body)).toMatch(message);
    }
    const notJson = await s.api('/api/dictionary', { method: 'POST', token: editor.token, body: new TextEncoder().encode('word=Kyiv'), headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await call(s, 'POST', '/api/dictionary', editor.token, { word: 'ä'.repeat(64) })).status).toBe(201);
    expect((await call(s, 'DELETE', '/api/dictionary/Odesa', editor.token)).body).toEqual({ error: 'the word “Odesa” is not in the newsroom dictionary' });
    expect((await call(s, 'DELETE', `/api/dictionary/${encodeURIComponent('two words')}`, editor.token)).status).toBe(400);
    expect((await call(s, 'DELETE', '/api/dictionary/%E0%A4%A', editor.token)).status).toBe(400);
  });

  it('removes a word by its URL-encoded self; every change is audited; event streams are told', async ({ server: s, openStream }) => {
    const desk = await s.user('dora', 'desk');
    const reporter = await s.user('rita', 'reporter');
    const stream = await openStream(s.url, reporter.token);
    await stream.next((e) => e.type === 'ready', 'the stream opens');
    await call(s, 'POST', '/api/dictionary', desk.token, { word: 'Kraków' });
    await stream.next((e) => e.type === 'dictionary', 'told of the added word');
    const told = stream.events.length;
    // The same word again changes nothing, and tells nothing.
    await call(s, 'POST', '/api/dictionary', desk.token, { word: 'Kraków' });
    expect((await call(s, 'DELETE', `/api/dictionary/${encodeURIComponent('Kraków')}`, desk.token)).status).toBe(204);
    await stream.next((e) => e.type === 'dictionary', 'told of the removed word', told);
    expect(stream.events.filter((e) => e.type === 'dictionary')).toHaveLength(2);
    expect(await words(s, reporter.token)).toEqual([]);
    const audit = (await s.server.store.listAudit({ limit: 10 })).filter((e) => e.action.startsWith('dictionary.'));
    expect(audit.map((e) => [e.action, e.userId, e.detail])).toEqual([
      ['dictionary.remove', desk.id, { word: 'Kraków' }],
      ['dictionary.add', desk.id, { word: 'Kraków' }],
    ]);
  });

  it('refuses hostile bodies and paths with a 4xx {error}, stores nothing of them, and keeps answering', async ({ server: s }) => {
    const desk = await s.user('dora', 'desk');
    const huge = JSON.stringify({ word: 'a'.repeat(2 * 1024 * 1024) });
    const oversized = await s.api('/api/dictionary', { method: 'POST', token: desk.token, body: huge, headers: { 'content-type': 'application/json' } });
    expect(oversized.status).toBe(413);
    expect(typeof ((await oversized.json()) as { error?: unknown }).error).toBe('string');
    for (const json of [['Kyiv'], 'Kyiv', null, { word: 'Kyiv', addedBy: 'admin' }, { word: { toString: 'Kyiv' } }]) {
      const answer = await call(s, 'POST', '/api/dictionary', desk.token, json);
      expect(answer.status, JSON.stringify(json)).toBe(400);
      expect(typeof answer.body?.error, JSON.stringify(json)).toBe('string');
    }
    const longPath = await call(s, 'DELETE', `/api/dictionary/${'x'.repeat(20_000)}`, desk.token);
    expect(longPath.status).toBeGreaterThanOrEqual(400);
    expect(longPath.status).toBeLessThan(500);
    expect(await words(s, desk.token)).toEqual([]);
    expect((await call(s, 'POST', '/api/dictionary', desk.token, { word: 'Kyiv' })).status).toBe(201);
  });
});
