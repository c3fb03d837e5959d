/**
 * A person using the web app over real HTTP, as a browser does but without one: asks for a
 * sign-in link, takes it from the mail the app sent, confirms it, then keeps the session cookie
 * and the session's `_csrf` for every later request. Forms go as same-origin POSTs.
 */
import { SESSION_COOKIE } from '../../web/auth/sessions';
import { CSRF_FIELD } from '../../web/auth/guard';

export interface WebAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
  text(): string;
}

export interface WebSession {
  readonly email: string;
  get(path: string): Promise<WebAnswer>;
  /** A form POST carrying the session's `_csrf`; redirects are not followed (a 303 is the usual success). */
  post(path: string, form: Record<string, string>): Promise<WebAnswer>;
}

export interface SignInOptions {
  webUrl: string;
  email: string;
  /**
   * The sign-in link the app mailed to `email` after the request was made (the test reads its
   * mail sink); the app answers the same for every address, so only the mail tells.
   */
  linkFromMail(email: string, requestedAt: number): Promise<string>;
}

async function answer(response: Response): Promise<WebAnswer> {
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, text: () => body.toString('utf8') };
}

/** The `name=value` of the session cookie the response sets, if it sets one. */
function sessionCookieOf(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.split(';')[0];
}

function formInit(webUrl: string, form: Record<string, string>, cookie?: string): RequestInit {
  return {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(webUrl).origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  };
}

/** Signs `email` in by the emailed link; fails with what the app answered at the step that went wrong. */
export async function signIn({ webUrl, email, linkFromMail }: SignInOptions): Promise<WebSession> {
  const requestedAt = Date.now();
  const asked = await fetch(`${webUrl}/sign-in`, formInit(webUrl, { email, next: '/' }));
  if (asked.status !== 200) throw new Error(`POST /sign-in for ${email} answered ${asked.status}: ${(await asked.text()).slice(0, 500)}`);
  // The link names the app's public URL; the path is what matters here.
  const link = new URL(await linkFromMail(email, requestedAt));
  const confirmed = await fetch(`${webUrl}${link.pathname}`, formInit(webUrl, {}));
  const cookie = sessionCookieOf(confirmed);
  if (confirmed.status !== 303 || !cookie) throw new Error(`Confirming the sign-in link of ${email} answered ${confirmed.status} without a session: ${(await confirmed.text()).slice(0, 500)}`);

  const get = async (path: string) => answer(await fetch(`${webUrl}${path}`, { redirect: 'manual', headers: { Cookie: cookie } }));
  // Every page of a session carries its CSRF token in its forms (the sign-out button at least).
  const home = await get('/sign-in');
  const csrf = new RegExp(`name="${CSRF_FIELD}" value="([^"]+)"`).exec(home.text())?.[1];
  if (!csrf) throw new Error(`The signed-in page of ${email} carries no ${CSRF_FIELD} (status ${home.status}): ${home.text().slice(0, 500)}`);
  return {
    email,
    get,
    post: async (path, form) => answer(await fetch(`${webUrl}${path}`, formInit(webUrl, { ...form, [CSRF_FIELD]: csrf }, cookie))),
  };
}
