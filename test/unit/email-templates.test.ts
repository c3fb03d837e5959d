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
  const report = { counts: { submitted: 1, late: 0, missing: 1, excused: 0, total: 2 }, reportPaths: { markdown: '/tmp/a.md', html: '/tmp/a.html' } };
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
        approve: true,
      },
    },
    'delivery-failure': { ...common, kind: 'delivery-failure', data: { failed: [{ recipient: to[0]!, kind: 'notice', error: hostile }] } },
    'held-mail': { ...common, kind: 'held-mail', data: { since: '2020-02-04T09:00:00+07:00', until: '2020-02-05T09:00:00+07:00' } },
    'approval-request': { ...common, kind: 'approval-request', data: { ...report, by: hostile, note: hostile, upperLevels: [hostile], dueAt: cycle.cutoffAt } },
    'approval-reminder': { ...common, kind: 'approval-reminder', data: { ...report, requestedAt: cycle.cutoffAt, upperLevels: [hostile], dueAt: cycle.cutoffAt } },
    'approval-returned': { ...common, kind: 'approval-returned', data: { by: hostile, comment: hostile, returnedAt: cycle.cutoffAt } },
    'upward-report': { ...common, kind: 'upward-report', data: { ...report, upperLevel: hostile, approvedAt: cycle.cutoffAt } },
  };
}

describe('email templates', () => {
  for (const language of ['vi', 'en'] as const) {
    for (const [kind, request] of Object.entries(requestsIn(language))) {
      it(`renders ${kind} in ${language}: subject names report and period once, HTML escapes every value, text keeps it`, () => {
        const email = renderEmail(request);

        expect(email.subject).toContain('Báo cáo tình hình nhân dân');
        expect(email.subject.split('tháng 1/2020')).toHaveLength(2);
        expect(email.html).not.toContain('<img');
        expect(email.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co');
        expect(email.text).toContain(hostile);
        expect(email.text).toContain('BAN DÂN VẬN TỈNH ỦY');
        expect(email.text.startsWith(language === 'vi' ? 'Kính gửi: ' : 'To: ')).toBe(true);
      });
    }
  }
});

describe('approval letters', () => {
  const links = { cyclePage: 'https://kyhan.example.org/cycles/plan%2Freport%2F2020-01' };
  for (const language of ['vi', 'en'] as const) {
    it(`carry the cycle page as an action to the leaders and to staff, in ${language}`, () => {
      const requests = requestsIn(language);
      for (const kind of ['consolidation', 'approval-request', 'approval-reminder', 'approval-returned'] as const) {
        const email = renderEmail(requests[kind], undefined, links);
        expect(email.text, kind).toContain(links.cyclePage);
        expect(email.html, kind).toContain(`href="${links.cyclePage}"`);
      }
      // The upper level gets the report, not a link into the Board's console.
      expect(renderEmail(requests['upward-report'], undefined, links).text).not.toContain(links.cyclePage);
    });
  }

  it('offer the approval link in the consolidation letter only to a leader whose approval is awaited', () => {
    const request = requestsIn('vi').consolidation as EmailRequest & { kind: 'consolidation' };
    const toStaff = { ...request, data: { ...request.data, approve: undefined } };
    expect(renderEmail(toStaff, undefined, links).text).not.toContain(links.cyclePage);
  });
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
