/**
 * A unit's link to its report page for one cycle: `<public url>/r/<token>`, the token signed
 * over (cycle, unit, cycle run) and valid until the cycle's cut-off. Made by the email
 * activity for every letter to a unit; checked by the web app on every request.
 */
import { signToken, verifyToken, type TokenCheck } from './tokens';

export interface UnitLinkClaims {
  /** Cycle id, `<planId>/<reportTypeId>/<periodId>`. */
  c: string;
  /** Unit id. */
  u: string;
  /** The cycle's first run id: a cycle id started again gets new links. */
  r: string;
  /** Expiry, seconds since the epoch: the cycle's cut-off. */
  e: number;
}

export const UNIT_LINK_PATH = '/r/';

export function unitLinkToken(secret: string, link: { cycleId: string; unitId: string; run: string; cutoffAt: string }): string {
  return signToken(secret, 'unit-link', { c: link.cycleId, u: link.unitId, r: link.run, e: Math.floor(Date.parse(link.cutoffAt) / 1000) });
}

export function unitLinkUrl(publicUrl: string, secret: string, link: { cycleId: string; unitId: string; run: string; cutoffAt: string }): string {
  return `${publicUrl.replace(/\/+$/, '')}${UNIT_LINK_PATH}${unitLinkToken(secret, link)}`;
}

export function verifyUnitLink(secret: string, token: string, nowMs: number): TokenCheck<UnitLinkClaims> {
  const check = verifyToken<UnitLinkClaims>(secret, 'unit-link', token, nowMs);
  if (check.ok && [check.claims.c, check.claims.u, check.claims.r].some((v) => typeof v !== 'string' || v === '')) return { ok: false, problem: 'malformed' };
  return check;
}

/**
 * The address people open: `KYHAN_PUBLIC_URL`, or the web app's own host and port. A wildcard
 * host (`0.0.0.0`, `::`) is where it listens, not an address anyone can open: links then name
 * this machine (`localhost`), and `KYHAN_PUBLIC_URL` is what a real deployment sets.
 */
export function publicUrlOf(config: { KYHAN_PUBLIC_URL?: string | undefined; KYHAN_WEB_HOST: string; KYHAN_WEB_PORT: number }): string {
  if (config.KYHAN_PUBLIC_URL) return config.KYHAN_PUBLIC_URL.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', '[::]'].includes(config.KYHAN_WEB_HOST) ? 'localhost' : config.KYHAN_WEB_HOST;
  return `http://${host}:${config.KYHAN_WEB_PORT}`;
}
