/**
 * The Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's public-domain algorithm:
 * months begin on the day of the astronomical new moon, the eleventh month is the one that
 * contains the winter solstice, and in a 13-month year the leap month is the first one in
 * which the sun enters no new major solar term. Everything is reckoned at UTC+7, the
 * meridian of Vietnam's calendar since 1968 — which is why Vietnamese dates part from the
 * Chinese (UTC+8) ones in some years: Tết 1985 was 21 January in Vietnam, 20 February in
 * China; Tết 2007 was 17 February in Vietnam, 18 February in China.
 *
 * Dates before 1968 are also reckoned at UTC+7, although almanacs of the time used UTC+8.
 *
 * Accuracy: Meeus-style truncated series, good to a few minutes for new moons between 1800
 * and 2199, the range accepted here. A new moon within minutes of local midnight could in
 * principle fall on the other day; published tables use the same algorithm.
 */
import { daysFromCivil, civilFromDays, formatLocalDate, parseLocalDate, type LocalDate } from '../time';

export interface LunarDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–30. */
  day: number;
  /** True for the intercalary month that repeats `month` (tháng nhuận). */
  leap: boolean;
}

/** The meridian of the Vietnamese calendar, in hours east of Greenwich. */
const VIETNAM_TIME_ZONE_HOURS = 7;
const FIRST_SUPPORTED_YEAR = 1800;
const LAST_SUPPORTED_YEAR = 2199;

/** Julian day number of 1970-01-01 (noon-based JDN of the civil day). */
const JDN_OF_UNIX_EPOCH = 2440588;
const SYNODIC_MONTH = 29.530588853;
/** JDN of the first new moon of the series (k = 0), 1900-01-01. */
const NEW_MOON_EPOCH_JDN = 2415021.076998695;
const DEGREE = Math.PI / 180;

function julianDayNumber(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) + JDN_OF_UNIX_EPOCH;
}

function localDateOfJulianDayNumber(jdn: number): LocalDate {
  const { year, month, day } = civilFromDays(jdn - JDN_OF_UNIX_EPOCH);
  return formatLocalDate(year, month, day);
}

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, truncated). */
function newMoonJulianDay(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let meanNewMoon = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  meanNewMoon += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEGREE);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const m = sunAnomaly * DEGREE;
  const mp = moonAnomaly * DEGREE;
  const f = moonLatitude * DEGREE;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(m) +
    0.0021 * Math.sin(2 * m) -
    0.4068 * Math.sin(mp) +
    0.0161 * Math.sin(2 * mp) -
    0.0004 * Math.sin(3 * mp) +
    0.0104 * Math.sin(2 * f) -
    0.0051 * Math.sin(m + mp) -
    0.0074 * Math.sin(m - mp) +
    0.0004 * Math.sin(2 * f + m) -
    0.0004 * Math.sin(2 * f - m) -
    0.0006 * Math.sin(2 * f + mp) +
    0.001 * Math.sin(2 * f - mp) +
    0.0005 * Math.sin(2 * mp + m);
  // ΔT (TT − UT) in days, two polynomial fits either side of 1749.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return meanNewMoon + correction - deltaT;
}

