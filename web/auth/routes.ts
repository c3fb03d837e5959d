/** Sign-in by emailed link and sessions (placeholder until built). */
import { Hono, type MiddlewareHandler } from 'hono';
import type { WebEnv } from '../deps';

export function sessionMiddleware(): MiddlewareHandler<WebEnv> {
  return async (_c, next) => {
    await next();
  };
}

export function authRoutes(): Hono<WebEnv> {
  return new Hono<WebEnv>();
}
