/**
 * Sign-in by emailed link, sessions and CSRF, through `app.request()` on the real app (no
 * Temporal needed): the demo plan's people, mail caught in memory, a clock the test moves.
 */
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signToken, verifyToken } from '../../auth/tokens';
import { unitLinkToken } from '../../auth/unit-link';
import { accessToPlan, requireViewer } from '../../web/auth/guard';
import { sessionMiddleware } from '../../web/auth/routes';
import { SESSION_COOKIE } from '../../web/auth/sessions';
import * as signInLink from '../../web/auth/sign-in-link';
import { safeNext, signInToken, verifySignIn } from '../../web/auth/sign-in-link';
import type { WebEnv } from '../../web/deps';
import { createWebApp } from '../../web/server';
import { cookieOf, formPost, loadPlan, testWebApp } from '../helpers/web-test-deps';

const STAFF = 'tong-hop@example.org';
const LEADER = 'lanh-dao@example.org';
const MINUTE = 60_000;

const apps: ReturnType<typeof testWebApp>[] = [];
function newApp(...args: Parameters<typeof testWebApp>) {
  const t = testWebApp(...args);
  apps.push(t);
  return t;
}
afterEach(() => {
  for (const t of apps.splice(0)) t.cleanup();
});

/** Lets the work the sign-in form does after its answer (looking the address up, signing, sending) run. */
const afterAnswer = () => new Promise((r) => setImmediate(r));

/** Requests a link for `email` and returns the path of the emailed link. */
async function requestLink(t: ReturnType<typeof testWebApp>, email: string, next?: string): Promise<string> {
  const before = t.sent.length;
  const res = await t.app.request('/sign-in', formPost({ email, ...(next ? { next } : {}) }));
  expect(res.status).toBe(200);
  await afterAnswer();
  expect(t.sent.length).toBe(before + 1);
  const url = /http:\/\/kyhan\.test(\/sign-in\/\S+)/.exec(t.sent.at(-1)!.text)![1]!;
  return url;
}

async function signIn(t: ReturnType<typeof testWebApp>, email: string, next?: string): Promise<string> {
  const path = await requestLink(t, email, next);
  const res = await t.app.request(path, formPost({}));
  expect(res.status).toBe(303);
  return cookieOf(res, SESSION_COOKIE)!;
}

