/**
 * Rebasing a plan: every date shifted so that the plan reads as if issued on another day, so
 * a past plan (the 2019 seed) can be replayed from today. Dates move by whole days, months
 * (monthly ranges, milestones) by whole months: a due-day rule then lands on the working
 * calendar of the new year, holidays and make-up days included.
 */
import { addDays, toDayNumber, type LocalDate } from '../time';
import type { Plan, Recurrence } from './schema';

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

export function rebasePlan(plan: Plan, to: LocalDate): Plan {
  const days = toDayNumber(to) - toDayNumber(plan.issuer.date);
  const months = monthIndex(to.slice(0, 7)) - monthIndex(plan.issuer.date.slice(0, 7));
  const date = (d: LocalDate) => addDays(d, days);
  const date$ = (d: LocalDate | undefined) => (d === undefined ? undefined : date(d));
  const month = (m: string) => monthOf(monthIndex(m) + months);

  const recurrence = (r: Recurrence): Recurrence => {
    switch (r.type) {
      case 'monthly':
        return { ...r, from: month(r.from), to: month(r.to) };
      case 'milestones':
        return { ...r, milestones: r.milestones.map((m) => ({ ...m, month: month(m.month) })) };
      case 'once':
        return { ...r, dueDate: date(r.dueDate) };
      case 'after-start':
      case 'adhoc':
        return r;
    }
  };

  return {
    ...plan,
    issuer: { ...plan.issuer, date: to },
    calendar: {
      ...plan.calendar,
      extraDaysOff: plan.calendar.extraDaysOff.map((d) => ({ ...d, date: date(d.date) })),
      extraWorkingDays: plan.calendar.extraWorkingDays.map((d) => ({ ...d, date: date(d.date) })),
    },
    units: plan.units.map((u) => {
      const { existsFrom, existsUntil, ...rest } = u;
      const from = date$(existsFrom);
      const until = date$(existsUntil);
      return { ...rest, ...(from ? { existsFrom: from } : {}), ...(until ? { existsUntil: until } : {}) };
    }),
    reportTypes: plan.reportTypes.map((t) => ({ ...t, recurrence: recurrence(t.recurrence) })),
  };
}
