import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanSchema, type Plan, type PlanInput } from '../../domain/plan/schema';
import { validatePlan } from '../../domain/plan/validate';
import { computeAdhocCycle, computeSchedule, planCalendar, type ScheduledCycle } from '../../domain/schedule';
import { instantToZoned } from '../../domain/time';

const SEED_PLAN = fileURLToPath(new URL('../../plans/129-KH-BDVTU.yaml', import.meta.url));

function loadSeed(): Plan {
  const result = validatePlan(readFileSync(SEED_PLAN, 'utf8'));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.plan;
}

const seed = loadSeed();
const cycles = computeSchedule(seed);
const FRONT_AND_ORGANISATIONS = ['mttq-tinh', 'ldld-tinh', 'hnd-tinh', 'hlhpn-tinh', 'tinh-doan', 'hccb-tinh'];

/** The cycles of the report type whose recurrence and plan item match, in schedule order. */
function cyclesOf(recurrence: ScheduledCycle['recurrence'], planItem: string): ScheduledCycle[] {
  const reportTypes = seed.reportTypes.filter((r) => r.recurrence.type === recurrence && r.planItem === planItem);
  expect(reportTypes, `one ${recurrence} report type for item ${planItem}`).toHaveLength(1);
  return cycles.filter((cycle) => cycle.reportType.id === reportTypes[0]?.id);
}

const periodsAndDues = (list: ScheduledCycle[]): Array<[string, string]> => list.map((c) => [c.period.id, c.dueAt]);

