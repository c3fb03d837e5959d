/**
 * A new, empty database on the test cluster for each caller, so that test files (and tests)
 * never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** Creates `<prefix>_<random>` and returns its URL (not migrated). */
export async function freshDatabase(prefix: string): Promise<string> {
  const admin = new URL(inject('postgresAdminUrl'));
  const name = `${prefix.replace(/[^a-z0-9]+/g, '_')}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  return admin.toString();
}

/** `count` separate pools on `url`: as many processes (workers, web apps) sharing one database. */
export function pools(url: string, count: number): pg.Pool[] {
  return Array.from({ length: count }, () => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => undefined);
    return pool;
  });
}
