/** The staff console (placeholder until built). */
import { Hono } from 'hono';
import type { WebEnv } from '../deps';

export function consoleRoutes(): Hono<WebEnv> {
  return new Hono<WebEnv>();
}
