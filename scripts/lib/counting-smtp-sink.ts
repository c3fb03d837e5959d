/**
 * An SMTP server that accepts every message and only counts it, by the kind its kyhan
 * Message-ID names (`<kind.step.recipient.hash@domain>`). For simulations and benchmarks,
 * where tens of thousands of emails pass and parsing each one would cost more than sending it.
 */
import { SMTPServer } from 'smtp-server';
import { freePort } from './temporal-servers';

export interface CountingSmtpSink {
  port: number;
  /** Messages received so far, by kind. */
  byKind: Record<string, number>;
  close(): Promise<void>;
}

export async function startCountingSmtpSink(): Promise<CountingSmtpSink> {
  const byKind: Record<string, number> = {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const kind = /^Message-ID:\s*<([a-z-]+)\./im.exec(head)?.[1] ?? 'other';
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, byKind, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
