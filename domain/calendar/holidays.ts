/**
 * Vietnam's public holidays as the Labour Code defines them, for years the official
 * announcements (vn-decisions.ts) do not cover.
 *
 * - Labour Code 2012 (Law 10/2012/QH13, Art. 115), in force 1 May 2013 to 31 Dec 2020:
 *   Tết Dương lịch 1/1; Tết Âm lịch 5 days; Hùng Kings 10/3 lunar; 30/4; 1/5; Quốc khánh 2/9.
 * - Labour Code 2019 (Law 45/2019/QH14, Art. 112), from 1 Jan 2021: the same, plus a second
 *   Quốc khánh day, 2/9 and the day before or after it.
 * - A holiday on a weekly rest day is given back on the next working day (2012 Art. 115(3);
 *   2019 Art. 111(3)).
 *
 * Approximations, because the law leaves these choices to each year's decision:
 * - Tết: the last two days of the old lunar year and the first three of the new one (the
 *   choice made in 2020, 2021, 2023, 2024 and 2025). 2019, 2022 and 2026 took the last day
 *   and the first four; the rule gives the same days off there only because the day it
 *   adds fell on a Sunday and is given back on mùng 4, the day the decision took.
 * - Second Quốc khánh day: the adjacent day that joins 2/9 to a weekend (after when 2/9 is a
 *   Sunday, Monday or Thursday; before otherwise), as chosen 2021–2026.
 * - No weekday/Saturday swaps: those are only ever decided year by year.
 * Years before 2013 are computed with the 2012 rules (an approximation for the 1994 Code);
 * Hùng Kings' day counts from 2007, when it became a paid holiday.
 */
import { addDays, formatLocalDate, toDayNumber, weekdayOf, type LocalDate } from '../time';
import { lunarToSolar } from './lunar';

export interface DatedReason {
  date: LocalDate;
  /** In Vietnamese, e.g. 'Tết Nguyên đán', 'Nghỉ bù Quốc khánh'. */
  reason: string;
}

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  lunarNewYear: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng',
  labourDay: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
} as const;

const COMPENSATORY_PREFIX = 'Nghỉ bù ';
const FIRST_YEAR_OF_LABOUR_CODE_2019 = 2021;
const FIRST_YEAR_OF_HUNG_KINGS_HOLIDAY = 2007;

/** The statutory holidays of a year, before compensation for weekends. Sorted by date. */
export function statutoryHolidays(year: number): DatedReason[] {
  const holidays: DatedReason[] = [{ date: formatLocalDate(year, 1, 1), reason: HOLIDAY_NAMES.newYear }];

  const lunarNewYear = lunarToSolar(year, 1, 1);
  for (let offset = -2; offset <= 2; offset += 1) {
    holidays.push({ date: addDays(lunarNewYear, offset), reason: HOLIDAY_NAMES.lunarNewYear });
  }
  if (year >= FIRST_YEAR_OF_HUNG_KINGS_HOLIDAY) {
    holidays.push({ date: lunarToSolar(year, 3, 10), reason: HOLIDAY_NAMES.hungKings });
  }
  holidays.push(
    { date: formatLocalDate(year, 4, 30), reason: HOLIDAY_NAMES.reunification },
    { date: formatLocalDate(year, 5, 1), reason: HOLIDAY_NAMES.labourDay },
  );
  const nationalDay = formatLocalDate(year, 9, 2);
  holidays.push({ date: nationalDay, reason: HOLIDAY_NAMES.nationalDay });
  if (year >= FIRST_YEAR_OF_LABOUR_CODE_2019) {
    const joinsFollowingDay = [0, 1, 4].includes(weekdayOf(nationalDay));
    holidays.push({ date: addDays(nationalDay, joinsFollowingDay ? 1 : -1), reason: HOLIDAY_NAMES.nationalDay });
  }
  return holidays.sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date));
}

/**
 * Every day off of a year by the Labour Code rules: the statutory holidays (also those on a
 * weekend, so their reason is known) and a compensatory day for each one on a weekly rest day,
 * on the next day that is neither a rest day nor already off.
 */
export function labourCodeDaysOff(year: number, isWeeklyRestDay: (date: LocalDate) => boolean): DatedReason[] {
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((holiday) => holiday.date));
  const compensatory: DatedReason[] = [];
  for (const holiday of holidays) {
    if (!isWeeklyRestDay(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeeklyRestDay(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    compensatory.push({ date: day, reason: COMPENSATORY_PREFIX + holiday.reason });
  }
  return [...holidays, ...compensatory].sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date));
}
