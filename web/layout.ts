/**
 * Every page's frame: a plain, server-rendered document that works without JavaScript on an
 * old office PC and on a phone (htmx only makes some forms update in place), readable in grey
 * print. One stylesheet, one script, both served by the app itself.
 */
import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import { html, say } from './html';
import type { WebEnv } from './deps';

type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  title: string;
  body: Body;
  /** HTTP status; 200 unless told. */
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;
}

export function page(c: Context<WebEnv>, options: PageOptions) {
  const language = c.get('language');
  const viewer = c.get('viewer');
  const nav = viewer
    ? html`<nav class="top"><a href="/">${say(language, { vi: 'Bảng theo dõi', en: 'Overview' })}</a>
        <span class="who">${viewer.name}</span>
        <form method="post" action="/sign-out" class="inline"><input type="hidden" name="_csrf" value="${viewer.csrfToken}"><button type="submit" class="link">${say(language, { vi: 'Đăng xuất', en: 'Sign out' })}</button></form></nav>`
    : '';
  return c.html(
    html`<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}'>
<title>${options.title} · kyhan</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css">
<script src="/static/htmx.min.js" defer></script>
</head>
<body>
<header class="site"><span class="brand">kyhan</span> ${nav}</header>
<main>
${options.body}
</main>
</body>
</html>`,
    options.status ?? 200,
  );
}

/** A page that only says something: refusals, expired links, errors. */
export function messagePage(c: Context<WebEnv>, status: NonNullable<PageOptions['status']>, title: string, ...lines: string[]) {
  return page(c, { status, title, body: html`<h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}` });
}
