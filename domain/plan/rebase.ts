/**
 * Rebasing a plan: the plan's own dates shifted so that it reads as if issued on another day,
 * so a past plan (the 2019 seed) can be replayed from today. Dates move by whole days, months
 * (monthly ranges, milestones, focus months) by whole months: a due-day rule then lands on the
 * working calendar of the new year, holidays and make-up days included.
 *
 * Lifetimes (existsFrom/existsUntil of units, people, upper levels, the issuer) are facts of
 * the world, not of the plan, and stay as written: a district board abolished on 1/7/2025 is
 * abolished whatever year the plan is replayed from.
 */
import { addDays, toDayNumber, type LocalDate } from '../time';
import type { Plan, Recurrence } from './schema';

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

export function rebasePlan(plan: Plan, to: LocalDate): Plan {
  const days = toDayNumber(to) - toDayNumber(plan.issuer.date);
  const months = monthIndex(to.slice(0, 7)) - monthIndex(plan.issuer.date.slice(0, 7));
  const date = (d: LocalDate) => addDays(d, days);
  const month = (m: string) => monthOf(monthIndex(m) + months);

  const recurrence = (r: Recurrence): Recurrence => {
    switch (r.type) {
      case 'monthly':
        return { ...r, from: month(r.from), to: month(r.to), focus: (r.focus ?? []).map((f) => ({ ...f, month: month(f.month) })) };
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
    reportTypes: plan.reportTypes.map((t) => ({ ...t, recurrence: recurrence(t.recurrence) })),
  };
}
