/**
 * A web app for route tests (`app.request()`), without Temporal unless a test gives one: the
 * demo plan (or another), a state directory in a temp folder, mail caught in memory, a clock the
 * test moves.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import pino from 'pino';
import { validatePlan } from '../../domain/plan/validate';
import type { Plan } from '../../domain/plan/schema';
import type { WebDeps } from '../../web/deps';
import { PlanBook } from '../../web/plans';
import { createWebApp } from '../../web/server';

export interface SentMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

export function loadPlan(file: string) {
  const result = validatePlan(readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(`${file} is not valid`);
  return result.plan;
}

/** `plans`: plan files, or plans already loaded (e.g. the demo plan switched to English). */
export function testWebApp(options: { plans?: (string | Plan)[]; temporal?: Client; now?: Date } = {}) {
  const varDir = mkdtempSync(join(tmpdir(), 'kyhan-web-'));
  const sent: SentMail[] = [];
  const clock = { now: options.now ?? new Date('2026-11-20T03:00:00Z') };
  const transport = {
    sendMail: async (message: SentMail) => {
      sent.push(message);
      return { messageId: `<${sent.length}@test>` };
    },
  } as unknown as Transporter;
  const deps: WebDeps = {
    temporal: options.temporal ?? ({} as Client),
    plans: new PlanBook((options.plans ?? ['plans/demo.yaml']).map((p) => (typeof p === 'string' ? { plan: loadPlan(p), file: p } : { plan: p, file: `${p.id}.yaml` }))),
    secret: 'test-secret-0123456789abcdef0123456789abcdef',
    publicUrl: 'http://kyhan.test',
    varDir,
    mail: { transport, from: 'kyhan <kyhan@example.org>' },
    secureCookies: false,
    logger: pino({ level: 'silent' }),
    now: () => clock.now,
  };
  const app = createWebApp(deps);
  return {
    app,
    deps,
    sent,
    clock,
    varDir,
    /** Moves the clock forward. */
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    cleanup() {
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}

/** A same-origin form POST, as a browser on the app's own page sends it. */
export function formPost(body: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://kyhan.test', ...headers },
    body: new URLSearchParams(body).toString(),
  };
}

/** The `name=value` of a Set-Cookie header, for the next request's Cookie header. */
export function cookieOf(response: Response, name: string): string | undefined {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return header?.split(';')[0];
}
