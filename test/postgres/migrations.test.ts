import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFromUrl, MIGRATIONS_DIR, readMigrations, sharedDatabase, type Database } from '../../storage/database';
import { freshDatabase } from './databases';

const opened: Database[] = [];
const open = (url: string, migrationsDir?: string) => {
  const database = databaseFromUrl(url, migrationsDir ? { migrationsDir } : {});
  opened.push(database);
  return database;
};
afterAll(async () => {
  await Promise.all(opened.map((d) => d.close()));
});

const allMigrations = readMigrations().map((m) => m.name);

describe('migrations', () => {
  it('apply once: a second run applies nothing and the schema is there', async () => {
    const database = open(await freshDatabase('migrate_twice'));
    expect(await database.migrate()).toEqual(allMigrations);
    expect(await database.migrate()).toEqual([]);
    const { rows } = await database.pool.query<{ name: string }>('SELECT name FROM kyhan_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(allMigrations);
    await database.pool.query('SELECT message_id, holder, claimed_until, sent_at FROM sent_messages');
  });

  it('run by eight processes starting at once: each file runs exactly once, the others wait and find it done', async () => {
    const url = await freshDatabase('migrate_concurrently');
    const databases = Array.from({ length: 8 }, () => open(url));
    const applied = await Promise.all(databases.map((d) => d.migrate()));
    console.log(`8 concurrent migrate() calls applied: ${JSON.stringify(applied.map((a) => a.length))}`);
    expect(applied.flat().sort()).toEqual(allMigrations);
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
    const { rows } = await databases[0]!.pool.query<{ count: string }>('SELECT count(*) FROM kyhan_migrations');
    expect(Number(rows[0]!.count)).toBe(allMigrations.length);
  });

  it('shares one migrated pool per process: sharedDatabase handles close independently', async () => {
    const url = await freshDatabase('migrate_shared');
    const [a, b] = await Promise.all([sharedDatabase(url), sharedDatabase(url)]);
    expect(a.pool).toBe(b.pool);
    await a.close();
    await a.close(); // Twice is once.
    expect((await b.pool.query('SELECT count(*) FROM kyhan_migrations')).rows).toHaveLength(1);
    await b.close();
    await expect(b.pool.query('SELECT 1')).rejects.toThrow(/after calling end|ended/i);
  });

  describe('with migration files of our own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyhan-migrations-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const folder = (name: string, files: Record<string, string>) => {
      const path = join(dir, name);
      cpSync(MIGRATIONS_DIR, path, { recursive: true });
      for (const [file, sql] of Object.entries(files)) writeFileSync(join(path, file), sql);
      return path;
    };

    it('roll a failing file back whole and record nothing of it; the earlier files stay applied', async () => {
      const path = folder('failing', { '9001-half-done.sql': 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n' });
      const database = open(await freshDatabase('migrate_failing'), path);
      await expect(database.migrate()).rejects.toThrow(/Migration 9001-half-done.sql failed on postgres:\/\/.*no_such_function/);
      const tables = await database.pool.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
      expect(tables.rowCount).toBe(0);
      const { rows } = await database.pool.query<{ name: string }>('SELECT name FROM kyhan_migrations ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(allMigrations);
    });

    it('refuse a file changed after it was applied, naming it and the fix', async () => {
      const url = await freshDatabase('migrate_changed');
      const before = folder('before', { '9002-extra.sql': 'CREATE TABLE extra (id int);\n' });
      await open(url, before).migrate();
      const after = folder('after', { '9002-extra.sql': 'CREATE TABLE extra (id bigint);\n' });
      await expect(open(url, after).migrate()).rejects.toThrow('Migration 9002-extra.sql was changed after it was applied');
    });

    it('refuse badly named or doubly numbered files before touching the database', () => {
      expect(() => readMigrations(folder('badname', { 'extra.sql': 'SELECT 1;' }))).toThrow(/badly named: expected NNNN-lowercase-words.sql/);
      expect(() => readMigrations(folder('twice', { '0001-again.sql': 'SELECT 1;' }))).toThrow(/share the number 0001: renumber the newer one/);
    });
  });

  it('say which URL cannot be reached and why, without its password', async () => {
    const database = open('postgres://kyhan:hunter2hunter2@127.0.0.1:1/kyhan');
    const error = await database.migrate().then(() => undefined, (err: unknown) => err as Error);
    expect(error?.message).toBe('Cannot use the database at KYHAN_DATABASE_URL=postgres://kyhan:***@127.0.0.1:1/kyhan: nothing listens there (is PostgreSQL running?)');
  });
});
