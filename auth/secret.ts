/**
 * The server secret that signs unit links and sign-in tokens. `KYHAN_SECRET` when given (every
 * worker and the web app must then share it); otherwise generated once into
 * `<state dir>/secret.key` (mode 0600) by whichever process starts first, and read by the others.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SECRET_FILE = 'secret.key';

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
