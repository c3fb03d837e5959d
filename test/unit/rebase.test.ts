/** Rebasing a plan to another issue date: the plan's own dates move, the world's do not. */
import { describe, expect, it } from 'vitest';
import { rebasePlan } from '../../domain/plan/rebase';
import { PlanSchema, type PlanInput } from '../../domain/plan/schema';
import { computeSchedule } from '../../domain/schedule';

const district = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Ban Dân vận Huyện ủy ${id}`,
  shortName: id,
  kind: 'district-board' as const,
  level: 'district' as const,
  contacts: { to: [`${id}@bdv.vn`] },
  ...extra,
});

/** A plan issued at the start of 2025, when the district boards still existed until 30/6/2025. */
const input = (): PlanInput => ({
  id: 'thu-nghiem',
  version: 1,
  title: 'Kế hoạch thử nghiệm',
  issuer: { name: 'Ban Dân vận Tỉnh ủy', documentNumber: '1-KH/TEST', date: '2025-01-02', existsUntil: '2025-02-28', successor: 'Ban Tuyên giáo và Dân vận Tỉnh ủy' },
  calendar: { extraDaysOff: [{ date: '2025-05-02', reason: 'Nghỉ bù' }] },
  roles: [{ id: 'truong-ban', label: 'Trưởng ban' }],
  people: [{ id: 'truong-ban-cu', name: 'Lê Văn Cũ', email: 'cu@bdv.vn', roles: ['truong-ban'], existsFrom: '2020-10-01', existsUntil: '2025-02-28' }],
  units: [
    district('la-gi', { existsUntil: '2025-06-30', successor: 'mttq-tinh' }),
    district('phu-quy', { existsFrom: '2024-01-01', existsUntil: '2025-06-30' }),
    { ...district('mttq-tinh'), kind: 'front-committee', level: 'provincial' },
  ],
  defaults: {
    consolidation: {
      by: ['truong-ban'],
      cutoff: { workingDays: 3 },
      upperLevels: ['Ban Thường vụ Tỉnh ủy', { name: 'Ban Dân vận Trung ương', existsFrom: '2000-01-01', existsUntil: '2025-02-28' }],
    },
  },
  reportTypes: [
    {
      id: 'hang-thang',
      title: 'Báo cáo hằng tháng',
      reporters: { levels: ['district', 'provincial'] },
      recurrence: { type: 'monthly', from: '2025-05', to: '2025-08', due: { day: 17 }, focus: [{ month: '2025-06', label: 'Sáp nhập' }] },
    },
    {
      id: 'so-ket',
      title: 'Báo cáo sơ kết',
      reporters: { kinds: ['district-board'] },
      recurrence: { type: 'once', period: { id: 'so-ket', label: 'Sơ kết' }, dueDate: '2025-06-20' },
    },
  ],
});

describe('rebasePlan', () => {
  const plan = PlanSchema.parse(input());
  const rebased = rebasePlan(plan, '2026-01-02');

  it("shifts the plan's own dates: issue date, months, focus months, one-off due dates and extra days off", () => {
    expect(rebased.issuer.date).toBe('2026-01-02');
    const [monthly, once] = rebased.reportTypes.map((t) => t.recurrence);
    expect(monthly).toMatchObject({ from: '2026-05', to: '2026-08', focus: [{ month: '2026-06', label: 'Sáp nhập' }] });
    expect(once).toMatchObject({ dueDate: '2026-06-20' });
    expect(rebased.calendar.extraDaysOff).toEqual([{ date: '2026-05-02', reason: 'Nghỉ bù' }]);
  });

  it('leaves every lifetime as written: units, people, the issuer and upper levels', () => {
    expect(rebased.units.map((u) => [u.id, u.existsFrom, u.existsUntil, u.successor])).toEqual([
      ['la-gi', undefined, '2025-06-30', 'mttq-tinh'],
      ['phu-quy', '2024-01-01', '2025-06-30', undefined],
      ['mttq-tinh', undefined, undefined, undefined],
    ]);
    expect(rebased.people[0]).toMatchObject({ existsFrom: '2020-10-01', existsUntil: '2025-02-28' });
    expect(rebased.issuer).toMatchObject({ existsUntil: '2025-02-28', successor: 'Ban Tuyên giáo và Dân vận Tỉnh ủy' });
    expect(rebased.defaults.consolidation?.upperLevels).toEqual(plan.defaults.consolidation?.upperLevels);
  });

  it('replayed from 2026, the district boards abolished on 1/7/2025 report in no cycle', () => {
    const unitsOf = (p: typeof plan) => computeSchedule(p).map((c) => `${c.period.id}: ${c.units.map((u) => u.id).join(' ') || '(none)'}`);
    expect(unitsOf(plan)).toEqual([
      '2025-05: la-gi phu-quy mttq-tinh',
      '2025-06: la-gi phu-quy mttq-tinh',
      'so-ket: la-gi phu-quy',
      '2025-07: mttq-tinh',
      '2025-08: mttq-tinh',
    ]);
    expect(unitsOf(rebased)).toEqual(['2026-05: mttq-tinh', '2026-06: mttq-tinh', 'so-ket: (none)', '2026-07: mttq-tinh', '2026-08: mttq-tinh']);
  });
});
