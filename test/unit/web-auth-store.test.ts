/** The file store of sessions and used one-time tokens, and the in-memory rate limiter. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../web/auth/rate-limit';
import { FileAuthStore, type SessionRecord } from '../../web/auth/store';

const dir = mkdtempSync(join(tmpdir(), 'kyhan-auth-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HOUR = 60 * 60 * 1000;

describe('FileAuthStore', () => {
  const record = (now: number): SessionRecord => ({ email: 'a@example.org', name: 'A', csrfToken: 'c', createdAt: now, lastSeenAt: now, expiresAt: now + HOUR });

  it('keeps a session under the hash of its id, never the id itself, until it expires', async () => {
    const store = new FileAuthStore(join(dir, 's1'));
    const id = 'session-id-that-is-the-cookie-value-000000000';
    await store.createSession(id, record(1_000));
    expect(await store.getSession(id, 2_000)).toMatchObject({ email: 'a@example.org' });
    expect(readdirSync(join(dir, 's1', 'sessions')).join()).not.toContain(id);
    expect(await store.getSession('another', 2_000)).toBeUndefined();
    expect(await store.getSession(id, 1_000 + HOUR)).toBeUndefined();
    expect(readdirSync(join(dir, 's1', 'sessions'))).toEqual([]);
  });

  it('a one-time token is used once, even by two requests at the same moment, and survives a restart', async () => {
    const store = new FileAuthStore(join(dir, 's2'));
    const results = await Promise.all([store.useOnce('t1', 10 * HOUR, 0), store.useOnce('t1', 10 * HOUR, 0), store.useOnce('t1', 10 * HOUR, 0)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await new FileAuthStore(join(dir, 's2')).useOnce('t1', 10 * HOUR, 1)).toBe(false);
    expect(await store.useOnce('t2', 10 * HOUR, 1)).toBe(true);
  });

  it('sweeps expired sessions and the marks of tokens that can no longer verify', async () => {
    const store = new FileAuthStore(join(dir, 's3'));
    await store.createSession('old', record(0));
    await store.createSession('new', { ...record(0), expiresAt: 5 * HOUR });
    await store.useOnce('old-token', HOUR, 0);
    await store.useOnce('new-token', 5 * HOUR, 0);
    await store.sweep(2 * HOUR);
    expect(readdirSync(join(dir, 's3', 'sessions'))).toHaveLength(1);
    expect(readdirSync(join(dir, 's3', 'used-tokens'))).toHaveLength(1);
    expect(await store.getSession('new', 2 * HOUR)).toBeDefined();
  });
});

describe('RateLimiter', () => {
  it('allows `limit` requests per sliding window per key; refused requests do not prolong the wait', () => {
    const limiter = new RateLimiter(3, 1_000);
    expect([0, 100, 200].map((t) => limiter.hit('k', t).allowed)).toEqual([true, true, true]);
    expect(limiter.hit('k', 300)).toEqual({ allowed: false, retryAfterMs: 700 });
    expect(limiter.hit('other', 300).allowed).toBe(true);
    expect(limiter.hit('k', 999).allowed).toBe(false);
    expect(limiter.hit('k', 1_000).allowed).toBe(true); // the request at 0 has left the window
    expect(limiter.hit('k', 1_050).allowed).toBe(false);
    expect(limiter.wouldAllow('k', 1_101)).toBe(true);
  });

  it('forgets idle keys when many distinct ones arrive', () => {
    const limiter = new RateLimiter(1, 1_000);
    for (let i = 0; i <= 10_001; i++) limiter.hit(`k${i}`, i < 5_000 ? 0 : 2_000);
    expect((limiter as unknown as { hits: Map<string, number[]> }).hits.size).toBeLessThan(6_000);
  });
});
