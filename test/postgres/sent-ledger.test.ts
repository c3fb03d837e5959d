import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdFor } from '../../activities/email/message-id';
import { createEmailActivities } from '../../activities/email/send-email';
import { postgresSentLedger } from '../../activities/email/sent-ledger-postgres';
import type { ClaimOutcome } from '../../activities/email/sent-ledger';
import type { CycleEmailContext, EmailRequest } from '../../activities/email/types';
import { databaseFromUrl } from '../../storage/database';
import { cycleReportFolder } from '../../storage/document-keys';
import { storeUri, type DocumentStore } from '../../storage/document-store';
import { postgresDocumentStore } from '../../storage/document-store-postgres';
import { startSmtpServer, type RunningSmtpServer } from '../helpers/smtp-server';
import { freshDatabase, pools } from './databases';

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
  submissionInstructions: 'Gửi bản điện tử qua thư điện tử về Phòng Đoàn thể, Ban Dân vận Tỉnh ủy.',
};
const FROM = 'Ban Dân vận <kyhan@example.org>';
const noticeFor = (n: number): EmailRequest => {
  const unit = { key: `don-vi-${n}`, name: `Đơn vị ${n}`, email: `don-vi-${n}@example.org` };
  return { kind: 'notice', cycle, to: [unit], recipientKey: unit.key, data: { unit: { id: unit.key, name: unit.name } } };
};

let url: string;
let workers: pg.Pool[];
let smtp: RunningSmtpServer;

beforeAll(async () => {
  url = await freshDatabase('sent_ledger');
  const database = databaseFromUrl(url);
  await database.migrate();
  await database.close();
  workers = pools(url, 2);
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await Promise.all(workers.map((p) => p.end()));
  await smtp.close();
});

const inAMinute = () => new Date(Date.now() + 60_000);

