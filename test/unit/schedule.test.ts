import { describe, expect, it } from 'vitest';
import { PlanSchema, type Plan, type PlanInput } from '../../domain/plan/schema';
import { computeAdhocCycle, computeSchedule, scheduleProblems, ScheduleError } from '../../domain/schedule';

const unit = (id: string, extra: Partial<PlanInput['units'][number]> = {}): PlanInput['units'][number] => ({
  id,
  name: `Đơn vị ${id}`,
  shortName: id.toUpperCase(),
  kind: 'socio-political-organisation',
  level: 'provincial',
  contacts: { to: [`${id}@example.org`] },
  ...extra,
});

/** A small plan: one monthly report type, due on the 25th; the parts a test changes are overridden. */
function makePlan(overrides: Partial<PlanInput> = {}): Plan {
  return PlanSchema.parse({
    id: 'thu-nghiem',
    version: 1,
    title: 'Kế hoạch thử nghiệm',
    issuer: { name: 'Ban Dân vận', documentNumber: '1-KH/BDV', date: '2019-11-12' },
    roles: [
      { id: 'truong-ban', label: 'Trưởng ban' },
      { id: 'pho-truong-ban', label: 'Phó Trưởng ban' },
      { id: 'chuyen-vien', label: 'Chuyên viên' },
    ],
    people: [
      { id: 'truong', name: 'Nguyễn Văn A', email: 'truong@example.org', roles: ['truong-ban'] },
      { id: 'pho', name: 'Trần Thị B', email: 'pho@example.org', roles: ['pho-truong-ban'] },
      { id: 'cv', name: 'Lê Văn C', email: 'cv@example.org', roles: ['chuyen-vien'] },
    ],
    units: [unit('mttq', { kind: 'front-committee' }), unit('tinh-doan'), unit('hoi-nong-dan')],
    defaults: {
      reminders: [{ workingDays: -2 }],
      escalation: [
        { workingDays: 1, notify: ['pho-truong-ban'] },
        { workingDays: 2, notify: ['truong-ban', 'pho-truong-ban'] },
      ],
      consolidation: { by: ['chuyen-vien'], leaders: ['truong-ban'], cutoff: { workingDays: 3, at: '17:00' } },
    },
    reportTypes: [
      {
        id: 'hang-thang',
        title: 'Báo cáo tháng',
        reporters: { kinds: ['front-committee', 'socio-political-organisation'] },
        recurrence: { type: 'monthly', from: '2020-01', to: '2020-03', due: { day: 25 } },
      },
    ],
    ...overrides,
  });
}

