/**
 * The Board's internal letters (escalation digest, consolidation, the approval letters, alerts to
 * staff) and its letter up, as a Board member reads them: approved text snapshots under
 * test/letters/internal/, and the facts a reader would check in each.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { createCycleActivities, type CycleActivityDeps } from '../../activities/cycle/cycle-activities';
import type { EmailRequest, EmailRequestOf } from '../../activities/email/types';
import type { CycleEscalationStep, Language, Recipient } from '../../domain/cycle';
import { cycleMailRequest, escalationRequest } from '../../workflows/cycle-mail';
import type { CycleHeader, ShardStatus, UnitStatus } from '../../workflows/messages';
import { letterText, sampleCycle, samplePeople } from '../helpers/letter-fixtures';
import { keyOfStoreUri } from '../../storage/document-store';
import { fileDocumentStore } from '../../storage/document-store-files';

const { head, deputy, divisionHead, staff } = samplePeople;
/** The division that follows the report, as the sample cycle names it. */
const division = sampleCycle('vi').contact!.division;

const unitNames: Record<Language, { mttq: string; hnd: string; hccb: string }> = {
  vi: { mttq: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Thuận', hnd: 'Hội Nông dân tỉnh Bình Thuận', hccb: 'Hội Cựu chiến binh tỉnh Bình Thuận' },
  en: { mttq: 'Binh Thuan Provincial Committee of the Vietnam Fatherland Front', hnd: 'Binh Thuan Provincial Farmers’ Union', hccb: 'Binh Thuan Provincial Veterans’ Association' },
};

const upperLevels: Record<Language, string[]> = {
  vi: ['Ban Thường vụ Tỉnh ủy Bình Thuận', 'Ban Dân vận Trung ương'],
  en: ['Standing Committee of the Binh Thuan Provincial Party Committee', 'Central Mass Mobilization Commission'],
};

/** The seed's six reporters of item II.5: four on time, one late, one missing. */
const counts = { submitted: 4, late: 1, missing: 1, excused: 0, total: 6 };
const report = { counts, reportPaths: { markdown: '/srv/kyhan/reports/bao-cao-tong-hop.md', html: '/srv/kyhan/reports/bao-cao-tong-hop.html' } };
/** Two working days after the cut-off (Monday 23/3/2020). */
const upwardDueAt = '2020-03-25T17:00:00+07:00';

/** The seed's urgent report (báo cáo nhanh) of an incident on 16/3/2020, due at 10:00 the same day. */
function urgentCycle(language: Language) {
  return sampleCycle(language, {
    id: 'kh-129-bdvtu/vu-viec-dot-xuat/2020-03-16',
    reportType: {
      id: 'vu-viec-dot-xuat',
      title: language === 'vi' ? 'Báo cáo nhanh vụ việc phát sinh liên quan đến Đại hội đảng các cấp' : 'Urgent report on an incident concerning the Party congresses',
      urgent: true,
    },
    period: { id: '2020-03-16', label: language === 'vi' ? 'ngày 16/3/2020' : '16 March 2020' },
    dueAt: '2020-03-16T10:00:00+07:00',
    cutoffAt: '2020-03-16T17:00:00+07:00',
  });
}

/** One request of each internal kind, and the variants a reader must see, for the sample cycle. */
function requestsIn(language: Language): Record<string, EmailRequest> {
  const cycle = sampleCycle(language);
  const names = unitNames[language];
  return {
    // The third step of the seed's ladder: 14:00 on the third working day after the due date, to the head.
    escalation: {
      kind: 'escalation',
      step: 3,
      cycle,
      to: [head],
      recipientKey: head.key,
      data: {
        roleLabel: language === 'vi' ? 'Trưởng ban' : 'Head of the Board',
        asOf: '2020-03-20T14:00:00+07:00',
        overdue: [
          { unitId: 'mttq-tinh', name: names.mttq, dueAt: cycle.dueAt, daysOverdue: 3 },
          { unitId: 'hnd-tinh', name: names.hnd, dueAt: '2020-03-19T17:00:00+07:00', daysOverdue: 1 },
        ],
        overdueCount: 2,
        attachment: '/srv/kyhan/reports/escalation-3.csv',
      },
    },
    // An urgent report due at 10:00, still missing at 14:00 the same day: its ladder runs in hours.
    'escalation-urgent': {
      kind: 'escalation',
      step: 1,
      cycle: urgentCycle(language),
      to: [head],
      recipientKey: head.key,
      data: {
        roleLabel: language === 'vi' ? 'Trưởng ban' : 'Head of the Board',
        asOf: '2020-03-16T14:00:00+07:00',
        overdue: [{ unitId: 'mttq-tinh', name: names.mttq, dueAt: '2020-03-16T10:00:00+07:00', daysOverdue: 1, hoursOverdue: 4 }],
        overdueCount: 1,
      },
    },
    consolidation: {
      kind: 'consolidation',
      cycle,
      to: [head],
      recipientKey: head.key,
      data: { ...report, missing: [names.hccb], upperLevels: upperLevels[language], dueAt: upwardDueAt, approve: true },
    },
    'consolidation-to-staff': {
      kind: 'consolidation',
      cycle,
      to: [staff],
      recipientKey: staff.key,
      data: { ...report, missing: [names.hccb], upperLevels: upperLevels[language], dueAt: upwardDueAt },
    },
    'approval-request': {
      kind: 'approval-request',
      step: 1,
      cycle,
      to: [head],
      recipientKey: head.key,
      data: {
        ...report,
        by: `${staff.name} <${staff.email}>`,
        note: language === 'vi' ? 'Đã bổ sung phần kiến nghị của Ủy ban MTTQ tỉnh.' : 'Added the proposals of the Provincial Fatherland Front.',
        upperLevels: upperLevels[language],
        dueAt: upwardDueAt,
      },
    },
    'approval-reminder': {
      kind: 'approval-reminder',
      cycle,
      to: [deputy],
      recipientKey: deputy.key,
      data: { ...report, requestedAt: '2020-03-23T17:05:00+07:00', upperLevels: upperLevels[language], dueAt: upwardDueAt },
    },
    'approval-returned': {
      kind: 'approval-returned',
      step: 1,
      cycle,
      to: [staff],
      recipientKey: staff.key,
      data: {
        // As the console records who acted: name and address.
        by: `${head.name} <${head.email}>`,
        comment: language === 'vi' ? 'Bổ sung phần kiến nghị của Ủy ban MTTQ tỉnh; nêu rõ đơn vị chưa gửi báo cáo.' : 'Add the proposals of the Provincial Fatherland Front; name the unit that did not report.',
        returnedAt: '2020-03-24T09:30:00+07:00',
      },
    },
    'upward-report': {
      kind: 'upward-report',
      cycle,
      to: [{ key: 'upper-level-1', name: upperLevels[language][0]!, email: 'van-phong-tinh-uy@example.org' }],
      recipientKey: 'upper-level-1',
      data: { ...report, upperLevel: upperLevels[language][0]!, approvedAt: '2020-03-24T15:00:00+07:00' },
    },
    'consolidation-paper': {
      kind: 'consolidation',
      cycle: sampleCycle(language, { reportType: { ...cycle.reportType, delivery: 'paper' } }),
      to: [head],
      recipientKey: head.key,
      data: { ...report, missing: [names.hccb], upperLevels: upperLevels[language], dueAt: upwardDueAt, approve: true },
    },
    'upward-report-paper': {
      kind: 'upward-report',
      cycle: sampleCycle(language, { reportType: { ...cycle.reportType, delivery: 'paper' } }),
      to: [{ key: 'upper-level-1', name: upperLevels[language][0]!, email: 'van-phong-tinh-uy@example.org' }],
      recipientKey: 'upper-level-1',
      data: { ...report, upperLevel: upperLevels[language][0]!, approvedAt: '2020-03-24T15:00:00+07:00' },
    },
    'delivery-failure': {
      kind: 'delivery-failure',
      step: 1,
      cycle,
      to: [staff],
      recipientKey: 'consolidating-staff',
      data: {
        failed: [
          {
            recipient: { key: 'hnd-tinh', name: names.hnd, email: 'hnd-tinh@example.org' },
            kind: 'reminder',
            error: '550 5.1.1 <hnd-tinh@example.org>: Recipient address rejected: User unknown',
          },
        ],
      },
    },
    'held-mail': {
      kind: 'held-mail',
      step: 1,
      cycle,
      to: [staff],
      recipientKey: 'consolidating-staff',
      data: { since: '2020-03-16T08:00:00+07:00', until: '2020-03-16T11:30:00+07:00' },
    },
  };
}

describe('internal letters, as approved (test/letters/internal/)', () => {
  for (const language of ['vi', 'en'] as const) {
    for (const [kind, request] of Object.entries(requestsIn(language))) {
      it(`${kind} in ${language}`, async () => {
        await expect(letterText(request)).toMatchFileSnapshot(`../letters/internal/${kind}.${language}.txt`);
      });
    }
  }
});

describe('the escalation digest', () => {
  const vi = requestsIn('vi');

  it('is a note from the division to its leader, named with the position in full', () => {
    const text = letterText(vi.escalation!);
    expect(text).toContain('Kính gửi: Đồng chí Đặng Hồng Sỹ, Trưởng Ban Dân vận Tỉnh ủy Bình Thuận');
    expect(text).toContain(`${division} kính báo cáo đồng chí`);
    expect(text).toContain('Kính đề nghị đồng chí');
  });

  it('is signed by the division, and says nothing of whom to contact (its reader is the Board’s own)', () => {
    const text = letterText(vi.escalation!);
    expect(text).toContain(`\n${division.toLocaleUpperCase('vi')}\n`);
    expect(text).not.toContain('BAN DÂN VẬN TỈNH ỦY BÌNH THUẬN');
    expect(text).not.toContain('liên hệ');
  });

  it('counts days overdue in working days and says so', () => {
    const text = letterText(vi.escalation!);
    expect(text).toContain('Số ngày làm việc quá hạn: 3');
  });

  it('says plain days for a digest requested before days were counted in working days (no asOf)', () => {
    const request = vi.escalation as EmailRequestOf<'escalation'>;
    const { asOf: _asOf, ...data } = request.data;
    const text = letterText({ ...request, data });
    expect(text).toContain('Số ngày quá hạn: 3');
    expect(text).not.toContain('ngày làm việc');
  });

  it('names the issuer as the writer on a cycle started before the plan named a contact', () => {
    const request = vi.escalation as EmailRequestOf<'escalation'>;
    const { contact: _contact, ...cycle } = request.cycle;
    expect(letterText({ ...request, cycle })).toContain('Ban Dân vận Tỉnh ủy Bình Thuận kính báo cáo đồng chí');
  });

  it('calls a unit plan a plan', () => {
    const request = vi.escalation as EmailRequestOf<'escalation'>;
    const cycle = sampleCycle('vi', { reportType: { id: 'ke-hoach-thuc-hien', title: 'Kế hoạch thực hiện của Ban Dân vận huyện, thị, thành ủy và đảng ủy trực thuộc', document: 'plan' } });
    const text = letterText({ ...request, cycle });
    expect(text).toContain('chưa gửi kế hoạch');
    expect(text).not.toContain('chưa gửi báo cáo');
  });
});

describe('a report that travels on paper only', () => {
  for (const language of ['vi', 'en'] as const) {
    it(`never says a file is attached, and the letter up says it goes on paper (${language})`, () => {
      const requests = requestsIn(language);
      const paper = { ...sampleCycle(language), reportType: { ...sampleCycle(language).reportType, delivery: 'paper' as const } };
      for (const kind of ['consolidation', 'approval-request', 'approval-reminder', 'upward-report']) {
        const text = letterText({ ...requests[kind]!, cycle: paper } as EmailRequest);
        expect(text).not.toMatch(language === 'vi' ? /gửi kèm thư này|được gửi kèm/ : /is attached|are attached|attached:/i);
      }
      const upward = letterText({ ...requests['upward-report']!, cycle: paper } as EmailRequest);
      expect(upward).toContain(language === 'vi' ? 'văn bản giấy theo đường văn thư' : 'on paper through the clerical');
      // Online, the same letters say what is attached.
      expect(letterText(requests['upward-report']!)).toMatch(language === 'vi' ? /gửi kèm thư này/ : /attached/);
    });
  }
});

describe('the letter up', () => {
  it('rests on the plan by number and date, and names the report once with its period', () => {
    const text = letterText(requestsIn('vi')['upward-report']!);
    expect(text).toContain('Kính gửi: Ban Thường vụ Tỉnh ủy Bình Thuận');
    expect(text).toContain('Thực hiện Kế hoạch số 129-KH/BDVTU, ngày 12/11/2019 của Ban Dân vận Tỉnh ủy Bình Thuận');
    expect(text).toContain('kính gửi Ban Thường vụ Tỉnh ủy Bình Thuận báo cáo tình hình nhân dân đối với Đại hội đảng các cấp tháng 3/2020');
  });

  it('sends a report on the units’ plans, not a plan, when they sent plans', () => {
    const request = requestsIn('vi')['upward-report']!;
    const cycle = sampleCycle('vi', { reportType: { id: 'ke-hoach-thuc-hien', title: 'Kế hoạch thực hiện của Ban Dân vận huyện, thị, thành ủy và đảng ủy trực thuộc', document: 'plan' } });
    const text = letterText({ ...request, cycle } as EmailRequest);
    expect(text).toContain('kính gửi Ban Thường vụ Tỉnh ủy Bình Thuận báo cáo tổng hợp kế hoạch thực hiện của Ban Dân vận huyện');
    expect(text).toContain('tổng hợp từ kế hoạch của 5/6 đơn vị');
  });
});

describe('the approval letters', () => {
  it('name the leader who returned the draft by name, as the console records it without the address', () => {
    const text = letterText(requestsIn('vi')['approval-returned']!);
    expect(text).toContain('ý kiến của đồng chí Đặng Hồng Sỹ\n');
    expect(text).toContain('Đồng chí Đặng Hồng Sỹ đã trả lại dự thảo báo cáo tình hình nhân dân');
    expect(text).not.toContain('<dang-hong-sy@example.org>');
  });
});

describe('consolidation', () => {
  it('says chốt tổng hợp, never khóa sổ, and submits to a leader awaited for approval', () => {
    const leader = letterText(requestsIn('vi').consolidation!);
    const staffCopy = letterText(requestsIn('vi')['consolidation-to-staff']!);
    for (const text of [leader, staffCopy]) {
      expect(text).toContain('chốt tổng hợp');
      expect(text).not.toMatch(/khóa sổ|khoá sổ/i);
    }
    expect(leader).toContain('Kính trình đồng chí xem xét, phê duyệt');
    expect(staffCopy).not.toContain('Kính trình');
  });
});

/** A cycle header as the workflow holds it: the sample cycle with its ladder, leaders and calendar. */
function headerWithLadder(): CycleHeader {
  const step = (n: number, at: string, leader: Recipient, roleLabel: string): CycleEscalationStep => ({ step: n, at, recipients: [leader], roleLabel });
  return {
    ...sampleCycle('vi'),
    opensAt: '2020-03-10T08:00:00+07:00',
    reminders: [],
    escalations: [
      step(1, '2020-03-18T14:00:00+07:00', divisionHead, 'Trưởng phòng Đoàn thể'),
      step(2, '2020-03-19T14:00:00+07:00', deputy, 'Phó Trưởng ban'),
      step(3, '2020-03-20T14:00:00+07:00', head, 'Trưởng ban'),
    ],
    consolidation: { by: [staff], leaders: [head, deputy], upperLevels: upperLevels.vi, dueAt: upwardDueAt },
    calendar: { weekend: [0, 6], holidays: 'VN', extraDaysOff: [], extraWorkingDays: [] },
  };
}

describe('who receives the escalation digest', () => {
  it('is the step’s leader alone: no overdue unit is copied', () => {
    const cycle = headerWithLadder();
    const prepared = { overdueUnits: 2, preview: [], attachment: '/srv/kyhan/escalation.csv' };
    for (const step of cycle.escalations) {
      for (const leader of step.recipients) {
        const direct = escalationRequest(cycle, step, leader, prepared, 'run-1');
        const queued = cycleMailRequest({ kind: 'escalation', step: step.step, recipient: leader, prepared, queuedAt: step.at }, cycle, 'run-1');
        for (const request of [direct, queued]) {
          expect([...request.to, ...(request.cc ?? [])].map((r) => r.email)).toEqual([leader.email]);
        }
      }
    }
  });
});

/** The records of a CSV whose fields hold no comma, quote or line break (the BOM dropped). */
const rowsOf = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(','));

