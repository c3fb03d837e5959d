/** Business calendar for Vietnam: lunar conversion, public holidays, working-day arithmetic. */
export { solarToLunar, lunarToSolar, type LunarDate } from './lunar';
export { statutoryHolidays, labourCodeDaysOff, HOLIDAY_NAMES, type DatedReason } from './holidays';
export { VIETNAM_HOLIDAY_DECISIONS, type HolidayDecision } from './vn-decisions';
export {
  vietnamBusinessCalendar,
  type BusinessCalendar,
  type CalendarOptions,
  type NonWorkingDayRule,
} from './business-calendar';