describe('computeSchedule', () => {
  it('moves a due date that falls on Tết 2020 to the next working day', () => {
    const [january, february] = computeSchedule(makePlan());
    // 25/01/2020 is the first day of the lunar year; Tết and its days in lieu run to 29/01.
    expect(january?.id).toBe('thu-nghiem/hang-thang/2020-01');
    expect(january?.dueAt).toBe('2020-01-30T17:00:00+07:00');
    expect(january?.dueDate).toBe('2020-01-30');
    expect(january?.period).toEqual({ id: '2020-01', label: 'tháng 1/2020', month: '2020-01' });
    // 25/02/2020 is a Tuesday: kept.
    expect(february?.dueAt).toBe('2020-02-25T17:00:00+07:00');
  });

  it('clamps a day rule to the month, counts monthOffset and honours previous-working-day', () => {
    const plan = makePlan({
      calendar: { nonWorkingDayRule: 'previous-working-day' },
      reportTypes: [
        {
          id: 'hang-thang',
          title: 'Báo cáo tháng',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'monthly', from: '2020-01', to: '2020-02', due: { day: 31, monthOffset: 1, at: '16:30' } },
        },
      ],
    });
    const dues = computeSchedule(plan).map((cycle) => cycle.dueAt);
    // Period 1/2020 → 29/02/2020 (a Saturday) → Friday 28/02; period 2/2020 → 31/03/2020 (a Tuesday).
    expect(dues).toEqual(['2020-02-28T16:30:00+07:00', '2020-03-31T16:30:00+07:00']);
  });

  it('counts working-day offsets across a make-up Saturday', () => {
    const plan = makePlan({
      calendar: { extraWorkingDays: [{ date: '2020-03-07', reason: 'Làm bù' }] },
      defaults: {
        reminders: [{ workingDays: -1, at: '09:00' }, { workingDays: 1 }],
        escalation: [{ workingDays: 2, notify: ['truong-ban'] }],
        consolidation: { by: ['chuyen-vien'], cutoff: { workingDays: 3, at: '17:00' } },
      },
      reportTypes: [
        {
          id: 'mot-lan',
          title: 'Báo cáo một lần',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'once', period: { id: 'dot-1', label: 'Đợt 1' }, dueDate: '2020-03-06' },
        },
      ],
    });
    const [cycle] = computeSchedule(plan);
    expect(cycle?.dueAt).toBe('2020-03-06T17:00:00+07:00');
    expect(cycle?.reminders.map((r) => [r.at, r.relation])).toEqual([
      ['2020-03-05T09:00:00+07:00', 'before'],
      // Saturday 07/03 is worked: the first working day after Friday's due date.
      ['2020-03-07T08:00:00+07:00', 'after'],
    ]);
    expect(cycle?.escalations[0]?.at).toBe('2020-03-09T08:00:00+07:00');
    expect(cycle?.cutoffAt).toBe('2020-03-10T17:00:00+07:00');
  });

  it('counts an official make-up Saturday (05/01/2019) as a working day', () => {
    const plan = makePlan({
      reportTypes: [
        {
          id: 'mot-lan',
          title: 'Báo cáo một lần',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'once', period: { id: 'dot-1', label: 'Đợt 1' }, dueDate: '2019-01-04' },
        },
      ],
    });
    const [cycle] = computeSchedule(plan);
    expect(cycle?.escalations.map((step) => step.at)).toEqual(['2019-01-05T08:00:00+07:00', '2019-01-07T08:00:00+07:00']);
  });

  it('computes duration offsets exactly, down to seconds', () => {
    const plan = makePlan({
      defaults: {
        opens: { duration: '-PT5M' },
        reminders: [{ duration: '-PT90S' }, { duration: 'PT1S' }],
        escalation: [{ duration: 'PT30S', notify: ['pho-truong-ban'] }],
        consolidation: { by: ['chuyen-vien'], cutoff: { duration: 'PT2M' }, reportDue: { duration: 'PT45S' } },
      },
    });
    const [cycle] = computeSchedule(plan);
    expect(cycle).toMatchObject({
      opensAt: '2020-01-30T16:55:00+07:00',
      dueAt: '2020-01-30T17:00:00+07:00',
      cutoffAt: '2020-01-30T17:02:00+07:00',
      consolidation: { dueAt: '2020-01-30T17:02:45+07:00' },
    });
    expect(cycle?.reminders.map((r) => r.at)).toEqual(['2020-01-30T16:58:30+07:00', '2020-01-30T17:00:01+07:00']);
    expect(cycle?.escalations[0]?.at).toBe('2020-01-30T17:00:30+07:00');
  });

  it('requires only the units that exist on the due date', () => {
    const plan = makePlan({
      units: [
        unit('mttq', { kind: 'front-committee' }),
        unit('huyen-cu', { kind: 'district-board', level: 'district', existsUntil: '2020-02-29' }),
        unit('huyen-moi', { kind: 'district-board', level: 'district', existsFrom: '2020-03-01' }),
      ],
      reportTypes: [
        {
          id: 'hang-thang',
          title: 'Báo cáo tháng',
          reporters: { levels: ['district'], units: ['mttq'] },
          recurrence: { type: 'monthly', from: '2020-01', to: '2020-03', due: { day: 25 } },
        },
      ],
    });
    const unitsByPeriod = computeSchedule(plan).map((cycle) => [cycle.period.id, cycle.units.map((u) => u.id)]);
    expect(unitsByPeriod).toEqual([
      ['2020-01', ['mttq', 'huyen-cu']],
      ['2020-02', ['mttq', 'huyen-cu']],
      ['2020-03', ['mttq', 'huyen-moi']],
    ]);
    const march = computeSchedule(plan, { from: '2020-03' })[0];
    expect(march?.reminders[0]?.units).toEqual(['mttq', 'huyen-moi']);
    expect(march?.escalations[0]?.units).toEqual(['mttq', 'huyen-moi']);
  });

  it('takes each policy from the report type when it sets it, else from the defaults', () => {
    const plan = makePlan({
      reportTypes: [
        {
          id: 'hang-thang',
          title: 'Báo cáo tháng',
          reporters: { kinds: ['front-committee'], exclude: [] },
          recurrence: { type: 'monthly', from: '2020-02', to: '2020-02', due: { day: 25 } },
          policies: { reminders: [{ workingDays: -1, at: '10:00' }], submission: 'Nộp qua hệ thống' },
        },
      ],
    });
    const [cycle] = computeSchedule(plan);
    expect(cycle?.reminders.map((r) => r.at)).toEqual(['2020-02-24T10:00:00+07:00']);
    expect(cycle?.escalations.map((s) => [s.step, s.at, s.roleLabel, s.recipients.map((r) => r.key)])).toEqual([
      [1, '2020-02-26T08:00:00+07:00', 'Phó Trưởng ban', ['pho']],
      [2, '2020-02-27T08:00:00+07:00', 'Trưởng ban và Phó Trưởng ban', ['truong', 'pho']],
    ]);
    expect(cycle?.consolidation.by.map((r) => r.email)).toEqual(['cv@example.org']);
    expect(cycle?.consolidation.leaders.map((r) => r.key)).toEqual(['truong']);
    expect(cycle?.submissionInstructions).toBe('Nộp qua hệ thống');
    expect(cycle?.units[0]?.to).toEqual([{ key: 'mttq', name: 'Đơn vị mttq', email: 'mttq@example.org' }]);
  });

  it('lists milestones and one-off cycles with their labels, sorted by opening', () => {
    const plan = makePlan({
      language: 'en',
      reportTypes: [
        {
          id: 'moc',
          title: 'Milestones',
          reporters: { units: ['mttq'] },
          recurrence: {
            type: 'milestones',
            due: { day: 'last' },
            milestones: [
              { id: 'co-so', label: 'Grassroots congresses', month: '2020-06' },
              { id: 'huyen', label: 'District congresses', month: '2020-04', due: { day: 10 } },
            ],
          },
        },
        {
          id: 'thang',
          title: 'Monthly',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'monthly', from: '2020-05', to: '2020-05', due: { day: 5, monthOffset: 1 } },
        },
        { id: 'dot-xuat', title: 'Ad hoc', reporters: { units: ['mttq'] }, recurrence: { type: 'adhoc' } },
      ],
    });
    const cycles = computeSchedule(plan);
    expect(cycles.map((c) => [c.id, c.period.label, c.dueAt])).toEqual([
      ['thu-nghiem/moc/huyen', 'District congresses', '2020-04-10T17:00:00+07:00'],
      ['thu-nghiem/thang/2020-05', 'May 2020', '2020-06-05T17:00:00+07:00'],
      ['thu-nghiem/moc/co-so', 'Grassroots congresses', '2020-06-30T17:00:00+07:00'],
    ]);
  });

  it('keeps the cycles whose period month lies between from and to', () => {
    const periods = (from?: string, to?: string): string[] =>
      computeSchedule(makePlan(), { ...(from ? { from } : {}), ...(to ? { to } : {}) }).map((c) => c.period.id);
    expect(periods('2020-02')).toEqual(['2020-02', '2020-03']);
    expect(periods(undefined, '2020-01')).toEqual(['2020-01']);
    expect(periods('2020-02', '2020-02')).toEqual(['2020-02']);
    expect(() => computeSchedule(makePlan(), { from: '2020-1' })).toThrow(ScheduleError);
  });

  it('uses only the weekend and the extra days when holidays is none', () => {
    const plan = makePlan({ calendar: { holidays: 'none', extraDaysOff: [{ date: '2020-02-25', reason: 'Ngày nghỉ riêng' }] } });
    expect(computeSchedule(plan).map((c) => c.dueDate)).toEqual(['2020-01-27', '2020-02-26', '2020-03-25']);
  });
});