describe('the PostgreSQL sent ledger', () => {
  it('lets exactly one of two workers claim a message they race for, 200 times over', async () => {
    const [a, b] = workers.map((pool) => postgresSentLedger(pool));
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const id = `<race-${i}@example.org>`;
        return await Promise.all([a!.claim(id, 'worker-a', inAMinute()), b!.claim(id, 'worker-b', inAMinute())]);
      }),
    );
    const winners = outcomes.map((pair) => pair.filter((o) => o.state === 'claimed').length);
    const busy = outcomes.flat().filter((o) => o.state === 'busy').length;
    console.log(`200 races of two workers: ${winners.filter((w) => w === 1).length} with exactly one winner, ${busy} losers told to wait`);
    expect(winners.every((w) => w === 1)).toBe(true);
    expect(busy).toBe(200);
  });

  it('sends a letter two workers are asked to send at the same moment exactly once (real SMTP)', async () => {
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    const [first, second] = workers.map((pool) => createEmailActivities({ transport, from: FROM, sentLedger: postgresSentLedger(pool) }));
    const letters = Array.from({ length: 20 }, (_, i) => noticeFor(i));
    const before = smtp.messages.length;
    const results = await Promise.allSettled(letters.flatMap((letter) => [first!.sendEmail(letter), second!.sendEmail(letter)]));
    // The loser of each race either found it sent or was told to retry later: it never sent.
    const sent = results.filter((r) => r.status === 'fulfilled' && !r.value.alreadySent).length;
    await smtp.waitFor(before + 20);
    await new Promise((r) => setTimeout(r, 300));
    const received = smtp.messages.slice(before).map((m) => m.parsed.messageId);
    console.log(`20 letters, each sent by two workers at once: ${sent} sends, ${received.length} received, ${new Set(received).size} distinct`);
    expect(received).toHaveLength(20);
    expect(new Set(received).size).toBe(20);
    // And a retry afterwards, from either worker, finds every one sent.
    for (const letter of letters) expect((await second!.sendEmail(letter)).alreadySent).toBe(true);
    expect(smtp.messages.length - before).toBe(20);
  });

  /** A `busy` outcome whose `until` is `expected` give or take the time the statements took. */
  const busyUntilAbout = (outcome: ClaimOutcome, expected: Date) => {
    expect(outcome.state).toBe('busy');
    const until = (outcome as Extract<ClaimOutcome, { state: 'busy' }>).until.getTime();
    expect(Math.abs(until - expected.getTime())).toBeLessThan(2_000);
  };

  it('lets a holder renew its claim while sending; others wait for the new expiry', async () => {
    const [a, b] = workers.map((pool) => postgresSentLedger(pool));
    const id = '<renewed@example.org>';
    expect(await a!.claim(id, 'attempt-1', new Date(Date.now() + 1_000))).toEqual({ state: 'claimed' });
    const later = new Date(Date.now() + 120_000);
    expect(await a!.claim(id, 'attempt-1', later)).toEqual({ state: 'claimed' });
    busyUntilAbout(await b!.claim(id, 'attempt-2', inAMinute()), later);
    const evenLater = new Date(Date.now() + 180_000);
    expect(await b!.renew(id, 'attempt-2', inAMinute())).toBe(false); // Not its claim.
    expect(await a!.renew(id, 'attempt-1', evenLater)).toBe(true);
    busyUntilAbout(await b!.claim(id, 'attempt-2', inAMinute()), evenLater);
  });

  it('judges a claim\'s expiry by the database\'s clock: a worker whose clock runs 5 min ahead (or behind) neither takes over a live claim nor writes one that others take at once', async () => {
    const fiveMinutes = 5 * 60_000;
    const onTime = postgresSentLedger(workers[0]!);
    const ahead = postgresSentLedger(workers[1]!, () => new Date(Date.now() + fiveMinutes));
    const behind = postgresSentLedger(workers[1]!, () => new Date(Date.now() - fiveMinutes));

    const live = '<clock-ahead@example.org>';
    expect(await onTime.claim(live, 'on-time', inAMinute())).toEqual({ state: 'claimed' });
    const aheadNow = Date.now() + fiveMinutes;
    const outcome = await ahead.claim(live, 'ahead', new Date(aheadNow + 60_000));
    // Busy, and told when on its own clock: about a minute from its now.
    busyUntilAbout(outcome, new Date(aheadNow + 60_000));
    expect(await ahead.renew(live, 'ahead', new Date(aheadNow + 60_000))).toBe(false);

    const heldByLate = '<clock-behind@example.org>';
    const behindNow = Date.now() - fiveMinutes;
    expect(await behind.claim(heldByLate, 'behind', new Date(behindNow + 60_000))).toEqual({ state: 'claimed' });
    busyUntilAbout(await onTime.claim(heldByLate, 'on-time', inAMinute()), inAMinute());
    const { rows } = await workers[0]!.query<{ left_s: number }>('SELECT extract(epoch FROM claimed_until - now())::float8 AS left_s FROM sent_messages WHERE message_id = $1', [heldByLate]);
    console.log(`claims of workers 5 min ahead and behind: the live claim refused to the one ahead; the one behind holds its own for ${rows[0]!.left_s.toFixed(1)} s of the database's time`);
    expect(rows[0]!.left_s).toBeGreaterThan(55);
    expect(rows[0]!.left_s).toBeLessThanOrEqual(60);
  });

  it('keeps the claim of a worker whose send outlasts the claim\'s lifetime (renewed while sending): the other worker waits, one message', async () => {
    // A server that takes 4 s to accept each message, against claims that last 1.5 s unless renewed.
    let received = 0;
    const slow = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => setTimeout(() => (received++, callback()), 4_000));
      },
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: (slow.server.address() as AddressInfo).port, secure: false, ignoreTLS: true });
      const [first, second] = workers.map((pool) => createEmailActivities({ transport, from: FROM, sentLedger: postgresSentLedger(pool), claimLifetimeMs: 1_500 }));
      const letter = noticeFor(500);
      const sending = first!.sendEmail(letter);
      await new Promise((r) => setTimeout(r, 2_500)); // Past the first claim's expiry, inside the send.
      const meanwhile = await second!.sendEmail(letter).then(() => 'sent', (err: Error) => err.message);
      expect(meanwhile).toMatch(/another attempt may be sending it until/);
      expect((await sending).alreadySent).toBeUndefined();
      expect((await second!.sendEmail(letter)).alreadySent).toBe(true);
      console.log(`a 4 s send under 1.5 s claims: the other worker was told to wait; ${received} message received`);
      expect(received).toBe(1);
    } finally {
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it('does not send when its claim lapsed while it stalled preparing the letter and another worker took it over; nor gives that claim up', async () => {
    const csvKey = `${cycleReportFolder(cycle.id)}/overdue-stalled.csv`;
    const stored = postgresDocumentStore(workers[0]!);
    await stored.put(csvKey, 'unit,days overdue\ndon-vi-1,3\n');
    // Reading the attachment stalls the event loop for 1.5 s (as rendering a large PDF does):
    // no renewal runs meanwhile, and the 300 ms claim lapses.
    const stalling: DocumentStore = {
      ...stored,
      get: (key) => {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_500);
        return stored.get(key);
      },
    };
    const leader = { key: 'truong-ban', name: 'Trưởng ban', email: 'truong-ban@example.org' };
    const letter: EmailRequest = {
      kind: 'escalation',
      step: 1,
      cycle,
      to: [leader],
      recipientKey: leader.key,
      data: { roleLabel: 'Trưởng ban', overdue: [{ unitId: 'don-vi-1', name: 'Đơn vị 1', daysOverdue: 3, dueAt: cycle.dueAt }], attachment: storeUri(csvKey) },
    };
    const id = messageIdFor({ cycleId: cycle.id, recipientKey: leader.key, kind: 'escalation', step: 1 }, 'example.org');
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    const { sendEmail } = createEmailActivities({ transport, from: FROM, sentLedger: postgresSentLedger(workers[0]!), claimLifetimeMs: 300, store: stalling });

    const second = spawn(process.execPath, ['--import', 'tsx', 'test/postgres/fixtures/claim-once-held.ts', url, id], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines: string[] = [];
      second.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
      while (!lines.includes('ready')) await new Promise((r) => setTimeout(r, 50));
      const before = smtp.messages.length;
      const stalled = await sendEmail(letter).then(() => 'sent', (err: Error) => err.message);
      while (lines.length < 2) await new Promise((r) => setTimeout(r, 50));
      const taken = JSON.parse(lines[1]!) as { state: string; holder: string };
      await new Promise((r) => setTimeout(r, 300));
      const { rows } = await workers[1]!.query<{ holder: string | null }>('SELECT holder FROM sent_messages WHERE message_id = $1', [id]);
      console.log(`an attempt stalled 1.5 s under a 300 ms claim: ${JSON.stringify(stalled)}; the second worker ${taken.state} it; ${smtp.messages.length - before} message sent`);
      expect(taken.state).toBe('claimed');
      expect(stalled).toMatch(/claim in the sent ledger lapsed/);
      expect(smtp.messages.length - before).toBe(0);
      expect(rows[0]?.holder).toBe(taken.holder); // Still the second worker's: not released by the first.
    } finally {
      second.kill('SIGKILL');
    }
  });

  it('frees a claim given up after a failed send at once; a sent mark is final for everyone', async () => {
    const [a, b] = workers.map((pool) => postgresSentLedger(pool));
    const id = '<released@example.org>';
    await a!.claim(id, 'attempt-1', inAMinute());
    await b!.release(id, 'someone-else'); // Not the holder: no effect.
    expect((await b!.claim(id, 'attempt-2', inAMinute())).state).toBe('busy');
    await a!.release(id, 'attempt-1');
    expect(await b!.claim(id, 'attempt-2', inAMinute())).toEqual({ state: 'claimed' });
    await b!.markSent(id);
    await b!.release(id, 'attempt-2'); // Too late: it is sent.
    expect(await a!.claim(id, 'attempt-3', inAMinute())).toEqual({ state: 'sent' });
    expect(await b!.claim(id, 'attempt-2', inAMinute())).toEqual({ state: 'sent' });
  });

  it('takes over the claim of a worker killed mid-send (SIGKILL) once it expired, and sends once', async () => {
    const letter = noticeFor(999);
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    const { sendEmail } = createEmailActivities({ transport, from: FROM, sentLedger: postgresSentLedger(workers[1]!) });
    // The Message-ID the activity will use for this letter.
    const id = messageIdFor({ cycleId: cycle.id, recipientKey: 'don-vi-999', kind: 'notice' }, 'example.org');

    const claimLifetimeMs = 4_000;
    const hanging = spawn(process.execPath, ['--import', 'tsx', 'test/postgres/fixtures/claim-and-hang.ts', url, id, String(claimLifetimeMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(hanging.stdout!, 'data')) as [Buffer];
    expect(JSON.parse(line.toString())).toEqual({ state: 'claimed' });
    hanging.kill('SIGKILL');
    await once(hanging, 'exit');

    const before = smtp.messages.length;
    const whileHeld = await sendEmail(letter).then(() => 'sent', (err: Error) => err.message);
    expect(whileHeld).toMatch(/another attempt may be sending it until/);
    const { rows } = await workers[0]!.query<{ claimed_until: Date }>('SELECT claimed_until FROM sent_messages WHERE message_id = $1', [id]);
    await new Promise((r) => setTimeout(r, Math.max(0, rows[0]!.claimed_until.getTime() - Date.now()) + 50));
    const afterExpiry = await sendEmail(letter);
    expect(afterExpiry.messageId).toBe(id);
    expect(afterExpiry.alreadySent).toBeUndefined();
    expect((await sendEmail(letter)).alreadySent).toBe(true);
    await smtp.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 300));
    console.log(`claim of a SIGKILLed worker: refused while live, taken over after expiry; ${smtp.messages.length - before} message sent`);
    expect(smtp.messages.length - before).toBe(1);
  });
});
