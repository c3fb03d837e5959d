/**
 * Sign-in by emailed link, for the people a plan gives staff or leader access (no passwords):
 *   GET  /sign-in          the form (an address)
 *   POST /sign-in          sends a 15-minute one-time link if the address has access; the answer
 *                          is the same either way (no way to learn which addresses are known)
 *   GET  /sign-in/:token   a confirm button only: mail scanners open links, a GET changes nothing
 *   POST /sign-in/:token   uses the link once, starts the session, goes where the person was going
 *   POST /sign-out
 * `sessionMiddleware()` reads the session on every request and checks the session's CSRF token
 * on every POST made with one.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { z } from 'zod';
import type { Language } from '../../domain/cycle';
import type { WebDeps, WebEnv } from '../deps';
import { html, say } from '../html';
import { messagePage, page } from '../layout';
import { formKind, readForm } from '../form-parts';
import { csrfInput, requireCsrf } from './guard';
import { checkLimits, clientAddress, RateLimiter } from './rate-limit';
import { authStoreOf, endSession, readSession, startSession } from './sessions';
import { SIGN_IN_PATH, SIGN_IN_TTL_MS, safeNext, signInToken, signInUrl, verifySignIn } from './sign-in-link';
import { sendSignInMail } from './sign-in-mail';

/** Paths whose POSTs carry no session form: a unit's link (its own token guards it, and its body may be large). */
const WITHOUT_SESSION_FORMS = /^\/r\//;

/**
 * The largest body a signed-in person's form may send, read before the CSRF check: a few fields
 * of text. Only the console's paper-submission form carries a file (a scan), and only as
 * multipart: that one may send `MAX_SCAN_FORM_BYTES`.
 */
export const MAX_SESSION_FORM_BYTES = 64 * 1024;
export const MAX_SCAN_FORM_BYTES = 50 * 1024 * 1024;
/** The console's paper-submission form (web/console/routes.ts), the cycle id percent-encoded in one segment. */
const SCAN_FORM = /^\/cycles\/[^/]+\/units\/[^/]+\/submit$/;
/** The sign-in forms carry an address and a path: a few kilobytes is plenty. */
const MAX_SIGN_IN_FORM_BYTES = 16 * 1024;

/** 413 for a body over `maxSize`, as a page in the reader's language. */
export function formLimit(maxSize: number): MiddlewareHandler<WebEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      const language = (c as Context<WebEnv>).get('language');
      const mb = Math.max(1, Math.round(maxSize / (1024 * 1024)));
      return messagePage(
        c as Context<WebEnv>,
        413,
        say(language, { vi: 'Dữ liệu gửi lên quá lớn', en: 'Too much data sent' }),
        say(language, { vi: `Một lần gửi không được quá ${maxSize >= 1024 * 1024 ? `${mb} MB` : `${maxSize / 1024} KB`}. Không có gì được ghi nhận.`, en: `One request may not exceed ${maxSize >= 1024 * 1024 ? `${mb} MB` : `${maxSize / 1024} KB`}. Nothing was recorded.` }),
      );
    },
  });
}

/**
 * Reads the session cookie (sets `viewer`), then checks `_csrf` on every POST made with a
 * session. The body that check reads is limited first (`MAX_SESSION_FORM_BYTES`, or
 * `MAX_SCAN_FORM_BYTES` for the paper-submission form), and a multipart one in entries, so no
 * form is read or parsed unbounded; a unit's link sets its own limits.
 */
