// One storage suite, two stores: every contract case runs against the embedded SQLite store
// (a temp data dir per test) and the shared Postgres store (a database per file, emptied
// before each test). Postgres needs TEST_DATABASE_URL; see tests/support/postgres.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import type { Store } from '../../server/storage/store.ts';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/postgres.ts';
import { accountsContract } from './contract/accounts.ts';
import { amendmentsContract } from './contract/amendments.ts';
import { articlePagesContract } from './contract/article-pages.ts';
import { articlesContract } from './contract/articles.ts';
import { auditContract } from './contract/audit.ts';
import { deskLimitsContract } from './contract/desk-limits.ts';
import { dictionaryContract } from './contract/dictionary.ts';
import { documentsContract } from './contract/documents.ts';
import type { StoreHarness } from './contract/fixtures.ts';
import { peopleContract } from './contract/people.ts';
import { picturesContract } from './contract/pictures.ts';
import { releaseContract } from './contract/release.ts';
import { restrictionsContract } from './contract/restrictions.ts';
import { revisionsContract } from './contract/revisions.ts';
import { versionsContract } from './contract/versions.ts';

// Every case, against the store that `openStore` opens; stores opened by a test are closed after it.
function storeContract(openStore: () => Promise<Store>): void {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  const harness: StoreHarness = {
    async open() {
      const store = await openStore();
      opened.push(store);
      return store;
    },
  };
  describe('users and sessions', () => accountsContract(harness));
  describe('people and desks', () => peopleContract(harness));
  describe('stories', () => articlesContract(harness));
  describe('the story list a page at a time', () => articlePagesContract(harness));
  describe('update log and snapshots', () => documentsContract(harness));
  describe('revisions, workflow and authors', () => revisionsContract(harness));
  describe('pictures and credits', () => picturesContract(harness));
  describe('audit', () => auditContract(harness));
  describe('versions and spiking in the story list', () => versionsContract(harness));
  describe('restricted stories', () => restrictionsContract(harness));
  describe('updates and corrections after approval', () => amendmentsContract(harness));
  describe('embargoes, legal holds and kills', () => releaseContract(harness));
  describe('desk limits', () => deskLimitsContract(harness));
  describe('the newsroom dictionary', () => dictionaryContract(harness));
}

describe('SQLite store', () => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-contract-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  storeContract(() => SqliteStore.open(dataDir));
});

describeWithPostgres('Postgres store', (adminUrl) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
  });
  beforeEach(async () => {
    await database.truncate();
  });
  afterAll(async () => {
    await database?.drop();
  });
  storeContract(() => PostgresStore.open(database.url));
});
