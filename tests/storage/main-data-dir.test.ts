// A data dir written by the store before SQL was shared between the stores (main at commit
// ee4d3ed, schema version 6: fixtures/main-data-dir/newsroom.sqlite) opens under this code and
// reads back everything it held: accounts, stories, the log after a snapshot, revisions, workflow,
// pictures, credits, authors and audit; and takes new writes.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import { headlineOf } from './contract/fixtures.ts';

const FIXTURE = new URL('./fixtures/main-data-dir/', import.meta.url);

let dataDir = '';
let store: SqliteStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
  await rm(dataDir, { recursive: true, force: true });
});

describe('a data dir written by main', () => {
  it('opens, migrates and reads back what it held', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-main-'));
    await cp(FIXTURE, dataDir, { recursive: true });
    store = await SqliteStore.open(dataDir);

    expect(await store.findUserByUsername('ana')).toMatchObject({ id: 'user-ana', username: 'Ana', passwordHash: 'hash-ana', role: 'reporter' });
    expect(await store.countUsers()).toBe(2);
    expect(await store.findSession('token-1')).toEqual({ tokenHash: 'token-1', userId: 'user-ana', createdAt: 10, expiresAt: 4_000_000_000_000 });
    expect(await store.serverSecret('ticket-key', 'another')).toBe('secret-1');

    const list = await store.listArticles();
    expect(list.map((a) => a.id)).toEqual(['story-a', 'story-b']);
    expect(list[0]).toMatchObject({
      headline: 'Fire at the docks, two hurt',
      status: 'approved',
      approvedRevision: 1,
      approvedWordCount: 6,
      changedSinceApproval: false,
      updatedByName: 'Ana Reporter',
      lastEvent: { action: 'approve', userName: 'Eve Editor', note: 'ok', at: 800 },
      spiked: false,
    });
    expect(list[1]).toMatchObject({ headline: 'Council vote', spiked: true, lastEvent: { action: 'spike' } });
    expect(await store.listArticles({ spiked: 'exclude' })).toHaveLength(1);

    const stored = await store.loadDocument('story-a');
    expect(stored.lastSeq).toBe(2);
    expect(headlineOf(stored.snapshot, ...stored.updates)).toBe('Fire at the docks, two hurt');
    expect(await store.listRevisions('story-a')).toEqual([
      { articleId: 'story-a', number: 1, createdAt: 600, createdBy: 'user-ana', createdByName: 'Ana Reporter', note: 'first', wordCount: 6 },
    ]);
    expect(headlineOf(await store.loadRevisionState('story-a', 1))).toBe('Fire at the docks, two hurt');
    expect((await store.listWorkflowEvents('story-a')).map((e) => e.action)).toEqual(['snapshot', 'submit', 'approve']);
    expect(await store.getPicture('a'.repeat(64))).toMatchObject({ credit: 'Ann Snapper', width: 800, uploadedBy: 'user-ana' });
    expect((await store.listCreditUses()).map((u) => [u.version, u.articleId, u.credit])).toEqual([
      ['draft', 'story-a', 'Ann Snapper'],
      ['approved', 'story-a', 'Ann Snapper'],
    ]);
    expect(await store.listClientAuthors('story-a')).toEqual([
      { clientId: 7, userId: 'user-eve' },
      { clientId: 4_000_000_000, userId: 'user-ana' },
    ]);
    expect((await store.listAudit({}))[0]).toEqual({ at: 950, userId: 'user-eve', action: 'user.create', articleId: null, detail: { username: 'eve' } });

    // New writes go on from where main left off.
    expect(await store.appendUpdates('story-a', [new Uint8Array([0, 0])])).toBe(3);
    const next = { articleId: 'story-a', createdAt: 1000, createdBy: 'user-eve', note: 'second', wordCount: 6, contentHash: 'fp-2', state: new Uint8Array([0, 0]) };
    expect((await store.addRevision(next)).number).toBe(2);
  });
});
