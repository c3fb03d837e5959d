/**
 * The local mail catcher of `npm start`: an SMTP server on loopback that delivers nowhere and
 * keeps every message it receives, byte for byte, as one `.eml` file in a directory. Any mail
 * client opens them; tests and people can `ls` them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { writeFileAtomic } from '../../activities/documents/atomic-write';

export interface MailCatcherOptions {
  /** Directory the `.eml` files go to; created if missing. */
  dir: string;
  /** 0 = any free port. */
  port: number;
  host?: string;
  /** Told about each message as it is stored. */
  onMessage?: (message: CaughtMessage) => void;
  /** Told about a client's connection error (the catcher carries on). */
  onError?: (err: Error) => void;
}

export interface CaughtMessage {
  file: string;
  /** Envelope recipients (To, Cc and Bcc alike). */
  to: string[];
  subject: string;
}

export interface RunningMailCatcher {
  host: string;
  port: number;
  dir: string;
  close(): Promise<void>;
}

/** Thrown when the port cannot be bound; the message names it and the fix. */
export class MailCatcherPortError extends Error {
  override name = 'MailCatcherPortError';
}

/** Clients that keep pooled connections open get this long to say QUIT when the catcher stops. */
const CLOSE_TIMEOUT_MS = 2_000;

/** `2026-05-01T08-30-00.123Z_notice.0.tinh-doan.1a2b@example.org.eml`: sorts by arrival, says which message. */
function fileNameFor(receivedAt: Date, messageId: string | undefined, taken: Set<string>, dir: string): string {
  const time = receivedAt.toISOString().replace(/:/g, '-');
  const id = (messageId ?? 'no-message-id').replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@+-]/g, '_').slice(0, 150);
  let name = `${time}_${id}.eml`;
  // The same Message-ID in the same millisecond (a resend) still gets its own file.
  for (let n = 2; taken.has(name) || existsSync(join(dir, name)); n += 1) name = `${time}_${id}_${n}.eml`;
  taken.add(name);
  return name;
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<RunningMailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const dir = resolve(options.dir);
  const taken = new Set<string>();
  mkdirSync(dir, { recursive: true });

  const server = new SMTPServer({
    banner: 'kyhan mail catcher',
    logger: false,
    // Plain SMTP on loopback; a login, if the worker is configured with one, is accepted as is.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'kyhan' }),
    closeTimeout: CLOSE_TIMEOUT_MS,
    onData(stream, session, callback) {
      const receivedAt = new Date();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true })
          .then(async (parsed) => {
            const file = join(dir, fileNameFor(receivedAt, parsed.messageId, taken, dir));
            await writeFileAtomic(file, raw);
            options.onMessage?.({ file, to, subject: parsed.subject ?? '' });
          })
          // Acknowledged only once the file is in place: when the sender's sendMail resolves, it is there.
          .then(() => callback())
          .catch((err: Error) => callback(Object.assign(new Error(`4.3.0 Could not store the message: ${err.message}`), { responseCode: 451 })));
      });
    },
  });

  await new Promise<void>((resolveListen, reject) => {
    // SMTPServer re-emits listen errors and every client's connection errors (a reset socket);
    // unhandled, either would crash the process. Before listening they fail the start, after it they are reported.
    let listening = false;
    server.on('error', (err: NodeJS.ErrnoException) => {
      if (listening) return options.onError?.(err);
      reject(
        err.code === 'EADDRINUSE'
          ? new MailCatcherPortError(`Port ${options.port} on ${host} is already in use, so the mail catcher cannot start. Fix: stop what holds it (another \`npm start\`?) or set KYHAN_SMTP_PORT.`)
          : err,
      );
    });
    server.listen(options.port, host, () => {
      listening = true;
      resolveListen();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    host,
    port,
    dir,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
