/**
 * The matrix's cycles from Temporal: the plan's cycles from visibility, each one's header (its
 * due moment and period label, kept once read), then the statuses of the ones the filters and
 * the limit select. A cycle that cannot be read is left out and named, so one broken cycle does
 * not hide the others.
 */
import type { Plan } from '../../domain/plan/schema';
import { planCalendar } from '../../domain/schedule';
import { computeMatrix, selectCycles, type Matrix, type MatrixCycle, type MatrixFilters } from './matrix';
import { mapLimit, type ConsoleSource } from './source';

/** Cycles shown at most: a plan of monthly reports over two years, and a few ad-hoc ones. */
export const MATRIX_CYCLE_LIMIT = 24;

export interface LoadedMatrix {
  matrix: Matrix;
  /** Cycle ids that could not be read (their header or status). */
  unreadable: string[];
}

export async function loadMatrix(source: ConsoleSource, plan: Plan, filters: MatrixFilters, now: number, limit = MATRIX_CYCLE_LIMIT): Promise<LoadedMatrix> {
  const unreadable: string[] = [];
  const rows = (await source.listCycles(plan.id)).filter((r) => filters.reportType === undefined || r.reportType === filters.reportType);
  const headed = await mapLimit(rows, 8, async (row) => {
    try {
      const header = await source.cycleHeader(row.cycleId, row.runId);
      const light: MatrixCycle = { cycleId: row.cycleId, reportTypeId: row.reportType, periodId: row.period, periodLabel: header.period.label, dueAt: header.dueAt, phase: row.status, units: [] };
      return { row, light };
    } catch {
      unreadable.push(row.cycleId);
      return undefined;
    }
  });
  const candidates = headed.filter((h) => h !== undefined);
  const { cycles: selected, omitted } = selectCycles(
    candidates.map((c) => c.light),
    filters,
    plan.timeZone,
    limit,
  );
  const full = await mapLimit(selected, 4, async (light) => {
    const row = candidates.find((c) => c.light.cycleId === light.cycleId)!.row;
    try {
      const status = await source.cycleStatus(light.cycleId, row.closedAt);
      return { ...light, phase: status.phase, units: status.units };
    } catch {
      unreadable.push(light.cycleId);
      return undefined;
    }
  });
  const cycles = full.filter((c) => c !== undefined);
  const matrix = computeMatrix({
    units: plan.units.map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, level: u.level })),
    cycles,
    calendar: planCalendar(plan),
    timeZone: plan.timeZone,
    filters,
    now,
    limit,
  });
  return { matrix: { ...matrix, omitted }, unreadable };
}
