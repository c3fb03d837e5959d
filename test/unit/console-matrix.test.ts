import { describe, expect, it } from 'vitest';
import { vietnamBusinessCalendar } from '../../domain/calendar';
import { computeMatrix, delayInWorkingDays, selectCycles, type MatrixCycle, type MatrixInput } from '../../web/console/matrix';
import { matrixCsv } from '../../web/console/matrix-page';
import { parseFilters } from '../../web/console/filters';
import type { Plan } from '../../domain/plan/schema';

const calendar = vietnamBusinessCalendar();
const zone = 'Asia/Ho_Chi_Minh';
const units = [
  { id: 'mat-tran', name: 'Ủy ban Mặt trận Tổ quốc tỉnh', shortName: 'Mặt trận', level: 'provincial' as const },
  { id: 'huyen-a', name: 'Ban Dân vận Huyện ủy A', shortName: 'Huyện A', level: 'district' as const },
  { id: 'hoi-nd', name: 'Hội Nông dân tỉnh', shortName: 'Hội ND', level: 'provincial' as const },
];

const jan: MatrixCycle = {
  cycleId: 'p/thang/2020-01',
  reportTypeId: 'thang',
  periodId: '2020-01',
  periodLabel: 'Tháng 01/2020',
  dueAt: '2020-02-05T17:00:00+07:00',
  phase: 'consolidated',
  units: [
    { unitId: 'mat-tran', dueAt: '2020-02-05T17:00:00+07:00', submission: { at: '2020-02-04T09:00:00+07:00', onTime: true } },
    // Wednesday's report arrives on Friday: two working days late.
    { unitId: 'huyen-a', dueAt: '2020-02-05T17:00:00+07:00', submission: { at: '2020-02-07T10:00:00+07:00', onTime: false } },
    { unitId: 'hoi-nd', dueAt: '2020-02-05T17:00:00+07:00', excused: { at: '2020-02-01T08:00:00+07:00', reason: 'x' } },
  ],
};
const feb: MatrixCycle = {
  cycleId: 'p/thang/2020-02',
  reportTypeId: 'thang',
  periodId: '2020-02',
  periodLabel: 'Tháng 02/2020',
  dueAt: '2020-03-05T17:00:00+07:00',
  phase: 'open',
  units: [
    { unitId: 'mat-tran', dueAt: '2020-03-05T17:00:00+07:00' },
    { unitId: 'huyen-a', dueAt: '2020-03-05T17:00:00+07:00', submission: { at: '2020-03-02T09:00:00+07:00', onTime: true }, returned: { at: '2020-03-03T09:00:00+07:00', reason: 'thiếu' } },
  ],
};
const adhoc: MatrixCycle = {
  cycleId: 'p/dot-xuat/2020-03-20',
  reportTypeId: 'dot-xuat',
  periodId: '2020-03-20',
  periodLabel: '2020-03-20',
  dueAt: '2020-03-20T17:00:00+07:00',
  phase: 'cancelled',
  units: [{ unitId: 'mat-tran', dueAt: '2020-03-20T17:00:00+07:00' }],
};
const now = Date.parse('2020-03-10T12:00:00+07:00');

const input = (over: Partial<MatrixInput> = {}): MatrixInput => ({ units, cycles: [adhoc, jan, feb], calendar, timeZone: zone, filters: {}, now, limit: 24, ...over });

