// Choosing the store at start: the shared Postgres database when given its URL, otherwise the
// embedded SQLite database in the data dir.
import { describePostgresUrl, isPostgresUrl } from './postgres-connection.ts';
import { PostgresStore } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** Where the store is: `storeUrl` (a postgres:// URL) when given, else SQLite in `dataDir`. */
export interface StoreSpec {
  storeUrl?: string;
  dataDir: string;
}

/** Opens (and migrates) the store `spec` names. */
export async function openStore(spec: StoreSpec): Promise<Store> {
  if (spec.storeUrl === undefined) return SqliteStore.open(spec.dataDir);
  if (!isPostgresUrl(spec.storeUrl)) throw new Error('the store must be a postgres:// or postgresql:// URL');
  return PostgresStore.open(spec.storeUrl);
}

/** Where the newsroom is kept, for messages: the data dir, or the database without its password. */
export const storeLocation = (spec: StoreSpec): string => (spec.storeUrl === undefined ? spec.dataDir : describePostgresUrl(spec.storeUrl));
