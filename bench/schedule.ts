/**
 * `npm run bench:schedule`: how long computing a plan's schedule takes, per cycle, and how
 * much memory it holds — for the seed plan (the baseline, measured in the same run) and for a
 * plan with the seed's report types and policies and 10,000 units generated from the seed's
 * unit kinds. Prints figures; asserts nothing (timings depend on the machine).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validatePlan, formatProblem } from '../domain/plan/validate';
import type { Plan, ReportType, Unit } from '../domain/plan/schema';
import { computeSchedule } from '../domain/schedule';

const SEED_PLAN = fileURLToPath(new URL('../plans/129-KH-BDVTU.yaml', import.meta.url));
const GENERATED_UNITS = 10_000;
/** Runs per plan: the first warms up the JIT and the calendar; the median of the rest is reported. */
const RUNS = 5;

interface Figures {
  label: string;
  units: number;
  cycles: number;
  requiredUnitSlots: number;
  msPerCycle: number;
  msTotal: number;
  heapUsedMb: number;
  rssMb: number;
  peakRssMb: number;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;

function loadSeedPlan(): Plan {
  const validation = validatePlan(readFileSync(SEED_PLAN, 'utf8'));
  if (!validation.ok) {
    const lines = validation.problems.map((p) => formatProblem(p, validation.language));
    throw new Error(`The seed plan does not validate:\n${lines.join('\n')}`);
  }
  return validation.plan;
}

/**
 * The seed's report types require a handful of units by id; here each requires every unit of
 * the kinds it names (by id, kind or level), so the 10,000 generated units are all in play.
 */
function widenReporters(plan: Plan, reportType: ReportType): ReportType {
  const listed = new Set(reportType.reporters.units ?? []);
  const kinds = new Set(reportType.reporters.kinds ?? []);
  for (const unit of plan.units) if (listed.has(unit.id)) kinds.add(unit.kind);
  return { ...reportType, reporters: { ...reportType.reporters, kinds: [...kinds], units: [] } };
}

/** 10,000 units cycling through the seed's units as templates; one in ten exists for part of the plan only. */
function largePlan(seed: Plan, count: number): Plan {
  const units: Unit[] = [];
  for (let n = 0; n < count; n += 1) {
    const { existsFrom: _from, existsUntil: _until, parent: _parent, ...template } = seed.units[n % seed.units.length] as Unit;
    const id = `${template.id}-${n}`;
    units.push({
      ...template,
      id,
      name: `${template.name} (${n})`,
      shortName: `${template.shortName} ${n}`,
      contacts: { to: [`${id}@example.org`], cc: [] },
      ...(n % 10 === 9 ? { existsUntil: '2020-06-30' } : {}),
    });
  }
  return { ...seed, id: `${seed.id}-10k`, units, reportTypes: seed.reportTypes.map((r) => widenReporters(seed, r)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function measure(label: string, plan: Plan): Figures {
  let peakRss = process.memoryUsage().rss;
  const durations: number[] = [];
  let cycles = computeSchedule(plan);
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    cycles = computeSchedule(plan);
    durations.push(performance.now() - start);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const memory = process.memoryUsage();
  const msTotal = median(durations);
  return {
    label,
    units: plan.units.length,
    cycles: cycles.length,
    requiredUnitSlots: cycles.reduce((sum, cycle) => sum + cycle.units.length, 0),
    msPerCycle: msTotal / Math.max(cycles.length, 1),
    msTotal,
    heapUsedMb: mb(memory.heapUsed),
    rssMb: mb(memory.rss),
    peakRssMb: mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)),
  };
}

function print(figures: Figures): void {
  console.log(
    [
      `${figures.label}:`,
      `  units ${figures.units}, cycles ${figures.cycles}, required-unit slots ${figures.requiredUnitSlots}`,
      `  schedule ${figures.msTotal.toFixed(1)} ms (median of ${RUNS}), ${figures.msPerCycle.toFixed(3)} ms per cycle`,
      `  heapUsed ${figures.heapUsedMb.toFixed(1)} MB, rss ${figures.rssMb.toFixed(1)} MB, peak rss ${figures.peakRssMb.toFixed(1)} MB`,
    ].join('\n'),
  );
}

const seed = loadSeedPlan();
// The baseline runs first: peak RSS only grows, so the large plan's peak includes the seed's.
const baseline = measure('seed plan (baseline)', seed);
print(baseline);
const large = measure(`${GENERATED_UNITS} units`, largePlan(seed, GENERATED_UNITS));
print(large);
console.log(
  [
    'ratio (10,000 units / seed):',
    `  time per cycle ×${(large.msPerCycle / baseline.msPerCycle).toFixed(1)}, total time ×${(large.msTotal / baseline.msTotal).toFixed(1)}`,
    `  heapUsed ×${(large.heapUsedMb / baseline.heapUsedMb).toFixed(2)}, peak rss ×${(large.peakRssMb / baseline.peakRssMb).toFixed(2)}`,
  ].join('\n'),
);
