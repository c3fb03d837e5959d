/** The mail catcher of `npm start`: each message received over SMTP becomes one `.eml` file, byte for byte. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMessage, type RunningMailCatcher } from '../../scripts/lib/mail-catcher';

/** The exact bytes nodemailer would put on the wire for `message`. */
async function compose(message: Mail.Options): Promise<Buffer> {
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }).sendMail(message);
  return info.message as Buffer;
}

describe('mail catcher', () => {
  let dir: string;
  let catcher: RunningMailCatcher;
  const caught: CaughtMessage[] = [];

  beforeEach(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'kyhan-mail-')), 'mail');
    caught.length = 0;
    catcher = await startMailCatcher({ dir, port: 0, onMessage: (m) => caught.push(m) });
  });
  afterEach(async () => {
    await catcher.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('writes each of two messages verbatim to its own .eml file named after its arrival and Message-ID', async () => {
    const messages: Mail.Options[] = [
      {
        from: '"Ban Dân vận" <bdv@example.org>',
        to: 'Hội Nông dân tỉnh <hnd@example.org>',
        cc: 'truong-phong@example.org',
        subject: '[Thông báo] Báo cáo tháng 03/2020 — hạn nộp 20/03/2020',
        text: 'Kính gửi Hội Nông dân tỉnh,\n.\nDòng bắt đầu bằng dấu chấm ở trên.',
        messageId: '<notice.0.hoi-nong-dan.abc@example.org>',
      },
      {
        from: '"Ban Dân vận" <bdv@example.org>',
        to: 'mat-tran@example.org',
        subject: 'Nhắc nhở',
        html: '<p>Còn 2 ngày</p>',
        messageId: '<reminder.1.mat-tran/x y.abc@example.org>',
        attachments: [{ filename: 'han-nop.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
      },
    ];
    const transport = nodemailer.createTransport({ host: catcher.host, port: catcher.port, secure: false, ignoreTLS: true });
    const raws: Buffer[] = [];
    for (const message of messages) {
      const raw = await compose(message);
      raws.push(raw);
      const envelope = { from: 'bdv@example.org', to: [message.to, message.cc].filter(Boolean).map(String).map((a) => /<([^>]+)>/.exec(a)?.[1] ?? a) };
      await transport.sendMail({ envelope, raw });
    }
    transport.close();

    // sendMail resolves only after the catcher has stored the file: no waiting needed.
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z_notice\.0\.hoi-nong-dan\.abc@example\.org\.eml$/);
    expect(files[1]).toMatch(/_reminder\.1\.mat-tran_x_y\.abc@example\.org\.eml$/);
    // Verbatim means as transmitted: SMTP carries lines ended by CRLF, so the client sends a bare LF as CRLF.
    const onTheWire = (raw: Buffer) => raw.toString('utf8').replace(/\r?\n/g, '\r\n');
    expect(readFileSync(join(dir, files[0]!), 'utf8')).toBe(onTheWire(raws[0]!));
    expect(readFileSync(join(dir, files[1]!), 'utf8')).toBe(onTheWire(raws[1]!));

    const first = await simpleParser(readFileSync(join(dir, files[0]!)));
    expect(first.subject).toBe('[Thông báo] Báo cáo tháng 03/2020 — hạn nộp 20/03/2020');
    expect(first.text).toContain('\n.\nDòng bắt đầu bằng dấu chấm');
    const second = await simpleParser(readFileSync(join(dir, files[1]!)));
    expect(second.attachments.map((a) => a.filename)).toEqual(['han-nop.ics']);

    expect(caught.map(({ to, subject }) => ({ to, subject }))).toEqual([
      { to: ['hnd@example.org', 'truong-phong@example.org'], subject: '[Thông báo] Báo cáo tháng 03/2020 — hạn nộp 20/03/2020' },
      { to: ['mat-tran@example.org'], subject: 'Nhắc nhở' },
    ]);
  });

  it('gives a resent message with the same Message-ID its own file', async () => {
    const transport = nodemailer.createTransport({ host: catcher.host, port: catcher.port, secure: false, ignoreTLS: true });
    const message = { from: 'bdv@example.org', to: 'hnd@example.org', subject: 'Lặp lại', text: 'x', messageId: '<same@example.org>' };
    await Promise.all([transport.sendMail(message), transport.sendMail(message)]);
    transport.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.eml'))).toEqual([]);
  });

  it('names the port and the variable to change when the port is taken', async () => {
    await expect(startMailCatcher({ dir, port: catcher.port })).rejects.toThrow(`Port ${catcher.port} on 127.0.0.1 is already in use`);
  });
});
