/**
 * Sessions and used one-time tokens in PostgreSQL (tables `web_sessions`, `used_tokens`), so that
 * any number of web app processes, on any host, see the same sign-ins. Like the file store
 * (store.ts): keyed by the SHA-256 of the id, never the id itself; a token is marked used by
 * an insert that only one request can win; expired rows are swept at most once an hour.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { AuthStore, SessionRecord } from './store';

const digest = (id: string) => createHash('sha256').update(id).digest('hex');
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export class PostgresAuthStore implements AuthStore {
  private lastSweep = 0;

  constructor(private readonly pool: pg.Pool) {}

  async createSession(id: string, record: SessionRecord): Promise<void> {
    await this.sweepNowAndThen(record.createdAt);
    await this.pool.query(
      `INSERT INTO web_sessions (id_sha256, record, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (id_sha256) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at`,
      [digest(id), JSON.stringify(record), new Date(record.expiresAt)],
    );
  }

  async getSession(id: string, nowMs: number): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{ record: SessionRecord }>('SELECT record FROM web_sessions WHERE id_sha256 = $1', [digest(id)]);
    const record = rows[0]?.record;
    if (!record) return undefined;
    if (record.expiresAt <= nowMs) {
      await this.deleteSession(id);
      return undefined;
    }
    return record;
  }

  /**
   * Updates a session that still exists, and only then: a request in flight on another web app
   * (refreshing lastSeenAt) must not bring back a session signed out (deleted) meanwhile.
   */
  async saveSession(id: string, record: SessionRecord): Promise<void> {
    await this.pool.query('UPDATE web_sessions SET record = $2, expires_at = $3 WHERE id_sha256 = $1', [digest(id), JSON.stringify(record), new Date(record.expiresAt)]);
  }

  async deleteSession(id: string): Promise<void> {
    await this.pool.query('DELETE FROM web_sessions WHERE id_sha256 = $1', [digest(id)]);
  }

  async useOnce(tokenId: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    await this.sweepNowAndThen(nowMs);
    const inserted = await this.pool.query('INSERT INTO used_tokens (id_sha256, expires_at) VALUES ($1, $2) ON CONFLICT (id_sha256) DO NOTHING', [digest(tokenId), new Date(expiresAtMs)]);
    return inserted.rowCount === 1;
  }

  /** Deletes expired sessions and used-token marks whose tokens can no longer verify. */
  async sweep(nowMs: number): Promise<void> {
    this.lastSweep = nowMs;
    const now = new Date(nowMs);
    await this.pool.query('DELETE FROM web_sessions WHERE expires_at <= $1', [now]);
    await this.pool.query('DELETE FROM used_tokens WHERE expires_at <= $1', [now]);
  }

  private async sweepNowAndThen(nowMs: number): Promise<void> {
    if (nowMs - this.lastSweep >= SWEEP_EVERY_MS) await this.sweep(nowMs);
  }
}