describe('the schedule of plan 129-KH/BDVTU', () => {
  it('has 13 monthly cycles, January 2020 to January 2021, for the Front committee and the five organisations', () => {
    const monthly = cyclesOf('monthly', 'II.5');
    // Day 17 at 17:00 (Decree 09/2019 cut-off on the 14th, three days to sign and send),
    // moved to the next working day when the 17th is a weekend.
    expect(periodsAndDues(monthly)).toEqual([
      ['2020-01', '2020-01-17T17:00:00+07:00'],
      ['2020-02', '2020-02-17T17:00:00+07:00'],
      ['2020-03', '2020-03-17T17:00:00+07:00'],
      ['2020-04', '2020-04-17T17:00:00+07:00'],
      ['2020-05', '2020-05-18T17:00:00+07:00'],
      ['2020-06', '2020-06-17T17:00:00+07:00'],
      ['2020-07', '2020-07-17T17:00:00+07:00'],
      ['2020-08', '2020-08-17T17:00:00+07:00'],
      ['2020-09', '2020-09-17T17:00:00+07:00'],
      ['2020-10', '2020-10-19T17:00:00+07:00'],
      ['2020-11', '2020-11-17T17:00:00+07:00'],
      ['2020-12', '2020-12-17T17:00:00+07:00'],
      ['2021-01', '2021-01-18T17:00:00+07:00'],
    ]);
    expect(monthly.map((c) => c.period.label)).toEqual([
      'tháng 1/2020', 'tháng 2/2020', 'tháng 3/2020', 'tháng 4/2020', 'tháng 5/2020', 'tháng 6/2020', 'tháng 7/2020',
      'tháng 8/2020', 'tháng 9/2020', 'tháng 10/2020', 'tháng 11/2020', 'tháng 12/2020', 'tháng 1/2021',
    ]);
    for (const cycle of monthly) expect(cycle.units.map((u) => u.id)).toEqual(FRONT_AND_ORGANISATIONS);
    expect(monthly[0]?.id).toBe('kh-129-bdvtu/tinh-hinh-nhan-dan-hang-thang/2020-01');
  });

  it('counts the January 2020 cut-off across Tết', () => {
    const [january] = cyclesOf('monthly', 'II.5');
    // Four working days after Friday 17/01: 20, 21, 22/01, then Tết (23–29/01), then 30/01.
    expect(january?.cutoffAt).toBe('2020-01-30T17:00:00+07:00');
  });

  it('reads the II.5 milestones as the focus of each phase of the monthly report, not as reports of their own', () => {
    expect(seed.reportTypes.filter((r) => r.planItem === 'II.5')).toHaveLength(1);
    const focus = new Map(cyclesOf('monthly', 'II.5').map((c) => [c.period.id, c.period.focus]));
    expect([focus.get('2020-01'), focus.get('2020-06'), focus.get('2020-07'), focus.get('2020-08')]).toEqual(['Đại hội cấp cơ sở', 'Đại hội cấp cơ sở', 'Đại hội cấp huyện', 'Đại hội cấp huyện']);
    expect([focus.get('2020-09'), focus.get('2020-10'), focus.get('2020-11'), focus.get('2021-01')]).toEqual(['Đại hội cấp tỉnh', 'Đại hội cấp tỉnh', 'Đại hội XIII của Đảng', 'Đại hội XIII của Đảng']);
  });

  it('never sends a unit two notices about the people’s situation in one month', () => {
    const noticesByUnitAndMonth = new Map<string, string[]>();
    for (const cycle of cycles.filter((c) => c.reportType.id === 'tinh-hinh-nhan-dan-hang-thang')) {
      for (const unit of cycle.units) {
        const key = `${unit.id} ${cycle.opensAt.slice(0, 7)}`;
        noticesByUnitAndMonth.set(key, [...(noticesByUnitAndMonth.get(key) ?? []), cycle.id]);
      }
    }
    for (const [key, ids] of noticesByUnitAndMonth) expect(ids, key).toHaveLength(1);
  });

  it('states the data window of every monthly cycle: the 15th of the month before to the 14th', () => {
    const monthly = cyclesOf('monthly', 'II.5');
    for (const cycle of monthly) expect(cycle.period.dataWindow, cycle.id).toEqual({ from: expect.stringMatching(/-15$/), to: `${cycle.period.id}-14` });
    expect(monthly[0]?.period.dataWindow).toEqual({ from: '2019-12-15', to: '2020-01-14' });
    expect(monthly[2]?.period.dataWindow).toEqual({ from: '2020-02-15', to: '2020-03-14' });
    // The last report's figures end before the 13th Congress opened (25/1/2021).
    expect(monthly[12]).toMatchObject({ dueDate: '2021-01-18', period: { dataWindow: { from: '2020-12-15', to: '2021-01-14' } } });
    for (const cycle of cycles.filter((c) => c.recurrence !== 'monthly')) expect(cycle.period.dataWindow, cycle.id).toBeUndefined();
  });

  it('carries the Board’s header, the plan’s subject, the contact and each unit’s addressee', () => {
    const [march] = cyclesOf('monthly', 'II.5').slice(2);
    expect(march?.issuer).toEqual({
      name: 'Ban Dân vận Tỉnh ủy Bình Thuận',
      documentNumber: '129-KH/BDVTU',
      date: '2019-11-12',
      about: 'công tác dân vận tham gia vào quá trình Đại hội đảng các cấp, Đại hội Đại biểu toàn quốc lần thứ XIII của Đảng',
      superior: 'Tỉnh ủy Bình Thuận',
      shortName: 'Ban Dân vận',
      place: 'Bình Thuận',
      symbol: 'BDVTU',
    });
    expect(march?.contact).toEqual({ division: 'Phòng Đoàn thể và các hội' });
    expect(`${march?.reportType.title} ${march?.period.label}`).toBe('Báo cáo tình hình nhân dân đối với Đại hội đảng các cấp tháng 3/2020');
    expect(march?.units.find((u) => u.id === 'tinh-doan')?.addressee).toBe('Ban Thường vụ Tỉnh Đoàn');
    expect(march?.units.find((u) => u.id === 'mttq-tinh')?.addressee).toBe('Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh');
    expect(march?.consolidation.signer).toEqual({ name: 'Đặng Hồng Sỹ', title: 'Trưởng ban' });
  });

  it('has the two cadre-participation cycles, on paper only', () => {
    const cadres = cyclesOf('milestones', 'II.6');
    expect(periodsAndDues(cadres)).toEqual([
      ['cap-co-so', '2020-06-25T17:00:00+07:00'],
      ['cap-huyen', '2020-08-25T17:00:00+07:00'],
    ]);
    expect(cadres.map((c) => `${c.reportType.title} ${c.period.label}`)).toEqual([
      'Báo cáo tình hình, kết quả đội ngũ cán bộ Mặt trận, đoàn thể tham gia cấp ủy sau Đại hội cấp cơ sở',
      'Báo cáo tình hình, kết quả đội ngũ cán bộ Mặt trận, đoàn thể tham gia cấp ủy sau Đại hội cấp huyện',
    ]);
    for (const cycle of cadres) {
      expect(cycle.reportType.delivery).toBe('paper');
      // A report that travels on paper is not to be emailed.
      expect(cycle.submissionInstructions).toMatch(/bản giấy/);
      expect(cycle.submissionInstructions).toMatch(/không gửi qua thư điện tử/);
    }
  });

  it('has the one-off implementation plans of the district boards and affiliated party committees', () => {
    const [implementation, ...others] = cyclesOf('once', 'III.1');
    expect(others).toEqual([]);
    expect(implementation?.dueAt).toBe('2019-12-12T17:00:00+07:00');
    expect(implementation?.units).toHaveLength(15);
    expect(new Set(implementation?.units.map((u) => u.id.split('-')[0]))).toEqual(new Set(['bdv', 'du']));
    // A plan, named once: not "Kế hoạch thực hiện … Kế hoạch thực hiện …".
    expect(implementation?.reportType.document).toBe('plan');
    const name = `${implementation?.reportType.title} ${implementation?.period.label}`;
    expect(name).toBe('Kế hoạch công tác dân vận tham gia vào quá trình Đại hội đảng các cấp tại địa phương, đơn vị');
    expect(implementation?.submissionInstructions).toMatch(/^Gửi kế hoạch/);
  });

  it('no report’s name says its period twice or carries "(hằng tháng)"', () => {
    for (const cycle of cycles) {
      const name = `${cycle.reportType.title} ${cycle.period.label}`;
      expect(name, cycle.id).not.toMatch(/hằng tháng|hàng tháng/);
      expect(cycle.reportType.title.includes(cycle.period.label) || cycle.period.label.includes(cycle.reportType.title), cycle.id).toBe(false);
    }
  });

  it('schedules nothing for the ad-hoc report types, and 16 cycles in all', () => {
    const adhoc = new Set(seed.reportTypes.filter((r) => r.recurrence.type === 'adhoc').map((r) => r.id));
    expect(adhoc.size).toBeGreaterThan(0);
    expect(cycles.filter((c) => adhoc.has(c.reportType.id))).toEqual([]);
    expect(cycles).toHaveLength(13 + 2 + 1);
  });

  it('sends an urgent incident report up the same day, counting in hours, with the district boards among its reporters', () => {
    // Monday 6/7/2020, 11:00 local: the latest start whose every moment falls in working hours.
    const cycle = computeAdhocCycle(seed, 'vu-viec-dot-xuat', { periodId: '2020-07-06-vu-viec', opensAt: new Date('2020-07-06T04:00:00Z') });
    expect(cycle.reportType.urgent).toBe(true);
    expect(cycle).toMatchObject({
      opensAt: '2020-07-06T11:00:00+07:00',
      dueAt: '2020-07-06T15:00:00+07:00',
      cutoffAt: '2020-07-06T16:00:00+07:00',
      consolidation: { dueAt: '2020-07-06T17:00:00+07:00' },
    });
    const moments = [...cycle.reminders.map((r) => r.at), ...cycle.escalations.map((s) => s.at)];
    for (const at of moments) expect(at, at).toMatch(/^2020-07-06T1[1-6]:/);
    expect(cycle.units.filter((u) => u.id.startsWith('bdv-'))).toHaveLength(10);
    expect(cycle.units.map((u) => u.id)).toEqual(expect.arrayContaining(FRONT_AND_ORGANISATIONS));
  });

  it('after the 2025 reorganisation: the Khối committees are gone, then the district boards', () => {
    const unitsOn = (date: string) =>
      computeAdhocCycle(seed, 'ke-hoach-thuc-hien', { periodId: `x-${date}`, opensAt: new Date(`${date}T01:00:00Z`), dueAt: new Date(`${date}T10:00:00Z`) }).units.map((u) => u.id);
    expect(unitsOn('2025-01-06')).toContain('du-khoi-co-quan');
    expect(unitsOn('2025-03-03')).toEqual(['bdv-phan-thiet', 'bdv-la-gi', 'bdv-tuy-phong', 'bdv-bac-binh', 'bdv-ham-thuan-bac', 'bdv-ham-thuan-nam', 'bdv-ham-tan', 'bdv-tanh-linh', 'bdv-duc-linh', 'bdv-phu-quy', 'du-quan-su', 'du-cong-an', 'du-bien-phong']);
    expect(unitsOn('2025-07-01')).toEqual(['du-quan-su', 'du-cong-an', 'du-bien-phong']);
    // The Central Board merged in 2/2025: a report due after it goes to the Provincial Standing Committee only.
    const march2025 = computeAdhocCycle(seed, 'tong-hop-y-kien-du-thao-van-kien', { periodId: 'x', opensAt: new Date('2025-03-03T01:00:00Z') });
    expect(march2025.consolidation.upperLevels.map((level) => (typeof level === 'string' ? level : level.name))).toEqual(['Ban Thường vụ Tỉnh ủy Bình Thuận']);
  });

  it('puts every due moment, reminder and escalation step on a working day, inside working hours', () => {
    const calendar = planCalendar(seed);
    const { start, end } = seed.calendar.workingHours;
    const normalise = (time: string): string => (time.length === 5 ? `${time}:00` : time);
    const moments = cycles.flatMap((cycle) => [
      { what: `${cycle.id} due`, at: cycle.dueAt },
      ...cycle.reminders.map((r, i) => ({ what: `${cycle.id} reminder ${i + 1}`, at: r.at })),
      ...cycle.escalations.map((s) => ({ what: `${cycle.id} escalation ${s.step}`, at: s.at })),
    ]);
    for (const { what, at } of moments) {
      expect(at, what).toMatch(/\+07:00$/);
      const local = instantToZoned(new Date(at), 'Asia/Ho_Chi_Minh');
      expect(calendar.isWorkingDay(local.date), `${what} on ${local.date} (${calendar.nonWorkingReason(local.date)})`).toBe(true);
      expect(local.time >= normalise(start) && local.time <= normalise(end), `${what} at ${local.time}`).toBe(true);
    }
  });

  it('escalates to the division head, the deputy head, then the head', () => {
    const [first] = cyclesOf('monthly', 'II.5');
    expect(first?.escalations.map((s) => [s.step, s.roleLabel, s.recipients.map((r) => r.key)])).toEqual([
      [1, 'Trưởng phòng Đoàn thể và các hội', ['truong-phong-doan-the']],
      [2, 'Phó Trưởng ban', ['pho-truong-ban']],
      [3, 'Trưởng ban', ['dang-hong-sy']],
    ]);
  });
});

