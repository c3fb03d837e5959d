/** Lifetimes in a plan: who and what a cycle mails, as of its date (people, upper levels), and a unit's addressee. */
import { describe, expect, it } from 'vitest';
import { PlanSchema, type PlanInput } from '../../domain/plan/schema';
import { createRecipientDirectory, upperLevelsOn } from '../../domain/schedule/recipients';

const unit = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Đơn vị ${id}`,
  shortName: id,
  kind: 'district-board' as const,
  level: 'district' as const,
  contacts: { to: [`${id}@bdv.vn`] },
  ...extra,
});

const planInput = (): PlanInput => ({
  id: 'thu-nghiem',
  version: 1,
  title: 'Kế hoạch thử nghiệm',
  issuer: { name: 'Ban Dân vận', documentNumber: '1-KH/TEST', date: '2020-01-02' },
  roles: [
    { id: 'truong-ban', label: 'Trưởng ban' },
    { id: 'chuyen-vien', label: 'Chuyên viên' },
  ],
  people: [
    { id: 'ho-cu', name: 'Lê Văn Cũ', email: 'cu@bdv.vn', roles: ['truong-ban'], existsUntil: '2020-06-30' },
    { id: 'ho-moi', name: 'Phạm Văn Mới', email: 'moi@bdv.vn', roles: ['truong-ban'], existsFrom: '2020-07-01' },
    { id: 'tran-thi-b', name: 'Trần Thị Bình', email: 'b@bdv.vn', roles: ['chuyen-vien', 'truong-ban'] },
  ],
  units: [unit('ham-tan', { addressee: 'Ban Thường vụ Huyện ủy Hàm Tân' }), unit('la-gi')],
  reportTypes: [
    {
      id: 'hang-thang',
      title: 'Báo cáo hằng tháng',
      reporters: { levels: ['district'] },
      recurrence: { type: 'monthly', from: '2020-01', to: '2020-12', due: { day: 17 } },
    },
  ],
});

describe('the recipient directory on a date', () => {
  const directory = createRecipientDirectory(PlanSchema.parse(planInput()));
  const names = (roles: string[], on?: string) => directory.peopleWithRoles(roles, on).map((p) => p.name);

  it('mails only the people holding the role on that date, both lifetime ends inclusive', () => {
    expect(names(['truong-ban'], '2020-06-30')).toEqual(['Lê Văn Cũ', 'Trần Thị Bình']);
    expect(names(['truong-ban'], '2020-07-01')).toEqual(['Phạm Văn Mới', 'Trần Thị Bình']);
    // The cache is per roles and date: asking again for the first date gives the first answer.
    expect(names(['truong-ban'], '2020-06-30')).toEqual(['Lê Văn Cũ', 'Trần Thị Bình']);
  });

  it('without a date, mails everyone holding the role, as before', () => {
    expect(names(['truong-ban'])).toEqual(['Lê Văn Cũ', 'Phạm Văn Mới', 'Trần Thị Bình']);
    expect(names(['chuyen-vien', 'truong-ban'], '2020-03-01')).toEqual(['Trần Thị Bình', 'Lê Văn Cũ']);
  });

  it('carries a unit addressee into the cycle, and none when the plan gives none', () => {
    const plan = PlanSchema.parse(planInput());
    expect(directory.cycleUnit(plan.units[0]!).addressee).toBe('Ban Thường vụ Huyện ủy Hàm Tân');
    expect('addressee' in directory.cycleUnit(plan.units[1]!)).toBe(false);
  });
});

describe('upper levels on a date', () => {
  const levels = [
    'Ban Thường vụ Tỉnh ủy',
    { name: 'Ban Dân vận Trung ương', email: 'bdvtw@bdv.vn' },
    { name: 'Ban Dân vận Huyện ủy cũ', existsUntil: '2025-06-30' },
    { name: 'Ban Tuyên giáo và Dân vận', email: 'tgdv@bdv.vn', existsFrom: '2025-03-01' },
  ];

  it('keeps those existing that day, as a name and an address without their lifetimes', () => {
    expect(upperLevelsOn(levels, '2025-02-28')).toEqual([
      { name: 'Ban Thường vụ Tỉnh ủy' },
      { name: 'Ban Dân vận Trung ương', email: 'bdvtw@bdv.vn' },
      { name: 'Ban Dân vận Huyện ủy cũ' },
    ]);
    expect(upperLevelsOn(levels, '2025-07-01')).toEqual([
      { name: 'Ban Thường vụ Tỉnh ủy' },
      { name: 'Ban Dân vận Trung ương', email: 'bdvtw@bdv.vn' },
      { name: 'Ban Tuyên giáo và Dân vận', email: 'tgdv@bdv.vn' },
    ]);
  });
});