describe('computeAdhocCycle', () => {
  const plan = makePlan({
    reportTypes: [
      {
        id: 'hoi-nghi',
        title: 'Hội nghị lấy ý kiến',
        reporters: { kinds: ['socio-political-organisation'] },
        recurrence: { type: 'adhoc', defaultDue: { workingDays: 3 } },
      },
    ],
  });

  it('counts the default due moment from the opening, at the due time', () => {
    // Monday 20/07/2020 10:15 local; three working days later is Thursday 23/07.
    const cycle = computeAdhocCycle(plan, 'hoi-nghi', { periodId: '2020-07-hoi-nghi', opensAt: new Date('2020-07-20T03:15:00Z') });
    expect(cycle).toMatchObject({
      id: 'thu-nghiem/hoi-nghi/2020-07-hoi-nghi',
      period: { id: '2020-07-hoi-nghi', label: '2020-07-hoi-nghi' },
      recurrence: 'adhoc',
      opensAt: '2020-07-20T10:15:00+07:00',
      dueAt: '2020-07-23T17:00:00+07:00',
      cutoffAt: '2020-07-28T17:00:00+07:00',
    });
    expect(cycle.units.map((u) => u.id)).toEqual(['tinh-doan', 'hoi-nong-dan']);
    expect(cycle.reminders.map((r) => r.at)).toEqual(['2020-07-21T08:00:00+07:00']);
  });

  it('takes the due moment, label and units given by staff', () => {
    const cycle = computeAdhocCycle(plan, 'hoi-nghi', {
      periodId: 'dot-2',
      periodLabel: 'Đợt 2',
      opensAt: new Date('2020-07-20T01:00:00Z'),
      dueAt: new Date('2020-07-31T09:30:00Z'),
      units: ['mttq'],
    });
    expect(cycle.dueAt).toBe('2020-07-31T16:30:00+07:00');
    expect(cycle.period.label).toBe('Đợt 2');
    expect(cycle.units.map((u) => u.id)).toEqual(['mttq']);
  });

  it('refuses an unknown report type, an unknown unit, or a due moment before the opening', () => {
    const opensAt = new Date('2020-07-20T01:00:00Z');
    expect(() => computeAdhocCycle(plan, 'khong-co', { periodId: 'x', opensAt })).toThrow(/Unknown report type "khong-co"/);
    expect(() => computeAdhocCycle(plan, 'hoi-nghi', { periodId: 'x', opensAt, units: ['khong-co'] })).toThrow(/Unknown unit "khong-co"/);
    expect(() => computeAdhocCycle(plan, 'hoi-nghi', { periodId: 'x', opensAt, dueAt: new Date('2020-07-19T00:00:00Z') })).toThrow(
      /not after its opening/,
    );
    expect(() => computeAdhocCycle(plan, 'hoi-nghi', { periodId: 'a/b', opensAt })).toThrow(ScheduleError);
  });
});

