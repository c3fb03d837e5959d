/**
 * The document store a process uses, from its configuration: PostgreSQL when
 * `KYHAN_DATABASE_URL` is set (workers and web apps on several hosts share it, no shared
 * volume), otherwise files under the state directory `KYHAN_VAR_DIR` (one host, the embedded
 * default). Workers, the web app and `kyhan submit --file` all pick it the same way, so they
 * find each other's documents.
 */
import { resolve } from 'node:path';
import { sharedDatabase, type Database } from './database';
import type { DocumentStore } from './document-store';
import { fileDocumentStore } from './document-store-files';
import { postgresDocumentStore } from './document-store-postgres';

export interface DocumentStoreConfig {
  KYHAN_VAR_DIR: string;
  KYHAN_DATABASE_URL?: string | undefined;
}

/** The documents in `database` (already migrated); closing the store does not close the database. */
export function documentStoreIn(database: Pick<Database, 'pool' | 'displayUrl'>): DocumentStore {
  return postgresDocumentStore(database.pool, { where: database.displayUrl });
}

/**
 * Opens the store the configuration names. With a database, this process's shared pool is used
 * (storage/database.ts, migrated on first use) and the store's `close()` lets go of it; a database
 * that cannot be reached throws `DatabaseError`, whose message names KYHAN_DATABASE_URL.
 */
export async function documentStoreFromConfig(config: DocumentStoreConfig): Promise<DocumentStore> {
  if (!config.KYHAN_DATABASE_URL) return fileDocumentStore(resolve(config.KYHAN_VAR_DIR));
  const database = await sharedDatabase(config.KYHAN_DATABASE_URL);
  return postgresDocumentStore(database.pool, { where: database.displayUrl, close: () => database.close() });
}

/** For the CLI, which reads no full configuration: the same two variables, empty meaning unset. */
export function documentStoreConfigFromEnv(env: Record<string, string | undefined> = process.env): DocumentStoreConfig {
  return { KYHAN_VAR_DIR: env.KYHAN_VAR_DIR || 'var', ...(env.KYHAN_DATABASE_URL ? { KYHAN_DATABASE_URL: env.KYHAN_DATABASE_URL } : {}) };
}