describe('prepareEscalation', () => {
  /** A unit still awaited, due at `dueAt`. */
  const awaited = (unitId: string, name: string, dueAt: string): UnitStatus => ({
    unitId,
    name,
    to: [{ key: unitId, name, email: `${unitId}@example.org` }],
    state: 'overdue',
    dueAt,
    remindersSent: [],
    escalations: [],
    deliveryFailures: [],
  });

  it('counts working days on the cycle’s calendar: a Friday deadline still missed on Monday is one day overdue', async () => {
    const shard: ShardStatus = {
      cycleId: 'kh-129-bdvtu/tinh-hinh-nhan-dan-hang-thang/2020-03',
      shard: 1,
      generation: 0,
      outbox: 0,
      units: [
        awaited('mttq-tinh', unitNames.vi.mttq, '2020-03-17T17:00:00+07:00'),
        // Extended to Friday 20/3/2020.
        awaited('hnd-tinh', unitNames.vi.hnd, '2020-03-20T17:00:00+07:00'),
      ],
    };
    const signalled: unknown[] = [];
    const temporal = {
      workflow: { getHandle: () => ({ query: async () => shard, signal: async (_signal: unknown, payload: unknown) => void signalled.push(payload) }) },
    } as unknown as Client;
    const stateDir = await mkdtemp(path.join(tmpdir(), 'kyhan-escalation-'));
    const store = fileDocumentStore(stateDir);
    const activities = createCycleActivities({ temporal, store } as unknown as CycleActivityDeps);

    const prepared = await activities.prepareEscalation({ cycle: headerWithLadder(), step: headerWithLadder().escalations[2]!, shardWorkflowIds: ['shard-1'], asOf: '2020-03-23T10:00:00+07:00' });

    expect(prepared.preview.map((u) => [u.unitId, u.daysOverdue])).toEqual([
      ['mttq-tinh', 4],
      ['hnd-tinh', 1],
    ]);
    const csv = rowsOf((await store.get(keyOfStoreUri(prepared.attachment!)!))!.toString('utf8'));
    expect(csv[0]).toEqual(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Hạn nộp', 'Số ngày làm việc quá hạn']);
    expect(csv.slice(1).map((row) => [row[1], row[4]])).toEqual([
      ['mttq-tinh', '4'],
      ['hnd-tinh', '1'],
    ]);
  });

  it('counts hours for an urgent report, whose ladder runs in hours: due at 10:00, missing at 14:00 is 4 hours overdue', async () => {
    const urgent = { ...headerWithLadder(), ...urgentCycle('vi') };
    const shard: ShardStatus = { cycleId: urgent.id, shard: 1, generation: 0, outbox: 0, units: [awaited('mttq-tinh', unitNames.vi.mttq, urgent.dueAt)] };
    const temporal = { workflow: { getHandle: () => ({ query: async () => shard, signal: async () => undefined }) } } as unknown as Client;
    const stateDir = await mkdtemp(path.join(tmpdir(), 'kyhan-escalation-'));
    const store = fileDocumentStore(stateDir);
    const activities = createCycleActivities({ temporal, store } as unknown as CycleActivityDeps);

    const prepared = await activities.prepareEscalation({ cycle: urgent, step: urgent.escalations[0]!, shardWorkflowIds: ['shard-1'], asOf: '2020-03-16T14:00:00+07:00' });

    expect(prepared.preview.map((u) => u.hoursOverdue)).toEqual([4]);
    const csv = rowsOf((await store.get(keyOfStoreUri(prepared.attachment!)!))!.toString('utf8'));
    expect(csv[0]![4]).toBe('Số giờ quá hạn');
    expect(csv[1]![4]).toBe('4');
    expect(letterText(escalationRequest(urgent, urgent.escalations[0]!, head, prepared))).toContain('Số giờ quá hạn: 4');
  });

});
