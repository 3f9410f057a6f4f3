// The file blob store, and a SQLite data dir written before pictures existed: migrated, then
// indexed at start. The store's picture methods (uploads, the story list's picture counts, the
// credits index) are in the storage suite (tests/storage/), run against every store.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import type { CreditReport } from '../../model/api-types.ts';
import { addPicture, headlineText } from '../../model/article-schema.ts';
import { blobDirectory, FileBlobStore } from '../../server/pictures/file-blob-store.ts';
import { sha256Hex } from '../../server/pictures/picture-hash.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { it } from '../support/fixtures.ts';

describe('file blob store', () => {
  it('puts bytes under their sha256 once, gets them back, and knows what it has', async ({ tempDir }) => {
    const dataDir = await tempDir('newsroom-blobs-');
    const blobs = await FileBlobStore.open(dataDir);
    const bytes = Buffer.from('some picture bytes');
    const hash = sha256Hex(bytes);
    expect(await blobs.has(hash)).toBe(false);
    expect(await blobs.get(hash)).toBeNull();
    expect(await blobs.put(bytes)).toEqual({ hash, created: true });
    expect(await blobs.put(bytes)).toEqual({ hash, created: false });
    expect(await blobs.has(hash)).toBe(true);
    expect((await blobs.get(hash))?.equals(bytes)).toBe(true);
    expect(await readdir(join(blobDirectory(dataDir), hash.slice(0, 2)))).toEqual([hash]);
  });

  it('refuses anything but a well-formed hash as a name, whatever the caller', async ({ tempDir }) => {
    const dataDir = await tempDir('newsroom-blobs-');
    const blobs = await FileBlobStore.open(dataDir);
    for (const bad of ['../newsroom.sqlite', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(62)}/x`]) {
      await expect(blobs.get(bad)).rejects.toThrow(/not a picture hash/);
      await expect(blobs.has(bad)).rejects.toThrow(/not a picture hash/);
    }
  });

  it('leaves neither the file nor a temporary one when the write fails', async ({ tempDir }) => {
    const dataDir = await tempDir('newsroom-blobs-');
    const blobs = await FileBlobStore.open(dataDir);
    const bytes = Buffer.from('cannot be renamed into place');
    const hash = sha256Hex(bytes);
    // A directory squatting on the final name makes the rename fail.
    await mkdir(join(blobDirectory(dataDir), hash.slice(0, 2), hash), { recursive: true });
    await expect(blobs.put(bytes)).rejects.toThrow();
    expect(await readdir(join(blobDirectory(dataDir), hash.slice(0, 2)))).toEqual([hash]);
    expect(await blobs.has(hash)).toBe(false);
  });
});

describe('a data dir from before pictures', () => {
  it('is migrated, and at start its stories get their picture counts and credits, approved revisions included', async ({ tempDir, startServer }) => {
    const dataDir = await tempDir('newsroom-pictures-');
    const draft = new Y.Doc();
    headlineText(draft).insert(0, 'Old story');
    addPicture(draft, { id: 'p1', caption: 'Docks', credit: 'Reuters' });
    addPicture(draft, { id: 'p2', credit: '' });
    const approvedDoc = new Y.Doc();
    addPicture(approvedDoc, { id: 'p0', credit: 'Earlier Agency' });

    const old = new Database(databasePath(dataDir));
    old.exec(SQLITE_MIGRATIONS[0]);
    old.exec(SQLITE_MIGRATIONS[1]);
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES ('u1', 'ana', 'Ana', 'reporter', 'x', 1)").run();
    old
      .prepare(
        "INSERT INTO articles (id, created_at, created_by, updated_at, updated_by, headline, status, approved_revision) VALUES ('old', 1, 'u1', 777, 'u1', 'Listed headline', 'approved', 1)",
      )
      .run();
    // A story whose approved revision is missing (a damaged data dir) must not stop the start.
    old
      .prepare(
        "INSERT INTO articles (id, created_at, created_by, updated_at, updated_by, headline, status, approved_revision) VALUES ('broken', 2, 'u1', 1, 'u1', 'Broken', 'approved', 9)",
      )
      .run();
    old.prepare("INSERT INTO article_updates (article_id, data) VALUES ('old', ?)").run(Buffer.from(Y.encodeStateAsUpdate(draft)));
    old.prepare("INSERT INTO revisions (article_id, number, created_at, created_by, word_count, state) VALUES ('old', 1, 5, 'u1', 0, ?)").run(
      Buffer.from(Y.encodeStateAsUpdate(approvedDoc)),
    );
    old.close();

    const server = await startServer({ dataDir });
    expect(server.logger.matching('indexing the pictures of 2 stories')).toHaveLength(1);
    expect(server.logger.matching('the pictures of story broken could not be indexed')).toHaveLength(1);
    const { token } = await server.user('eve', 'editor');
    const list = (await (await server.api('/api/articles', { token })).json()) as { id: string; headline: string; updatedAt: number; pictureCount: number; picturesMissingCredit: number }[];
    const entry = list.find((a) => a.id === 'old');
    // Picture facts derived; the rest of the entry as it was.
    expect(entry).toMatchObject({ headline: 'Listed headline', updatedAt: 777, pictureCount: 2, picturesMissingCredit: 1 });
    const report = (await (await server.api('/api/credits', { token })).json()) as CreditReport[];
    expect(report.map((c) => [c.credit, c.pictures.map((p) => p.pictureId), c.articles.map((a) => a.approved)])).toEqual([
      ['Earlier Agency', ['p0'], [true]],
      ['Reuters', ['p1'], [false]],
    ]);

    // Indexed once: the next start only tries the broken story again.
    await server.stop();
    const restarted = await startServer({ dataDir });
    expect(restarted.logger.matching('indexing the pictures of 1 story')).toHaveLength(1);
    expect((await restarted.server.store.listUnindexedArticles()).map((a) => a.id)).toEqual(['broken']);
  });
});