describe('scheduleProblems', () => {
  it('reports an escalation step at or after the cut-off, at the policy that sets it', () => {
    const plan = makePlan({
      defaults: {
        escalation: [{ workingDays: 1, notify: ['pho-truong-ban'] }, { workingDays: 3, at: '17:00', notify: ['truong-ban'] }],
        consolidation: { by: ['chuyen-vien'], cutoff: { workingDays: 3, at: '17:00' } },
      },
    });
    const problems = scheduleProblems(plan, 'vi');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'defaults.escalation[1]', code: 'escalation-after-cutoff' });
    expect(problems[0]?.message).toContain('bậc 2');
    expect(problems[0]?.message).toContain('chốt tổng hợp 2020-02-04T17:00:00+07:00');

    const own = makePlan({
      reportTypes: [
        {
          id: 'hang-thang',
          title: 'Báo cáo tháng',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'monthly', from: '2020-01', to: '2020-01', due: { day: 25 } },
          policies: { escalation: [{ duration: 'P10D', notify: ['truong-ban'] }] },
        },
      ],
    });
    expect(scheduleProblems(own, 'en')).toEqual([
      expect.objectContaining({ path: 'reportTypes[0].policies.escalation[0]', code: 'escalation-after-cutoff' }),
    ]);
  });

  it('reports a reminder after the cut-off', () => {
    const plan = makePlan({
      defaults: {
        reminders: [{ workingDays: -1 }, { workingDays: 5 }],
        consolidation: { by: ['chuyen-vien'], cutoff: { workingDays: 3, at: '17:00' } },
      },
    });
    const [found] = scheduleProblems(plan, 'en');
    expect(found).toMatchObject({ path: 'defaults.reminders[1]', code: 'reminder-after-cutoff' });
    expect(found?.message).toMatch(/^the reminder at 2020-02-06T08:00:00\+07:00 in cycle tháng 1\/2020 \(hang-thang\) is not before the cut-off/);
  });

  it('names a listed unit that does not exist during a cycle it is required in, with its dates', () => {
    const plan = makePlan({
      units: [unit('mttq', { kind: 'front-committee', existsUntil: '2020-02-10' })],
      reportTypes: [
        {
          id: 'hang-thang',
          title: 'Báo cáo tháng',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'monthly', from: '2020-01', to: '2020-03', due: { day: 25 } },
        },
      ],
    });
    const [vi] = scheduleProblems(plan, 'vi');
    expect(vi).toMatchObject({ path: 'reportTypes[0].reporters.units[0]', code: 'unit-not-in-existence' });
    expect(vi?.message).toBe(
      'đơn vị "mttq" (Đơn vị mttq) phải báo cáo trong kỳ tháng 2/2020 (2020-02-25), tháng 3/2020 (2020-03-25) nhưng chỉ tồn tại từ (không giới hạn) đến 2020-02-10 (tính theo ngày hạn nộp) — bỏ đơn vị khỏi reporters.units, thêm vào exclude, hoặc sửa existsFrom/existsUntil',
    );
    const [en] = scheduleProblems(plan, 'en');
    expect(en?.message).toContain('exists only from (no limit) until 2020-02-10');
  });

  it('finds nothing wrong with a sound plan', () => {
    expect(scheduleProblems(makePlan(), 'vi')).toEqual([]);
  });
});

