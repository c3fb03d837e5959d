import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VIETNAM_HOLIDAY_DECISIONS, vietnamBusinessCalendar } from '../../domain/calendar';
import { addDays, isValidLocalDate, weekdayOf } from '../../domain/time';

const calendar = vietnamBusinessCalendar();

function weekdaysOff(year: number, cal = calendar): string[] {
  const off: string[] = [];
  for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    if (weekday >= 1 && weekday <= 5 && !cal.isWorkingDay(date)) off.push(date);
  }
  return off;
}

function weekendDaysWorked(year: number, cal = calendar): string[] {
  const worked: string[] = [];
  for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    if ((weekday === 0 || weekday === 6) && cal.isWorkingDay(date)) worked.push(date);
  }
  return worked;
}

describe('Vietnam business calendar: the official arrangements', () => {
  it('gives exactly the 2020 weekdays off the announcements give', () => {
    expect(weekdaysOff(2020)).toEqual([
      '2020-01-01', // Tết Dương lịch
      '2020-01-23', // Tết Nguyên đán: 29 and 30 Chạp
      '2020-01-24',
      '2020-01-27', // mùng 3
      '2020-01-28', // in lieu of mùng 1 and 2 (Saturday and Sunday)
      '2020-01-29',
      '2020-04-02', // Giỗ Tổ Hùng Vương
      '2020-04-30',
      '2020-05-01',
      '2020-09-02', // a Wednesday; one Quốc khánh day under the 2012 Code
    ]);
  });

  it('has no make-up working Saturday in 2020', () => {
    expect(weekendDaysWorked(2020)).toEqual([]);
  });

  it('gives exactly the 2021 weekdays off the announcements give', () => {
    expect(weekdaysOff(2021)).toEqual([
      '2021-01-01',
      '2021-02-10', // Tết Nguyên đán: 29 and 30 Chạp, mùng 1
      '2021-02-11',
      '2021-02-12',
      '2021-02-15', // in lieu of mùng 2 and 3 (Saturday and Sunday)
      '2021-02-16',
      '2021-04-21', // Giỗ Tổ Hùng Vương
      '2021-04-30',
      '2021-05-03', // in lieu of 1/5, a Saturday
      '2021-09-02', // Quốc khánh, and the day after under the 2019 Code
      '2021-09-03',
    ]);
  });

  it('has no make-up working Saturday in 2021', () => {
    expect(weekendDaysWorked(2021)).toEqual([]);
  });

  it('works the make-up Saturdays of 2019, 2024, 2025 and 2026 and rests the swapped weekdays', () => {
    expect(weekendDaysWorked(2019)).toEqual(['2019-01-05', '2019-05-04']);
    expect(weekendDaysWorked(2024)).toEqual(['2024-05-04']);
    expect(weekendDaysWorked(2025)).toEqual(['2025-04-26']);
    expect(weekendDaysWorked(2026)).toEqual(['2026-01-10', '2026-08-22']);
    expect(calendar.isWorkingDay('2018-12-31')).toBe(false);
    expect(calendar.isWorkingDay('2019-04-29')).toBe(false);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('explains why a day is not a working day, in Vietnamese', () => {
    expect(calendar.nonWorkingReason('2020-01-25')).toBe('Tết Nguyên đán');
    expect(calendar.nonWorkingReason('2020-01-28')).toBe('Nghỉ bù Tết Nguyên đán');
    expect(calendar.nonWorkingReason('2020-04-02')).toBe('Giỗ Tổ Hùng Vương');
    expect(calendar.nonWorkingReason('2021-09-03')).toBe('Quốc khánh');
    expect(calendar.nonWorkingReason('2020-02-01')).toBe('Thứ Bảy');
    expect(calendar.nonWorkingReason('2020-02-02')).toBe('Chủ nhật');
    expect(calendar.nonWorkingReason('2020-02-03')).toBeUndefined();
    expect(calendar.nonWorkingReason('2019-05-04')).toBeUndefined();
  });

  it('keeps every decision within its own data rules: valid dates, days off not also worked', () => {
    for (const decision of VIETNAM_HOLIDAY_DECISIONS) {
      expect(decision.source.length).toBeGreaterThan(20);
      const off = decision.daysOff.map((entry) => entry.date);
      const worked = decision.workingDays.map((entry) => entry.date);
      for (const date of [...off, ...worked]) expect(isValidLocalDate(date), date).toBe(true);
      expect(new Set(off).size).toBe(off.length);
      expect(off.filter((date) => worked.includes(date))).toEqual([]);
      for (const date of worked) expect([0, 6]).toContain(weekdayOf(date));
    }
  });
});

describe('Vietnam business calendar: the Labour Code rules for years without a decision', () => {
  const rulesOnly = vietnamBusinessCalendar({ includeOfficialDecisions: false });

  it('reproduces the 2020–2023 announcements, which made no swaps', () => {
    for (const year of [2020, 2021, 2022, 2023]) expect(weekdaysOff(year, rulesOnly), String(year)).toEqual(weekdaysOff(year));
  });

  it('gives 2026 its announced days off but the two swaps, which only a decision makes', () => {
    // New Year: 1 January alone; Friday 2 January was swapped for Saturday 10 January by
    // Công văn 12729/VPCP-KGVX, Monday 31 August for Saturday 22 August by Thông báo 9441/TB-BNV.
    expect(rulesOnly.nonWorkingReason('2026-01-01')).toBe('Tết Dương lịch');
    expect(rulesOnly.isWorkingDay('2026-01-02')).toBe(true);
    expect(rulesOnly.nonWorkingReason('2026-01-10')).toBe('Thứ Bảy');
    const swapped = ['2026-01-02', '2026-08-31'];
    expect(weekdaysOff(2026, rulesOnly)).toEqual(weekdaysOff(2026).filter((date) => !swapped.includes(date)));
    expect(weekendDaysWorked(2026, rulesOnly)).toEqual([]);
  });

  it('gives a weekend holiday back on the next working day', () => {
    // 2027: 1 May is a Saturday.
    expect(rulesOnly.nonWorkingReason('2027-05-01')).toBe('Ngày Quốc tế Lao động');
    expect(rulesOnly.nonWorkingReason('2027-05-03')).toBe('Nghỉ bù Ngày Quốc tế Lao động');
  });

  it('uses the 2012 Code (one Quốc khánh day) to 2020 and the 2019 Code (two) from 2021', () => {
    expect(rulesOnly.isWorkingDay('2020-09-01')).toBe(true);
    expect(rulesOnly.isWorkingDay('2020-09-03')).toBe(true);
    expect(rulesOnly.isWorkingDay('2027-09-02')).toBe(false);
    expect(rulesOnly.isWorkingDay('2027-09-03')).toBe(false); // Thursday 2/9 joins Friday
  });
});

describe('Vietnam business calendar: working-day arithmetic', () => {
  it('adds working days across Tết 2020', () => {
    expect(calendar.addWorkingDays('2020-01-22', 1)).toBe('2020-01-30');
    // Tue 21, Wed 22, then Thu 30, Fri 31, Mon 3 February.
    expect(calendar.addWorkingDays('2020-01-20', 5)).toBe('2020-02-03');
    expect(calendar.addWorkingDays('2020-01-30', -1)).toBe('2020-01-22');
    expect(calendar.workingDaysBetween('2020-01-22', '2020-01-30')).toBe(1);
    expect(calendar.workingDaysBetween('2020-01-30', '2020-01-22')).toBe(-1);
  });

  it('adds working days across Tết 2021', () => {
    expect(calendar.addWorkingDays('2021-02-09', 1)).toBe('2021-02-17');
    expect(calendar.addWorkingDays('2021-02-05', 3)).toBe('2021-02-17');
    // 20 weekdays in February 2021 after the 1st, less the five Tết weekdays.
    expect(calendar.workingDaysBetween('2021-02-01', '2021-02-28')).toBe(14);
  });

  it('counts a make-up Saturday as a working day', () => {
    // 2019: Monday 29 April swapped for Saturday 4 May.
    expect(calendar.addWorkingDays('2019-05-03', 1)).toBe('2019-05-04');
    expect(calendar.addWorkingDays('2019-04-26', 1)).toBe('2019-05-02');
    expect(calendar.workingDaysBetween('2019-05-01', '2019-05-06')).toBe(4);
  });

  it('leaves the date unchanged when adding zero working days, even on a holiday', () => {
    expect(calendar.addWorkingDays('2020-01-25', 0)).toBe('2020-01-25');
  });

  it('moves a non-working date to the next or previous working day, or keeps it', () => {
    expect(calendar.adjust('2020-01-25', 'next-working-day')).toBe('2020-01-30');
    expect(calendar.adjust('2020-01-25', 'previous-working-day')).toBe('2020-01-22');
    expect(calendar.adjust('2020-01-25', 'keep')).toBe('2020-01-25');
    expect(calendar.adjust('2020-02-03', 'next-working-day')).toBe('2020-02-03');
  });

  it('honours extra days off, extra working days and another weekend', () => {
    const local = vietnamBusinessCalendar({
      extraDaysOff: [{ date: '2020-02-03', reason: 'Nghỉ theo quyết định của tỉnh' }],
      extraWorkingDays: [{ date: '2020-02-08', reason: 'Làm việc thứ Bảy' }],
    });
    expect(local.nonWorkingReason('2020-02-03')).toBe('Nghỉ theo quyết định của tỉnh');
    expect(local.isWorkingDay('2020-02-08')).toBe(true);
    const sixDayWeek = vietnamBusinessCalendar({ weekend: [0] });
    expect(sixDayWeek.isWorkingDay('2020-02-08')).toBe(true);
    expect(sixDayWeek.nonWorkingReason('2020-02-09')).toBe('Chủ nhật');
  });

  it('refuses contradictory or impossible options', () => {
    expect(() =>
      vietnamBusinessCalendar({
        extraDaysOff: [{ date: '2020-02-03', reason: 'x' }],
        extraWorkingDays: [{ date: '2020-02-03', reason: 'y' }],
      }),
    ).toThrow(/2020-02-03/);
    expect(() => vietnamBusinessCalendar({ weekend: [0, 1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
    expect(() => vietnamBusinessCalendar({ weekend: [7] })).toThrow(RangeError);
  });

  const anyDate = fc.integer({ min: 0, max: 365 * 12 }).map((offset) => addDays('2018-01-01', offset));

  it('always moves to a working day on or after the date with next-working-day', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const adjusted = calendar.adjust(date, 'next-working-day');
        expect(calendar.isWorkingDay(adjusted)).toBe(true);
        expect(adjusted >= date).toBe(true);
        expect(calendar.workingDaysBetween(date, adjusted)).toBe(calendar.isWorkingDay(date) ? 0 : 1);
      }),
    );
  });

  it('always moves to a working day on or before the date with previous-working-day', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const adjusted = calendar.adjust(date, 'previous-working-day');
        expect(calendar.isWorkingDay(adjusted)).toBe(true);
        expect(adjusted <= date).toBe(true);
      }),
    );
  });

  it('lands on a working day exactly n working days later, and comes back with -n', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const later = calendar.addWorkingDays(date, n);
        expect(calendar.isWorkingDay(later)).toBe(true);
        expect(calendar.workingDaysBetween(date, later)).toBe(n);
        expect(calendar.workingDaysBetween(date, addDays(later, -1))).toBe(n - 1);
        if (calendar.isWorkingDay(date)) expect(calendar.addWorkingDays(later, -n)).toBe(date);
      }),
    );
  });

  it('counts no working days backwards from a Saturday to the Friday before as 0, not -0', () => {
    // Fri 5 Jan 2018 → Sat 6 Jan 2018: nothing in between is worked, whichever way round.
    expect(Object.is(calendar.workingDaysBetween('2018-01-06', '2018-01-05'), 0)).toBe(true);
  });

  it('counts working days additively across any split point', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(
          calendar.workingDaysBetween(a, c),
        );
      }),
      { numRuns: 50 },
    );
  });
});
