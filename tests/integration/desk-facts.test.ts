// The desk's facts on a story (issue 17) end to end: a stock y-websocket client writes them into
// the story's meta, the story list and the ninjs export show them; a client writing one of the
// wrong shape is refused and nothing of it reaches the story or the list.
import { describe, expect } from 'vitest';
import type * as Y from 'yjs';
import type { ArticleListItem } from '../../model/api-types.ts';
import { META_KEYS, metaMap } from '../../model/article-schema.ts';
import type { TestServer } from '../support/test-server.ts';
import { it } from '../support/fixtures.ts';

const DEADLINE = Date.UTC(2026, 11, 8, 16, 30);
const FACTS = { assignees: ['ana', 'bo'], deadline: DEADLINE, targetWords: 600, urgency: 2 };

/** The story's list entry, once `ready` says it is what the test waits for. */
async function listEntry(server: TestServer, token: string, id: string, ready: (entry: ArticleListItem) => boolean): Promise<ArticleListItem> {
  const start = Date.now();
  for (;;) {
    const list = (await (await server.api('/api/articles', { token })).json()) as ArticleListItem[];
    const entry = list.find((a) => a.id === id);
    if (entry && ready(entry)) return entry;
    if (Date.now() - start > 10_000) throw new Error(`the list entry never got there: ${JSON.stringify(entry)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const setFacts = (doc: Y.Doc, facts: Record<string, unknown>) =>
  doc.transact(() => {
    for (const [key, value] of Object.entries(facts)) metaMap(doc).set(key, value);
  });

describe('the desk facts of a story', () => {
  it('written by a stock client, are in the story list and the ninjs export', async ({ startServer, connect }) => {
    const server = await startServer({ rooms: { summaryAfterMs: 20 } });
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const client = connect(server.wsUrl, id, ana.token);
    await client.synced;
    setFacts(client.doc, { ...FACTS, [META_KEYS.planningNote]: 'Call the mayor first' });

    const entry = await listEntry(server, ana.token, id, (e) => e.deadline !== null);
    expect(entry).toMatchObject(FACTS);
    expect(entry).not.toHaveProperty('planningNote'); // the note stays in the story

    const ninjs = await (await server.api(`/api/articles/${id}/export?format=ninjs&rev=live`, { token: ana.token })).json();
    expect(ninjs).toMatchObject({ urgency: 2, ednote: 'Call the mayor first' });

    // Clearing a fact clears it in the list.
    client.doc.transact(() => {
      metaMap(client.doc).delete(META_KEYS.deadline);
      metaMap(client.doc).set(META_KEYS.assignees, []);
    });
    expect(await listEntry(server, ana.token, id, (e) => e.deadline === null)).toMatchObject({ ...FACTS, assignees: [], deadline: null });
  });

  it('of the wrong shape are refused: the client is closed and neither the story nor its list entry takes them', async ({ startServer, connect }) => {
    const server = await startServer({ rooms: { summaryAfterMs: 20 } });
    const ana = await server.user('ana', 'reporter');
    const mallory = await server.user('mallory', 'reporter');
    const id = await server.createArticle(ana.token);
    const honest = connect(server.wsUrl, id, ana.token);
    await honest.synced;
    setFacts(honest.doc, { [META_KEYS.urgency]: 3 });
    await listEntry(server, ana.token, id, (e) => e.urgency === 3);

    const hostile = connect(server.wsUrl, id, mallory.token);
    await hostile.synced;
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      hostile.provider.once('connection-close', (event: { code: number; reason: string } | null) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
    );
    setFacts(hostile.doc, { [META_KEYS.urgency]: 'flash', [META_KEYS.assignees]: 'everyone' });
    expect(await closed).toEqual({ code: 1008, reason: 'update refused: meta “urgency” must be a whole number from 1 to 9' });
    hostile.destroy();

    // The honest client's next edit is listed, and the refused values are nowhere.
    setFacts(honest.doc, { [META_KEYS.targetWords]: 400 });
    const entry = await listEntry(server, ana.token, id, (e) => e.targetWords === 400);
    expect(entry).toMatchObject({ urgency: 3, assignees: [] });
    const fresh = connect(server.wsUrl, id, ana.token);
    await fresh.synced;
    expect(metaMap(fresh.doc).get(META_KEYS.urgency)).toBe(3);
    expect(metaMap(fresh.doc).has(META_KEYS.assignees)).toBe(false);
  });
});
