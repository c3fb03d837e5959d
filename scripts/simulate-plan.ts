/**
 * `kyhan plan simulate FILE [--on-time 0.8] [--seed N] [--lang vi|en]`: runs a whole plan under
 * time skipping — months in a minute or two — with units that submit on time with the given
 * probability (the others late, or never), and prints the timeline of notices, reminders,
 * escalations and consolidations with totals. Real parts throughout: the time-skipping
 * Temporal server, the worker with the real activities, an SMTP server that receives every
 * email. The plan is rebased to today so that every cycle lies ahead.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { campaignStatus, startCampaign } from '../client/campaigns';
import { cycleStatus, submitReport } from '../client/cycles';
import type { Language } from '../domain/cycle';
import { formatDateTime } from '../domain/dates';
import { rebasePlan } from '../domain/plan/rebase';
import { formatProblem, validatePlan } from '../domain/plan/validate';
import { computeSchedule, type ScheduledCycle } from '../domain/schedule';
import { instantToZoned } from '../domain/time';
import { WORKFLOWS_PATH } from '../workers/worker';
import { registerSearchAttributes } from './lib/search-attributes';
import { attachTimeSkippingEnv } from './lib/time-skipping-env';
import { startCountingSmtpSink } from './lib/counting-smtp-sink';
import { startTimeSkippingServer } from './lib/temporal-servers';
import { seededRandom } from './lib/prng';

interface Options {
  file: string;
  onTime: number;
  seed: number;
  language: Language;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { file: '', onTime: 0.8, seed: 1, language: 'vi' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} cần một giá trị / needs a value`);
      return v;
    };
    if (arg === '--on-time') options.onTime = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--lang') options.language = value() === 'en' ? 'en' : 'vi';
    else if (!options.file) options.file = arg;
    else fail(`unexpected argument "${arg}"`);
  }
  if (!options.file) fail('usage: kyhan plan simulate FILE [--on-time 0.8] [--seed N]');
  if (!(options.onTime >= 0 && options.onTime <= 1)) fail(`--on-time must be a probability between 0 and 1, e.g. 0.8 (received ${options.onTime})`);
  if (!Number.isInteger(options.seed)) fail(`--seed must be a whole number (received ${options.seed})`);
  return options;
}

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}


interface Submission {
  at: number;
  cycle: ScheduledCycle;
  unitId: string;
  late: boolean;
}

/** Who submits when: on time with probability `onTime`; the others half late, half never. */
function plannedSubmissions(cycles: ScheduledCycle[], onTime: number, random: () => number): Submission[] {
  const out: Submission[] = [];
  for (const cycle of cycles) {
    const opens = Date.parse(cycle.opensAt) + 60_000;
    const due = Date.parse(cycle.dueAt);
    const cutoff = Date.parse(cycle.cutoffAt);
    for (const unit of cycle.units) {
      if (random() < onTime) out.push({ at: opens + random() * Math.max(0, due - opens), cycle, unitId: unit.id, late: false });
      else if (random() < 0.5) out.push({ at: due + 60_000 + random() * Math.max(0, cutoff - due - 120_000), cycle, unitId: unit.id, late: true });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function progress(done: number, total: number, label: string): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}   `);
}

const words = {
  vi: {
    rebased: (d: string) => `Kế hoạch được dời sang ngày ${d} để mọi kỳ báo cáo nằm phía trước.`,
    submissions: 'lượt nộp',
    opened: 'mở kỳ, gửi thông báo tới',
    units: 'đơn vị',
    reminder: (i: number) => `nhắc nhở lần ${i + 1} tới`,
    escalation: (step: number) => `báo cáo lãnh đạo bước ${step}: quá hạn`,
    consolidated: 'tổng hợp',
    reasons: { 'all-reported': 'đủ báo cáo', cutoff: 'hết hạn chốt' } as Record<string, string>,
    totals: 'Tổng cộng',
    cycles: 'kỳ báo cáo',
    emails: 'thư điện tử',
    kinds: { notice: 'thông báo', reminder: 'nhắc nhở', escalation: 'báo cáo lãnh đạo', receipt: 'xác nhận', consolidation: 'tổng hợp', 'approval-reminder': 'nhắc lãnh đạo duyệt' } as Record<string, string>,
    counts: (c: Record<string, number>) => `${c.submitted ?? 0} đúng hạn, ${c.late ?? 0} muộn, ${c.missing ?? 0} chưa nộp, ${c.excused ?? 0} miễn`,
  },
  en: {
    rebased: (d: string) => `The plan was rebased to ${d} so that every cycle lies ahead.`,
    submissions: 'submissions',
    opened: 'opened, notice sent to',
    units: 'units',
    reminder: (i: number) => `reminder ${i + 1} sent to`,
    escalation: (step: number) => `escalation step ${step}: overdue`,
    consolidated: 'consolidated',
    reasons: { 'all-reported': 'everyone reported', cutoff: 'cut-off' } as Record<string, string>,
    totals: 'Totals',
    cycles: 'cycles',
    emails: 'emails',
    kinds: { notice: 'notices', reminder: 'reminders', escalation: 'escalations', receipt: 'receipts', consolidation: 'consolidation', 'approval-reminder': 'approval reminders' } as Record<string, string>,
    counts: (c: Record<string, number>) => `${c.submitted ?? 0} on time, ${c.late ?? 0} late, ${c.missing ?? 0} missing, ${c.excused ?? 0} excused`,
  },
};

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // The timeline is the output: Temporal's own messages only from warnings up.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const text = await readFile(options.file, 'utf8').catch(() => fail(`Không đọc được tệp ${options.file} / cannot read ${options.file}`));
  const validation = validatePlan(text);
  if (!validation.ok) {
    for (const p of validation.problems) process.stdout.write(`${formatProblem(p, validation.language)}\n`);
    process.exit(1);
  }
  const w = words[options.language];

  // Every email lands here; the Message-ID's first part names its kind.
  const sink = await startCountingSmtpSink();
  const emailsByKind = sink.byKind;

  const server = await startTimeSkippingServer();
  await registerSearchAttributes(server.address);
  const env = await attachTimeSkippingEnv(server.address);
  const stateDir = await mkdtemp(join(tmpdir(), 'kyhan-simulate-'));
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, pool: true });
  const taskQueue = 'kyhan-simulation';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities({ transport, from: 'kyhan <kyhan@example.org>', stateDir, temporal: env.client }),
  });
  const running = worker.run();

  try {
    const plan = validation.plan;
    const today = instantToZoned(new Date(await env.currentTimeMs()), plan.timeZone).date;
    const rebased = rebasePlan(plan, today);
    process.stdout.write(`${w.rebased(today)}\n`);
    await startCampaign(env.client, rebased, { taskQueue });
    const startedAt = Date.parse((await campaignStatus(env.client, rebased.id)).startedAt);
    const cycles = computeSchedule(rebased, { startedAt });
    const random = seededRandom(options.seed);
    const submissions = plannedSubmissions(cycles, options.onTime, random);

    for (const [i, s] of submissions.entries()) {
      const wait = s.at - (await env.currentTimeMs());
      if (wait > 0) await env.sleep(wait);
      await submitReport(env.client, s.cycle.id, { unitId: s.unitId, submittedBy: 'mô phỏng' }).catch(() => undefined);
      progress(i + 1, submissions.length, w.submissions);
    }
    for (const [i, cycle] of cycles.entries()) {
      await env.client.workflow.getHandle(`kyhan-cycle:${cycle.id}`).result().catch(() => undefined);
      progress(i + 1, cycles.length, w.cycles);
    }
    if (process.stderr.isTTY) process.stderr.write('\n');

    const lines: { at: string; text: string }[] = [];
    const totals: Record<string, number> = {};
    for (const cycle of cycles) {
      const status = await cycleStatus(env.client, cycle.id);
      const name = `${cycle.reportType.title} — ${cycle.period.label}`;
      lines.push({ at: cycle.opensAt, text: `${name}: ${w.opened} ${status.units.filter((u) => u.noticeSentAt).length} ${w.units}` });
      cycle.reminders.forEach((r, i) => {
        const n = status.units.filter((u) => u.remindersSent.includes(i)).length;
        if (n) lines.push({ at: r.at, text: `${name}: ${w.reminder(i)} ${n} ${w.units}` });
      });
      for (const e of status.escalationsSent) if (e.overdueUnits) lines.push({ at: e.at, text: `${name}: ${w.escalation(e.step)} ${e.overdueUnits} ${w.units}` });
      if (status.consolidation) {
        const c = status.consolidation;
        lines.push({ at: c.at, text: `${name}: ${w.consolidated} (${w.reasons[c.reason] ?? c.reason}) — ${w.counts(c.counts)}` });
        for (const [k, v] of Object.entries(c.counts)) if (k !== 'total') totals[k] = (totals[k] ?? 0) + v;
      }
    }
    lines.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    for (const line of lines) process.stdout.write(`${formatDateTime(line.at, plan.timeZone, options.language).padEnd(22)} ${line.text}\n`);
    process.stdout.write(`\n${w.totals}: ${cycles.length} ${w.cycles}; ${w.counts(totals)}\n`);
    const emailTotal = Object.values(emailsByKind).reduce((a, b) => a + b, 0);
    const byKind = Object.entries(emailsByKind)
      .sort()
      .map(([k, v]) => `${w.kinds[k] ?? k} ${v}`)
      .join(', ');
    process.stdout.write(`${emailTotal} ${w.emails}: ${byKind}\n`);
  } finally {
    await env.terminateStarted();
    worker.shutdown();
    await running;
    transport.close();
    await env.teardown();
    await server.stop();
    await sink.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`kyhan plan simulate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