describe('signed tokens', () => {
  const secret = 'x'.repeat(40);
  const now = Date.parse('2026-11-20T00:00:00Z');
  it('a tampered, expired, malformed or other-purpose token is refused', () => {
    const token = signToken(secret, 'sign-in', { m: STAFF, j: 'id', n: '/', e: now / 1000 + 60 });
    expect(verifyToken(secret, 'sign-in', token, now).ok).toBe(true);
    const [payload, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ m: LEADER, j: 'id', n: '/', e: now / 1000 + 60 })).toString('base64url')}.${signature}`;
    expect(verifyToken(secret, 'sign-in', forged, now)).toEqual({ ok: false, problem: 'forged' });
    expect(verifyToken(secret, 'sign-in', `${payload}.${signature}x`, now)).toEqual({ ok: false, problem: 'forged' });
    expect(verifyToken(secret, 'sign-in', token, now + 61_000)).toEqual({ ok: false, problem: 'expired' });
    expect(verifyToken(secret, 'unit-link', token, now)).toEqual({ ok: false, problem: 'forged' });
    expect(verifyToken('y'.repeat(40), 'sign-in', token, now)).toEqual({ ok: false, problem: 'forged' });
    expect(verifyToken(secret, 'sign-in', 'no-dot', now)).toEqual({ ok: false, problem: 'malformed' });
    expect(verifyToken(secret, 'sign-in', 'a.b.c', now)).toEqual({ ok: false, problem: 'malformed' });
    const unitLink = unitLinkToken(secret, { cycleId: 'demo/x/p', unitId: 'mat-tran', run: 'r1', cutoffAt: '2026-12-01T00:00:00Z' });
    expect(verifySignIn(secret, unitLink, now)).toEqual({ ok: false, problem: 'forged' });
  });

  it('a sign-in token lasts 15 minutes and only sends people to paths of this app', () => {
    const token = signInToken(secret, STAFF, '//evil.example/x', now);
    const check = verifySignIn(secret, token, now + 14 * MINUTE);
    expect(check.ok && check.claims.n).toBe('/');
    expect(verifySignIn(secret, token, now + 15 * MINUTE)).toEqual({ ok: false, problem: 'expired' });
    expect(safeNext('/cycles/demo%2Fx?y=1')).toBe('/cycles/demo%2Fx?y=1');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'relative', '/a\nb', undefined]) expect(safeNext(bad)).toBe('/');
  });
});

describe('sign-in by emailed link', () => {
  it('shows the form, in Vietnamese for Vietnamese plans', async () => {
    const t = newApp();
    const res = await t.app.request('/sign-in');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('Gửi liên kết đăng nhập');
    expect(body).toContain('name="email"');
  });

  it('a known address gets a one-time link; an unknown one gets the same page and no mail', async () => {
    const t = newApp();
    const known = await t.app.request('/sign-in', formPost({ email: STAFF }));
    const stranger = await t.app.request('/sign-in', formPost({ email: 'mat-tran@example.org' }));
    await afterAnswer();
    expect(known.status).toBe(200);
    expect(stranger.status).toBe(200);
    expect((await known.text()).replace(STAFF, 'X')).toBe((await stranger.text()).replace('mat-tran@example.org', 'X'));
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]!.to.address).toBe(STAFF);
    expect(t.sent[0]!.subject).toBe('Liên kết đăng nhập kyhan');
    expect(t.sent[0]!.text).toContain('Kính gửi đồng chí Chuyên viên (demo)');
    expect(t.sent[0]!.text).toMatch(/http:\/\/kyhan\.test\/sign-in\/[\w-]+\.[\w-]+/);
  });

  it('a known address is looked up, signed for and mailed only after the answer: the request takes the same path as for an unknown one', async () => {
    const t = newApp();
    const signed = vi.spyOn(signInLink, 'signInToken');
    const known = await t.app.request('/sign-in', formPost({ email: STAFF }));
    expect(known.status).toBe(200);
    expect(signed).not.toHaveBeenCalled();
    expect(t.sent).toHaveLength(0);
    await afterAnswer();
    expect(signed).toHaveBeenCalledTimes(1);
    expect(t.sent).toHaveLength(1);
    signed.mockRestore();
  });

  it('a bad address is refused next to the field, keeping what was typed', async () => {
    const t = newApp();
    const res = await t.app.request('/sign-in', formPost({ email: 'không phải email' }));
    expect(res.status).toBe(422);
    const body = await res.text();
    expect(body).toContain('class="field-error"');
    expect(body).toContain('value="không phải email"');
    expect(t.sent).toHaveLength(0);
  });

  it('GET only asks to confirm (mail scanners open links); the POST signs in once and goes where the person was going', async () => {
    const t = newApp();
    const path = await requestLink(t, STAFF, '/plans/demo');
    for (let i = 0; i < 2; i++) {
      const confirm = await t.app.request(path);
      expect(confirm.status).toBe(200);
      expect(await confirm.text()).toContain(`<form method="post" action="${path}">`);
      expect(confirm.headers.getSetCookie()).toEqual([]);
      expect(confirm.headers.get('cache-control')).toBe('no-store');
    }
    const res = await t.app.request(path, formPost({}));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/plans/demo');
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);

    const again = await t.app.request(path, formPost({}));
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Liên kết đã được sử dụng');
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('an expired, tampered or unit link is refused and starts no session', async () => {
    const t = newApp();
    const path = await requestLink(t, STAFF);
    const [payload, signature] = path.slice('/sign-in/'.length).split('.');
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), m: LEADER })).toString('base64url');
    const tampered = await t.app.request(`/sign-in/${other}.${signature}`, formPost({}));
    expect(tampered.status).toBe(403);
    const unitLink = unitLinkToken(t.deps.secret, { cycleId: 'demo/x/p', unitId: 'mat-tran', run: 'r', cutoffAt: '2030-01-01T00:00:00Z' });
    expect((await t.app.request(`/sign-in/${unitLink}`, formPost({}))).status).toBe(403);
    t.advance(16 * MINUTE);
    const expired = await t.app.request(path, formPost({}));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Liên kết đã hết hạn');
    for (const res of [tampered, expired]) expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('a session survives a restart, ends after 12 idle hours, and checks _csrf on every POST', async () => {
    const t = newApp();
    const cookie = await signIn(t, LEADER);
    const home = await t.app.request('/sign-in', { headers: { Cookie: cookie } });
    const body = await home.text();
    expect(body).toContain('Lãnh đạo Ban (demo)');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(body)![1]!;

    // A new app on the same state directory (a restart) knows the session.
    const restarted = createWebApp(t.deps);
    expect(await (await restarted.request('/sign-in', { headers: { Cookie: cookie } })).text()).toContain('Lãnh đạo Ban (demo)');

    // Without the session's _csrf a POST is refused and changes nothing.
    const forged = await t.app.request('/sign-out', formPost({}, { Cookie: cookie }));
    expect(forged.status).toBe(403);
    const wrong = await t.app.request('/sign-out', formPost({ _csrf: 'x'.repeat(csrf.length) }, { Cookie: cookie }));
    expect(wrong.status).toBe(403);
    expect(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text()).toContain('Lãnh đạo Ban (demo)');

    t.advance(11 * 60 * MINUTE);
    expect(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text()).toContain('Lãnh đạo Ban (demo)');
    t.advance(11 * 60 * MINUTE); // 11 h after the last request: still in
    expect(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text()).toContain('Lãnh đạo Ban (demo)');
    t.advance(12 * 60 * MINUTE + 1);
    expect(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text()).not.toContain('Lãnh đạo Ban (demo)');
  });

  it('a page polling by itself (an htmx GET) does not keep an idle session alive', async () => {
    const t = newApp();
    const cookie = await signIn(t, LEADER);
    const poll = () => t.app.request('/sign-in', { headers: { Cookie: cookie, 'HX-Request': 'true' } });
    for (let h = 0; h < 11; h++) {
      t.advance(60 * MINUTE);
      expect(await (await poll()).text()).toContain('Lãnh đạo Ban (demo)');
    }
    t.advance(60 * MINUTE + 1); // 12 hours after the last request of the person's own
    expect(await (await poll()).text()).not.toContain('Lãnh đạo Ban (demo)');
  });

  it('every answer to a signed-in person says private, no-store; a signed-out page does not', async () => {
    const t = newApp();
    const cookie = await signIn(t, STAFF);
    for (const path of ['/', '/plans/demo', '/no-such-page']) {
      expect((await t.app.request(path, { headers: { Cookie: cookie } })).headers.get('cache-control')).toBe('private, no-store');
    }
    expect((await t.app.request('/no-such-page')).headers.get('cache-control')).toBeNull();
    expect((await t.app.request('/static/app.css', { headers: { Cookie: cookie } })).headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('a session ends 7 days after sign-in however busy; sign-out ends it at once', async () => {
    const t = newApp();
    const cookie = await signIn(t, STAFF);
    for (let h = 0; h < 7 * 24 - 6; h += 6) {
      t.advance(6 * 60 * MINUTE);
      expect(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text()).toContain('Chuyên viên (demo)');
    }
    t.advance(12 * 60 * MINUTE);
    expect(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text()).not.toContain('Chuyên viên (demo)');

    const second = await signIn(t, STAFF);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await t.app.request('/sign-in', { headers: { Cookie: second } })).text())![1]!;
    const out = await t.app.request('/sign-out', formPost({ _csrf: csrf }, { Cookie: second }));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/sign-in');
    expect(await (await t.app.request('/sign-in', { headers: { Cookie: second } })).text()).not.toContain('Chuyên viên (demo)');
  });

  it('requireViewer sends a signed-out visitor to sign in, and back; accessToPlan follows the plan', async () => {
    const t = newApp();
    t.app.get('/t/private', requireViewer(), (c) => {
      const access = accessToPlan(c, 'demo');
      return c.text(`${access?.staff}/${access?.leader}/${accessToPlan(c, 'no-such-plan')}`);
    });
    const out = await t.app.request('/t/private?x=1');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/sign-in?next=%2Ft%2Fprivate%3Fx%3D1');
    const staff = await signIn(t, STAFF);
    expect(await (await t.app.request('/t/private', { headers: { Cookie: staff } })).text()).toBe('true/false/undefined');
    const leader = await signIn(t, LEADER);
    expect(await (await t.app.request('/t/private', { headers: { Cookie: leader } })).text()).toBe('false/true/undefined');
    // A forged cookie is no session.
    expect((await t.app.request('/t/private', { headers: { Cookie: `${SESSION_COOKIE}=${'a'.repeat(43)}` } })).status).toBe(303);
  });

  it('sign-in requests are limited per address (5 in 15 minutes) and per client (20)', async () => {
    const t = newApp();
    for (let i = 0; i < 5; i++) expect((await t.app.request('/sign-in', formPost({ email: STAFF }))).status).toBe(200);
    const limited = await t.app.request('/sign-in', formPost({ email: STAFF }));
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('liên kết mới nhất trong hộp thư vẫn còn hiệu lực');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await afterAnswer();
    expect(t.sent).toHaveLength(5);
    // Other addresses from the same client, up to 20 requests in all.
    for (let i = 0; i < 15; i++) expect((await t.app.request('/sign-in', formPost({ email: `x${i}@example.org` }))).status).toBe(200);
    expect((await t.app.request('/sign-in', formPost({ email: LEADER }))).status).toBe(429);
    t.advance(15 * MINUTE + 1);
    expect((await t.app.request('/sign-in', formPost({ email: STAFF }))).status).toBe(200);
  });

  it('a stranger asking for someone’s address cannot keep them out: the newest link sent stays valid', async () => {
    const t = newApp();
    t.deps.trustProxy = true;
    const from = (client: string) => ({ 'X-Forwarded-For': client });
    for (let i = 0; i < 5; i++) {
      t.advance(2 * MINUTE);
      expect((await t.app.request('/sign-in', formPost({ email: LEADER }, from('203.0.113.9')))).status).toBe(200);
    }
    await afterAnswer();
    t.advance(4 * MINUTE); // all five within the last 15 minutes: the address is at its limit
    const refused = await t.app.request('/sign-in', formPost({ email: LEADER }, from('198.51.100.7')));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('liên kết mới nhất trong hộp thư vẫn còn hiệu lực');
    const newest = /http:\/\/kyhan\.test(\/sign-in\/\S+)/.exec(t.sent.at(-1)!.text)![1]!;
    expect((await t.app.request(newest, formPost({}, from('198.51.100.7')))).status).toBe(303);
  });

  it('only sign-in links that fail to verify count against the client: a valid link always signs in', async () => {
    const t = newApp();
    const path = await requestLink(t, STAFF);
    for (let i = 0; i < 20; i++) expect((await t.app.request(`/sign-in/garbage${i}`, formPost({}))).status).toBe(403);
    const limited = await t.app.request('/sign-in/garbage', formPost({}));
    expect(limited.status).toBe(429);
    const res = await t.app.request(path, formPost({}));
    expect(res.status).toBe(303);
    expect(cookieOf(res, SESSION_COOKIE)).toBeDefined();
  });

  it('forms have a size limit before they are read: 16 KB for sign-in, 64 KB for a signed-in person’s form', async () => {
    const t = newApp();
    const big = await t.app.request('/sign-in', formPost({ email: STAFF, next: `/${'x'.repeat(20_000)}` }));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('Dữ liệu gửi lên quá lớn');
    await afterAnswer();
    expect(t.sent).toHaveLength(0);
    const cookie = await signIn(t, STAFF);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text())![1]!;
    const huge = await t.app.request('/sign-out', formPost({ _csrf: csrf, pad: 'x'.repeat(51 * 1024 * 1024) }, { Cookie: cookie }));
    expect(huge.status).toBe(413);
    const over64k = await t.app.request('/sign-out', formPost({ _csrf: csrf, pad: 'x'.repeat(65 * 1024) }, { Cookie: cookie }));
    expect(over64k.status).toBe(413);
    // The session is untouched, and a normal form still passes the same check.
    expect((await t.app.request('/sign-out', formPost({ _csrf: csrf }, { Cookie: cookie }))).status).toBe(303);
  });

  describe('a signed-in person’s form is bounded before it is parsed', () => {
    /** The session layer alone, in front of a route that parses the form and says how many entries it found. */
    async function setUpForms() {
      const t = newApp();
      const cookie = await signIn(t, STAFF);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text())![1]!;
      const app = new Hono<WebEnv>();
      app.use(async (c, next) => {
        c.set('deps', t.deps);
        c.set('language', 'vi');
        await next();
      });
      app.use(sessionMiddleware());
      app.post('*', async (c) => c.text(String(Object.keys(await c.req.parseBody({ all: true })).length)));
      const multipart = (entries: number, pad = 0, headers: Record<string, string> = {}): RequestInit => {
        const form = new FormData();
        form.append('_csrf', csrf);
        for (let i = 0; i < entries; i++) form.append(`f${i}`, '');
        if (pad > 0) form.append('file', new File([new Uint8Array(pad)], 'scan.pdf'));
        return { method: 'POST', body: form, headers: { Origin: 'http://kyhan.test', Cookie: cookie, ...headers } };
      };
      return { t, app, cookie, csrf, multipart };
    }
    const SCAN = `/cycles/${encodeURIComponent('demo/chay-thu/2026-11-24')}/units/mat-tran/submit`;

    it('only the paper-submission form may send more than 64 KB, and only as multipart', async () => {
      const { app, cookie, csrf, multipart } = await setUpForms();
      expect((await app.request(SCAN, multipart(3, 200 * 1024))).status).toBe(200);
      expect((await app.request('/cycles/x/cancel', multipart(3, 200 * 1024))).status).toBe(413);
      expect((await app.request(SCAN, formPost({ _csrf: csrf, pad: 'x'.repeat(100 * 1024) }, { Cookie: cookie }))).status).toBe(413);
    });

    it('a multipart form with more entries than any console form is refused before it is parsed', async () => {
      const { app, multipart } = await setUpForms();
      expect(await (await app.request(SCAN, multipart(30))).text()).toBe('31');
      for (const path of [SCAN, '/sign-out']) {
        const many = await app.request(path, multipart(300));
        expect(many.status).toBe(413);
        expect(await many.text()).toContain('Biểu mẫu có quá nhiều mục');
      }
      // A Content-Type naming two kinds is parsed as the last by the platform, counted as the first by Hono: refused.
      const two = multipart(3);
      const type = new Request('http://x', two).headers.get('content-type')!;
      const body = await new Request('http://x', two).arrayBuffer();
      expect((await app.request(SCAN, { ...two, body, headers: { ...(two.headers as Record<string, string>), 'Content-Type': `${type}, application/x-www-form-urlencoded` } })).status).toBe(413);
    });

    it('a wrong X-CSRF-Token header is refused before the body is read; a right one does not skip the limits', async () => {
      const { app, csrf, multipart } = await setUpForms();
      expect((await app.request(SCAN, multipart(300, 0, { 'X-CSRF-Token': 'x'.repeat(csrf.length) }))).status).toBe(403);
      expect((await app.request(SCAN, multipart(300, 0, { 'X-CSRF-Token': csrf }))).status).toBe(413);
      expect((await app.request(SCAN, multipart(3, 0, { 'X-CSRF-Token': csrf }))).status).toBe(200);
    });
  });

  it('a form that cannot be read gets 400, with or without a session, logged as no failure', async () => {
    const t = newApp();
    const errors: unknown[] = [];
    t.deps.logger = { error: (...args: unknown[]) => errors.push(args), info: () => {}, warn: () => {} } as unknown as typeof t.deps.logger;
    const broken = (headers: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { Origin: 'http://kyhan.test', 'Content-Type': 'multipart/form-data; boundary=XYZ', ...headers },
      body: '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nabc',
    });
    expect((await t.app.request('/sign-in', broken())).status).toBe(400);
    const cookie = await signIn(t, STAFF);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await t.app.request('/sign-in', { headers: { Cookie: cookie } })).text())![1]!;
    const res = await t.app.request('/sign-out', broken({ Cookie: cookie }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Không đọc được biểu mẫu gửi lên');
    expect((await t.app.request(`/cycles/${encodeURIComponent('demo/chay-thu/x')}/cancel`, broken({ Cookie: cookie, 'X-CSRF-Token': csrf }))).status).toBe(400);
    expect(errors).toEqual([]);
  });

  it('speaks English when the plans are in English', async () => {
    const t = newApp({ plans: [{ ...loadPlan('plans/demo.yaml'), language: 'en' }] });
    const res = await t.app.request('/sign-in');
    expect(await res.text()).toContain('Send me a sign-in link');
    await requestLink(t, STAFF);
    expect(t.sent[0]!.subject).toBe('Your kyhan sign-in link');
  });
});
