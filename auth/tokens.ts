/**
 * Signed tokens: `<payload>.<signature>`, both base64url; the payload is JSON with an expiry in
 * seconds (`e`); the signature is HMAC-SHA256 over a purpose tag and the payload, so a token
 * made for one purpose (a unit's link) is worthless for another (a sign-in).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'unit-link' | 'sign-in';

export type TokenCheck<T> = { ok: true; claims: T } | { ok: false; problem: 'malformed' | 'forged' | 'expired' };

const sign = (secret: string, purpose: TokenPurpose, payload: string) => createHmac('sha256', secret).update(`kyhan.${purpose}.v1.${payload}`).digest('base64url');

export function signToken(secret: string, purpose: TokenPurpose, claims: Record<string, unknown> & { e: number }): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(secret, purpose, payload)}`;
}

/** Checks the signature before reading anything, then the expiry against `nowMs`. */
export function verifyToken<T extends { e: number }>(secret: string, purpose: TokenPurpose, token: string, nowMs: number): TokenCheck<T> {
  if (token.length > 2_000) return { ok: false, problem: 'malformed' };
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, problem: 'malformed' };
  const expected = Buffer.from(sign(secret, purpose, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'forged' };
  let claims: T;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (typeof claims !== 'object' || claims === null || typeof claims.e !== 'number') return { ok: false, problem: 'malformed' };
  if (claims.e * 1000 <= nowMs) return { ok: false, problem: 'expired' };
  return { ok: true, claims };
}
