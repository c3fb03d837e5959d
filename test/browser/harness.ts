/**
 * What browser tests use against the stack of stack.setup.ts (the real `npm start`: dev server,
 * worker, mail catcher, web app): the CLI pointed at it, the mail it caught, the links in that
 * mail, Debian's Chromium driven by playwright-core, and screenshots. See test/browser/README.md.
 *
 * Every wait polls until a deadline and, when it runs out, says what it was waiting for and what
 * it saw instead: the machine may be a loaded 2-core one, and no test asserts on time.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { ROOT, runKyhan, type CliRun } from '../helpers/kyhan-cli';
import type { BrowserStack } from './stack.setup';

const SECOND = 1_000;

// ---------------------------------------------------------------------------------------------
// The stack

/** Addresses of the running stack (web app, Temporal, state and mail directories). */
export function stack(): BrowserStack {
  return inject('browserStack');
}

/**
 * One line on the stack's state for failure messages: whether the web app answers `/healthz`,
 * and where the stack's output is (a worker that died says why there).
 */
export async function stackHealth(): Promise<string> {
  const { webUrl, logFile } = stack();
  const answer = await fetch(`${webUrl}/healthz`, { signal: AbortSignal.timeout(5 * SECOND) }).then(
    (r) => `answers ${r.status}`,
    (err: unknown) => `does not answer (${err instanceof Error ? err.message : String(err)})`,
  );
  return `the web app at ${webUrl} ${answer}; the stack's output: ${relative(ROOT, logFile)}`;
}

/** The test plan every browser test runs: id `browser`, file test/browser/plans/browser.yaml. */
export const PLAN_FILE = 'test/browser/plans/browser.yaml';
export const PLAN_ID = 'browser';

/**
 * A period id no other test of the run uses, e.g. `unit-link-3f9a1c2e`: all test files share
 * one stack, so each cycle they start must be their own.
 */
