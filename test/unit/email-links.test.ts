/**
 * Letters to a unit carry its own signed report link; letters about the cycle carry the cycle's
 * page. The link in the delivered message (not a rendered string) must verify with the secret,
 * name its cycle, unit and run, and expire at the cut-off; a message without the cycle's run
 * (a shard recorded before runs were carried) carries no link rather than one that cannot work.
 */
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmailActivities } from '../../activities/email/send-email';
import type { CycleEmailContext, EmailRequest } from '../../activities/email/types';
import { verifyUnitLink } from '../../auth/unit-link';
import { startSmtpServer, type RunningSmtpServer } from '../helpers/smtp-server';

const cycle: CycleEmailContext = {
  id: 'demo/chay-thu/chay-thu',
  planId: 'demo',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  issuer: { name: 'Ban Dân vận (trình diễn)', documentNumber: '01-KH/DEMO' },
  reportType: { id: 'chay-thu', title: 'Báo cáo chạy thử (demo)' },
  period: { id: 'chay-thu', label: 'Kỳ chạy thử' },
  dueAt: '2026-12-02T17:00:00+07:00',
  cutoffAt: '2026-12-03T17:00:00+07:00',
  submissionInstructions: 'Gửi qua đường dẫn trong thư.',
};
const SECRET = 'a-test-secret-of-at-least-32-characters';
const PUBLIC_URL = 'https://kyhan.example.org/';
const unit = { key: 'mat-tran', name: 'Ủy ban Mặt trận (demo)', email: 'mat-tran@example.org' };

let server: RunningSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function deliver(req: EmailRequest) {
  server = await startSmtpServer();
  const transport = nodemailer.createTransport({ host: server.host, port: server.port, secure: false, ignoreTLS: true });
  const { sendEmail } = createEmailActivities({ transport, from: 'kyhan@example.org', web: { publicUrl: PUBLIC_URL, secret: SECRET } });
  await sendEmail(req);
  const [mail] = await server.waitFor(1);
  return mail!;
}

const linkIn = (text: string) => /https:\/\/kyhan\.example\.org\/r\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('links in letters', () => {
  for (const kind of ['notice', 'reminder', 'returned'] as const) {
    it(`a ${kind} carries the unit's own link, signed for its cycle, unit and run, valid until the cut-off`, async () => {
      const data =
        kind === 'notice'
          ? { unit: { id: unit.key, name: unit.name } }
          : kind === 'reminder'
            ? { unit: { id: unit.key, name: unit.name }, relation: 'before' as const, dueAt: cycle.dueAt }
            : { unit: { id: unit.key, name: unit.name }, reason: 'Bổ sung số liệu tháng.' };
      const mail = await deliver({ kind, cycle, to: [unit], recipientKey: unit.key, run: 'run-1', step: 0, data } as EmailRequest);
      const token = linkIn(mail.parsed.text ?? '');
      expect(token, 'the text body carries the link').toBeDefined();
      expect(mail.parsed.html).toContain(`https://kyhan.example.org/r/${token}`);
      const check = verifyUnitLink(SECRET, token!, Date.parse('2026-12-02T00:00:00Z'));
      expect(check).toEqual({ ok: true, claims: { c: cycle.id, u: unit.key, r: 'run-1', e: Date.parse(cycle.cutoffAt) / 1000 } });
      expect(verifyUnitLink(SECRET, token!, Date.parse(cycle.cutoffAt))).toEqual({ ok: false, problem: 'expired' });
      expect(verifyUnitLink('another-secret-of-at-least-32-characters', token!, Date.parse('2026-12-02T00:00:00Z'))).toEqual({ ok: false, problem: 'forged' });
    });
  }

  it('a letter without the cycle run carries no unit link', async () => {
    const mail = await deliver({ kind: 'notice', cycle, to: [unit], recipientKey: unit.key, data: { unit: { id: unit.key, name: unit.name } } });
    expect(linkIn(mail.parsed.text ?? '')).toBeUndefined();
  });

  it('a token edited by hand is refused: one character of the payload changed', () => {
    const mailToken = 'eyJjIjoiZGVtby9jaGF5LXRodS9jaGF5LXRodSJ9.abc';
    expect(verifyUnitLink(SECRET, mailToken, 0).ok).toBe(false);
    expect(verifyUnitLink(SECRET, 'not-a-token', 0)).toEqual({ ok: false, problem: 'malformed' });
  });
});