export function sessionMiddleware(): MiddlewareHandler<WebEnv> {
  const csrf = requireCsrf();
  const smallForm = every(formLimit(MAX_SESSION_FORM_BYTES), csrf);
  const scanForm = every(formLimit(MAX_SCAN_FORM_BYTES), csrf);
  return async (c, next) => {
    const viewer = await readSession(c);
    // Someone whose access was removed from every plan is signed out at the next request.
    if (viewer && c.get('deps').plans.accessFor(viewer.email).length > 0) c.set('viewer', viewer);
    else if (viewer) await endSession(c, viewer);
    if (WITHOUT_SESSION_FORMS.test(c.req.path)) return next();
    if (c.get('viewer') && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      return (SCAN_FORM.test(c.req.path) && formKind(c) === 'multipart' ? scanForm : smallForm)(c, next);
    }
    return csrf(c, next);
  };
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const emailField = z.email().max(254);

/** The language of a person's sign-in mail: English only when every plan that gives them access is. */
function languageFor(plans: { plan: { language: Language } }[]): Language {
  return plans.length > 0 && plans.every((p) => p.plan.language === 'en') ? 'en' : 'vi';
}

/** Signs and sends a sign-in link if the address has access; never throws (it runs after the answer). */
function sendLinkIfKnown(deps: WebDeps, email: string, next: string, nowMs: number): void {
  try {
    const plans = deps.plans.accessFor(email);
    if (plans.length === 0) {
      deps.logger.info('sign-in requested for an address with no access');
      return;
    }
    const person = plans[0]!.access.person;
    const url = signInUrl(deps.publicUrl, signInToken(deps.secret, person.email, next, nowMs));
    sendSignInMail(deps, { name: person.name, email: person.email }, languageFor(plans), url, plans[0]!.plan.issuer.name).catch((err: unknown) =>
      deps.logger.error({ err: (err as Error).message, to: person.email }, 'sign-in link not sent'),
    );
    deps.logger.info({ to: person.email }, 'sign-in link requested');
  } catch (err) {
    deps.logger.error({ err: (err as Error).message }, 'sign-in link not sent');
  }
}

export function authRoutes(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  // Per process, per app: each createWebApp has its own counts.
  // Per address: at most 5 links in 15 minutes, whoever asks. A link lives exactly as long as the
  // window, so when an address is at its limit the newest link sent to it is still valid: a
  // stranger asking for someone's address cannot keep them out, only make their mailbox receive
  // up to 5 links per 15 minutes. What remains: someone who has already used (or lost) the newest
  // link waits until the oldest leaves the window (at most 15 minutes) before a new one is sent.
  // (The window is a second shorter than a link's life: a link's expiry is kept in whole seconds.)
  const perAddress = new RateLimiter(5, SIGN_IN_TTL_MS - 1000);
  const perClient = new RateLimiter(20, FIFTEEN_MINUTES);
  // Only links that fail to verify are counted: a valid link is always usable.
  const badConfirmsPerClient = new RateLimiter(20, FIFTEEN_MINUTES);

  const signInForm = (c: Context<WebEnv>, options: { email?: string; next: string; error?: string; status?: 200 | 422 }) => {
    const language = c.get('language');
    return page(c, {
      status: options.status ?? 200,
      title: say(language, { vi: 'Đăng nhập', en: 'Sign in' }),
      body: html`<h1>${say(language, { vi: 'Đăng nhập', en: 'Sign in' })}</h1>
<p>${say(language, {
        vi: 'Nhập địa chỉ email của đồng chí đã có trong kế hoạch. Hệ thống sẽ gửi một liên kết đăng nhập, dùng được một lần trong 15 phút.',
        en: 'Enter your email address as the plan lists it. You will receive a sign-in link that works once, within 15 minutes.',
      })}</p>
<form method="post" action="/sign-in">
${csrfInput(c)}<input type="hidden" name="next" value="${options.next}">
<label for="email">${say(language, { vi: 'Địa chỉ email', en: 'Email address' })}</label>
<input type="email" id="email" name="email" required maxlength="254" autocomplete="email" value="${options.email ?? ''}"${options.error ? html` aria-invalid="true" aria-describedby="email-error"` : ''}>
${options.error ? html`<p class="field-error" id="email-error">${options.error}</p>` : ''}
<p><button type="submit" class="primary">${say(language, { vi: 'Gửi liên kết đăng nhập', en: 'Send me a sign-in link' })}</button></p>
</form>`,
    });
  };

  // Pages with a sign-in token in their address or form are not kept by browsers or proxies.
  app.use('/sign-in/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/sign-in', (c) => signInForm(c, { next: safeNext(c.req.query('next')) }));

  // With a session the body was already limited (and read) by the session's CSRF check; a second limit cannot read it again.
  const smallLimit = formLimit(MAX_SIGN_IN_FORM_BYTES);
  const small: MiddlewareHandler<WebEnv> = (c, next) => (c.get('viewer') ? next() : smallLimit(c, next));

  app.post('/sign-in', small, async (c) => {
    const deps = c.get('deps');
    const language = c.get('language');
    const body = await readForm(c);
    const next = safeNext(body.next);
    const typed = typeof body.email === 'string' ? body.email.trim() : '';
    const parsed = emailField.safeParse(typed);
    if (!parsed.success) {
      return signInForm(c, {
        status: 422,
        email: typed.slice(0, 254),
        next,
        error: say(language, { vi: 'Địa chỉ email không hợp lệ, ví dụ: ten@example.org.', en: 'This is not a valid email address, e.g. name@example.org.' }),
      });
    }
    const email = parsed.data.toLowerCase();
    const atLimit = perAddress.wouldAllow(email, deps.now().getTime()) ? undefined : perAddress.hit(email, deps.now().getTime());
    if (atLimit && !atLimit.allowed) {
      // The same answer for every address at its limit, known or not; Retry-After: when a new link can be sent.
      c.header('Retry-After', String(Math.max(1, Math.ceil(atLimit.retryAfterMs / 1000))));
      return messagePage(
        c,
        429,
        say(language, { vi: 'Liên kết đã được gửi', en: 'Links have been sent' }),
        say(language, {
          vi: `Trong 15 phút qua đã có nhiều yêu cầu gửi liên kết tới ${email}. Nếu địa chỉ này có trong kế hoạch, liên kết mới nhất trong hộp thư vẫn còn hiệu lực: hãy dùng liên kết đó.`,
          en: `Several links have been asked for ${email} in the last 15 minutes. If this address is known, the newest link in its mailbox still works: use that one.`,
        }),
      );
    }
    const limited = checkLimits(c, [
      [perClient, clientAddress(c)],
      [perAddress, email],
    ]);
    if (limited) return limited;

    // Whether the address is known, and the signing and sending for a known one, happen after the
    // answer: both kinds of address take the same path through the request, in the same time.
    const at = deps.now().getTime();
    setImmediate(() => sendLinkIfKnown(deps, email, next, at));
    return page(c, {
      title: say(language, { vi: 'Kiểm tra hộp thư', en: 'Check your mailbox' }),
      body: html`<h1>${say(language, { vi: 'Kiểm tra hộp thư', en: 'Check your mailbox' })}</h1>
<p class="notice ok">${say(language, {
        vi: `Nếu địa chỉ ${email} có trong kế hoạch, một liên kết đăng nhập đang được gửi tới địa chỉ đó. Liên kết có hiệu lực 15 phút và chỉ dùng được một lần.`,
        en: `If ${email} is known, a sign-in link is on its way to it. The link works for 15 minutes, once.`,
      })}</p>
<p><a href="/sign-in?next=${encodeURIComponent(next)}">${say(language, { vi: 'Gửi lại hoặc dùng địa chỉ khác', en: 'Send again or use another address' })}</a></p>`,
    });
  });

  /** The refusal page of a sign-in link that is not (or no longer) good. */
  const badLink = (c: Context<WebEnv>, problem: 'malformed' | 'forged' | 'expired' | 'used' | 'no-access') => {
    const language = c.get('language');
    const again = say(language, { vi: 'Hãy yêu cầu một liên kết mới tại trang Đăng nhập (/sign-in).', en: 'Ask for a new link on the sign-in page (/sign-in).' });
    switch (problem) {
      case 'expired':
        return messagePage(c, 410, say(language, { vi: 'Liên kết đã hết hạn', en: 'The link has expired' }), say(language, { vi: 'Liên kết đăng nhập chỉ có hiệu lực 15 phút.', en: 'A sign-in link works for 15 minutes.' }), again);
      case 'used':
        return messagePage(c, 410, say(language, { vi: 'Liên kết đã được sử dụng', en: 'The link has been used' }), say(language, { vi: 'Mỗi liên kết đăng nhập chỉ dùng được một lần.', en: 'Each sign-in link works once.' }), again);
      case 'no-access':
        return messagePage(c, 403, say(language, { vi: 'Không có quyền truy cập', en: 'No access' }), say(language, { vi: 'Địa chỉ này không còn quyền truy cập theo kế hoạch.', en: 'This address no longer has access under any plan.' }));
      default:
        return messagePage(c, 403, say(language, { vi: 'Liên kết không hợp lệ', en: 'The link is not valid' }), say(language, { vi: 'Liên kết đăng nhập không đúng hoặc đã bị sửa đổi.', en: 'The sign-in link is wrong or has been altered.' }), again);
    }
  };

  app.get(`${SIGN_IN_PATH}:token`, (c) => {
    const deps = c.get('deps');
    const language = c.get('language');
    const token = c.req.param('token');
    const check = verifySignIn(deps.secret, token, deps.now().getTime());
    if (!check.ok) return badLink(c, check.problem);
    return page(c, {
      title: say(language, { vi: 'Xác nhận đăng nhập', en: 'Confirm sign-in' }),
      body: html`<h1>${say(language, { vi: 'Xác nhận đăng nhập', en: 'Confirm sign-in' })}</h1>
<p>${say(language, { vi: `Đăng nhập với địa chỉ ${check.claims.m}.`, en: `Sign in as ${check.claims.m}.` })}</p>
<form method="post" action="${SIGN_IN_PATH}${token}">${csrfInput(c)}
<button type="submit" class="primary">${say(language, { vi: 'Đăng nhập', en: 'Sign in' })}</button>
</form>`,
    });
  });

  app.post(`${SIGN_IN_PATH}:token`, small, async (c) => {
    const deps = c.get('deps');
    const now = deps.now().getTime();
    const check = verifySignIn(deps.secret, c.req.param('token'), now);
    if (!check.ok) return checkLimits(c, [[badConfirmsPerClient, clientAddress(c)]]) ?? badLink(c, check.problem);
    const plans = deps.plans.accessFor(check.claims.m);
    if (plans.length === 0) return badLink(c, 'no-access');
    if (!(await authStoreOf(deps).useOnce(check.claims.j, check.claims.e * 1000, now))) return badLink(c, 'used');
    // A session already open in this browser is replaced, not kept beside the new one.
    const previous = c.get('viewer');
    if (previous) await endSession(c, previous);
    const person = plans[0]!.access.person;
    await startSession(c, { email: person.email, name: person.name });
    deps.logger.info({ who: person.email }, 'signed in');
    return c.redirect(safeNext(check.claims.n), 303);
  });

  app.post('/sign-out', small, async (c) => {
    await endSession(c, c.get('viewer'));
    return c.redirect('/sign-in', 303);
  });

  return app;
}