export function uniquePeriod(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** An ISO instant `ms` from now, for `--due`, `--until`. */
export function fromNow(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Waiting

/**
 * Calls `probe` every `everyMs` until it returns something other than `undefined`, and returns
 * that. After `timeoutMs`, fails with "timed out after N s waiting for <what>", followed by what
 * `seen()` describes (the last state observed), so the failure says what was there instead.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMs?: number; everyMs?: number; seen?: () => string | Promise<string> } = {},
): Promise<T> {
  const { timeoutMs = 120 * SECOND, everyMs = SECOND } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const seen = options.seen ? `\n${await options.seen()}` : '';
      const error = lastError ? `\nlast error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / SECOND)} s waiting for ${what}${seen}${error}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// ---------------------------------------------------------------------------------------------
// The CLI

/** `npx tsx cli/cli.ts …args` against the stack's Temporal, as an operator types it. */
export function kyhan(...args: string[]): Promise<CliRun> {
  return runKyhan(args, { TEMPORAL_ADDRESS: stack().temporalAddress });
}

/** `kyhan(...args)` that must exit 0; fails with the command and its stderr otherwise. Returns stdout. */
export async function kyhanOk(...args: string[]): Promise<string> {
  const run = await kyhan(...args);
  expect(run.code, `kyhan ${args.join(' ')} exited ${run.code}:\n${run.stderr}${run.stdout}`).toBe(0);
  return run.stdout;
}

/** `kyhan … --json`, parsed. */
export async function kyhanJson<T>(...args: string[]): Promise<T> {
  return JSON.parse(await kyhanOk(...args, '--json')) as T;
}

/**
 * Starts an ad-hoc cycle of the test plan and returns its id, `browser/<report>/<period>`.
 * `due` is an ISO instant (default: 10 minutes from now); `units` a subset of the plan's units.
 */
export async function startCycle(options: { report?: string; period: string; due?: string; units?: string[] }): Promise<string> {
  const report = options.report ?? 'bao-cao-nhanh';
  await kyhanOk('cycle', 'start', PLAN_FILE, '--report', report, '--period', options.period, '--due', options.due ?? fromNow(10 * 60 * SECOND), ...(options.units ? ['--units', options.units.join(',')] : []));
  return `${PLAN_ID}/${report}/${options.period}`;
}

// ---------------------------------------------------------------------------------------------
// Mail

export interface Mail {
  /** The `.eml` file's path. */
  file: string;
  /** `X-Kyhan-Kind`: notice, reminder, overdue, escalation, receipt, returned, consolidation, … ('' when absent, e.g. sign-in mail). */
  kind: string;
  /** `X-Kyhan-Cycle` ('' when absent). */
  cycle: string;
  messageId: string;
  /** To, lower-case addresses. */
  to: string[];
  cc: string[];
  subject: string;
  /** The Date header, or the file's order when absent. */
  date: Date;
  text: string;
  html: string;
  /** Every http(s) address in the text and the HTML (hrefs decoded), in order, without repeats. */
  links: string[];
  /** Attachment file names. */
  attachments: string[];
}

const parsed = new Map<string, Mail>();

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const all = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return all.flatMap((a) => a.value.flatMap((v) => (v.address ? [v.address.toLowerCase()] : (v.group ?? []).flatMap((g) => (g.address ? [g.address.toLowerCase()] : [])))));
}

function linksOf(text: string, html: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'()[\]]+/g)) found.push(m[0].replace(/[.,;:!?]+$/, ''));
  for (const m of html.matchAll(/href\s*=\s*"([^"]+)"|href\s*=\s*'([^']+)'/gi)) {
    const href = (m[1] ?? m[2] ?? '').replace(/&amp;/g, '&').replace(/&#x2F;/gi, '/').replace(/&#47;/g, '/');
    if (/^https?:/i.test(href)) found.push(href);
  }
  return [...new Set(found)];
}

async function parseMail(file: string): Promise<Mail> {
  const cached = parsed.get(file);
  if (cached) return cached;
  const message = await simpleParser(await readFile(file));
  const header = (name: string) => {
    const value = message.headers.get(name);
    return typeof value === 'string' ? value : '';
  };
  const text = message.text ?? '';
  const html = typeof message.html === 'string' ? message.html : '';
  const mail: Mail = {
    file,
    kind: header('x-kyhan-kind'),
    cycle: header('x-kyhan-cycle'),
    messageId: message.messageId ?? '',
    to: addresses(message.to),
    cc: addresses(message.cc),
    subject: message.subject ?? '',
    date: message.date ?? new Date(0),
    text,
    html,
    links: linksOf(text, html),
    attachments: message.attachments.map((a) => a.filename ?? ''),
  };
  // The catcher writes each file whole (atomic rename): a file once listed never changes.
  parsed.set(file, mail);
  return mail;
}

/** Every message the stack's mail catcher has written so far, oldest first (by file name: the catcher names them by time). */
export async function listMails(): Promise<Mail[]> {
  const dir = stack().mailDir;
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
  return await Promise.all(files.map((f) => parseMail(join(dir, f))));
}

export interface MailFilter {
  /** `X-Kyhan-Kind`, e.g. 'notice'. */
  kind?: string;
  /** A recipient in To or Cc (case-insensitive). */
  to?: string;
  /** `X-Kyhan-Cycle`, e.g. 'browser/bao-cao-nhanh/smoke-1a2b3c4d'. */
  cycle?: string;
  /** A test on the subject. */
  subject?: RegExp;
  /** Only mail that is not among these (e.g. a list taken before an action), by file. */
  notIn?: Mail[];
}

function matches(mail: Mail, filter: MailFilter): boolean {
  if (filter.kind !== undefined && mail.kind !== filter.kind) return false;
  if (filter.cycle !== undefined && mail.cycle !== filter.cycle) return false;
  if (filter.to !== undefined && ![...mail.to, ...mail.cc].includes(filter.to.toLowerCase())) return false;
  if (filter.subject !== undefined && !filter.subject.test(mail.subject)) return false;
  if (filter.notIn?.some((m) => m.file === mail.file)) return false;
  return true;
}

function describeFilter(filter: MailFilter): string {
  const parts = [filter.kind ? `a "${filter.kind}" mail` : 'a mail'];
  if (filter.to) parts.push(`to ${filter.to}`);
  if (filter.cycle) parts.push(`of cycle ${filter.cycle}`);
  if (filter.subject) parts.push(`with a subject matching ${String(filter.subject)}`);
  if (filter.notIn) parts.push(`(not one of the ${filter.notIn.length} mails seen before)`);
  return parts.join(' ');
}

/** The mails that match, oldest first. */
export async function findMails(filter: MailFilter): Promise<Mail[]> {
  return (await listMails()).filter((m) => matches(m, filter));
}

/** The newest mail that matches, or undefined. */
export async function newestMail(filter: MailFilter): Promise<Mail | undefined> {
  return (await findMails(filter)).at(-1);
}

/** Waits for a mail that matches and returns the newest one; on time-out lists what arrived instead. */
export async function waitForMail(filter: MailFilter, timeoutMs = 180 * SECOND): Promise<Mail> {
  return await waitFor(describeFilter(filter), () => newestMail(filter), {
    timeoutMs,
    seen: async () => {
      const all = await listMails();
      const related = all.filter((m) => (!filter.cycle || m.cycle === filter.cycle) && (!filter.to || [...m.to, ...m.cc].includes(filter.to.toLowerCase())));
      const shown = (related.length > 0 ? related : all).slice(-15);
      return `${all.length} mails in ${stack().mailDir}${related.length > 0 ? `, ${related.length} for this cycle/address` : ''}; the last ones:\n${shown.map((m) => `  ${m.kind || '(no kind)'} to ${m.to.join(', ')} [${m.cycle}] ${m.subject}`).join('\n') || '  (none)'}\n${await stackHealth()}`;
    },
  });
}

export type LinkKind = 'unit' | 'sign-in' | 'cycle';
const LINK_KINDS: Record<LinkKind, (url: URL) => boolean> = {
  unit: (u) => /^\/r\/[^/]+$/.test(u.pathname),
  'sign-in': (u) => /^\/sign-in\/./.test(u.pathname) || (u.pathname === '/sign-in' && u.search !== ''),
  cycle: (u) => /^\/cycles\/[^/]+/.test(u.pathname),
};

/**
 * The mail's links of one kind: `unit` (`/r/<token>`), `sign-in` (`/sign-in/<token>` or
 * `/sign-in?…`), `cycle` (`/cycles/<cycle id>`).
 */
export function linksIn(mail: Mail, kind: LinkKind): string[] {
  return mail.links.filter((l) => LINK_KINDS[kind](new URL(l)));
}

/** The one link of that kind in the mail; fails naming the mail and the links it has otherwise. */
export function linkIn(mail: Mail, kind: LinkKind): string {
  const links = linksIn(mail, kind);
  if (links.length !== 1) {
    throw new Error(`expected one ${kind} link in the "${mail.kind}" mail to ${mail.to.join(', ')} (${relative(ROOT, mail.file)}), found ${links.length}; its links: ${mail.links.join(' ') || '(none)'}`);
  }
  return links[0]!;
}

// ---------------------------------------------------------------------------------------------
// The browser

export const CHROMIUM = process.env.KYHAN_CHROMIUM || '/usr/bin/chromium';

/**
 * The flags Chromium needs here: root (no sandbox), no GPU, and no background traffic (this
 * machine's closed network refuses it, many connections at a time, and Google's hosts do not
 * resolve). `--disable-dev-shm-usage` for containers with a small /dev/shm.
 */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface TestBrowser {
  browser: Browser;
  /**
   * A new context (its own cookies: one per person in a scenario, e.g. the clerk and the staff
   * member) and page, Vietnamese locale, a phone-or-desktop viewport, and generous time-outs.
   * The page's JavaScript errors are collected in `errors` (CSP refusals show up there too).
   */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<TestPage>;
  close(): Promise<void>;
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors and console errors of the page so far. */
  errors: string[];
}

/**
 * Debian's Chromium through playwright-core (`executablePath`), headless. Each launch has a fresh
 * user-data directory: Playwright's `launch` makes a temporary one and removes it at `close()`
 * (it refuses a `--user-data-dir` flag). Run scripts/prepare-browser.sh if Chromium is missing.
 */
export async function openBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run \`bash scripts/prepare-browser.sh\` (npm test does) or set KYHAN_CHROMIUM`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 120 * SECOND });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: options.viewport ?? { width: 1280, height: 900 } });
      context.setDefaultTimeout(30 * SECOND);
      context.setDefaultNavigationTimeout(60 * SECOND);
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // Chromium logs the page's own status (a 404 or 410 page that tests expect) as a failed
        // load, and the favicon it asks for by itself (the app has none; no page links one).
        const from = message.location().url;
        if (message.text().startsWith('Failed to load resource') && (from === page.url() || new URL(from || 'about:blank').pathname === '/favicon.ico')) return;
        errors.push(`${message.text()}${from ? ` (${from})` : ''}`);
      });
      return { page, context, errors };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Screenshots

/** Where screenshots go (git-ignored): test-results/screenshots/. */
export const SCREENSHOTS_DIR = join(ROOT, 'test-results', 'screenshots');

/**
 * A full-page screenshot as test-results/screenshots/<name>.png (name made file-safe; the same
 * name overwrites, so give each main page its own, e.g. 'unit-link/receipt'). Returns the path.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^A-Za-z0-9/_-]+/g, '-').replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
  const file = join(SCREENSHOTS_DIR, `${safe}.png`);
  mkdirSync(join(file, '..'), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
