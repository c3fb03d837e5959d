/**
 * What every part of the web app is given: the Temporal client (the web app is, besides the
 * workers, the only holder of Temporal credentials), the plans, the secret, the stores, the
 * clock. Built once by `startWebServer`; tests build their own.
 */
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Language } from '../domain/cycle';
import type { DocumentStore } from '../storage/document-store';
import type { AuthStore } from './auth/store';
import type { PlanBook } from './plans';

/** A signed-in person (staff or leader); what they may do is decided per plan from `email`. */
export interface Viewer {
  email: string;
  name: string;
  sessionId: string;
  /** Put in every form of this session and checked on every POST. */
  csrfToken: string;
}

export interface WebDeps {
  temporal: Client;
  plans: PlanBook;
  /** Signs unit links and sign-in tokens (auth/). */
  secret: string;
  /** The address people open, without a trailing slash, e.g. `https://kyhan.example.org`. */
  publicUrl: string;
  /** The state directory: uploads, sessions and sign-in tokens live under it. */
  varDir: string;
  /** Sends sign-in links (the worker sends every cycle email; this is the web app's only mail). */
  mail: { transport: Transporter; from: string };
  /** Sessions and used sign-in tokens; unset: files under `<varDir>/web/` (web/auth/store.ts). */
  authStore?: AuthStore;
  /** Submitted documents and consolidated reports, shared with the workers; unset: files under `varDir`. */
  documentStore?: DocumentStore;
  /** The kyhan workers' task queue (`KYHAN_TASK_QUEUE`): cycles started from the console run there. Default `kyhan`. */
  taskQueue?: string;
  /** Behind a reverse proxy: the client's address is the last `X-Forwarded-For` hop (rate limits). */
  trustProxy?: boolean;
  /** Secure cookies: true when `publicUrl` is https (behind a TLS proxy). */
  secureCookies: boolean;
  logger: Logger;
  now: () => Date;
}

/** Hono's context variables for kyhan's routes. */
export interface WebEnv {
  Variables: {
    deps: WebDeps;
    /** Set by the session middleware when a valid session cookie came with the request. */
    viewer?: Viewer;
    /** The language of the page being built. */
    language: Language;
  };
}
