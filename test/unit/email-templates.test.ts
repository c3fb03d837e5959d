import { describe, expect, it } from 'vitest';
import type { Language } from '../../domain/cycle';
import { foldIcsLine } from '../../activities/email/ics';
import { renderEmail } from '../../activities/email/templates';
import type { CycleEmailContext, EmailKind, EmailRequest } from '../../activities/email/types';

const hostile = '<img src=x onerror="alert(1)"> & Co';

function cycleIn(language: Language): CycleEmailContext {
  return {
    id: 'plan/report/2020-01',
    planId: 'plan',
    language,
    timeZone: 'Asia/Ho_Chi_Minh',
    issuer: { name: 'Ban Dân vận Tỉnh ủy', documentNumber: '129-KH/BDVTU' },
    reportType: { id: 'report', title: 'Báo cáo tình hình nhân dân' },
    period: { id: '2020-01', label: 'tháng 1/2020' },
    dueAt: '2020-02-05T17:00:00+07:00',
    cutoffAt: '2020-02-12T17:00:00+07:00',
    submissionInstructions: `Gửi qua thư điện tử ${hostile}`,
  };
}

/** One request of every kind, each carrying the hostile string in the values it shows. */
function requestsIn(language: Language): Record<EmailKind, EmailRequest> {
  const cycle = cycleIn(language);
  const unit = { id: 'unit', name: `Đơn vị ${hostile}` };
  const to = [{ key: 'unit', name: unit.name, email: 'unit@example.org' }];
  const common = { cycle, to, recipientKey: 'unit' };
  return {
    notice: { ...common, kind: 'notice', data: { unit } },
    reminder: { ...common, kind: 'reminder', step: 1, data: { unit, relation: 'before', dueAt: cycle.dueAt } },
    overdue: { ...common, kind: 'overdue', data: { unit, dueAt: cycle.dueAt, daysOverdue: 2 } },
    escalation: { ...common, kind: 'escalation', step: 1, data: { roleLabel: hostile, overdue: [{ unitId: 'unit', name: unit.name, daysOverdue: 2, dueAt: cycle.dueAt }] } },
    receipt: { ...common, kind: 'receipt', data: { unit, submittedAt: '2020-02-04T09:00:00+07:00', onTime: true, documentRef: hostile } },
    extension: { ...common, kind: 'extension', data: { unit, newDueAt: '2020-02-10T17:00:00+07:00', reason: hostile } },
    excuse: { ...common, kind: 'excuse', data: { unit, reason: hostile } },
    returned: { ...common, kind: 'returned', data: { unit, reason: hostile, resubmitBy: '2020-02-08T17:00:00+07:00' } },
    cancellation: { ...common, kind: 'cancellation', data: { unit, reason: hostile } },
    consolidation: {
      ...common,
      kind: 'consolidation',
      data: {
        counts: { submitted: 1, late: 0, missing: 1, excused: 0, total: 2 },
        missing: [unit.name],
        reportPaths: { markdown: '/tmp/a.md', html: '/tmp/a.html' },
        upperLevels: [hostile],
      },
    },
    'delivery-failure': { ...common, kind: 'delivery-failure', data: { failed: [{ recipient: to[0]!, kind: 'notice', error: hostile }] } },
    'held-mail': { ...common, kind: 'held-mail', data: { since: '2020-02-04T09:00:00+07:00', until: '2020-02-05T09:00:00+07:00' } },
  };
}

describe('email templates', () => {
  for (const language of ['vi', 'en'] as const) {
    for (const [kind, request] of Object.entries(requestsIn(language))) {
      it(`renders ${kind} in ${language}: subject names report and period, HTML escapes every value, text keeps it`, () => {
        const email = renderEmail(request);

        expect(email.subject).toMatch(/^\[[^\]]+\] Báo cáo tình hình nhân dân tháng 1\/2020 — \S/);
        expect(email.html).not.toContain('<img');
        expect(email.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co');
        expect(email.text).toContain(hostile);
        expect(email.text).toContain('BAN DÂN VẬN TỈNH ỦY');
        expect(email.text.startsWith(language === 'vi' ? 'Kính gửi: ' : 'To: ')).toBe(true);
      });
    }
  }
});

describe('calendar line folding', () => {
  it('folds at 75 octets without splitting a multi-byte character, and unfolds to the original line', () => {
    const line = `DESCRIPTION:${'Hạn nộp báo cáo tình hình nhân dân — Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh. '.repeat(4)}`;

    const folded = foldIcsLine(line);

    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    expect(physical.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(physical.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.replaceAll('\r\n ', '')).toBe(line);
  });
});
