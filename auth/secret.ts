/**
 * The server secret that signs unit links and sign-in tokens. `KYHAN_SECRET` when given (every
 * worker and the web app must then share it); otherwise generated once into
 * `<state dir>/secret.key` (mode 0600) by whichever process starts first, and read by the others;
 * with KYHAN_DATABASE_URL, generated once into kyhan's database instead, as processes on
 * different hosts share no state directory.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type pg from 'pg';

export const SECRET_FILE = 'secret.key';
/** Its row in the `server_secrets` table (storage/migrations/0001-…). */
export const SECRET_ROW = 'signing';

export function loadOrCreateSecret(varDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv;
  const dir = resolve(varDir);
  const path = join(dir, SECRET_FILE);
  mkdirSync(dir, { recursive: true });
  try {
    // `wx`: two processes starting at once cannot both write; the loser reads the winner's.
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} holds no usable secret (fewer than 32 characters): delete it to have a new one generated, or set KYHAN_SECRET.`);
  return secret;
}

/** The same in kyhan's database: the first process to insert its secret wins, every other one reads it. */
export async function loadOrCreateSecretInDatabase(pool: Pick<pg.Pool, 'query'>, fromEnv?: string): Promise<string> {
  if (fromEnv) return fromEnv;
  await pool.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [SECRET_ROW, randomBytes(32).toString('hex')]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [SECRET_ROW]);
  const secret = rows[0]?.value;
  if (!secret) throw new Error(`kyhan's database holds no secret (row ${SECRET_ROW} of server_secrets) right after writing one: is another program deleting it?`);
  return secret;
}
