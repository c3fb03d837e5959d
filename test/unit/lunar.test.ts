import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lunarToSolar, solarToLunar } from '../../domain/calendar/lunar';
import { addDays } from '../../domain/time';

// Tết (1/1 of the lunar year) in Vietnam. Same as the Chinese New Year in these years except
// 2007 (China: 2007-02-18).
const TET: ReadonlyArray<[number, string]> = [
  [2000, '2000-02-05'],
  [2001, '2001-01-24'],
  [2002, '2002-02-12'],
  [2003, '2003-02-01'],
  [2004, '2004-01-22'],
  [2005, '2005-02-09'],
  [2006, '2006-01-29'],
  [2007, '2007-02-17'],
  [2008, '2008-02-07'],
  [2009, '2009-01-26'],
  [2010, '2010-02-14'],
  [2011, '2011-02-03'],
  [2012, '2012-01-23'],
  [2013, '2013-02-10'],
  [2014, '2014-01-31'],
  [2015, '2015-02-19'],
  [2016, '2016-02-08'],
  [2017, '2017-01-28'],
  [2018, '2018-02-16'],
  [2019, '2019-02-05'],
  [2020, '2020-01-25'],
  [2021, '2021-02-12'],
  [2022, '2022-02-01'],
  [2023, '2023-01-22'],
  [2024, '2024-02-10'],
  [2025, '2025-01-29'],
  [2026, '2026-02-17'],
  [2027, '2027-02-06'],
  [2028, '2028-01-26'],
  [2029, '2029-02-13'],
];

// Giỗ Tổ Hùng Vương, 10/3 of the lunar year, as the holiday announcements give it.
const HUNG_KINGS: ReadonlyArray<[number, string]> = [
  [2019, '2019-04-14'],
  [2020, '2020-04-02'],
  [2021, '2021-04-21'],
  [2022, '2022-04-10'],
  [2023, '2023-04-29'],
  [2024, '2024-04-18'],
  [2025, '2025-04-07'],
  [2026, '2026-04-26'],
];

describe('Vietnamese lunar calendar', () => {
  it.each(TET)('puts Tết %i on %s', (year, date) => {
    expect(lunarToSolar(year, 1, 1)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it.each(HUNG_KINGS)("puts the Hùng Kings' day of %i on %s", (year, date) => {
    expect(lunarToSolar(year, 3, 10)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 3, day: 10, leap: false });
  });

  it('reckons at UTC+7, so Tết 1985 is 21 January in Vietnam (20 February in China)', () => {
    expect(lunarToSolar(1985, 1, 1)).toBe('1985-01-21');
    expect(solarToLunar('1985-01-21')).toEqual({ year: 1985, month: 1, day: 1, leap: false });
    expect(solarToLunar('1985-02-20')).not.toMatchObject({ month: 1, day: 1 });
  });

  it('reckons at UTC+7, so Tết 2007 is 17 February in Vietnam (18 February in China)', () => {
    expect(lunarToSolar(2007, 1, 1)).toBe('2007-02-17');
    expect(solarToLunar('2007-02-18')).toEqual({ year: 2007, month: 1, day: 2, leap: false });
  });

  it('places the leap fourth month of 2020 after the ordinary fourth month', () => {
    expect(lunarToSolar(2020, 4, 1)).toBe('2020-04-23');
    expect(lunarToSolar(2020, 4, 1, true)).toBe('2020-05-23');
    expect(lunarToSolar(2020, 5, 1)).toBe('2020-06-21');
    expect(solarToLunar('2020-05-22')).toEqual({ year: 2020, month: 4, day: 30, leap: false });
    expect(solarToLunar('2020-05-23')).toEqual({ year: 2020, month: 4, day: 1, leap: true });
    expect(solarToLunar('2020-06-20')).toEqual({ year: 2020, month: 4, day: 29, leap: true });
  });

  it('places the leap second month of 2023 after the ordinary second month', () => {
    expect(lunarToSolar(2023, 2, 1)).toBe('2023-02-20');
    expect(lunarToSolar(2023, 2, 1, true)).toBe('2023-03-22');
    expect(lunarToSolar(2023, 3, 1)).toBe('2023-04-20');
    expect(solarToLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
  });

  it('refuses a leap month the year does not have', () => {
    expect(() => lunarToSolar(2020, 5, 1, true)).toThrow(/no leap month 5/);
    expect(() => lunarToSolar(2021, 4, 1, true)).toThrow(/no leap month/);
  });

  it('refuses day 30 of a 29-day month', () => {
    // Leap month 4 of 2020 runs 2020-05-23 to 2020-06-20: 29 days.
    expect(lunarToSolar(2020, 4, 29, true)).toBe('2020-06-20');
    expect(() => lunarToSolar(2020, 4, 30, true)).toThrow(/has 29 days/);
  });

  it('puts the last day of the lunar year just before Tết', () => {
    expect(solarToLunar('2020-01-24')).toMatchObject({ year: 2019, month: 12, leap: false });
    expect(solarToLunar('2021-02-11')).toMatchObject({ year: 2020, month: 12, leap: false });
  });

  it('converts every day back to itself (solar → lunar → solar)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 366 }), (offset) => {
        const date = addDays('1801-01-01', offset);
        fc.pre(date <= '2199-12-31');
        const lunar = solarToLunar(date);
        expect(lunarToSolar(lunar.year, lunar.month, lunar.day, lunar.leap)).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  it('advances one lunar day per solar day, months being 29 or 30 days long', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 365 }), (offset) => {
        const date = addDays('1901-01-01', offset);
        const today = solarToLunar(date);
        const tomorrow = solarToLunar(addDays(date, 1));
        if (tomorrow.day === 1) expect([29, 30]).toContain(today.day);
        else expect(tomorrow).toEqual({ ...today, day: today.day + 1 });
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses years outside 1800–2199', () => {
    expect(() => solarToLunar('1799-12-31')).toThrow(RangeError);
    expect(() => lunarToSolar(2200, 1, 1)).toThrow(RangeError);
  });
});
