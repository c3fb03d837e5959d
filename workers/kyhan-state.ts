/**
 * Where kyhan keeps its own state — the sent ledger, web sessions and used tokens, the signing
 * secret, the documents (storage/document-store.ts) — chosen by the configuration: files under
 * KYHAN_VAR_DIR (the embedded default, every process on one host sharing the directory), or
 * kyhan's PostgreSQL database when KYHAN_DATABASE_URL is set (workers and web apps on any hosts).
 * The worker, the web app and `npm start` open it once at start.
 */
import { resolve } from 'node:path';
import { loadOrCreateSecret, loadOrCreateSecretInDatabase } from '../auth/secret';
import { fileSentLedger, type SentLedger } from '../activities/email/sent-ledger';
import { postgresSentLedger } from '../activities/email/sent-ledger-postgres';
import { DatabaseError, sharedDatabase } from '../storage/database';
import type { DocumentStore } from '../storage/document-store';
import { fileDocumentStore } from '../storage/document-store-files';
import { documentStoreIn } from '../storage/document-store-from-config';
import { fileAuthStoreFor, type AuthStore } from '../web/auth/store';
import { PostgresAuthStore } from '../web/auth/store-postgres';
import type { Config } from './config';
import { ExitCode, UserFacingError } from './process';

export interface KyhanState {
  /** Signs unit links and sign-in tokens. */
  secret: string;
  sentLedger: SentLedger;
  authStore: AuthStore;
  /** Submitted files, consolidation parts and reports: what workers and web apps on any host share. */
  documentStore: DocumentStore;
  /** Where the state is, for the start-up log: a directory, or the database URL without its password. */
  where: string;
  /** Lets go of the database (files: nothing to do). */
  close(): Promise<void>;
}

export async function openKyhanState(config: Pick<Config, 'KYHAN_VAR_DIR' | 'KYHAN_SECRET' | 'KYHAN_DATABASE_URL'>): Promise<KyhanState> {
  if (!config.KYHAN_DATABASE_URL) {
    const varDir = resolve(config.KYHAN_VAR_DIR);
    return {
      secret: loadOrCreateSecret(varDir, config.KYHAN_SECRET),
      sentLedger: fileSentLedger(varDir),
      authStore: fileAuthStoreFor(varDir),
      documentStore: fileDocumentStore(varDir),
      where: varDir,
      close: async () => undefined,
    };
  }
  const database = await sharedDatabase(config.KYHAN_DATABASE_URL).catch((err: unknown) => {
    // Unreachable or a schema that cannot be brought up to date: one line, no stack trace.
    if (err instanceof DatabaseError) throw new UserFacingError(err.message, ExitCode.unreachable);
    throw err;
  });
  try {
    return {
      secret: await loadOrCreateSecretInDatabase(database.pool, config.KYHAN_SECRET),
      sentLedger: postgresSentLedger(database.pool),
      authStore: new PostgresAuthStore(database.pool),
      documentStore: documentStoreIn(database),
      where: database.displayUrl,
      close: () => database.close(),
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