describe('status matrix', () => {
  it('gives each cell its state, oldest cycle first', () => {
    const m = computeMatrix(input());
    expect(m.columns.map((c) => c.cycleId)).toEqual(['p/thang/2020-01', 'p/thang/2020-02', 'p/dot-xuat/2020-03-20']);
    const states = Object.fromEntries(m.rows.map((r) => [r.unit.id, r.cells.map((c) => c.state)]));
    expect(states).toEqual({
      'mat-tran': ['on-time', 'overdue', 'cancelled'],
      'huyen-a': ['late', 'returned', 'not-required'],
      'hoi-nd': ['excused', 'not-required', 'not-required'],
    });
    expect(m.rows[1]!.cells[0]!.delay).toBe(2);
  });

  it('counts the on-time rate over reports due so far and the average delay over submitted ones', () => {
    const m = computeMatrix(input());
    const stats = Object.fromEntries(m.rows.map((r) => [r.unit.id, r.stats]));
    expect(stats['mat-tran']).toMatchObject({ expected: 2, onTime: 1, missing: 1, onTimeRate: 0.5, averageDelay: 0 });
    expect(stats['huyen-a']).toMatchObject({ expected: 2, onTime: 0, late: 1, missing: 1, onTimeRate: 0, averageDelay: 2 });
    expect(stats['hoi-nd']).toMatchObject({ expected: 0, excused: 1 });
    expect(stats['hoi-nd']!.onTimeRate).toBeUndefined();
    expect(m.periods).toEqual([
      { periodId: '2020-01', label: 'Tháng 01/2020', expected: 2, onTime: 1, rate: 0.5 },
      { periodId: '2020-02', label: 'Tháng 02/2020', expected: 2, onTime: 0, rate: 0 },
    ]);
  });

  it('a pending unit, or one returned before its due moment, is not yet expected', () => {
    const early = Date.parse('2020-03-04T12:00:00+07:00');
    const m = computeMatrix(input({ now: early, cycles: [feb] }));
    expect(m.rows[0]!.cells[0]!.state).toBe('pending');
    expect(m.rows[1]!.cells[0]!.state).toBe('returned');
    expect(m.rows.every((r) => r.stats.expected === 0)).toBe(true);
  });

  it('filters by level, report type and months of the due date', () => {
    expect(computeMatrix(input({ filters: { level: 'district' } })).rows.map((r) => r.unit.id)).toEqual(['huyen-a']);
    expect(computeMatrix(input({ filters: { reportType: 'dot-xuat' } })).columns.map((c) => c.cycleId)).toEqual(['p/dot-xuat/2020-03-20']);
    // January's report is due in February.
    expect(computeMatrix(input({ filters: { from: '2020-03' } })).columns.map((c) => c.periodId)).toEqual(['2020-02', '2020-03-20']);
    expect(computeMatrix(input({ filters: { to: '2020-02' } })).columns.map((c) => c.periodId)).toEqual(['2020-01']);
  });

  it('keeps the most recent cycles within the limit and says how many it left out', () => {
    const { cycles, omitted } = selectCycles([jan, feb, adhoc], {}, zone, 2);
    expect(cycles.map((c) => c.periodId)).toEqual(['2020-02', '2020-03-20']);
    expect(omitted).toBe(1);
  });

  it('lists a unit a cycle has that the plan no longer does', () => {
    const gone: MatrixCycle = { ...jan, cycleId: 'p/thang/2019-12', units: [{ unitId: 'da-giai-the', name: 'Đơn vị đã giải thể', dueAt: jan.dueAt }] };
    const m = computeMatrix(input({ cycles: [gone] }));
    expect(m.rows.map((r) => r.unit.id)).toContain('da-giai-the');
  });

  it('counts a report late on its due day as one working day late, and skips weekends and Tết', () => {
    expect(delayInWorkingDays('2020-02-05T17:00:00+07:00', '2020-02-05T18:00:00+07:00', calendar, zone)).toBe(1);
    // Friday 17 January 2020 to Monday 3 February 2020: 20–22 and 30–31 January and 3 February; Tết (23–29 January) and weekends are not counted.
    expect(delayInWorkingDays('2020-01-17T17:00:00+07:00', '2020-02-03T09:00:00+07:00', calendar, zone)).toBe(6);
  });

  it('exports as CSV with words in the plan language', () => {
    const plan = { language: 'vi', reportTypes: [{ id: 'thang', title: 'Báo cáo tháng' }, { id: 'dot-xuat', title: 'Báo cáo đột xuất' }] } as unknown as Plan;
    const csv = matrixCsv(computeMatrix(input()), plan);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Mã đơn vị,Đơn vị,Cấp,Báo cáo tháng — Tháng 01/2020,Báo cáo tháng — Tháng 02/2020,Báo cáo đột xuất — 2020-03-20,Đã đến hạn,Đúng hạn,Tỷ lệ đúng hạn (%),Trễ trung bình (ngày làm việc)');
    expect(lines[2]).toBe('huyen-a,Ban Dân vận Huyện ủy A,Cấp huyện,Trễ hạn (2),Trả lại để bổ sung,Không phải nộp,2,0,0,2');
  });
});

describe('matrix filters from the query string', () => {
  const plan = { reportTypes: [{ id: 'thang' }] } as unknown as Plan;
  it('keeps valid filters and names each bad one', () => {
    const parsed = parseFilters({ reportType: 'thang', level: 'district', from: '2020-13', to: '2020-02' }, plan, 'vi');
    expect(parsed.filters).toEqual({ reportType: 'thang', level: 'district', to: '2020-02' });
    expect(parsed.problems.from).toMatch(/NNNN-TT/);
    expect(parsed.typed.from).toBe('2020-13');
  });
  it('refuses an unknown report type or level and an inverted range', () => {
    const parsed = parseFilters({ reportType: 'khac', level: 'commune', from: '2020-05', to: '2020-02' }, plan, 'en');
    expect(parsed.filters).toEqual({ from: '2020-05' });
    expect(Object.keys(parsed.problems).sort()).toEqual(['level', 'reportType', 'to']);
  });
  it('treats blank fields as absent', () => {
    expect(parseFilters({ reportType: '', level: ' ', from: '' }, plan, 'vi')).toMatchObject({ filters: {}, problems: {} });
  });
});
