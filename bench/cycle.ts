/**
 * `npm run bench:cycle [-- --units N] [-- --seed S]`: one reporting cycle of N units (default
 * 10,000; or `BENCH_UNITS`) on the time-skipping server, with the real activities and a real
 * in-process SMTP server. Every unit submits at a random moment (seeded) between the opening
 * and the due moment; the bench then waits for the cycle to consolidate and reads every
 * history of the cycle and its shards. A 100-unit cycle run first, in the same process, is
 * the baseline. Prints figures; asserts nothing (they depend on the machine). `BENCH_DEBUG=1`
 * logs every batch and Temporal warnings.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { startCycle, submitReport } from '../client/cycles';
import type { CycleSpec, CycleUnit, Recipient } from '../domain/cycle';
import { registerSearchAttributes } from '../scripts/lib/search-attributes';
import { startTimeSkippingServer } from '../scripts/lib/temporal-servers';
import { mapLimit } from '../test/helpers/map-limit';
import { fetchCycleRuns, type RecordedRun } from '../test/helpers/record-histories';
import { startCountingSmtpSink } from '../scripts/lib/counting-smtp-sink';
import { WORKFLOWS_PATH } from '../workers/worker';
import { seededRandom } from '../scripts/lib/prng';
import { attachTimeSkippingEnv } from '../scripts/lib/time-skipping-env';

const DEFAULT_UNITS = 10_000;
const BASELINE_UNITS = 100;
const DEFAULT_SEED = 129;
/** Submissions in flight at once: Temporal takes 10 Updates in flight per workflow; 25 spread over many shards stay under it. */
const SUBMIT_CONCURRENCY = 25;
/**
 * The submissions are grouped into this many batches (`BENCH_BATCHES`); time skips to each
 * batch's first moment, so fewer batches mean fewer skips but coarser submission moments.
 */
