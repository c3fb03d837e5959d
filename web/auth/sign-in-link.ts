/**
 * The emailed sign-in link: `<public url>/sign-in/<token>`, a token signed for the purpose
 * 'sign-in' over (address, one-time id, where to go next), valid 15 minutes. Its one-time id is
 * marked used in the auth store when the link is confirmed, so it signs in once.
 */
import { randomBytes } from 'node:crypto';
import { signToken, verifyToken, type TokenCheck } from '../../auth/tokens';

export const SIGN_IN_TTL_MS = 15 * 60 * 1000;
export const SIGN_IN_PATH = '/sign-in/';

export interface SignInClaims {
  /** The address the link was sent to. */
  m: string;
  /** One-time id. */
  j: string;
  /** Where to go after signing in: a path of this app. */
  n: string;
  /** Expiry, seconds since the epoch. */
  e: number;
}

/** Only a path of this app (`/…`, not `//host` or `/\host`), else `/`: no open redirect. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500 || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u001F\u007F]/.test(next) ? '/' : next;
}

export function signInToken(secret: string, email: string, next: string, nowMs: number): string {
  return signToken(secret, 'sign-in', { m: email, j: randomBytes(16).toString('base64url'), n: safeNext(next), e: Math.floor((nowMs + SIGN_IN_TTL_MS) / 1000) });
}

export function signInUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${SIGN_IN_PATH}${token}`;
}

export function verifySignIn(secret: string, token: string, nowMs: number): TokenCheck<SignInClaims> {
  const check = verifyToken<SignInClaims>(secret, 'sign-in', token, nowMs);
  if (check.ok && [check.claims.m, check.claims.j, check.claims.n].some((v) => typeof v !== 'string' || v === '')) return { ok: false, problem: 'malformed' };
  return check;
}
