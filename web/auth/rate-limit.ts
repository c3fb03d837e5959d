/**
 * A small in-memory rate limiter (sliding window, per key) for sign-in requests and uploads.
 * Chosen over hono-rate-limiter because its store reads the wall clock, while every limit here
 * must follow `deps.now()` (tests move time), and because one request is checked against
 * several keys (the IP and the address) before anything is sent. Per process: several web
 * processes each count on their own (the PostgreSQL store of another issue can share them).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { WebEnv } from '../deps';
import { say } from '../html';
import { messagePage } from '../layout';

/** Keys kept before idle ones are swept: bounds memory under a flood of distinct keys. */
const SWEEP_ABOVE_KEYS = 10_000;

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /**
   * Counts one request for `key` at `nowMs`, unless the key is already at its limit: then
   * nothing is counted (a refused request does not prolong the wait) and `retryAfterMs` says
   * when the oldest counted request leaves the window.
   */
  hit(key: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const recent = this.recent(key, nowMs);
    if (recent.length >= this.limit) return { allowed: false, retryAfterMs: recent[0]! + this.windowMs - nowMs };
    recent.push(nowMs);
    this.hits.set(key, recent);
    if (this.hits.size > SWEEP_ABOVE_KEYS) this.sweep(nowMs);
    return { allowed: true };
  }

  /** Whether one more request would be allowed now, without counting it. */
  wouldAllow(key: string, nowMs: number): boolean {
    return this.recent(key, nowMs).length < this.limit;
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }

  private sweep(nowMs: number): void {
    for (const [key, times] of this.hits) if (!times.some((t) => t > nowMs - this.windowMs)) this.hits.delete(key);
  }
}

/**
 * The client's address as the socket gives it. Behind a reverse proxy that is the proxy's
 * address: the limits then apply to everyone behind it together.
 */
export function clientAddress(c: Context<WebEnv>): string {
  // Behind a proxy every request comes from the proxy: the hop it appended names the client.
  // Only the last hop is trusted; earlier ones are whatever the client chose to send.
  const forwarded = c.get('deps').trustProxy ? c.req.header('x-forwarded-for') : undefined;
  const lastHop = forwarded?.split(',').pop()?.trim();
  if (lastHop) return lastHop.slice(0, 64);
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket (in-process requests in tests).
    return 'unknown';
  }
}

/**
 * Checks every (limiter, key) pair; counts the request in all of them only when all allow it.
 * Returns the 429 page when one refuses, else undefined.
 */
export function checkLimits(c: Context<WebEnv>, checks: [RateLimiter, string][]) {
  const now = c.get('deps').now().getTime();
  const refused = checks.find(([limiter, key]) => !limiter.wouldAllow(key, now));
  if (!refused) {
    for (const [limiter, key] of checks) limiter.hit(key, now);
    return undefined;
  }
  const [limiter, key] = refused;
  const outcome = limiter.hit(key, now);
  const minutes = Math.max(1, Math.ceil((outcome.allowed ? 0 : outcome.retryAfterMs) / 60_000));
  c.header('Retry-After', String(minutes * 60));
  const language = c.get('language');
  return messagePage(
    c,
    429,
    say(language, { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' }),
    say(language, {
      vi: `Đã có quá nhiều yêu cầu trong thời gian ngắn. Xin thử lại sau khoảng ${minutes} phút.`,
      en: `There have been too many requests in a short time. Please try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    }),
  );
}
