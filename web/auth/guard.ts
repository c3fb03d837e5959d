/**
 * What staff pages put in front of their routes: `requireViewer()` (signed in, or sent to the
 * sign-in page), `accessToPlan()` (what the signed-in person may do in one plan, from the plan's
 * roles) and `requireCsrf()` (a POST made with a session carries that session's `_csrf`).
 * The session itself is read by `sessionMiddleware()` (web/auth/routes.ts), which sets `viewer`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { accessOf, type Access } from '../../domain/plan/access';
import type { WebEnv } from '../deps';
import { html, say } from '../html';
import { formKind, readForm, tooManyParts, tooManyPartsPage } from '../form-parts';
import { messagePage } from '../layout';

/** Form field and header (for htmx requests) that carry the session's CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
/** Entries a staff or leader form may carry (multipart; the console's largest has a handful). */
export const MAX_SESSION_FORM_PARTS = 40;

/** No session: 303 to `/sign-in?next=<path and query>`, so the person comes back where they were. */
export function requireViewer(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (c.get('viewer')) return next();
    const url = new URL(c.req.url);
    return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  };
}

/** The signed-in viewer's access to this plan, or undefined (not signed in, unknown plan, no role in it). */
export function accessToPlan(c: Context<WebEnv>, planId: string): Access | undefined {
  const viewer = c.get('viewer');
  if (!viewer) return undefined;
  const plan = c.get('deps').plans.get(planId);
  return plan ? accessOf(plan, viewer.email) : undefined;
}

/** The hidden `_csrf` field for a form of this page: empty without a session. */
export function csrfInput(c: Context<WebEnv>) {
  const viewer = c.get('viewer');
  return viewer ? html`<input type="hidden" name="${CSRF_FIELD}" value="${viewer.csrfToken}">` : '';
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * On every unsafe method made with a session: the `_csrf` form field (or the `X-CSRF-Token`
 * header) must equal the session's token, else 403 and nothing runs. Requests without a session
 * pass through (a unit's link has no session; `requireViewer()` refuses staff routes).
 * The header, when sent, decides before any of the body is read. Then the form is read with
 * `c.req.parseBody()`, which Hono caches, so the route can read it again (one that cannot be read
 * gets 400, `readForm`); a multipart form with
 * more than `maxParts` entries is refused before it is parsed (either way: the route parses it
 * next). The body's size is limited before this runs (`sessionMiddleware()`).
 */
export function requireCsrf(options: { maxParts?: number } = {}): MiddlewareHandler<WebEnv> {
  const maxParts = options.maxParts ?? MAX_SESSION_FORM_PARTS;
  return async (c, next) => {
    const viewer = c.get('viewer');
    if (!viewer || ['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    let given: unknown = c.req.header(CSRF_HEADER);
    if (given !== undefined && !csrfMatches(viewer.csrfToken, given)) return refused(c);
    if (await tooManyParts(c, maxParts, ['multipart'])) return tooManyPartsPage(c, maxParts);
    // Read here even when the header carried the token: a form that cannot be read gets 400 before any route runs.
    const form = formKind(c) ? await readForm(c) : undefined;
    if (given === undefined) given = form?.[CSRF_FIELD];
    return csrfMatches(viewer.csrfToken, given) ? next() : refused(c);
  };
}

function refused(c: Context<WebEnv>) {
  const language = c.get('language');
  return messagePage(
    c,
    403,
    say(language, { vi: 'Yêu cầu bị từ chối', en: 'Request refused' }),
    say(language, { vi: 'Biểu mẫu đã cũ hoặc không thuộc phiên làm việc này. Hãy mở lại trang và gửi lại.', en: 'The form is stale or does not belong to this session. Open the page again and resend.' }),
  );
}
