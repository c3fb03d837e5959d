/**
 * The status matrix of a plan: units × cycles, each cell one state (on time, late, excused,
 * returned, pending, overdue, not required, or cancelled with its cycle), with per unit its
 * on-time rate and average delay in working days, and per period the on-time rate. Pure: the
 * cycles, the calendar and `now` are given; the page, the CSV and the tests all read it.
 *
 * The rules, as the page's note states them:
 * - a cell is **expected** when its unit must report in that cycle, is not excused, and its own
 *   due moment (the cycle's, or an extension) has passed; a cancelled cycle expects nothing;
 * - **on time**: a standing submission at or before the unit's due moment; **late**: after it;
 *   a report returned for revision is awaited again (returned) until it is resubmitted;
 * - the **on-time rate** is on-time cells over expected cells;
 * - a late report's **delay** is the working days on the plan's calendar from its due date to
 *   the date it arrived, at least 1; the **average delay** is over the unit's submitted reports,
 *   those on time counting 0.
 */
import { workingDaysLateOn } from '../../domain/schedule/working-days-late';
import type { BusinessCalendar } from '../../domain/calendar';
import type { Instant } from '../../domain/cycle';
import type { Level } from '../../domain/plan/schema';
import { instantToZoned } from '../../domain/time';

export type CellState = 'on-time' | 'late' | 'excused' | 'returned' | 'pending' | 'overdue' | 'not-required' | 'cancelled';

/** What the matrix needs of one unit in one cycle (a `UnitStatus` has all of it). */
export interface MatrixUnitRecord {
  unitId: string;
  name?: string;
  /** The unit's own due moment: the cycle's, or its extension. */
  dueAt: Instant;
  submission?: { at: Instant; onTime: boolean };
  excused?: unknown;
  returned?: unknown;
}

export interface MatrixCycle {
  cycleId: string;
  reportTypeId: string;
  periodId: string;
  periodLabel: string;
  /** The cycle's due moment (before any unit's extension). */
  dueAt: Instant;
  /** `open`, `consolidated`, `cancelled`… */
  phase: string;
  units: MatrixUnitRecord[];
}

export interface MatrixUnit {
  id: string;
  name: string;
  shortName: string;
  level?: Level;
}

export interface MatrixFilters {
  reportType?: string | undefined;
  level?: Level | undefined;
  /** First month (`YYYY-MM`) of the cycles' due dates, inclusive. */
  from?: string | undefined;
  /** Last month, inclusive. */
  to?: string | undefined;
}

export interface MatrixInput {
  /** The plan's units, in the plan's order. */
  units: readonly MatrixUnit[];
  cycles: readonly MatrixCycle[];
  calendar: BusinessCalendar;
  timeZone: string;
  filters: MatrixFilters;
  now: number;
  /** At most this many cycles, the most recent by due moment. */
  limit: number;
}

export interface Cell {
  state: CellState;
  /** Working days late (late cells only). */
  delay?: number;
  submittedAt?: Instant;
}

export interface UnitStats {
  expected: number;
  onTime: number;
  late: number;
  /** Expected and still awaited (overdue, or returned past the due moment). */
  missing: number;
  excused: number;
  /** `onTime / expected`, undefined when nothing was expected. */
  onTimeRate?: number;
  /** Mean working days late over submitted reports (on time = 0), undefined when none. */
  averageDelay?: number;
}

export interface MatrixRow {
  unit: MatrixUnit;
  cells: Cell[];
  stats: UnitStats;
}

/** A column of the matrix: its cycle without the units (they are the rows). */
export type MatrixColumn = Omit<MatrixCycle, 'units'>;

export interface PeriodRate {
  periodId: string;
  label: string;
  expected: number;
  onTime: number;
  rate?: number;
}

export interface Matrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  periods: PeriodRate[];
  /** Cycles that matched the filters but were left out by the limit (the oldest). */
  omitted: number;
}

const ms = (instant: Instant) => Date.parse(instant);

/** The month (`YYYY-MM`) of an instant in the zone. */
export function localMonth(instant: Instant, timeZone: string): string {
  return instantToZoned(new Date(instant), timeZone).date.slice(0, 7);
}

/** Working days late of a submission after `dueAt`, at least 1. */
export function delayInWorkingDays(dueAt: Instant, submittedAt: Instant, calendar: BusinessCalendar, timeZone: string): number {
  return Math.max(1, workingDaysLateOn(calendar, timeZone, dueAt, submittedAt));
}

/** The state of one unit's cell in one cycle (`record` undefined: the unit is not in the cycle). */
export function cellOf(record: MatrixUnitRecord | undefined, cycle: Pick<MatrixCycle, 'phase'>, now: number, calendar: BusinessCalendar, timeZone: string): Cell {
  if (!record) return { state: 'not-required' };
  const standing = record.submission !== undefined && record.returned === undefined;
  if (standing) {
    const submission = record.submission!;
    if (submission.onTime) return { state: 'on-time', submittedAt: submission.at };
    return { state: 'late', submittedAt: submission.at, delay: delayInWorkingDays(record.dueAt, submission.at, calendar, timeZone) };
  }
  if (record.excused) return { state: 'excused' };
  if (cycle.phase === 'cancelled') return { state: 'cancelled' };
  if (record.returned) return { state: 'returned' };
  return { state: ms(record.dueAt) < now ? 'overdue' : 'pending' };
}

