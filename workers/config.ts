/**
 * Process configuration, read from the environment once and validated with zod.
 * A bad value never surfaces as a stack trace: `loadConfig` collects every problem and
 * `ConfigError` lists them all, each with the variable's name and how to fix it.
 */
import { z } from 'zod';
import { ConnectionConfigSchema } from '../client/connection-config';
import { redactUrlText } from '../storage/redact-url';

const port = (what: string) =>
  z.coerce
    .number({ error: `must be a port number for ${what}, e.g. 7233` })
    .int({ error: `must be a whole port number for ${what}` })
    .min(1, { error: `must be between 1 and 65535 (${what})` })
    .max(65535, { error: `must be between 1 and 65535 (${what})` });

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z.object({
  // TEMPORAL_* and KYHAN_TASK_QUEUE: shared with the CLI (client/connection-config.ts).
  ...ConnectionConfigSchema.shape,
  KYHAN_VAR_DIR: z.string().min(1, { error: 'must not be empty' }).default('var'),
  KYHAN_TEMPORAL_PORT: port('the Temporal dev server').default(7233),
  KYHAN_UI_PORT: port('the Temporal Web UI').default(8233),
  KYHAN_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  KYHAN_SMTP_PORT: port('SMTP').default(1025),
  KYHAN_SMTP_SECURE: bool.default(false),
  KYHAN_SMTP_USER: z.string().min(1).optional(),
  KYHAN_SMTP_PASSWORD: z.string().min(1).optional(),
  KYHAN_MAIL_FROM: z.email({ error: 'must be an email address, e.g. kyhan@example.org' }).default('kyhan@example.org'),
  // The display name recipients see, e.g. "Ban Dân vận Tỉnh ủy"; nodemailer encodes it (RFC 2047).
  KYHAN_MAIL_FROM_NAME: z.string().trim().min(1, { error: 'must not be empty' }).default('kyhan'),
  // About 1 MB of heap per cached workflow: 200 suits a worker with a few hundred MB.
  KYHAN_MAX_CACHED_WORKFLOWS: z.coerce
    .number({ error: 'must be a whole number, e.g. 200' })
    .int({ error: 'must be a whole number, e.g. 200' })
    .min(0, { error: 'must be 0 or more' })
    .default(200),
  // On SIGINT/SIGTERM, how long in-flight activities (an SMTP send, a document) may take to finish.
  KYHAN_SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds, e.g. 30' })
    .int({ error: 'must be a whole number of seconds' })
    .min(0, { error: 'must be 0 or more' })
    .default(30),
  // A bundle from `npm run build:workflows`; unset = dist/workflow-bundle.js in production, else bundle at start.
  KYHAN_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
  KYHAN_METRICS_PORT: port('Prometheus metrics').optional(),
  // The web app (web/): where it listens, and the address people reach it at (links in emails).
  KYHAN_WEB_HOST: z.string().min(1).default('127.0.0.1'),
  KYHAN_WEB_PORT: port('the kyhan web app').default(3000),
  // Behind a TLS proxy: https://kyhan.example.org. Unset: http://<KYHAN_WEB_HOST>:<KYHAN_WEB_PORT>.
  KYHAN_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be the http(s) address people open, e.g. https://kyhan.example.org' }).optional(),
  // kyhan's own state (sent ledger, web sessions, the secret) in PostgreSQL, shared by every worker and
  // the web app on any host. Unset: files under KYHAN_VAR_DIR, which all processes must then share.
  KYHAN_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a PostgreSQL URL, e.g. postgres://kyhan:password@db.example.org:5432/kyhan' })
    .optional(),
  // Signs unit links and sign-in tokens. Unset: generated once into <state dir>/secret.key (or the database).
  KYHAN_SECRET: z.string().min(32, { error: 'must be at least 32 characters; generate one with `openssl rand -hex 32`' }).optional(),
  // Behind a TLS proxy: take the client's address from the last X-Forwarded-For hop (rate limits per client).
  KYHAN_TRUST_PROXY: bool.default(false),
  // Plan files the web app knows (roles, people, units): every .yaml/.yml file in this folder.
  KYHAN_PLANS_DIR: z.string().min(1, { error: 'must not be empty' }).default('plans'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], { error: 'must be one of fatal, error, warn, info, debug, trace' }).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Thrown when the environment holds bad values; its message lists every one. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: { variable: string; message: string; received: string | undefined }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}${p.received !== undefined ? ` (received ${JSON.stringify(p.received)})` : ''}`).join('\n'),
    );
  }
}

/** A value to quote in an error, with a URL's password hidden (KYHAN_DATABASE_URL may hold one). */
function withoutPassword(variable: string, value: string | undefined): string | undefined {
  return variable === 'KYHAN_DATABASE_URL' && value !== undefined ? redactUrlText(value) : value;
}

/** Reads and validates the configuration; throws `ConfigError` listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, so `FOO= npm start` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (parsed.success) {
    const config = parsed.data;
    if (Boolean(config.TEMPORAL_TLS_CERT) !== Boolean(config.TEMPORAL_TLS_KEY)) {
      throw new ConfigError([{ variable: config.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT', message: 'mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: set the missing one', received: undefined }]);
    }
    return config;
  }
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(environment)');
      return { variable, message: issue.message, received: withoutPassword(variable, present[variable]) };
    }),
  );
}