describe('due dates of random plans', () => {
  const dayRule = fc.record({
    day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('last' as const)),
    monthOffset: fc.integer({ min: 0, max: 2 }),
  });
  const yearMonth = fc
    .record({ year: fc.integer({ min: 2019, max: 2022 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);
  const saturdayIn2020 = fc.integer({ min: 0, max: 51 }).map((week) => {
    const date = new Date(Date.UTC(2020, 0, 4 + week * 7));
    return date.toISOString().slice(0, 10);
  });

  const smallPlan = fc
    .record({
      from: yearMonth,
      months: fc.integer({ min: 0, max: 14 }),
      due: dayRule,
      milestoneDue: dayRule,
      milestoneMonth: yearMonth,
      once: fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2022-12-31T00:00:00Z'), noInvalidDate: true }),
      rule: fc.constantFrom('next-working-day' as const, 'previous-working-day' as const),
      holidays: fc.constantFrom('VN' as const, 'none' as const),
      weekend: fc.constantFrom([0, 6], [0], [5, 6]),
      makeUpSaturdays: fc.uniqueArray(saturdayIn2020, { maxLength: 3 }),
    })
    .map((p): Plan => {
      const [year, month] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))];
      const last = new Date(Date.UTC(year, month - 1 + p.months, 1)).toISOString().slice(0, 7);
      const input: PlanInput = {
        id: 'ngau-nhien',
        version: 1,
        title: 'Random',
        issuer: { name: 'Ban', documentNumber: '1', date: '2019-01-01' },
        calendar: {
          nonWorkingDayRule: p.rule,
          holidays: p.holidays,
          weekend: [...p.weekend],
          extraWorkingDays: p.makeUpSaturdays.map((date) => ({ date, reason: 'Làm bù' })),
        },
        roles: [{ id: 'r', label: 'R' }],
        people: [{ id: 'p', name: 'P', email: 'p@example.org', roles: ['r'] }],
        units: [{ id: 'u', name: 'U', shortName: 'U', kind: 'other', level: 'provincial', contacts: { to: ['u@example.org'] } }],
        reportTypes: [
          { id: 'thang', title: 'M', reporters: { units: ['u'] }, recurrence: { type: 'monthly', from: p.from, to: last, due: p.due } },
          {
            id: 'moc',
            title: 'Ms',
            reporters: { units: ['u'] },
            recurrence: { type: 'milestones', due: p.due, milestones: [{ id: 'm', label: 'M', month: p.milestoneMonth, due: p.milestoneDue }] },
          },
          {
            id: 'mot-lan',
            title: 'O',
            reporters: { units: ['u'] },
            recurrence: { type: 'once', period: { id: 'o', label: 'O' }, dueDate: p.once.toISOString().slice(0, 10) },
          },
        ],
      };
      return PlanSchema.parse(input);
    });

  // 200 plans, each with its own calendar: about a second alone, several on a machine busy with other suites.
  it('puts every due date on a working day of the plan calendar, at the due time', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(smallPlan, (plan) => {
        const calendar = planCalendar(plan);
        for (const cycle of computeSchedule(plan)) {
          const local = instantToZoned(new Date(cycle.dueAt), plan.timeZone);
          if (local.date !== cycle.dueDate || !calendar.isWorkingDay(local.date) || local.time !== '17:00:00') return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