/** Whether a cell counts towards the on-time rate (see the module's rules). */
function isExpected(cell: Cell, record: MatrixUnitRecord | undefined, cycle: MatrixCycle, now: number): boolean {
  if (!record || cycle.phase === 'cancelled') return false;
  switch (cell.state) {
    case 'on-time':
    case 'late':
    case 'overdue':
      return true;
    case 'returned':
      return ms(record.dueAt) < now;
    default:
      return false;
  }
}

function rate(onTime: number, expected: number): number | undefined {
  return expected > 0 ? onTime / expected : undefined;
}

/** The cycles the filters select, the `limit` most recent by due moment, oldest first. */
export function selectCycles(cycles: readonly MatrixCycle[], filters: MatrixFilters, timeZone: string, limit: number): { cycles: MatrixCycle[]; omitted: number } {
  const matching = cycles.filter((c) => {
    if (filters.reportType !== undefined && c.reportTypeId !== filters.reportType) return false;
    const month = localMonth(c.dueAt, timeZone);
    if (filters.from !== undefined && month < filters.from) return false;
    if (filters.to !== undefined && month > filters.to) return false;
    return true;
  });
  const newestFirst = [...matching].sort((a, b) => ms(b.dueAt) - ms(a.dueAt) || a.cycleId.localeCompare(b.cycleId));
  const kept = newestFirst.slice(0, Math.max(0, limit)).reverse();
  return { cycles: kept, omitted: matching.length - kept.length };
}

export function computeMatrix(input: MatrixInput): Matrix {
  const { calendar, timeZone, now, filters } = input;
  const { cycles, omitted } = selectCycles(input.cycles, filters, timeZone, input.limit);
  const records = cycles.map((c) => new Map(c.units.map((u) => [u.unitId, u])));

  // The plan's units, then any unit a cycle has that the plan no longer lists (its level unknown).
  const known = new Set(input.units.map((u) => u.id));
  const extra = new Map<string, MatrixUnit>();
  for (const cycle of cycles) {
    for (const u of cycle.units) if (!known.has(u.unitId) && !extra.has(u.unitId)) extra.set(u.unitId, { id: u.unitId, name: u.name ?? u.unitId, shortName: u.name ?? u.unitId });
  }
  const units = [...input.units, ...extra.values()].filter((u) => filters.level === undefined || u.level === filters.level);

  const periodTotals = new Map<string, PeriodRate & { firstDue: number }>();
  for (const cycle of cycles) {
    if (cycle.phase === 'cancelled' || periodTotals.has(cycle.periodId)) continue;
    periodTotals.set(cycle.periodId, { periodId: cycle.periodId, label: cycle.periodLabel, expected: 0, onTime: 0, firstDue: ms(cycle.dueAt) });
  }

  const rows: MatrixRow[] = units.map((unit) => {
    const stats: UnitStats = { expected: 0, onTime: 0, late: 0, missing: 0, excused: 0 };
    let delaySum = 0;
    let submitted = 0;
    const cells = cycles.map((cycle, index) => {
      const record = records[index]!.get(unit.id);
      const cell = cellOf(record, cycle, now, calendar, timeZone);
      if (cell.state === 'excused') stats.excused++;
      if (cell.state === 'on-time' || cell.state === 'late') {
        submitted++;
        delaySum += cell.delay ?? 0;
      }
      if (isExpected(cell, record, cycle, now)) {
        stats.expected++;
        if (cell.state === 'on-time') stats.onTime++;
        else if (cell.state === 'late') stats.late++;
        else stats.missing++;
        const period = periodTotals.get(cycle.periodId)!;
        period.expected++;
        if (cell.state === 'on-time') period.onTime++;
      }
      return cell;
    });
    const onTimeRate = rate(stats.onTime, stats.expected);
    if (onTimeRate !== undefined) stats.onTimeRate = onTimeRate;
    if (submitted > 0) stats.averageDelay = delaySum / submitted;
    return { unit, cells, stats };
  });

  const periods = [...periodTotals.values()]
    .sort((a, b) => a.firstDue - b.firstDue)
    .map(({ firstDue: _firstDue, ...p }) => {
      const r = rate(p.onTime, p.expected);
      return r === undefined ? p : { ...p, rate: r };
    });
  const columns = cycles.map(({ cycleId, reportTypeId, periodId, periodLabel, dueAt, phase }) => ({ cycleId, reportTypeId, periodId, periodLabel, dueAt, phase }));
  return { columns, rows, periods, omitted };
}
