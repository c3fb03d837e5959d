/**
 * `npm run report:sample -- PLAN.yaml [--cycle ID] [--seed N] [--out DIR]`: the consolidated
 * report of one of the plan's cycles, made without Temporal from the cycle the schedule computes
 * (the first, or the one with id ID; for a plan of ad-hoc reports only, one opened on the plan's
 * date) and invented but plausible submissions (the same seed gives the same ones). Writes the
 * DOCX (and the PDF where LibreOffice is installed) to DIR, default `test-results/reports/`, and
 * prints their paths. For people to look at, and for `npm run report:render`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDocumentActivities } from '../activities/documents/consolidation';
import { consolidationCycleOf } from '../activities/documents/consolidation-document';
import type { ConsolidationUnitRow } from '../activities/documents/types';
import type { CycleSpec, Instant } from '../domain/cycle';
import { formatProblem, validatePlan } from '../domain/plan/validate';
import { computeAdhocCycle, computeSchedule, toCycleSpec } from '../domain/schedule';
import { workingDaysLate } from '../domain/schedule/working-days-late';
import { instantToZoned } from '../domain/time';
import { runMain, UserFacingError } from '../workers/process';
import { keyOfStoreUri } from '../storage/document-store';
import { fileDocumentStore } from '../storage/document-store-files';
import { seededRandom } from './lib/prng';

const HOUR_MS = 60 * 60 * 1000;

function usage(): never {
  throw new UserFacingError('usage: npm run report:sample -- PLAN.yaml [--cycle CYCLE_ID] [--seed N] [--out DIR]', 2);
}

async function cycleOf(file: string, cycleId: string | undefined): Promise<CycleSpec> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UserFacingError(`report:sample: cannot read the plan "${file}": ${(error as Error).message}`, 2);
  });
  const result = validatePlan(text);
  if (!result.ok) throw new UserFacingError(`report:sample: the plan "${file}" has problems:\n${result.problems.map((p) => formatProblem(p, result.language)).join('\n')}`, 1);
  const { plan } = result;
  const cycles = computeSchedule(plan);
  if (cycleId) {
    const found = cycles.find((cycle) => cycle.id === cycleId);
    if (!found) {
      const known = cycles.slice(0, 20).map((cycle) => `  ${cycle.id}`).join('\n');
      throw new UserFacingError(`report:sample: no cycle "${cycleId}" in the plan's schedule; it has, for instance:\n${known}\n(\`npx kyhan plan schedule ${file}\` lists them all)`, 2);
    }
    return toCycleSpec(found);
  }
  if (cycles[0]) return toCycleSpec(cycles[0]);
  // A plan of ad-hoc reports only (the demo): one cycle opened at 08:00 on the plan's date.
  const reportType = plan.reportTypes[0];
  if (!reportType) throw new UserFacingError(`report:sample: the plan "${file}" has no report type`, 1);
  const opensAt = new Date(`${plan.issuer.date ?? '2025-01-02'}T08:00:00+07:00`);
  return toCycleSpec(computeAdhocCycle(plan, reportType.id, { periodId: 'mau', periodLabel: plan.language === 'vi' ? 'đợt mẫu' : 'sample', opensAt }));
}

/** `MTTQ` from "Ủy ban Mặt trận Tổ quốc": initials without diacritics, for a plausible document symbol. */
function initials(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'D')
    .split(/\s+/)
    .map((word) => word.charAt(0).toUpperCase())
    .filter((char) => /[A-Z]/.test(char))
    .join('')
    .slice(0, 6);
}

/** Invented submissions: most on time, some late, a few missing, one excused now and then. */
function sampleRows(cycle: CycleSpec, seed: number): ConsolidationUnitRow[] {
  const random = seededRandom(seed);
  const due = Date.parse(cycle.dueAt);
  const plan = cycle.reportType.document === 'plan';
  const at = (ms: number): Instant => new Date(ms).toISOString();
  const n = cycle.units.length;
  return cycle.units.map((unit, index): ConsolidationUnitRow => {
    const base = { unitId: unit.id, name: unit.name, shortName: unit.shortName };
    // Every state shows in a sample of a few units: the last one missing, the one before late.
    const roll = n >= 3 && index === n - 1 ? 0 : n >= 2 && index === n - 2 ? 0.9 : random();
    if (roll < 0.12) return { ...base, state: 'missing' };
    if (roll < 0.16) return { ...base, state: 'excused', note: cycle.language === 'vi' ? 'Miễn theo ý kiến lãnh đạo Ban' : 'Excused by the leaders' };
    const late = roll > 0.8;
    // On time: between the opening and the due moment; late: between the due moment and the cut-off.
    const [from, to] = late ? [due, Date.parse(cycle.cutoffAt)] : [Date.parse(cycle.opensAt), due];
    const submittedAt = at(from + Math.max(1, Math.floor(random() * (to - from))));
    const date = instantToZoned(new Date(submittedAt), cycle.timeZone).date;
    const number = `${10 + ((index * 7 + Math.floor(random() * 40)) % 90)}-${plan ? 'KH' : 'BC'}/${initials(unit.shortName || unit.name) || 'DV'}`;
    return {
      ...base,
      state: late ? 'late' : 'submitted',
      submittedAt,
      submittedBy: unit.to[0]?.name ?? unit.name,
      document: { number, date, name: `${plan ? 'ke-hoach' : 'bao-cao'}-${unit.id}.pdf` },
      documentRef: `${number}, ${date}`,
      files: 1,
      ...(late ? { daysLate: workingDaysLate(cycle, cycle.dueAt, submittedAt) } : {}),
    };
  });
}

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { cycle: { type: 'string' }, seed: { type: 'string', default: '129' }, out: { type: 'string', default: path.join('test-results', 'reports') } },
  });
  const [file] = positionals;
  if (!file) usage();
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UserFacingError(`report:sample: --seed must be an integer, received "${values.seed}"`, 2);
  const cycle = await cycleOf(file, values.cycle);
  const rows = sampleRows(cycle, seed);
  // Consolidated a day after the cut-off, as the engine would.
  const consolidatedAt = new Date(Date.parse(cycle.cutoffAt) + 24 * HOUR_MS).toISOString();

  const stateDir = await mkdtemp(path.join(tmpdir(), 'kyhan-sample-report-'));
  try {
    const say = (message: string) => void process.stderr.write(`${message}\n`);
    const logger = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: say, warn: say, error: say };
    const store = fileDocumentStore(stateDir);
    const documents = createDocumentActivities({ store, logger });
    await documents.writeConsolidationPart({ cycleId: cycle.id, part: 1, units: rows });
    const report = await documents.assembleConsolidation({ cycle: consolidationCycleOf(cycle), parts: 1, consolidatedAt });
    await mkdir(values.out, { recursive: true });
    const base = path.join(values.out, cycle.id.replaceAll('/', '_'));
    await writeFile(`${base}.docx`, (await store.get(keyOfStoreUri(report.docxPath)!))!);
    process.stdout.write(`${base}.docx\n`);
    if (report.pdfPath) {
      await writeFile(`${base}.pdf`, (await store.get(keyOfStoreUri(report.pdfPath)!))!);
      process.stdout.write(`${base}.pdf\n`);
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
});
