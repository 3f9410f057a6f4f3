// A story that already holds bad values (written straight into the store, as a client could
// before documents were checked) still lists, opens, takes honest edits, exports, compares,
// approves and shows in the credits, and the server shuts down cleanly (exit 0) with it open.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { applyStored } from '../../model/apply-stored.ts';
import type { ArticleListItem } from '../../model/api-types.ts';
import { ELLIPSIS, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { bodyFragment } from '../../model/article-schema.ts';
import { createParagraph } from '../../model/body-tree.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import { it } from '../support/fixtures.ts';
import { poisonUpdate, POISON_PICTURE } from '../support/poisoned-article.ts';
import { startHostileServer } from '../hostile/support/hostile-server.ts';

/** Writes the poison into story `id` in the store of `dataDir` (no server running). */
async function poisonStored(dataDir: string, id: string): Promise<void> {
  const store = await SqliteStore.open(dataDir);
  try {
    const stored = await store.loadDocument(id);
    const doc = new Y.Doc();
    applyStored(doc, stored);
    await store.appendUpdates(id, [poisonUpdate(Y.encodeStateAsUpdate(doc))]);
  } finally {
    await store.close();
  }
}

describe('a story stored with bad values', () => {
  it('lists, takes edits, exports, compares, approves, credits and shuts down cleanly', async ({ connect, defer }) => {
    // Both processes run over one data dir; each is stopped (and the dir removed) after the test.
    const first = await startHostileServer();
    defer(() => first.dispose());
    const id = await first.createArticle(await first.token('ana'), 'Poisoned before checks existed');
    expect(await first.stop()).toBe(0);
    await poisonStored(first.dataDir, id);
    const server = await startHostileServer({ dataDir: first.dataDir, addUsers: false });
    defer(() => server.dispose());
    const ana = await server.token('ana');
    const ed = await server.token('ed');
    const get = async (path: string, token = ana) => {
      const response = await server.api(path, { token });
      const body = await response.text();
      expect(response.status, `${path}: ${body}`).toBe(200);
      return body;
    };
    const post = async (path: string, token: string, json: unknown = {}) => {
      const response = await server.api(path, { method: 'POST', token, json });
      const body = await response.text();
      expect(response.status, `${path}: ${body}`).toBeLessThan(300);
      return JSON.parse(body) as Record<string, unknown>;
    };

    // An honest editor opens it and writes a paragraph: the room derives the list entry from the poisoned document.
    const client = connect(server.wsUrl, id, ana, { track: true });
    await client.synced;
    const body = bodyFragment(client.doc);
    body.insert(body.length, [createParagraph('An honest paragraph.')]);
    await client.tracker!.whenSaved();
    // (The entry is refreshed a moment after the change; until then it has what the server stored at creation.)
    let entry: ArticleListItem | undefined;
    for (let tries = 0; tries < 100 && !entry?.headline.startsWith('H'); tries++) {
      entry = (JSON.parse(await get('/api/articles')) as ArticleListItem[]).find((a) => a.id === id);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The document's 500-character cap first, then the list's own cap of its texts.
    expect(entry).toMatchObject({ headline: 'H'.repeat(LIST_TEXT_MAX - 1) + ELLIPSIS, byline: '', desk: '', pictureCount: 1, picturesMissingCredit: 0 });

    for (const format of ['text', 'html', 'ninjs']) await get(`/api/articles/${id}/export?format=${format}&rev=live`);
    expect(await get(`/api/articles/${id}/export?format=html&rev=live`)).toContain('An honest paragraph.');

    const revision = await post(`/api/articles/${id}/revisions`, ana, { note: 'with the poison' });
    const revisionNumber = revision.id as number;
    await post(`/api/articles/${id}/revisions/${revisionNumber}/submit`, ana);
    // Its one real picture was never given an image: approved explicitly without it.
    const approved = await post(`/api/articles/${id}/revisions/${revisionNumber}/approve`, ed, { allowMissingImages: true });
    expect((approved.article as ArticleListItem).status).toBe('approved');
    await get(`/api/articles/${id}/export?format=ninjs&rev=approved`);
    expect(await get(`/api/articles/${id}/diff?from=0&to=live`)).toContain('An honest paragraph.');
    expect(await get('/api/credits')).toContain(POISON_PICTURE.credit);

    // Shutdown with the story open stores it and exits 0.
    expect(await server.stop()).toBe(0);
    expect(server.logLines('failed')).toEqual([]);
    expect(server.logLines('could not be stored')).toEqual([]);
  });
});