describe('what a cycle carries for the Board’s documents and letters', () => {
  it('keeps the old shape when the plan gives none of the new fields', () => {
    const [cycle] = computeSchedule(makePlan());
    expect(cycle?.issuer).toEqual({ name: 'Ban Dân vận', documentNumber: '1-KH/BDV', date: '2019-11-12', symbol: 'BDV' });
    expect(cycle?.reportType).toEqual({ id: 'hang-thang', title: 'Báo cáo tháng' });
    expect(cycle?.period).toEqual({ id: '2020-01', label: 'tháng 1/2020', month: '2020-01' });
    expect(cycle).not.toHaveProperty('contact');
    expect(cycle?.consolidation).not.toHaveProperty('signer');
    expect(cycle?.units[0]).not.toHaveProperty('addressee');
    // The calendar the cycle's working days are counted on is always carried.
    expect(cycle?.calendar).toEqual({ weekend: [0, 6], holidays: 'VN', extraDaysOff: [], extraWorkingDays: [] });
  });

  it('carries the issuer’s header, place, subject and symbol, and each unit’s addressee', () => {
    const plan = makePlan({
      issuer: {
        name: 'Ban Dân vận Tỉnh ủy Bình Thuận',
        documentNumber: '129-KH/BDVTU',
        date: '2019-11-12',
        about: 'công tác dân vận tham gia Đại hội',
        superior: 'Tỉnh ủy Bình Thuận',
        shortName: 'Ban Dân vận',
        place: 'Bình Thuận',
      },
      units: [unit('tinh-doan', { addressee: 'Ban Thường vụ Tỉnh Đoàn' }), unit('hoi-nong-dan')],
    });
    const [cycle] = computeSchedule(plan);
    expect(cycle?.issuer).toEqual({
      name: 'Ban Dân vận Tỉnh ủy Bình Thuận',
      documentNumber: '129-KH/BDVTU',
      date: '2019-11-12',
      about: 'công tác dân vận tham gia Đại hội',
      superior: 'Tỉnh ủy Bình Thuận',
      shortName: 'Ban Dân vận',
      place: 'Bình Thuận',
      symbol: 'BDVTU',
    });
    expect(cycle?.units.map((u) => u.addressee)).toEqual(['Ban Thường vụ Tỉnh Đoàn', undefined]);
    expect(computeSchedule(makePlan({ issuer: { name: 'B', documentNumber: '12', date: '2019-11-12', symbol: 'BDV' } }))[0]?.issuer.symbol).toBe('BDV');
    expect(computeSchedule(makePlan({ issuer: { name: 'B', documentNumber: '12', date: '2019-11-12' } }))[0]?.issuer).not.toHaveProperty('symbol');
  });

  const withSigners = (people: PlanInput['people']): Plan =>
    makePlan({
      roles: [
        { id: 'truong-ban', label: 'Trưởng ban', signsAs: 'head' },
        { id: 'pho-truong-ban', label: 'Phó Trưởng ban', signsAs: 'deputy' },
        { id: 'chuyen-vien', label: 'Chuyên viên' },
      ],
      people,
      defaults: { consolidation: { by: ['chuyen-vien'], leaders: ['truong-ban', 'pho-truong-ban'], cutoff: { workingDays: 3, at: '17:00' } } },
    });
  const deputy = { id: 'pho', name: 'Trần Thị B', email: 'pho@example.org', roles: ['pho-truong-ban'] };
  const staff = { id: 'cv', name: 'Lê Văn C', email: 'cv@example.org', roles: ['chuyen-vien'] };

  it('is signed by the head while the head holds the role, then by the deputy on the head’s behalf', () => {
    const plan = withSigners([{ id: 'truong', name: 'Nguyễn Văn A', email: 'truong@example.org', roles: ['truong-ban'], existsUntil: '2020-02-15' }, deputy, staff]);
    const signers = computeSchedule(plan).map((cycle) => [cycle.period.id, cycle.consolidation.signer]);
    expect(signers).toEqual([
      // January's due date moved to 30/01 (Tết): the head still holds the role.
      ['2020-01', { name: 'Nguyễn Văn A', title: 'Trưởng ban' }],
      ['2020-02', { name: 'Trần Thị B', title: 'Phó Trưởng ban', onBehalfOf: 'Trưởng ban' }],
      ['2020-03', { name: 'Trần Thị B', title: 'Phó Trưởng ban', onBehalfOf: 'Trưởng ban' }],
    ]);
    // The leaders who receive the report are those holding their roles on the due date too.
    expect(computeSchedule(plan).map((cycle) => cycle.consolidation.leaders.map((r) => r.key))).toEqual([['truong', 'pho'], ['pho'], ['pho']]);
  });

  it('has no signer when no leader holds a role that signs', () => {
    const [cycle] = computeSchedule(makePlan());
    expect(cycle?.consolidation.signer).toBeUndefined();
    const nobody = withSigners([staff]);
    expect(computeSchedule(nobody)[0]?.consolidation.signer).toBeUndefined();
  });

  it('sends the consolidated report only to the upper levels that exist on the due date', () => {
    const plan = makePlan({
      defaults: {
        consolidation: {
          by: ['chuyen-vien'],
          cutoff: { workingDays: 3, at: '17:00' },
          upperLevels: [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'tu@example.org', existsUntil: '2020-02-29' }, 'Ban Dân vận Trung ương'],
        },
      },
    });
    expect(computeSchedule(plan).map((cycle) => cycle.consolidation.upperLevels)).toEqual([
      [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'tu@example.org' }, { name: 'Ban Dân vận Trung ương' }],
      [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'tu@example.org' }, { name: 'Ban Dân vận Trung ương' }],
      [{ name: 'Ban Dân vận Trung ương' }],
    ]);
  });

  it('computes the data window from the period’s month, clamping a day past a month’s end', () => {
    const plan = makePlan({
      reportTypes: [
        {
          id: 'hang-thang',
          title: 'Báo cáo tháng',
          reporters: { units: ['mttq'] },
          dataWindow: { from: { day: 31, monthOffset: -1 }, to: { day: 'last' } },
          recurrence: { type: 'monthly', from: '2020-02', to: '2020-03', due: { day: 5, monthOffset: 1 } },
        },
        {
          id: 'moc',
          title: 'Báo cáo theo mốc',
          reporters: { units: ['mttq'] },
          dataWindow: { from: { day: 15, monthOffset: -1 }, to: { day: 14 } },
          recurrence: { type: 'milestones', due: { day: 25 }, milestones: [{ id: 'dau-nam', label: 'đầu năm', month: '2021-01' }] },
        },
        {
          id: 'mot-lan',
          title: 'Báo cáo một lần',
          reporters: { units: ['mttq'] },
          dataWindow: { from: { day: 1 }, to: { day: 'last' } },
          recurrence: { type: 'once', period: { id: 'dot-1', label: 'đợt 1' }, dueDate: '2020-03-06' },
        },
      ],
    });
    const windows = Object.fromEntries(computeSchedule(plan).map((cycle) => [cycle.id, cycle.period.dataWindow]));
    expect(windows).toEqual({
      // 31 January; February 2020 has 29 days.
      'thu-nghiem/hang-thang/2020-02': { from: '2020-01-31', to: '2020-02-29' },
      // "31 February" is the 29th.
      'thu-nghiem/hang-thang/2020-03': { from: '2020-02-29', to: '2020-03-31' },
      // The month before January is December of the year before.
      'thu-nghiem/moc/dau-nam': { from: '2020-12-15', to: '2021-01-14' },
      // A one-off report names no month of its own: no window.
      'thu-nghiem/mot-lan/dot-1': undefined,
    });
  });

  it('names the focus of a monthly period when its month has one', () => {
    const plan = makePlan({
      reportTypes: [
        {
          id: 'hang-thang',
          title: 'Báo cáo tháng',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'monthly', from: '2020-01', to: '2020-03', due: { day: 25 }, focus: [{ month: '2020-02', label: 'Đại hội cấp cơ sở' }] },
        },
      ],
    });
    expect(computeSchedule(plan).map((cycle) => cycle.period.focus)).toEqual([undefined, 'Đại hội cấp cơ sở', undefined]);
  });

  it('marks a plan, a report on paper only and an urgent report, and takes the contact from the report type over the defaults', () => {
    const plan = makePlan({
      defaults: {
        consolidation: { by: ['chuyen-vien'], cutoff: { workingDays: 3, at: '17:00' } },
        contact: { division: 'Phòng Đoàn thể', phone: '0252 000 000' },
      },
      reportTypes: [
        {
          id: 'ke-hoach',
          title: 'Kế hoạch thực hiện',
          document: 'plan',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'once', period: { id: 'dot-1', label: 'tại địa phương' }, dueDate: '2020-03-06' },
        },
        {
          id: 'nhan-su',
          title: 'Báo cáo nhân sự',
          delivery: 'paper',
          reporters: { units: ['mttq'] },
          recurrence: { type: 'once', period: { id: 'dot-1', label: 'đợt 1' }, dueDate: '2020-03-06' },
          policies: { contact: { division: 'Văn phòng Ban' } },
        },
        {
          id: 'nhanh',
          title: 'Báo cáo nhanh',
          urgent: true,
          reporters: { units: ['mttq'] },
          recurrence: { type: 'once', period: { id: 'dot-1', label: 'đợt 1' }, dueDate: '2020-03-06' },
        },
      ],
    });
    const byType = Object.fromEntries(computeSchedule(plan).map((cycle) => [cycle.reportType.id, cycle]));
    expect(byType['ke-hoach']?.reportType).toEqual({ id: 'ke-hoach', title: 'Kế hoạch thực hiện', document: 'plan' });
    expect(byType['nhan-su']?.reportType).toEqual({ id: 'nhan-su', title: 'Báo cáo nhân sự', delivery: 'paper' });
    expect(byType['nhanh']?.reportType).toEqual({ id: 'nhanh', title: 'Báo cáo nhanh', urgent: true });
    expect(byType['ke-hoach']?.contact).toEqual({ division: 'Phòng Đoàn thể', phone: '0252 000 000' });
    expect(byType['nhan-su']?.contact).toEqual({ division: 'Văn phòng Ban' });
  });

  it('carries the same fields into a cycle started by staff', () => {
    const plan = withSigners([{ id: 'truong', name: 'Nguyễn Văn A', email: 'truong@example.org', roles: ['truong-ban'], existsFrom: '2020-08-01' }, deputy, staff]);
    const cycle = computeAdhocCycle(plan, 'hang-thang', { periodId: '2020-07-them', opensAt: new Date('2020-07-20T01:00:00Z'), dueAt: new Date('2020-07-24T10:00:00Z') });
    expect(cycle.consolidation.signer).toEqual({ name: 'Trần Thị B', title: 'Phó Trưởng ban', onBehalfOf: 'Trưởng ban' });
    expect(cycle.issuer.date).toBe('2019-11-12');
    expect(cycle.period).toEqual({ id: '2020-07-them', label: '2020-07-them' });
  });
});