const BATCHES = Number(process.env.BENCH_BATCHES ?? 100);
const SAMPLE_EVERY_MS = 250;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// --- Arguments --------------------------------------------------------------------------

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function positiveInt(value: string | undefined, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${what}: expected a positive integer, received "${value}"`);
  return n;
}

const units = positiveInt(flag('units') ?? process.env.BENCH_UNITS, '--units / BENCH_UNITS', DEFAULT_UNITS);
const seed = positiveInt(flag('seed') ?? process.env.BENCH_SEED, '--seed / BENCH_SEED', DEFAULT_SEED);

// --- The cycle --------------------------------------------------------------------------


const person = (key: string, name: string): Recipient => ({ key, name, email: `${key}@example.org` });

function unitsOf(n: number): CycleUnit[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `u${String(i).padStart(5, '0')}`;
    const name = `Đơn vị số ${i}`;
    return { id, name, shortName: id, to: [{ key: id, name, email: `${id}@example.org` }], cc: [] };
  });
}

/** The workflow tests' cycle (`test/helpers/cycle-harness.ts`): opens in an hour, due in three days, reminders a day either side, two escalation steps, cut-off six days after. */
function benchSpec(n: number, now: number): CycleSpec {
  const iso = (ms: number) => new Date(ms).toISOString();
  const dueAt = now + 3 * DAY;
  const periodId = `bench-${n}-${crypto.randomUUID().slice(0, 8)}`;
  const divisionHead = person('truong-phong', 'Trưởng phòng Đoàn thể');
  const deputyHead = person('pho-truong-ban', 'Phó Trưởng ban');
  return {
    id: `bench-plan/monthly/${periodId}`,
    planId: 'bench-plan',
    language: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    issuer: { name: 'Ban Dân vận Tỉnh ủy', documentNumber: '129-KH/BDVTU' },
    reportType: { id: 'monthly', title: 'Báo cáo tình hình nhân dân' },
    period: { id: periodId, label: 'tháng 1/2020' },
    opensAt: iso(now + HOUR),
    dueAt: iso(dueAt),
    cutoffAt: iso(dueAt + 6 * DAY),
    units: unitsOf(n),
    reminders: [
      { at: iso(dueAt - DAY), relation: 'before' },
      { at: iso(dueAt + DAY), relation: 'after' },
    ],
    escalations: [
      { step: 1, at: iso(dueAt + 2 * DAY), recipients: [divisionHead], roleLabel: 'Trưởng phòng Đoàn thể' },
      { step: 2, at: iso(dueAt + 4 * DAY), recipients: [deputyHead], roleLabel: 'Phó Trưởng ban' },
    ],
    consolidation: { by: [person('chuyen-vien', 'Chuyên viên tổng hợp')], leaders: [person('truong-ban', 'Trưởng ban'), deputyHead], upperLevels: ['Ban Thường vụ Tỉnh ủy'] },
    submissionInstructions: 'Gửi báo cáo qua thư điện tử về Phòng Đoàn thể.',
  };
}

// --- Counting -----------------------------------------------------------------------------

interface Actions {
  workflowStarts: number;
  timers: number;
  activityAttempts: number;
  updates: number;
  signals: number;
  searchAttributeUpserts: number;
}

const total = (a: Actions) => a.workflowStarts + a.timers + a.activityAttempts + a.updates + a.signals + a.searchAttributeUpserts;

/**
 * Billable actions as Temporal Cloud counts them (TEMPORAL-NOTES "Cost"), read from the
 * histories: a start 1 (a continue-as-new run too), a child workflow 2 (its first run's start
 * is part of them), a timer 1, each activity attempt 1 (a history records an activity once,
 * with the attempt that finished it), an accepted Update 1, a signal 1, an upsert 1.
 */
function countActions(runs: RecordedRun[]): Actions {
  const a: Actions = { workflowStarts: 0, timers: 0, activityAttempts: 0, updates: 0, signals: 0, searchAttributeUpserts: 0 };
  for (const { history } of runs) {
    const attemptBySchedule = new Map<string, number>();
    for (const e of history.events ?? []) {
      const started = e.activityTaskStartedEventAttributes;
      if (started) attemptBySchedule.set(String(started.scheduledEventId), started.attempt ?? 1);
    }
    for (const e of history.events ?? []) {
      const ws = e.workflowExecutionStartedEventAttributes;
      if (ws && (ws.continuedExecutionRunId || !ws.parentWorkflowExecution)) a.workflowStarts += 1;
      if (e.startChildWorkflowExecutionInitiatedEventAttributes) a.workflowStarts += 2;
      if (e.timerStartedEventAttributes) a.timers += 1;
      if (e.activityTaskScheduledEventAttributes) a.activityAttempts += attemptBySchedule.get(String(e.eventId)) ?? 1;
      if (e.workflowExecutionUpdateAcceptedEventAttributes) a.updates += 1;
      if (e.workflowExecutionSignaledEventAttributes) a.signals += 1;
      if (e.upsertWorkflowSearchAttributesEventAttributes) a.searchAttributeUpserts += 1;
    }
  }
  return a;
}

const eventsOf = (runs: { history: History }[]) => runs.reduce((n, r) => n + (r.history.events?.length ?? 0), 0);

// --- One run ------------------------------------------------------------------------------

interface Figures {
  units: number;
  shards: number;
  runs: number;
  wallMs: number;
  events: number;
  emails: number;
  emailsByKind: Record<string, number>;
  actions: Actions;
  phase: string;
  peakRssMb: number;
  peakHeapUsedMb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function runCycle(env: TestWorkflowEnvironment, bundleCode: string, n: number): Promise<Figures> {
  const sink = await startCountingSmtpSink();
  const stateDir = await mkdtemp(join(tmpdir(), 'kyhan-bench-'));
  const taskQueue = `bench-${crypto.randomUUID()}`;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 5 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code: bundleCode },
    activities: createActivities({ transport, from: 'Ban Dân vận Tỉnh ủy <kyhan@example.org>', stateDir, temporal: env.client }),
  });
  const running = worker.run();

  // Counted, not parsed: at 10,000 units parsing every message would cost more than sending it.
  const emailsByKind = sink.byKind;
  let peakRss = 0;
  let peakHeapUsed = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeapUsed = Math.max(peakHeapUsed, heapUsed);
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);

  try {
    const spec = benchSpec(n, await env.currentTimeMs());
    const random = seededRandom(seed + n);
    const opens = Date.parse(spec.opensAt);
    const span = Date.parse(spec.dueAt) - opens;
    const moments = spec.units.map((u) => ({ unitId: u.id, at: opens + Math.floor(random() * span) })).sort((a, b) => a.at - b.at);
    const batchSize = Math.ceil(moments.length / BATCHES);

    const started = performance.now();
    const handle = await startCycle(env.client, spec, { taskQueue });
    progress(`  started (${fmt((performance.now() - started) / 1000, 1)} s)`);
    let submitted = 0;
    for (let i = 0; i < moments.length; i += batchSize) {
      const batch = moments.slice(i, i + batchSize);
      const wait = batch[0]!.at - (await env.currentTimeMs());
      if (process.env.BENCH_DEBUG) progress(`  batch ${i / batchSize}: sleep ${wait} ms`);
      if (wait > 0) await env.sleep(wait);
      if (process.env.BENCH_DEBUG) progress(`  batch ${i / batchSize}: slept`);
      await mapLimit(batch, SUBMIT_CONCURRENCY, (m) => submitReport(env.client, spec.id, { unitId: m.unitId, submittedBy: `Văn phòng ${m.unitId}` }));
      submitted += batch.length;
      if ((i / batchSize) % 10 === 9) progress(`  ${fmt(submitted, 0)} submitted (${fmt((performance.now() - started) / 1000, 1)} s)`);
    }
    const outcome = await handle.result();
    progress(`  ${outcome.phase} (${fmt((performance.now() - started) / 1000, 1)} s); reading histories…`);
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    sample();

    const runs = await fetchCycleRuns(env.client, handle.workflowId);
    const emails = Object.values(emailsByKind).reduce((a, b) => a + b, 0);
    return {
      units: n,
      shards: new Set(runs.map((r) => r.workflowId)).size - 1,
      runs: runs.length,
      wallMs,
      events: eventsOf(runs),
      emails,
      emailsByKind,
      actions: countActions(runs),
      phase: `${outcome.phase} (${outcome.consolidation?.reason ?? 'no consolidation'})`,
      peakRssMb: mb(peakRss),
      peakHeapUsedMb: mb(peakHeapUsed),
    };
  } finally {
    clearInterval(sampler);
    worker.shutdown();
    await running;
    transport.close();
    await sink.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

// --- Printing -----------------------------------------------------------------------------

const fmt = (x: number, digits = 2) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function perUnit(f: Figures) {
  return {
    unitsPerSecond: f.units / (f.wallMs / 1000),
    eventsPerUnit: f.events / f.units,
    emailsPerUnit: f.emails / f.units,
    actionsPerUnit: total(f.actions) / f.units,
  };
}

function print(figures: Figures[]): void {
  const rows: [string, (f: Figures) => string][] = [
    ['units', (f) => fmt(f.units, 0)],
    ['shards / workflow runs', (f) => `${f.shards} / ${f.runs}`],
    ['outcome', (f) => f.phase],
    ['wall time (s)', (f) => fmt(f.wallMs / 1000, 1)],
    ['units per second', (f) => fmt(perUnit(f).unitsPerSecond, 1)],
    ['history events per unit', (f) => fmt(perUnit(f).eventsPerUnit)],
    ['emails per unit', (f) => fmt(perUnit(f).emailsPerUnit)],
    ['  by kind', (f) => Object.entries(f.emailsByKind).sort().map(([k, v]) => `${k} ${v}`).join(', ')],
    ['Temporal actions per unit', (f) => fmt(perUnit(f).actionsPerUnit)],
    ['  workflow starts', (f) => `${f.actions.workflowStarts} (${fmt(f.actions.workflowStarts / f.units, 3)}/unit)`],
    ['  timers started', (f) => `${f.actions.timers} (${fmt(f.actions.timers / f.units, 3)}/unit)`],
    ['  activity attempts', (f) => `${f.actions.activityAttempts} (${fmt(f.actions.activityAttempts / f.units, 3)}/unit)`],
    ['  updates accepted', (f) => `${f.actions.updates} (${fmt(f.actions.updates / f.units, 3)}/unit)`],
    ['  signals received', (f) => `${f.actions.signals} (${fmt(f.actions.signals / f.units, 3)}/unit)`],
    ['  search-attribute upserts', (f) => `${f.actions.searchAttributeUpserts} (${fmt(f.actions.searchAttributeUpserts / f.units, 3)}/unit)`],
    ['peak RSS (MB)', (f) => fmt(f.peakRssMb, 0)],
    ['peak heap used (MB)', (f) => fmt(f.peakHeapUsedMb, 0)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const col = 30;
  console.log('');
  console.log(`${''.padEnd(width)}${figures.map((f) => `N = ${fmt(f.units, 0)}`.padEnd(col)).join('')}`);
  for (const [label, value] of rows) {
    if (label.startsWith('  by kind')) {
      for (const f of figures) console.log(`${'  emails by kind'.padEnd(width)}N = ${fmt(f.units, 0)}: ${value(f)}`);
      continue;
    }
    console.log(`${label.padEnd(width)}${figures.map((f) => value(f).padEnd(col)).join('')}`);
  }

  const [base, big] = [figures[0]!, figures[figures.length - 1]!];
  if (base !== big) {
    const b = perUnit(base);
    const g = perUnit(big);
    console.log('');
    console.log(`Ratios, per-unit figure at N = ${fmt(big.units, 0)} / at N = ${fmt(base.units, 0)}:`);
    console.log(`  units per second          ${fmt(g.unitsPerSecond / b.unitsPerSecond)}`);
    console.log(`  history events per unit   ${fmt(g.eventsPerUnit / b.eventsPerUnit)}`);
    console.log(`  emails per unit           ${fmt(g.emailsPerUnit / b.emailsPerUnit)}`);
    console.log(`  Temporal actions per unit ${fmt(g.actionsPerUnit / b.actionsPerUnit)}`);
    console.log(`  peak RSS (whole)          ${fmt(big.peakRssMb / base.peakRssMb)}`);
  }
  console.log('');
  console.log('Notes:');
  console.log('- Wall time: from starting the cycle to its result, including every submission and the time skipped to reach them.');
  console.log('- Actions are counted from the histories of the cycle and every shard run. Queries are not visible in histories (the bench sends');
  console.log('  none); rejected Updates are not either. Per TEMPORAL-NOTES: child workflow = 2, continue-as-new run = 1, each activity attempt = 1.');
  console.log('- Memory: the worker runs in this process, sampled every 250 ms; the figure also holds the client and the counting SMTP server.');
  console.log('  Peaks are for the process so far: the baseline runs first, so the N figure includes what the baseline left behind.');
}

// --- Main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger(process.env.BENCH_DEBUG ? 'WARN' : 'ERROR') });
  console.log(`bench:cycle: ${fmt(units, 0)} units (baseline ${BASELINE_UNITS}), seed ${seed}, ${BATCHES} submission batches, ${SUBMIT_CONCURRENCY} submissions in flight`);
  const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
  const [server, bundle] = await Promise.all([startTimeSkippingServer(), bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet })]);
  let env: TestWorkflowEnvironment | undefined;
  try {
    await registerSearchAttributes(server.address);
    env = await attachTimeSkippingEnv(server.address);

    const figures: Figures[] = [];
    for (const n of units === BASELINE_UNITS ? [BASELINE_UNITS] : [BASELINE_UNITS, units]) {
      console.log(`running a cycle of ${fmt(n, 0)} units…`);
      figures.push(await runCycle(env, bundle.code, n));
    }
    print(figures);
  } finally {
    await env?.teardown();
    await server.stop();
  }
}

await main();
