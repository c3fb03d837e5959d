/**
 * The kyhan web app: one Hono application, served by Node. Order of the layers: security
 * headers on every answer; the request's language; a same-origin check on every form POST
 * (CSRF, beside the per-session token staff forms carry); the session; then the routes of the
 * three doors: a unit's signed link (web/unit), sign-in (web/auth), the staff console (web/console).
 * A failure inside a route is logged with its stack and shown as a plain page without one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { say } from './html';
import { messagePage } from './layout';
import { loggablePath } from './log-path';
import type { WebDeps, WebEnv } from './deps';
import { authRoutes, sessionMiddleware } from './auth/routes';
import { consoleRoutes } from './console/routes';
import { unitRoutes } from './unit/routes';

const require = createRequire(import.meta.url);
const STATIC = {
  '/static/htmx.min.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js')) },
  '/static/app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./static/app.css', import.meta.url)) },
} as const;

export { loggablePath };

export function createWebApp(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const publicOrigin = new URL(deps.publicUrl).origin;

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Inline style attributes only (bars of the small charts); no inline script anywhere.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      // HSTS only means something behind TLS; over plain http it would be ignored anyway.
      strictTransportSecurity: deps.secureCookies ? 'max-age=31536000' : false,
    }),
  );
  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('language', deps.plans.language());
    await next();
  });
  // Form POSTs must come from the app's own pages (the public address, or the address the request came to).
  app.use(csrf({ origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin }));
  app.use(sessionMiddleware());
  // Whatever a signed-in person is shown is theirs alone: not kept by a shared PC's browser or a proxy.
  app.use(async (c, next) => {
    await next();
    if (c.get('viewer') && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-store');
  });

  app.get('/healthz', (c) => c.text('ok'));
  for (const [path, file] of Object.entries(STATIC)) {
    app.get(path, (c) => c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=3600' }));
  }

  app.route('/', unitRoutes());
  app.route('/', authRoutes());
  app.route('/', consoleRoutes());

  app.notFound((c) => messagePage(c, 404, say(c.get('language'), { vi: 'Không tìm thấy trang', en: 'Page not found' }), say(c.get('language'), { vi: 'Địa chỉ này không có trong hệ thống.', en: 'There is no such page.' })));
  app.onError((err, c) => {
    const language = c.get('language') ?? 'vi';
    if (err instanceof HTTPException && err.status === 403) {
      // The same-origin check: a form posted from another site (or a stale page opened elsewhere).
      return messagePage(c, 403, say(language, { vi: 'Yêu cầu bị từ chối', en: 'Request refused' }), say(language, { vi: 'Biểu mẫu không được gửi từ trang của hệ thống. Hãy mở lại trang và gửi lại.', en: 'The form was not sent from this application’s own page. Open the page again and resend.' }));
    }
    if (err instanceof HTTPException && err.status < 500) return messagePage(c, err.status as 400, say(language, { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' }), err.message);
    deps.logger.error({ err, path: loggablePath(c.req.path) }, 'web request failed');
    return messagePage(
      c,
      500,
      say(c.get('language') ?? 'vi', { vi: 'Có lỗi xảy ra', en: 'Something went wrong' }),
      say(c.get('language') ?? 'vi', { vi: 'Yêu cầu chưa được thực hiện; không có dữ liệu nào bị thay đổi. Hãy thử lại sau ít phút.', en: 'Your request was not carried out and nothing was changed. Try again in a few minutes.' }),
    );
  });
  return app;
}

export interface RunningWebServer {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(deps: WebDeps, listen: { host: string; port: number }): Promise<RunningWebServer> {
  const app = createWebApp(deps);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: listen.host, port: listen.port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  return {
    url: `http://${listen.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
