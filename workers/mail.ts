/**
 * The worker's outgoing mail: a pooled nodemailer SMTP transport built from `KYHAN_SMTP_*`,
 * the From header, and the start-up check that the SMTP server answers.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Config } from './config';
import { ExitCode, UserFacingError } from './process';

type MailConfig = Pick<
  Config,
  'KYHAN_SMTP_HOST' | 'KYHAN_SMTP_PORT' | 'KYHAN_SMTP_SECURE' | 'KYHAN_SMTP_USER' | 'KYHAN_SMTP_PASSWORD' | 'KYHAN_MAIL_FROM' | 'KYHAN_MAIL_FROM_NAME'
>;

/** nodemailer waits 2 minutes for a TCP connection by default; a send is an activity that retries, so fail sooner. */
const SMTP_CONNECTION_TIMEOUT_MS = 15_000;
/** A handful of pooled connections: a cycle's notices go out in a burst, and small SMTP relays throttle parallel sessions. */
export const SMTP_MAX_CONNECTIONS = 5;
/**
 * Silence allowed inside an SMTP transaction (nodemailer's default is 10 minutes). With the
 * connection and greeting timeouts it bounds one send well under the ledger's 90-second claim,
 * so an attempt whose claim expired is certainly no longer sending.
 */
const SMTP_SOCKET_TIMEOUT_MS = 30_000;

export type MailTransport = Transporter<SMTPPool.SentMessageInfo>;

export function createMailTransport(config: MailConfig): MailTransport {
  return nodemailer.createTransport({
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
    host: config.KYHAN_SMTP_HOST,
    port: config.KYHAN_SMTP_PORT,
    secure: config.KYHAN_SMTP_SECURE,
    connectionTimeout: SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeout: SMTP_CONNECTION_TIMEOUT_MS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
    ...(config.KYHAN_SMTP_USER ? { auth: { user: config.KYHAN_SMTP_USER, pass: config.KYHAN_SMTP_PASSWORD ?? '' } } : {}),
  });
}

/** `"Ban Dân vận" <kyhan@example.org>`: the name is quoted here and RFC 2047-encoded by nodemailer. */
export function fromHeader(config: Pick<MailConfig, 'KYHAN_MAIL_FROM' | 'KYHAN_MAIL_FROM_NAME'>): string {
  const name = config.KYHAN_MAIL_FROM_NAME.replace(/(["\\])/g, '\\$1');
  return `"${name}" <${config.KYHAN_MAIL_FROM}>`;
}

/** What went wrong, in words, and the code the process exits with. */
function smtpProblem(err: unknown, config: MailConfig): { reason: string; fix: string; exitCode: number } {
  const { code, message } = err as { code?: string; message?: string };
  if (code === 'EAUTH') {
    return { reason: 'the server refused the login', fix: 'check KYHAN_SMTP_USER and KYHAN_SMTP_PASSWORD', exitCode: ExitCode.badConfiguration };
  }
  if (code === 'ETLS' || /wrong version number|SSL|TLS/i.test(message ?? '')) {
    return {
      reason: `TLS failed (${message ?? code})`,
      fix: `set KYHAN_SMTP_SECURE=${config.KYHAN_SMTP_SECURE ? 'false' : 'true'} if the server ${config.KYHAN_SMTP_SECURE ? 'starts in plain text (ports 25, 587, 1025)' : 'expects TLS from the start (port 465)'}`,
      exitCode: ExitCode.unreachable,
    };
  }
  const reason =
    /ECONNREFUSED/.test(message ?? '') ? 'connection refused'
    : code === 'ETIMEDOUT' || /timeout/i.test(message ?? '') ? `no answer within ${SMTP_CONNECTION_TIMEOUT_MS / 1000} s`
    : /ENOTFOUND|EAI_AGAIN/.test(message ?? '') ? 'host name not found'
    : (message ?? String(err));
  return {
    reason,
    fix: 'start the SMTP server (`npm start` runs a local mail catcher), or set KYHAN_SMTP_HOST and KYHAN_SMTP_PORT',
    exitCode: ExitCode.unreachable,
  };
}

/** Connects once (and logs in, if credentials are set); throws a one-line `UserFacingError` if that fails. */
export async function verifyMailTransport(transport: MailTransport, config: MailConfig): Promise<void> {
  try {
    await transport.verify();
  } catch (err) {
    const { reason, fix, exitCode } = smtpProblem(err, config);
    throw new UserFacingError(`Cannot reach SMTP at ${config.KYHAN_SMTP_HOST}:${config.KYHAN_SMTP_PORT}: ${reason}. Fix: ${fix}.`, exitCode);
  }
}
