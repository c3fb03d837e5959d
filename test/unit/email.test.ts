import { ApplicationFailure } from '@temporalio/common';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recipient } from '../../domain/cycle';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmailActivities } from '../../activities/email/send-email';
import { fileSentLedger } from '../../activities/email/sent-ledger';
import { fnv1a64, messageIdFor } from '../../activities/email/message-id';
import type { CycleEmailContext, EmailRequest } from '../../activities/email/types';
import { startSmtpServer, type RunningSmtpServer } from '../helpers/smtp-server';

const cycle: CycleEmailContext = {
  id: 'binh-thuan-129/tinh-hinh-nhan-dan/2020-01',
  planId: 'binh-thuan-129',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  issuer: { name: 'Ban Dân vận Tỉnh ủy', documentNumber: '129-KH/BDVTU' },
  reportType: { id: 'tinh-hinh-nhan-dan', title: 'Báo cáo tình hình nhân dân' },
  period: { id: '2020-01', label: 'tháng 1/2020' },
  dueAt: '2020-02-05T17:00:00+07:00',
  cutoffAt: '2020-02-12T17:00:00+07:00',
  submissionInstructions:
    'Gửi bản điện tử (PDF, có chữ ký và đóng dấu) qua thư điện tử về Phòng Đoàn thể, Ban Dân vận Tỉnh ủy; bản giấy gửi theo đường văn thư.',
};

