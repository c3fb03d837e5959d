/**
 * The document store a process uses, from its configuration: PostgreSQL when
 * `KYHAN_DATABASE_URL` is set (workers and the web app on several machines share it), otherwise
 * files under the state directory `KYHAN_VAR_DIR` (one machine, the embedded default). Workers,
 * the web app and `kyhan submit --file` all pick it the same way, so they find each other's
 * documents.
 */
import { resolve } from 'node:path';
import type { DocumentStore } from './document-store';
import { fileDocumentStore } from './document-store-files';

export interface DocumentStoreConfig {
  KYHAN_VAR_DIR: string;
  KYHAN_DATABASE_URL?: string | undefined;
}

export async function documentStoreFromConfig(config: DocumentStoreConfig): Promise<DocumentStore> {
  return fileDocumentStore(resolve(config.KYHAN_VAR_DIR));
}

/** For the CLI, which reads no full configuration: the same two variables, empty meaning unset. */
export function documentStoreConfigFromEnv(env: Record<string, string | undefined> = process.env): DocumentStoreConfig {
  return { KYHAN_VAR_DIR: env.KYHAN_VAR_DIR || 'var', ...(env.KYHAN_DATABASE_URL ? { KYHAN_DATABASE_URL: env.KYHAN_DATABASE_URL } : {}) };
}
