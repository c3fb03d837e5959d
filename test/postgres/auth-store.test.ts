import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFromUrl } from '../../storage/database';
import type { SessionRecord } from '../../web/auth/store';
import { PostgresAuthStore } from '../../web/auth/store-postgres';
import { freshDatabase, pools } from './databases';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 2, 8, 0, 0);
const session = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  email: 'an.nv@example.org',
  name: 'Nguyễn Văn An',
  csrfToken: 'csrf-1',
  createdAt: T0,
  lastSeenAt: T0,
  expiresAt: T0 + 8 * HOUR,
  ...over,
});

let webApps: pg.Pool[];
beforeAll(async () => {
  const url = await freshDatabase('auth_store');
  const database = databaseFromUrl(url);
  await database.migrate();
  await database.close();
  webApps = pools(url, 3);
});
afterAll(async () => {
  await Promise.all(webApps.map((p) => p.end()));
});

describe('the PostgreSQL auth store', () => {
  it('lets exactly one of three web apps use a sign-in token they receive at the same moment, 100 tokens over', async () => {
    const stores = webApps.map((pool) => new PostgresAuthStore(pool));
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => await Promise.all(stores.map((store) => store.useOnce(`token-${i}`, T0 + HOUR, T0)))),
    );
    const winners = outcomes.map((o) => o.filter(Boolean).length);
    console.log(`100 tokens each used by three web apps at once: ${winners.filter((w) => w === 1).length} used exactly once`);
    expect(winners.every((w) => w === 1)).toBe(true);
    // And later, from any of them, the token stays used.
    expect(await stores[2]!.useOnce('token-0', T0 + HOUR, T0 + 1)).toBe(false);
  });

  it('shows a session made by one web app to another, until it expires or is deleted; the id itself is never stored', async () => {
    const [a, b] = webApps.map((pool) => new PostgresAuthStore(pool));
    await a!.createSession('session-secret-id', session());
    expect(await b!.getSession('session-secret-id', T0 + HOUR)).toEqual(session());
    await b!.saveSession('session-secret-id', session({ lastSeenAt: T0 + HOUR, csrfToken: 'csrf-2' }));
    expect((await a!.getSession('session-secret-id', T0 + HOUR))?.csrfToken).toBe('csrf-2');
    const stored = await webApps[0]!.query<{ id_sha256: string; record: unknown }>('SELECT id_sha256, record FROM web_sessions');
    expect(JSON.stringify(stored.rows)).not.toContain('session-secret-id');

    expect(await a!.getSession('session-secret-id', T0 + 8 * HOUR)).toBeUndefined(); // Expired: gone.
    expect(await b!.getSession('session-secret-id', T0)).toBeUndefined();

    await a!.createSession('other', session());
    await b!.deleteSession('other');
    expect(await a!.getSession('other', T0)).toBeUndefined();
    expect(await a!.getSession('never-made', T0)).toBeUndefined();
  });

  it('never brings back a session signed out on one web app when another, with a request in flight, saves it', async () => {
    const [a, b] = webApps.map((pool) => new PostgresAuthStore(pool));
    await a!.createSession('signed-out', session());
    const inFlight = await b!.getSession('signed-out', T0 + HOUR); // Web app B reads it for a request…
    await a!.deleteSession('signed-out'); // …the person signs out on web app A…
    await b!.saveSession('signed-out', { ...inFlight!, lastSeenAt: T0 + HOUR }); // …and B refreshes lastSeenAt.
    expect(await a!.getSession('signed-out', T0 + HOUR)).toBeUndefined();
    expect(await b!.getSession('signed-out', T0 + HOUR)).toBeUndefined();
    const rows = await webApps[0]!.query("SELECT 1 FROM web_sessions WHERE record->>'lastSeenAt' = $1", [String(T0 + HOUR)]);
    expect(rows.rowCount).toBe(0);
  });

  it('sweeps expired sessions and used-token marks, and keeps live ones', async () => {
    const store = new PostgresAuthStore(webApps[0]!);
    await store.createSession('old', session({ expiresAt: T0 + HOUR }));
    await store.createSession('live', session({ expiresAt: T0 + 30 * HOUR }));
    await store.useOnce('old-token', T0 + HOUR, T0);
    await store.useOnce('live-token', T0 + 30 * HOUR, T0);
    await store.sweep(T0 + 2 * HOUR);
    const sessions = await webApps[0]!.query('SELECT 1 FROM web_sessions');
    expect(sessions.rowCount).toBe(1);
    // The expired mark is forgotten (its token no longer verifies anyway); the live one stays.
    expect(await store.useOnce('old-token', T0 + HOUR, T0 + 2 * HOUR)).toBe(true);
    expect(await store.useOnce('live-token', T0 + 30 * HOUR, T0 + 2 * HOUR)).toBe(false);
    expect(await store.getSession('live', T0 + 2 * HOUR)).toBeDefined();
  });
});
