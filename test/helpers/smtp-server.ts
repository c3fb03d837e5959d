/**
 * A real SMTP server inside the test process: messages go over TCP through nodemailer, arrive
 * here, and are parsed with mailparser, so tests see what a mail client would see.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
  /** The message exactly as transmitted after DATA. */
  raw: string;
}

export interface SmtpServerOptions {
  /** Reply `451` to the first N transactions (at MAIL FROM), then accept. */
  failTimes?: number;
  /** Reply `550` to RCPT TO for these addresses (case-insensitive). */
  rejectRecipients?: string[];
}

export interface RunningSmtpServer {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /**
   * While down, the server answers every new connection with `421` and every transaction on an
   * open one with `421` at MAIL FROM, as a relay that is out of service: nothing is received.
   */
  setDown(down: boolean): void;
  /** Replaces the addresses refused with `550` at RCPT TO. */
  rejectRecipients(addresses: string[]): void;
  /** Resolves with all messages once at least `count` have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<RunningSmtpServer> {
  const host = '127.0.0.1';
  const messages: ReceivedMail[] = [];
  let rejected = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  let down = false;
  const waiters = new Set<() => void>();
  // Failures are injected at MAIL FROM, which every transaction sends exactly once before any
  // recipient or data: counting there makes "fail the first N sends" exact whatever the client
  // does next, and a refused transaction cannot leave a half-received message behind.
  let failuresLeft = options.failTimes ?? 0;

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      callback(down ? smtpError(421, '4.3.2 Service not available, closing transmission channel') : undefined);
    },
    onMailFrom(_address, _session, callback) {
      if (down) {
        callback(smtpError(421, '4.3.2 Service not available, try again later'));
        return;
      }
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        callback(smtpError(550, `5.1.1 <${address.address}>: Unknown mailbox`));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const mailFrom = session.envelope.mailFrom;
            messages.push({
              envelope: {
                from: mailFrom ? mailFrom.address : '',
                to: session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address),
              },
              parsed,
              raw,
            });
            for (const wake of waiters) wake();
            // Acknowledged only once stored: when sendMail resolves, the message is in `messages`.
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  function waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedMail[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (messages.length < count) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(messages);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${count} message(s): received ${messages.length}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  function close(): Promise<void> {
    return new Promise((resolve) => server.close(() => resolve()));
  }

  return {
    host,
    port,
    messages,
    waitFor,
    close,
    setDown: (value) => {
      down = value;
    },
    rejectRecipients: (addresses) => {
      rejected = new Set(addresses.map((a) => a.toLowerCase()));
    },
  };
}