const mttq: Recipient = { key: 'ubmttq', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', email: 'mttq@example.org' };
const tinhDoan: Recipient = { key: 'tinh-doan', name: 'Tỉnh đoàn', email: 'tinhdoan@example.org' };
const hoiNongDan: Recipient = { key: 'hoi-nong-dan', name: 'Hội Nông dân tỉnh', email: 'hnd@example.org' };
const deputyHead: Recipient = { key: 'pho-truong-ban', name: 'Đồng chí Nguyễn Văn An', email: 'an.nv@example.org' };

const FROM = 'Ban Dân vận <kyhan@example.org>';

function noticeFor(unit: Recipient): EmailRequest {
  return { kind: 'notice', cycle, to: [unit], recipientKey: unit.key, data: { unit: { id: unit.key, name: unit.name } } };
}

let server: RunningSmtpServer | undefined;

async function emailActivitiesWith(options: Parameters<typeof startSmtpServer>[0] = {}) {
  server = await startSmtpServer(options);
  const transport = nodemailer.createTransport({ host: server.host, port: server.port, secure: false, ignoreTLS: true });
  return { server, ...createEmailActivities({ transport, from: FROM, now: () => new Date('2020-01-31T01:00:00Z') }) };
}

/** The error a promise rejects with, so tests can inspect it. */
async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('sendEmail', () => {
  it('delivers a notice with a Vietnamese subject naming the report and period, and HTML and text bodies signed by the issuer', async () => {
    const { sendEmail, server } = await emailActivitiesWith();

    await sendEmail(noticeFor(mttq));

    const [mail] = await server.waitFor(1);
    expect(mail?.parsed.subject).toBe('Đề nghị gửi Báo cáo tình hình nhân dân tháng 1/2020 — hạn 17 giờ 00 ngày 5/2/2020');
    expect(mail?.envelope.to).toEqual(['mttq@example.org']);
    expect(mail?.parsed.text).toContain('Kính gửi: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(mail?.parsed.text).toContain('gửi trước 17 giờ 00 ngày 5/2/2020 (thứ Tư).');
    expect(mail?.parsed.text).toContain('Thực hiện Kế hoạch số 129-KH/BDVTU của Ban Dân vận Tỉnh ủy, Ban Dân vận Tỉnh ủy đề nghị');
    expect(mail?.parsed.text).toContain(cycle.submissionInstructions);
    expect(mail?.parsed.text).toContain('BAN DÂN VẬN TỈNH ỦY');
    expect(mail?.parsed.html).toContain('<strong>Kính gửi:</strong> Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(mail?.parsed.html).toContain('<strong>17 giờ 00 ngày 5/2/2020 (thứ Tư)</strong>');
  });

  it('attaches the due moment as han-nop.ics: an RFC 5545 calendar in UTC with CRLF lines folded at 75 octets', async () => {
    const { sendEmail, server } = await emailActivitiesWith();

    await sendEmail(noticeFor(mttq));

    const [mail] = await server.waitFor(1);
    const ics = mail?.parsed.attachments.find((a) => a.filename === 'han-nop.ics');
    expect(ics?.contentType).toBe('text/calendar');
    expect(mail?.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
    const text = ics?.content.toString('utf8') ?? '';
    const lines = text.split('\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        `UID:due-${fnv1a64(cycle.id)}@example.org`,
        'DTSTAMP:20200131T010000Z',
        'DTSTART:20200205T100000Z',
        'DTEND:20200205T103000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ]),
    );
    const unfolded = text.replaceAll('\r\n ', '');
    expect(unfolded).toContain('SUMMARY:Hạn nộp: Báo cáo tình hình nhân dân tháng 1/2020\r\n');
    // Commas and semicolons in TEXT values are escaped.
    expect(unfolded).toContain('DESCRIPTION:Gửi bản điện tử (PDF\\, có chữ ký và đóng dấu) qua thư điện tử về Phòng Đoàn thể\\, Ban Dân vận Tỉnh ủy\\; bản giấy');
  });

  it('says in the calendar file of a paper-only report what its letter says: on paper, never the plan’s email instructions', async () => {
    const { sendEmail, server } = await emailActivitiesWith();

    await sendEmail({ ...noticeFor(mttq), cycle: { ...cycle, reportType: { ...cycle.reportType, delivery: 'paper' } } });

    const [mail] = await server.waitFor(1);
    const ics = mail?.parsed.attachments.find((a) => a.filename === 'han-nop.ics');
    const description = /DESCRIPTION:(.*)\r\n/.exec((ics?.content.toString('utf8') ?? '').replaceAll('\r\n ', ''))?.[1] ?? '';
    expect(description).toContain('Báo cáo này gửi bằng văn bản giấy theo đường văn thư');
    expect(description).toContain('không gửi qua thư điện tử hoặc trực tuyến');
    expect(description).not.toContain('Gửi bản điện tử (PDF');
  });

  it('escapes values in the HTML body: a unit name containing <script> arrives as text', async () => {
    const { sendEmail, server } = await emailActivitiesWith();
    const hostile: Recipient = { key: 'doan-x', name: 'Đoàn <script>alert("x")</script> & Hội', email: 'x@example.org' };

    await sendEmail(noticeFor(hostile));

    const [mail] = await server.waitFor(1);
    const html = String(mail?.parsed.html);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Đoàn &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Hội');
    expect(mail?.parsed.text).toContain('Kính gửi: Đoàn <script>alert("x")</script> & Hội');
  });

  it('gives a message the same deterministic Message-ID when it is sent twice', async () => {
    const { sendEmail, server } = await emailActivitiesWith();

    const first = await sendEmail(noticeFor(mttq));
    const second = await sendEmail(noticeFor(mttq));

    const mails = await server.waitFor(2);
    const expected = `<notice.0.ubmttq.${fnv1a64(cycle.id)}@example.org>`;
    expect(first.messageId).toBe(expected);
    expect(second.messageId).toBe(expected);
    expect(mails.map((m) => m.parsed.messageId)).toEqual([expected, expected]);
    expect(messageIdFor({ cycleId: cycle.id, recipientKey: 'ubmttq', kind: 'notice' }, 'example.org')).toBe(expected);
  });

  it('does not mail a message again when a retried attempt finds it in the sent ledger', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'kyhan-ledger-'));
    try {
      server = await startSmtpServer();
      const transport = nodemailer.createTransport({ host: server.host, port: server.port, secure: false, ignoreTLS: true });
      // Two activity instances, as after a worker restart, sharing the state directory.
      const first = createEmailActivities({ transport, from: FROM, sentLedger: fileSentLedger(stateDir) });
      const second = createEmailActivities({ transport, from: FROM, sentLedger: fileSentLedger(stateDir) });

      expect((await first.sendEmail(noticeFor(mttq))).alreadySent).toBeUndefined();
      expect((await second.sendEmail(noticeFor(mttq))).alreadySent).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(server.messages).toHaveLength(1);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  describe('the sent ledger', () => {
    async function withLedger(run: (stateDir: string, transport: ReturnType<typeof nodemailer.createTransport>) => Promise<void>) {
      const stateDir = await mkdtemp(join(tmpdir(), 'kyhan-ledger-'));
      try {
        server = await startSmtpServer();
        await run(stateDir, nodemailer.createTransport({ host: server.host, port: server.port, secure: false, ignoreTLS: true }));
      } finally {
        await rm(stateDir, { recursive: true, force: true });
      }
    }

    it('holds a message another attempt has claimed and may still be sending: a transient failure, nothing sent', async () => {
      await withLedger(async (stateDir, transport) => {
        const ledger = fileSentLedger(stateDir);
        const messageId = messageIdFor({ cycleId: cycle.id, recipientKey: mttq.key, kind: 'notice' }, 'example.org');
        expect(await ledger.claim(messageId, 'attempt-1', new Date(Date.now() + 60_000))).toEqual({ state: 'claimed' });
        const { sendEmail } = createEmailActivities({ transport, from: FROM, sentLedger: ledger });
        const failure = await failureOf(sendEmail(noticeFor(mttq)));
        expect(failure.type).toBe('TransientDeliveryFailure');
        expect(failure.message).toMatch(/another attempt may be sending it until/);
        expect(server!.messages).toHaveLength(0);
      });
    });

    it('lets only the holder renew its claim; others then wait for the new expiry', async () => {
      await withLedger(async (stateDir) => {
        const ledger = fileSentLedger(stateDir);
        const later = new Date(Date.now() + 120_000);
        await ledger.claim('<m@example.org>', 'attempt-1', new Date(Date.now() + 1_000));
        expect(await ledger.renew('<m@example.org>', 'attempt-2', later)).toBe(false);
        expect(await ledger.renew('<m@example.org>', 'attempt-1', later)).toBe(true);
        expect(await ledger.claim('<m@example.org>', 'attempt-2', new Date(Date.now() + 60_000))).toEqual({ state: 'busy', until: later });
        expect(await ledger.renew('<never-claimed@example.org>', 'attempt-1', later)).toBe(false);
      });
    });

    it('takes over a claim that expired (its attempt died) and sends once', async () => {
      await withLedger(async (stateDir, transport) => {
        const ledger = fileSentLedger(stateDir);
        const messageId = messageIdFor({ cycleId: cycle.id, recipientKey: mttq.key, kind: 'notice' }, 'example.org');
        await ledger.claim(messageId, 'attempt-1', new Date(Date.now() - 1));
        const { sendEmail } = createEmailActivities({ transport, from: FROM, sentLedger: ledger });
        expect((await sendEmail(noticeFor(mttq))).alreadySent).toBeUndefined();
        expect((await sendEmail(noticeFor(mttq))).alreadySent).toBe(true);
        await server!.waitFor(1);
        expect(server!.messages).toHaveLength(1);
      });
    });

    it('does not fail (and so is not retried) when the sent mark cannot be written after the server accepted the message', async () => {
      await withLedger(async (stateDir, transport) => {
        const files = fileSentLedger(stateDir);
        const ledger = { ...files, markSent: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) };
        const { sendEmail } = createEmailActivities({ transport, from: FROM, sentLedger: ledger });
        const result = await sendEmail(noticeFor(mttq));
        expect(result.accepted).toEqual(['mttq@example.org']);
        expect(server!.messages).toHaveLength(1);
      });
    });

    it('holds the message when no claim can be written: a transient failure, nothing sent', async () => {
      await withLedger(async (stateDir, transport) => {
        const ledger = { ...fileSentLedger(stateDir), claim: () => Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })) };
        const { sendEmail } = createEmailActivities({ transport, from: FROM, sentLedger: ledger });
        const failure = await failureOf(sendEmail(noticeFor(mttq)));
        expect(failure.type).toBe('TransientDeliveryFailure');
        expect(failure.message).toMatch(/the sent ledger cannot be written \(EROFS/);
        expect(server!.messages).toHaveLength(0);
      });
    });

    it('gives a run of the cycle its own Message-IDs: the same cycle id run again is new mail, a retry of one run is not', () => {
      const first = messageIdFor({ cycleId: cycle.id, run: 'run-1', recipientKey: mttq.key, kind: 'notice' }, 'example.org');
      expect(messageIdFor({ cycleId: cycle.id, run: 'run-1', recipientKey: mttq.key, kind: 'notice' }, 'example.org')).toBe(first);
      expect(messageIdFor({ cycleId: cycle.id, run: 'run-2', recipientKey: mttq.key, kind: 'notice' }, 'example.org')).not.toBe(first);
    });
  });

  it('threads a reminder after the due date under the unit notice and urges the overdue report', async () => {
    const { sendEmail, server } = await emailActivitiesWith();

    const result = await sendEmail({
      kind: 'reminder',
      step: 2,
      cycle,
      to: [tinhDoan],
      recipientKey: tinhDoan.key,
      data: { unit: { id: tinhDoan.key, name: tinhDoan.name }, relation: 'after', dueAt: cycle.dueAt },
    });

    const [mail] = await server.waitFor(1);
    expect(result.messageId).toBe(`<reminder.2.tinh-doan.${fnv1a64(cycle.id)}@example.org>`);
    expect(mail?.parsed.subject).toBe('Đôn đốc gửi Báo cáo tình hình nhân dân tháng 1/2020 — đã quá hạn gửi (17 giờ 00 ngày 5/2/2020)');
    expect(mail?.parsed.inReplyTo).toBe(`<notice.0.tinh-doan.${fnv1a64(cycle.id)}@example.org>`);
    expect(mail?.parsed.text).toContain('Đến nay đã quá hạn nhưng Ban Dân vận Tỉnh ủy chưa nhận được báo cáo của Tỉnh đoàn');
  });

  it('writes the notice in English when the cycle language is English', async () => {
    const { sendEmail, server } = await emailActivitiesWith();

    await sendEmail({ ...noticeFor(mttq), cycle: { ...cycle, language: 'en', reportType: { id: 'people', title: 'People’s situation report' }, period: { id: '2020-01', label: 'January 2020' } } });

    const [mail] = await server.waitFor(1);
    expect(mail?.parsed.subject).toBe('Request: People’s situation report, January 2020 — due 17:00 on 5 February 2020');
    expect(mail?.parsed.text).toContain('To: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(mail?.parsed.text).toContain('send it by 17:00 on Wednesday, 5 February 2020.');
  });

  it('sends the escalation digest to the leader alone, listing overdue units with working days overdue', async () => {
    const { sendEmail, server } = await emailActivitiesWith();

    const result = await sendEmail({
      kind: 'escalation',
      step: 2,
      cycle,
      to: [deputyHead],
      recipientKey: deputyHead.key,
      data: {
        roleLabel: 'Phó Trưởng ban',
        asOf: '2020-02-10T14:00:00+07:00',
        overdue: [
          { unitId: tinhDoan.key, name: tinhDoan.name, daysOverdue: 3, dueAt: cycle.dueAt },
          { unitId: hoiNongDan.key, name: hoiNongDan.name, daysOverdue: 1, dueAt: '2020-02-07T17:00:00+07:00' },
        ],
      },
    });

    const [mail] = await server.waitFor(1);
    expect(result.messageId).toBe(`<escalation.2.pho-truong-ban.${fnv1a64(cycle.id)}@example.org>`);
    expect(mail?.parsed.subject).toMatch(/^\[Báo cáo lãnh đạo\] Báo cáo tình hình nhân dân tháng 1\/2020 — 2 đơn vị /);
    expect(mail?.envelope.to).toEqual(['an.nv@example.org']);
    expect(mail?.parsed.cc).toBeUndefined();
    expect(mail?.parsed.text).toContain('Kính gửi: Đồng chí Nguyễn Văn An, Phó Trưởng Ban Dân vận Tỉnh ủy');
    expect(mail?.parsed.text).toMatch(/1\. Tỉnh đoàn; Hạn nộp: [^;]+; Số ngày làm việc quá hạn: 3/);
    expect(mail?.parsed.text).toMatch(/2\. Hội Nông dân tỉnh; Hạn nộp: [^;]+; Số ngày làm việc quá hạn: 1/);
    expect(mail?.parsed.html).toContain('<td style="border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top">3</td>');
  });

  it('throws a retryable failure while the server answers 451, and delivers exactly once when it recovers', async () => {
    const { sendEmail, server } = await emailActivitiesWith({ failTimes: 2 });

    // Each call stands for one activity attempt that Temporal retries.
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const failure = await failureOf(sendEmail(noticeFor(mttq)));
      expect(failure.type).toBe('TransientDeliveryFailure');
      expect(failure.nonRetryable).toBe(false);
      expect(failure.message).toContain('451');
    }
    const result = await sendEmail(noticeFor(mttq));

    expect(result.accepted).toEqual(['mttq@example.org']);
    expect(server.messages).toHaveLength(1);
  });

  it('throws a retryable failure when the SMTP server cannot be reached', async () => {
    const closed = await startSmtpServer();
    await closed.close();
    const transport = nodemailer.createTransport({ host: closed.host, port: closed.port, secure: false, ignoreTLS: true });
    const { sendEmail } = createEmailActivities({ transport, from: FROM });

    const failure = await failureOf(sendEmail(noticeFor(mttq)));

    expect(failure.type).toBe('TransientDeliveryFailure');
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toContain('ECONNREFUSED');
  });

  it('throws a non-retryable PermanentDeliveryFailure naming the address when the server answers 550 for the recipient', async () => {
    const { sendEmail, server } = await emailActivitiesWith({ rejectRecipients: ['mttq@example.org'] });

    const failure = await failureOf(sendEmail(noticeFor(mttq)));

    expect(failure.type).toBe('PermanentDeliveryFailure');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('mttq@example.org');
    expect(failure.details?.[0]).toMatchObject({
      cycleId: cycle.id,
      kind: 'notice',
      recipientKey: 'ubmttq',
      refused: [{ address: 'mttq@example.org', responseCode: 550 }],
    });
    expect(server.messages).toHaveLength(0);
  });

  it('delivers to the recipients the server accepts and reports the refused ones without failing', async () => {
    const { sendEmail, server } = await emailActivitiesWith({ rejectRecipients: ['hnd@example.org'] });

    const result = await sendEmail({ ...noticeFor(tinhDoan), cc: [hoiNongDan] });

    expect(result.accepted).toEqual(['tinhdoan@example.org']);
    expect(result.rejected).toEqual(['hnd@example.org']);
    expect(server.messages).toHaveLength(1);
  });
});
