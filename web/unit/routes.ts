/** A unit's door: its signed link to its report page (placeholder until built). */
import { Hono } from 'hono';
import type { WebEnv } from '../deps';

export function unitRoutes(): Hono<WebEnv> {
  return new Hono<WebEnv>();
}
