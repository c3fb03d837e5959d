/**
 * Where sessions and used one-time tokens are kept, behind a small interface so another store
 * (PostgreSQL) can replace the files. The file store keeps them in the state directory, so a
 * restart keeps people signed in:
 *   `<varDir>/web/sessions/<sha256 of session id>.json` (the id itself, the cookie's value, is never written)
 *   `<varDir>/web/used-tokens/<sha256 of token id>` (created exclusively: only one use can win)
 * Expired entries are swept at most once an hour, on a write.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SessionRecord {
  email: string;
  name: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** Milliseconds since the epoch after which the session is void (idle or absolute limit, whichever first). */
  expiresAt: number;
}

export interface AuthStore {
  createSession(id: string, record: SessionRecord): Promise<void>;
  /** The session, if present and not expired at `nowMs`. */
  getSession(id: string, nowMs: number): Promise<SessionRecord | undefined>;
  saveSession(id: string, record: SessionRecord): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /**
   * Marks a one-time token id used. True for the first use only, even when two requests race;
   * `expiresAtMs` is when the mark may be forgotten (the token no longer verifies after it).
   */
  useOnce(tokenId: string, expiresAtMs: number, nowMs: number): Promise<boolean>;
}

const digest = (id: string) => createHash('sha256').update(id).digest('hex');
const SWEEP_EVERY_MS = 60 * 60 * 1000;

function isSessionRecord(v: unknown): v is SessionRecord {
  const r = v as Partial<SessionRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.email === 'string' &&
    typeof r.name === 'string' &&
    typeof r.csrfToken === 'string' &&
    typeof r.createdAt === 'number' &&
    typeof r.lastSeenAt === 'number' &&
    typeof r.expiresAt === 'number'
  );
}

export class FileAuthStore implements AuthStore {
  private readonly sessions: string;
  private readonly used: string;
  private lastSweep = 0;
  private writes = 0;

  constructor(dir: string) {
    this.sessions = join(dir, 'sessions');
    this.used = join(dir, 'used-tokens');
  }

  async createSession(id: string, record: SessionRecord): Promise<void> {
    await this.sweepNowAndThen(record.createdAt);
    await this.saveSession(id, record);
  }

  async getSession(id: string, nowMs: number): Promise<SessionRecord | undefined> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(join(this.sessions, `${digest(id)}.json`), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isSessionRecord(parsed)) return undefined;
    if (parsed.expiresAt <= nowMs) {
      await this.deleteSession(id);
      return undefined;
    }
    return parsed;
  }

  async saveSession(id: string, record: SessionRecord): Promise<void> {
    await mkdir(this.sessions, { recursive: true, mode: 0o700 });
    // Write aside, then rename: a reader never sees half a file.
    const path = join(this.sessions, `${digest(id)}.json`);
    const temporary = `${path}.${process.pid}-${++this.writes}.tmp`;
    await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
    await rename(temporary, path);
  }

  async deleteSession(id: string): Promise<void> {
    await rm(join(this.sessions, `${digest(id)}.json`), { force: true });
  }

  async useOnce(tokenId: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    await this.sweepNowAndThen(nowMs);
    await mkdir(this.used, { recursive: true, mode: 0o700 });
    try {
      await writeFile(join(this.used, digest(tokenId)), String(expiresAtMs), { flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  }

  /** Deletes expired sessions and used-token marks whose tokens can no longer verify. */
  async sweep(nowMs: number): Promise<void> {
    this.lastSweep = nowMs;
    for (const [dir, expiry] of [
      [this.sessions, (text: string) => (JSON.parse(text) as Partial<SessionRecord>).expiresAt],
      [this.used, (text: string) => Number(text)],
    ] as const) {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        if (name.endsWith('.tmp')) continue;
        const path = join(dir, name);
        try {
          const at = expiry(await readFile(path, 'utf8'));
          if (typeof at === 'number' && at <= nowMs) await rm(path, { force: true });
        } catch {
          // Unreadable or half-written by another process: leave it for a later sweep.
        }
      }
    }
  }

  private async sweepNowAndThen(nowMs: number): Promise<void> {
    if (nowMs - this.lastSweep >= SWEEP_EVERY_MS) await this.sweep(nowMs);
  }
}

const fileStores = new Map<string, FileAuthStore>();

/** One file store per state directory, shared by every request of the process. */
export function fileAuthStoreFor(varDir: string): FileAuthStore {
  const dir = join(varDir, 'web');
  let store = fileStores.get(dir);
  if (!store) fileStores.set(dir, (store = new FileAuthStore(dir)));
  return store;
}
