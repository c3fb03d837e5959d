/**
 * Sessions of signed-in staff and leaders: a random id in the `kyhan_session` cookie (HttpOnly,
 * SameSite=Lax, Secure behind TLS, Path=/), the record in the auth store. A session ends after
 * 12 hours without a request or 7 days after sign-in, whichever comes first.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Viewer, WebDeps, WebEnv } from '../deps';
import { fileAuthStoreFor, type AuthStore, type SessionRecord } from './store';

export const SESSION_COOKIE = 'kyhan_session';
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** A session's last-seen time is written at most this often: not one file write per request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export function authStoreOf(deps: WebDeps): AuthStore {
  return deps.authStore ?? fileAuthStoreFor(deps.varDir);
}

const expiryOf = (createdAt: number, lastSeenAt: number) => Math.min(createdAt + SESSION_MAX_MS, lastSeenAt + SESSION_IDLE_MS);

/** Starts a session for this person and sets its cookie. */
export async function startSession(c: Context<WebEnv>, person: { email: string; name: string }): Promise<Viewer> {
  const deps = c.get('deps');
  const now = deps.now().getTime();
  const sessionId = randomBytes(32).toString('base64url');
  const record: SessionRecord = { email: person.email, name: person.name, csrfToken: randomBytes(24).toString('base64url'), createdAt: now, lastSeenAt: now, expiresAt: expiryOf(now, now) };
  await authStoreOf(deps).createSession(sessionId, record);
  setCookie(c, SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies, path: '/', maxAge: SESSION_MAX_MS / 1000 });
  return { email: record.email, name: record.name, sessionId, csrfToken: record.csrfToken };
}

/** The session the request's cookie names, if it is still valid (its idle time is renewed, except by htmx GETs). */
export async function readSession(c: Context<WebEnv>): Promise<Viewer | undefined> {
  const sessionId = getCookie(c, SESSION_COOKIE);
  // Our ids are 43 base64url characters; anything else is not worth a file lookup.
  if (!sessionId || !/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
  const deps = c.get('deps');
  const store = authStoreOf(deps);
  const now = deps.now().getTime();
  const record = await store.getSession(sessionId, now);
  if (!record) return undefined;
  // A page polling by itself (htmx, `hx-trigger="every 30s"`) is not the person: it does not keep an idle session alive.
  const polling = c.req.method === 'GET' && c.req.header('HX-Request') !== undefined;
  if (!polling && now - record.lastSeenAt >= TOUCH_EVERY_MS) await store.saveSession(sessionId, { ...record, lastSeenAt: now, expiresAt: expiryOf(record.createdAt, now) });
  return { email: record.email, name: record.name, sessionId, csrfToken: record.csrfToken };
}

export async function endSession(c: Context<WebEnv>, viewer: Viewer | undefined): Promise<void> {
  const deps = c.get('deps');
  if (viewer) await authStoreOf(deps).deleteSession(viewer.sessionId);
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies, path: '/' });
}