/** Apparent longitude of the sun, radians in [0, 2π), at a Julian day (UT). */
function sunLongitude(julianDay: number): number {
  const t = (julianDay - 2451545.0) / 36525;
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEGREE;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const equationOfCentre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (meanLongitude + equationOfCentre) * DEGREE;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** Which of the 12 major solar terms (30° sectors, 0 = from the March equinox) holds at local midnight starting a day. */
function solarTermAtStartOf(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - VIETNAM_TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

/** JDN of the local day on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJulianDay(k) + 0.5 + VIETNAM_TIME_ZONE_HOURS / 24);
}

// A lunar year needs a handful of new moons, each ~30 sin() calls; conversions of nearby dates
// share them. Small bounded cache keyed by k.
const NEW_MOON_CACHE_LIMIT = 512;
const newMoonDays = new Map<number, number>();

function cachedNewMoonDay(k: number): number {
  let day = newMoonDays.get(k);
  if (day === undefined) {
    day = newMoonDay(k);
    if (newMoonDays.size >= NEW_MOON_CACHE_LIMIT) newMoonDays.clear();
    newMoonDays.set(k, day);
  }
  return day;
}

/** JDN of the first day of the lunar month 11 (the one holding the winter solstice) of Gregorian year `year`. */
function startOfMonth11(year: number): number {
  const k = Math.floor((julianDayNumber(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const candidate = cachedNewMoonDay(k);
  // Sun already past 270° (sector 9) at that new moon: the solstice fell in the month before.
  return solarTermAtStartOf(candidate) >= 9 ? cachedNewMoonDay(k - 1) : candidate;
}

function newMoonIndexOf(jdn: number): number {
  return Math.floor((jdn - NEW_MOON_EPOCH_JDN) / SYNODIC_MONTH + 0.5);
}

/**
 * In a leap lunar year starting at month 11 `a11`: the position (1 = the month after month 11)
 * of the first month during which the sun enters no new solar term — the leap month.
 */
function leapMonthOffset(a11: number): number {
  const k = newMoonIndexOf(a11);
  let i = 1;
  let term = solarTermAtStartOf(cachedNewMoonDay(k + i));
  let previous: number;
  do {
    previous = term;
    i += 1;
    term = solarTermAtStartOf(cachedNewMoonDay(k + i));
  } while (term !== previous && i < 14);
  return i - 1;
}

function requireSupportedYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`${what} ${year} is outside the supported range ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`);
  }
}

/** The Vietnamese lunar date of a Gregorian date. */
export function solarToLunar(date: LocalDate): LunarDate {
  const { year, month, day } = parseLocalDate(date);
  requireSupportedYear(year, 'year');
  const dayNumber = julianDayNumber(year, month, day);
  // The mean-motion estimate can be one month off either way; step to the new moon that
  // starts the month holding the day.
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH_JDN) / SYNODIC_MONTH);
  while (cachedNewMoonDay(k) > dayNumber) k -= 1;
  while (cachedNewMoonDay(k + 1) <= dayNumber) k += 1;
  const monthStart = cachedNewMoonDay(k);

  let a11 = startOfMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = startOfMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = startOfMonth11(year + 1);
  }
  const monthsSince11 = Math.floor((monthStart - a11) / 29);
  let lunarMonth = monthsSince11 + 11;
  let leap = false;
  // 13 new moons between two months 11: a leap year.
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    if (monthsSince11 >= leapOffset) {
      lunarMonth = monthsSince11 + 10;
      leap = monthsSince11 === leapOffset;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && monthsSince11 < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: dayNumber - monthStart + 1, leap };
}

/**
 * The Gregorian date of a Vietnamese lunar date. Throws a RangeError if the lunar date does not
 * exist: a leap month that year does not have, or a day 30 in a 29-day month.
 */
export function lunarToSolar(year: number, month: number, day: number, leap = false): LocalDate {
  requireSupportedYear(year, 'lunar year');
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`lunar month must be 1–12, got ${month}`);
  }
  if (!Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`lunar day must be 1–30, got ${day}`);
  }
  const [a11, b11] =
    month < 11 ? [startOfMonth11(year - 1), startOfMonth11(year)] : [startOfMonth11(year), startOfMonth11(year + 1)];
  const k = newMoonIndexOf(a11);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new RangeError(`lunar year ${year} has no leap month ${month} (its leap month is ${leapMonth})`);
    }
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`lunar year ${year} has no leap month`);
  }
  const monthStart = cachedNewMoonDay(k + offset);
  const monthLength = cachedNewMoonDay(k + offset + 1) - monthStart;
  if (day > monthLength) {
    throw new RangeError(
      `lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${monthLength} days, not ${day}`,
    );
  }
  return localDateOfJulianDayNumber(monthStart + day - 1);
}
