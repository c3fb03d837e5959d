/**
 * kyhan's own PostgreSQL database (KYHAN_DATABASE_URL): one connection pool per process, and the
 * schema kept by numbered migrations.
 *
 * `storage/migrations/NNNN-name.sql` files run in name order, each in its own transaction, and are
 * recorded in `kyhan_migrations`; a session-level advisory lock makes every process that starts at
 * once (workers, the web app) wait for the one applying them, so each file runs exactly once.
 * A file changed after it was applied is refused rather than silently skipped: add a new file.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { redactUrl } from './redact-url';

export { redactUrl };

/** Where the migration files live: beside this module, so they ship with it. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Any 64-bit number of our own; every kyhan process takes the same one while migrating. */
const MIGRATION_LOCK_KEY = 7_235_117_846_101n;
const MIGRATION_FILE = /^(\d{4})-[a-z0-9-]+\.sql$/;
/** Connections per process: the worker's activities and the web app's requests are short. */
const DEFAULT_POOL_SIZE = 10;
/** How long a new connection may take before the request fails, rather than hanging. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Idle time before the first keepalive probe on a connection. */
const KEEPALIVE_AFTER_MS = 30_000;

/** Thrown when the database cannot be reached or its schema cannot be brought up to date; the message is fit for the user. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

export interface Database {
  readonly pool: pg.Pool;
  /** The URL with its password hidden, for messages and logs. */
  readonly displayUrl: string;
  /** Applies the migrations not applied yet; returns their names. Waits for another process doing it. */
  migrate(): Promise<string[]>;
  /** Ends every connection. Safe to call twice. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Folder of NNNN-name.sql files (default storage/migrations). */
  migrationsDir?: string;
  /** Called when an idle connection breaks (the server restarted); the pool drops it and opens another when needed. */
  onIdleError?: (err: Error) => void;
}

export interface Migration {
  name: string;
  sql: string;
  sha256: string;
}

/** The migration files of `dir`, in the order they run. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const names = readdirSync(dir).filter((name) => name.endsWith('.sql'));
  const seen = new Map<string, string>();
  for (const name of names) {
    const number = MIGRATION_FILE.exec(name)?.[1];
    if (!number) throw new DatabaseError(`Migration ${join(dir, name)} is badly named: expected NNNN-lowercase-words.sql, e.g. 0002-documents.sql`);
    const other = seen.get(number);
    if (other) throw new DatabaseError(`Migrations ${other} and ${name} share the number ${number}: renumber the newer one`);
    seen.set(number, name);
  }
  return names.sort().map((name) => {
    const sql = readFileSync(join(dir, name), 'utf8');
    return { name, sql, sha256: createHash('sha256').update(sql).digest('hex') };
  });
}

/** Why a connection failed, said for the person who set KYHAN_DATABASE_URL. */
export function explainConnectionError(err: unknown, displayUrl: string): DatabaseError {
  const e = err as { code?: string; message?: string };
  const reason =
    e.code === 'ECONNREFUSED' ? 'nothing listens there (is PostgreSQL running?)'
    : e.code === 'ENOTFOUND' ? 'the host name does not resolve'
    : e.code === '3D000' ? 'the database does not exist (create it, e.g. `createdb kyhan`)'
    : e.code === '28P01' || e.code === '28000' ? 'the server refused the user or password'
    : (e.message ?? String(err));
  return new DatabaseError(`Cannot use the database at KYHAN_DATABASE_URL=${displayUrl}: ${reason}`);
}

async function applyMigrations(pool: pg.Pool, migrations: Migration[], displayUrl: string): Promise<string[]> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw explainConnectionError(err, displayUrl);
  }
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS kyhan_migrations (
        name text PRIMARY KEY,
        sha256 text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ name: string; sha256: string }>('SELECT name, sha256 FROM kyhan_migrations');
      const applied = new Map(rows.map((r) => [r.name, r.sha256]));
      const ran: string[] = [];
      for (const migration of migrations) {
        const sha256 = applied.get(migration.name);
        if (sha256 === migration.sha256) continue;
        if (sha256 !== undefined) {
          throw new DatabaseError(`Migration ${migration.name} was changed after it was applied to ${displayUrl}: restore the file and put the change in a new migration`);
        }
        try {
          await client.query('BEGIN');
          await client.query(migration.sql);
          await client.query('INSERT INTO kyhan_migrations (name, sha256) VALUES ($1, $2)', [migration.name, migration.sha256]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new DatabaseError(`Migration ${migration.name} failed on ${displayUrl}: ${(err as Error).message}`);
        }
        ran.push(migration.name);
      }
      return ran;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch((err: Error) => (broken = err));
    }
  } catch (err) {
    if (err instanceof DatabaseError) throw err;
    broken = err as Error;
    throw explainConnectionError(err, displayUrl);
  } finally {
    // A connection whose unlock failed may still hold the lock: close it rather than reuse it.
    client.release(broken);
  }
}

/** A pool on `url` (not connected until first used) and its migration runner. */
export function databaseFromUrl(url: string, options: DatabaseOptions = {}): Database {
  const displayUrl = redactUrl(url);
  // TCP keepalive: a connection to a server that vanished (a host down, a network cut) fails
  // instead of leaving a query waiting forever.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? DEFAULT_POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_AFTER_MS });
  // Without a listener an idle connection's error (a server restart) would end the process.
  pool.on('error', options.onIdleError ?? (() => undefined));
  let closing: Promise<void> | undefined;
  return {
    pool,
    displayUrl,
    migrate: () => applyMigrations(pool, readMigrations(options.migrationsDir), displayUrl),
    close: () => (closing ??= pool.end()),
  };
}

interface SharedEntry {
  database: Database;
  migrated: Promise<void>;
  users: number;
}
const shared = new Map<string, SharedEntry>();

/**
 * This process's database for `url`, migrated: every part (ledger, sessions, secret, documents;
 * the worker and the web app when `npm start` runs both) shares one pool. The first call applies
 * the migrations, later ones wait for that. Each caller gets its own handle: its `close()` lets go
 * of the pool, which ends when the last handle is closed.
 */
export async function sharedDatabase(url: string): Promise<Database> {
  let entry = shared.get(url);
  if (!entry) {
    const database = databaseFromUrl(url);
    const created: SharedEntry = { database, migrated: database.migrate().then(() => undefined), users: 0 };
    shared.set(url, (entry = created));
    // A failed start must not stay cached: a later call tries again with a fresh pool.
    created.migrated.catch(() => {
      if (shared.get(url) === created) shared.delete(url);
      void database.close();
    });
  }
  entry.users += 1;
  try {
    await entry.migrated;
  } catch (err) {
    entry.users -= 1;
    throw err;
  }
  const held = entry;
  let released = false;
  return {
    pool: held.database.pool,
    displayUrl: held.database.displayUrl,
    migrate: () => held.database.migrate(),
    async close() {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users > 0) return;
      if (shared.get(url) === held) shared.delete(url);
      await held.database.close();
    },
  };
}
