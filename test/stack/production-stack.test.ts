/**
 * The production topology as `npm run stack` starts it (scripts/lib/stack/: PostgreSQL, the full
 * Temporal server on it, the Web UI, two worker processes and the web app, each with a state
 * directory of its own), carrying a 500-unit cycle in real time while it is hurt: one worker is
 * SIGKILLed while the reminders leave, and the Temporal server is restarted while units submit.
 *
 * Then: every email the spec and the submissions call for reached the SMTP server exactly once
 * (counted by Message-ID); the cycle consolidated; a leader signed in to the web app by the link
 * it mailed, approved the report there, and the report went up by mail; the consolidated report
 * (Markdown, HTML, DOCX) and a document a unit submitted through the CLI (`bin/kyhan.mjs`, its
 * own state directory) download from the web app over HTTP, byte for byte; the CLI lists and
 * shows the cycle. Nothing is shared through a directory: the workers, the web app and the CLI
 * each have their own, so documents can only travel through PostgreSQL.
 *
 * Random choices (which units submit, and when) come from a seeded PRNG; the seed is printed, and
 * `KYHAN_STACK_SEED=<seed>` replays them. `KYHAN_KEEP_STACK=1` keeps the state directory (logs,
 * mail, the cluster) even when the test passes; it is always kept when it fails.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdFor, senderDomain } from '../../activities/email/message-id';
import type { EmailKind } from '../../activities/email/types';
import { cycleStatus, startCycle, submitReport } from '../../client/cycles';
import { seededRandom } from '../../scripts/lib/prng';
import type { CaughtMessage } from '../../scripts/lib/mail-catcher';
import { startStack, type RunningStack } from '../../scripts/lib/stack';
import { findNode } from '../../scripts/lib/stack-binaries';
import { consolidationRecipients } from '../../workflows/cycle-mail';
import { cycleProgressQuery, shardCountFor } from '../../workflows/messages';
import { cycleSpec, deputyHead, divisionHead, unit } from '../helpers/cycle-harness';
import { ROOT } from '../helpers/kyhan-cli';
import { samplePdf } from '../helpers/sample-files';
import { arrivedAt, compareMail, countByMessageId, headersOf, signInLinkIn } from './caught-mail';
import { signIn, type WebSession } from './web-session';

const SECOND = 1_000;
const UNITS = 500;
/** The share of units that submit; the others stay overdue and are escalated. */
const SUBMITTING_SHARE = 2 / 3;
/** The plan the web app loads (test/stack/plans/stack.yaml): it gives the leader below access. */
const PLAN_ID = 'stack-test';
const PLANS_DIR = 'test/stack/plans';
/** The cycle's first leader (cycle-harness `boardHead`), a leader in the plan: signs in and approves. */
const LEADER = 'truong-ban@example.org';
const MAIL_FROM = 'kyhan@example.org';

// The cycle, in real seconds from the moment it is built. Every reminder ("before") leaves before
// any unit submits, so all 500 are owed; submissions end a minute before the cut-off, leaving
// room for retries across the Temporal restart.
const OPENS_IN = 15 * SECOND;
const DUE_IN = 105 * SECOND;
const REMINDER_BEFORE_DUE = 60 * SECOND;
const ESCALATIONS_AFTER_DUE = [45 * SECOND, 70 * SECOND];
const CUTOFF_AFTER_DUE = 100 * SECOND;
const SUBMISSIONS_OVER = 40 * SECOND;
/** The worker is killed once this many reminders have arrived: in the middle of sending them. */
const KILL_AFTER_REMINDERS = 100;
/** The killed worker stays down this long (the other carries the cycle alone), then starts again. */
const WORKER_DOWN_FOR = 10 * SECOND;
/** A submission waits this long for the Update's answer, then tries again. */
const SUBMIT_ATTEMPT_TIMEOUT = 20 * SECOND;
const SUBMISSIONS_IN_FLIGHT = 8;
/** How long before the kill a duplicate's first copy may have arrived to count as SMTP's own window (see worker-kills.test.ts). */
const SMTP_WINDOW_MS = 1_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const seconds = (ms: number) => `${(ms / SECOND).toFixed(1)} s`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The CLI's answer that is not "Temporal unreachable": a refusal or a failure, not tried again. */
class RefusedError extends Error {
  override name = 'RefusedError';
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the production stack: PostgreSQL, Temporal 1.32, two workers, the web app', () => {
  const seed = Number(process.env.KYHAN_STACK_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const random = seededRandom(seed);
  const began = Date.now();
  let dir: string;
  let stack: RunningStack | undefined;
  let connection: Connection | undefined;
  let client: Client;
  let keep = Boolean(process.env.KYHAN_KEEP_STACK);
  const mail: CaughtMessage[] = [];
  /** Units whose reminder has reached the catcher (from the `.eml` file names). */
  const reminderSeenFor = new Set<string>();

  /** The kyhan CLI as an operator runs it against the stack: its own state directory, the stack's Temporal and database. */
  function kyhan(args: string[]): Promise<CliRun> {
    return new Promise((done) => {
      // Whatever the developer's shell points at (TLS, API keys, another state directory), this CLI runs against the stack.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TEMPORAL_|KYHAN_)/.test(name) || name === 'KYHAN_CACHE_DIR'));
      Object.assign(env, {
        TEMPORAL_ADDRESS: stack!.temporalAddress,
        TEMPORAL_NAMESPACE: stack!.namespace,
        KYHAN_DATABASE_URL: stack!.databaseUrl,
        KYHAN_VAR_DIR: join(dir, 'cli'),
      });
      execFile(process.execPath, [join(ROOT, 'bin/kyhan.mjs'), '--lang', 'en', ...args], { cwd: dir, env, timeout: 120_000 }, (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
  }

  /** The sign-in link the web app mailed to `email` after `since`. */
  async function signInLink(email: string, since: number): Promise<string> {
    const deadline = Date.now() + 60 * SECOND;
    for (;;) {
      for (const m of mail.filter((m) => m.to.includes(email) && arrivedAt(basename(m.file)) >= since - SECOND)) {
        if ((await headersOf(m.file)).kind === 'sign-in') return signInLinkIn(m.file);
      }
      if (Date.now() > deadline) throw new Error(`No sign-in mail reached ${email} within a minute (${mail.length} messages caught)`);
      await sleep(250);
    }
  }

  beforeAll(async () => {
    console.log(`stack: seed ${seed} (KYHAN_STACK_SEED=${seed} replays these choices)`);
    dir = await mkdtemp(join(tmpdir(), 'kyhan-stack-test-'));
    // PostgreSQL runs as its own user when we are root: it must be able to enter this directory.
    await chmod(dir, 0o755);
    await mkdir(join(dir, 'cli'));
    const startedAt = Date.now();
    keep = true; // Its logs explain a start that fails.
    stack = await startStack({
      stateDir: join(dir, 'stack'),
      workers: 2,
      plansDir: join(ROOT, PLANS_DIR),
      log: 'file',
      env: { KYHAN_MAIL_FROM: MAIL_FROM, KYHAN_SHUTDOWN_GRACE_SECONDS: '5', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      onMail: (message) => {
        mail.push(message);
        const reminder = /_reminder\.0\.([^.]+)\.[0-9a-f]{16}@/.exec(message.file);
        if (reminder) reminderSeenFor.add(reminder[1]!);
      },
    });
    console.log(`stack: started in ${seconds(Date.now() - startedAt)}: Temporal ${stack.temporalAddress}, web app ${stack.webUrl}, ${stack.numHistoryShards} history shards${stack.warnings.length ? `; warnings: ${stack.warnings.join('; ')}` : ''}`);
    connection = await Connection.connect({ address: stack.temporalAddress });
    client = new Client({ connection, namespace: stack.namespace });
    keep = Boolean(process.env.KYHAN_KEEP_STACK);
  });

  afterAll(async () => {
    await connection?.close();
    await stack?.stop();
    const left = stack?.processes().filter((p) => isAlive(p.pid)) ?? [];
    if (keep || left.length > 0) console.log(`stack: kept ${dir} (stack/logs/, stack/mail/, cli/)${left.length ? `; processes still running: ${left.map((p) => `${p.name} ${p.pid}`).join(', ')}` : ''}`);
    else if (dir) await rm(dir, { recursive: true, force: true });
    expect(left).toEqual([]);
  });

  it(`carries a ${UNITS}-unit cycle through a worker SIGKILL and a Temporal restart: every email exactly once, approved in the web app, documents downloadable, the CLI sees it`, async () => {
    keep = true; // Until every assertion passed.
    const running = stack!;
    const mailDir = running.smtp.mailDir!;

    // --- The workers and the web app run on the cached Node 24, not on this process's Node ------
    // (the stack falls back to this Node with only a warning when Node 24 is missing).
    const node24 = await realpath(findNode(24));
    const runtimeOf = async (name: string, pid: number) => `${name}: ${await readlink(`/proc/${pid}/exe`)}`;
    const runtimes = await Promise.all([...running.workers.map((w) => runtimeOf(w.name, w.pid)), runtimeOf('web', running.web.pid)]);
    expect(runtimes).toEqual([...running.workers.map((w) => `${w.name}: ${node24}`), `web: ${node24}`]);

    // --- A leader signs in before the faults: the session lives in PostgreSQL ---------------
    const leader: WebSession = await signIn({ webUrl: running.webUrl, email: LEADER, linkFromMail: signInLink });

    // --- The cycle ------------------------------------------------------------------------------
    const units = Array.from({ length: UNITS }, (_, i) => unit(`u${String(i + 1).padStart(4, '0')}`));
    const t0 = Date.now();
    const due = DUE_IN;
    const timed = cycleSpec('stack', t0, units, {
      opensIn: OPENS_IN,
      dueIn: DUE_IN,
      reminders: [{ offset: -REMINDER_BEFORE_DUE, relation: 'before' }],
      escalations: [
        { offset: ESCALATIONS_AFTER_DUE[0]!, recipients: [divisionHead], roleLabel: 'Trưởng phòng Đoàn thể' },
        { offset: ESCALATIONS_AFTER_DUE[1]!, recipients: [deputyHead], roleLabel: 'Phó Trưởng ban' },
      ],
      cutoffAfterDue: CUTOFF_AFTER_DUE,
    });
    const upperLevel = { name: 'Ban Thường vụ Tỉnh ủy', email: 'btv@example.org' };
    const spec = {
      ...timed,
      id: `${PLAN_ID}/${timed.reportType.id}/${timed.period.id}`,
      planId: PLAN_ID,
      consolidation: { ...timed.consolidation, upperLevels: [upperLevel] },
    };
    const handle = await startCycle(client, spec);
    const run = (await handle.describe()).runId;
    console.log(`stack: cycle ${spec.id} (${shardCountFor(UNITS)} shards) started in ${seconds(Date.now() - t0)}`);

    // --- Fault 1: a worker SIGKILLed while the reminders leave --------------------------------
    const victim = running.workers[0]!;
    const kill: { at?: number; pid?: number; remindersBefore?: number; backAfterMs?: number } = {};
    async function killWhileRemindersLeave(): Promise<void> {
      while (reminderSeenFor.size < KILL_AFTER_REMINDERS && Date.now() < t0 + due) await sleep(100);
      kill.remindersBefore = reminderSeenFor.size;
      kill.pid = victim.pid;
      kill.at = Date.now();
      await victim.kill('SIGKILL');
      await sleep(WORKER_DOWN_FOR);
      await victim.restart();
      kill.backAfterMs = Date.now() - kill.at;
    }

    // --- Who submits, and when ----------------------------------------------------------------
    // Chosen at the due moment among the units whose reminder has arrived: a reminder still in
    // flight on the killed worker when its unit submits would rightly be dropped, and then the
    // count could not say whether it was lost. So every unit's reminder is owed.
    const submitting: string[] = [];
    const schedule: { unitId: string; at: number }[] = [];
    const chosen = (async () => {
      await sleep(t0 + due - Date.now());
      const want = Math.round(UNITS * SUBMITTING_SHARE);
      while (reminderSeenFor.size < want && Date.now() < t0 + due + 60 * SECOND) await sleep(250);
      const seen = units.map((u) => u.id).filter((id) => reminderSeenFor.has(id));
      for (let i = seen.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [seen[i], seen[j]] = [seen[j]!, seen[i]!];
      }
      submitting.push(...seen.slice(0, want));
      const from = Date.now();
      schedule.push(...submitting.map((unitId) => ({ unitId, at: from + random() * SUBMISSIONS_OVER })).sort((a, b) => a.at - b.at));
    })();

    // --- Fault 2: the Temporal server restarted while units submit -----------------------------
    const receipts = new Map<string, { retries: number; appliedEarlier: boolean }>();
    const temporalRestart: { at?: number; tookMs?: number; receiptsBefore?: number } = {};
    async function restartTemporalWhileSubmitting(): Promise<void> {
      await chosen;
      while (receipts.size < submitting.length / 3 && Date.now() < t0 + due + CUTOFF_AFTER_DUE) await sleep(100);
      temporalRestart.receiptsBefore = receipts.size;
      temporalRestart.at = Date.now();
      await running.restartTemporal();
      temporalRestart.tookMs = Date.now() - temporalRestart.at;
    }

    // One unit submits a file through the CLI, as an operator records a report received by email.
    const pdf = samplePdf('Bao cao qua CLI');
    const pdfFile = join(dir, 'bao-cao-u-cli.pdf');
    await writeFile(pdfFile, pdf);
    let cliUnit: string | undefined;
    let cliReceipt: { document?: { sha256?: string } } | undefined;
    let retries = 0;
    async function submit(unitId: string): Promise<void> {
      const giveUpAt = t0 + due + CUTOFF_AFTER_DUE;
      for (let attempt = 1; ; attempt++) {
        try {
          if (unitId === cliUnit) {
            const today = new Date().toISOString().slice(0, 10);
            const cli = await kyhan(['submit', spec.id, unitId, '--file', pdfFile, '--number', '45-BC/CLI', '--date', today, '--by', 'Văn thư', '--json']);
            // 3: Temporal unreachable (restarting) — try again; anything else is an answer.
            if (cli.code === 3) throw new Error(`kyhan submit: Temporal unreachable: ${cli.stderr.trim()}`);
            if (cli.code !== 0) throw new RefusedError(`kyhan submit ${unitId} exited ${cli.code}: ${cli.stderr.trim()}`);
            const parsed = JSON.parse(cli.stdout) as { receipt: { duplicate: boolean }; document?: { sha256?: string } };
            cliReceipt = parsed;
            receipts.set(unitId, { retries: attempt - 1, appliedEarlier: parsed.receipt.duplicate });
            return;
          }
          const receipt = await connection!.withDeadline(Date.now() + SUBMIT_ATTEMPT_TIMEOUT, () => submitReport(client, spec.id, { unitId, submittedBy: `Văn phòng ${unitId}` }));
          receipts.set(unitId, { retries: attempt - 1, appliedEarlier: receipt.duplicate });
          return;
        } catch (err) {
          // A refusal is an answer (and a failure of this test); anything else (Temporal away,
          // no worker to take the Update in time) is tried again.
          if (err instanceof WorkflowUpdateFailedError || err instanceof RefusedError || Date.now() > giveUpAt) throw new Error(`Submission of ${unitId} failed on attempt ${attempt}: ${String(err)}`, { cause: err });
          retries++;
          await sleep(SECOND);
        }
      }
    }
    let next = 0;
    async function submitLane(): Promise<void> {
      await chosen;
      cliUnit ??= submitting[0];
      while (next < schedule.length) {
        const s = schedule[next++]!;
        await sleep(s.at - Date.now());
        await submit(s.unitId);
      }
    }

    // --- The leader approves in the web app as soon as the report awaits approval --------------
    const approval: { at?: number; attempts: number; answers: number[] } = { attempts: 0, answers: [] };
    async function approveInTheWebApp(): Promise<void> {
      const giveUpAt = t0 + due + CUTOFF_AFTER_DUE + 5 * 60 * SECOND;
      for (;;) {
        if (Date.now() > giveUpAt) throw new Error(`The report did not reach approval in time (answers from the web app: ${approval.answers.join(', ') || 'none'})`);
        const progress = await connection!.withDeadline(Date.now() + SUBMIT_ATTEMPT_TIMEOUT, () => handle.query(cycleProgressQuery)).catch(() => undefined);
        if (progress?.approval?.state === 'approved' || progress?.approval?.state === 'sent') return;
        if (progress?.approval) {
          approval.attempts++;
          const answer = await leader.post(`/cycles/${encodeURIComponent(spec.id)}/approval/approve`, { comment: 'Đồng ý gửi lên.' });
          approval.answers.push(answer.status);
          if (answer.status === 303) {
            approval.at = Date.now();
            return;
          }
        }
        await sleep(SECOND);
      }
    }

    await Promise.all([killWhileRemindersLeave(), restartTemporalWhileSubmitting(), ...Array.from({ length: SUBMISSIONS_IN_FLIGHT }, submitLane), approveInTheWebApp()]);
    const faultsDone = Date.now() - t0;
    const outcome = await handle.result();
    const cycleDone = Date.now() - t0;
    // A send retried after the cycle ended would be a duplicate too: give it a moment to show.
    await sleep(5 * SECOND);
    const status = await cycleStatus(client, spec.id);

    // --- The web app: the cycle's page and its documents, over HTTP ----------------------------
    const cyclePath = `/cycles/${encodeURIComponent(spec.id)}`;
    const page = await leader.get(cyclePath);
    const downloads: Record<string, { status: number; bytes: number; disposition: string }> = {};
    const reportBody: Record<string, Buffer> = {};
    for (const format of ['md', 'html', 'docx'] as const) {
      const answer = await leader.get(`${cyclePath}/report.${format}`);
      downloads[`report.${format}`] = { status: answer.status, bytes: answer.body.length, disposition: answer.headers.get('content-disposition') ?? '' };
      reportBody[format] = answer.body;
    }
    const documentPath = `${cyclePath}/units/${encodeURIComponent(cliUnit!)}/documents/0`;
    const submitted = await leader.get(documentPath);
    downloads[`${cliUnit} document`] = { status: submitted.status, bytes: submitted.body.length, disposition: submitted.headers.get('content-disposition') ?? '' };

    // --- The Temporal Web UI: its page, and the cycle through its API (as its pages read it) ----
    const uiPage = await fetch(running.uiUrl);
    const uiList = await fetch(`${running.uiUrl}/api/v1/namespaces/${encodeURIComponent(running.namespace)}/workflows?query=${encodeURIComponent(`WorkflowId = '${handle.workflowId}'`)}`);
    const uiListed = await uiList.text();

    // --- The CLI: lists and shows the cycle -----------------------------------------------------
    let listed: { cycles: { cycleId: string; status: string }[] } = { cycles: [] };
    const listDeadline = Date.now() + 30 * SECOND;
    // Visibility follows the workflow's search attributes a moment later.
    for (;;) {
      const list = await kyhan(['cycle', 'list', '--plan', PLAN_ID, '--json']);
      expect(list.code, list.stderr).toBe(0);
      listed = JSON.parse(list.stdout) as typeof listed;
      if (listed.cycles.some((c) => c.cycleId === spec.id && c.status === 'consolidated') || Date.now() > listDeadline) break;
      await sleep(2 * SECOND);
    }
    const shown = await kyhan(['cycle', 'status', spec.id, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const shownStatus = JSON.parse(shown.stdout) as {
      phase: string;
      approval?: { state: string };
      units: { unitId: string; submission?: { document?: { sha256?: string; file?: boolean } } }[];
    };

    // --- What was expected, what arrived ---------------------------------------------------------
    const domain = senderDomain(MAIL_FROM);
    const id = (kind: EmailKind, recipientKey: string, step?: number) => messageIdFor({ cycleId: spec.id, run, recipientKey, kind, step }, domain);
    const expected = new Map<string, string>();
    for (const u of units) expected.set(id('notice', u.id), 'notice');
    for (const u of units) expected.set(id('reminder', u.id, 0), 'reminder');
    for (const unitId of receipts.keys()) expected.set(id('receipt', unitId, 0), 'receipt');
    for (const step of spec.escalations) for (const r of step.recipients) expected.set(id('escalation', r.key, step.step), 'escalation');
    for (const r of consolidationRecipients(spec)) expected.set(id('consolidation', r.key), 'consolidation');
    expected.set(id('upward-report', 'upper-level-1'), 'upward-report');

    const all = await countByMessageId(mailDir);
    // The web app's sign-in letters have no Message-ID of kyhan's: counted apart.
    const signIns = [...all.values()].filter((e) => e.kind === 'sign-in');
    const counted = new Map([...all].filter(([, e]) => e.kind !== 'sign-in'));
    const compared = compareMail(expected, counted, ['notice', 'reminder', 'receipt', 'escalation', 'consolidation', 'upward-report']);
    // SMTP's own window: a worker killed between the server's "250 OK" and recording the send
    // cannot know it was delivered, and the retry sends it again (README, "The one duplicate
    // window left"). Any other duplicate is a bug.
    const unexplained = compared.duplicates.filter(([, e]) => !(kill.at !== undefined && arrivedAt(e.files[0]!) <= kill.at && kill.at - arrivedAt(e.files[0]!) <= SMTP_WINDOW_MS));

    const wall = Date.now() - began;
    console.log(
      [
        `stack: a ${UNITS.toLocaleString('en')}-unit cycle on PostgreSQL + Temporal ${running.temporalAddress}, 2 workers (seed ${seed})`,
        ...compared.lines,
        `  sign-in letters ${signIns.length} (one sign-in)`,
        `  duplicates in SMTP's window at the kill ${compared.duplicates.length - unexplained.length}; any other duplicates ${unexplained.length}`,
        `  worker ${victim.name} (pid ${kill.pid}) SIGKILLed at +${seconds((kill.at ?? t0) - t0)} after ${kill.remindersBefore} of ${UNITS} reminders arrived; back and polling after ${seconds(kill.backAfterMs ?? NaN)}`,
        `  Temporal restarted at +${seconds((temporalRestart.at ?? t0) - t0)} after ${temporalRestart.receiptsBefore} of ${submitting.length} receipts; answering again after ${seconds(temporalRestart.tookMs ?? NaN)}`,
        `  submissions ${receipts.size} of ${submitting.length} (${cliUnit} through the CLI with a file), ${retries} attempts retried, ${[...receipts.values()].filter((r) => r.appliedEarlier).length} applied by an attempt whose answer was lost`,
        `  approved in the web app by ${LEADER} at +${seconds((approval.at ?? t0) - t0)} (${approval.attempts} attempts, answers ${approval.answers.join(', ')})`,
        `  downloads: ${Object.entries(downloads).map(([name, d]) => `${name} ${d.status} (${d.bytes} bytes)`).join(', ')}`,
        `  Web UI ${running.uiUrl}: page ${uiPage.status}, the cycle through its API ${uiList.status}${uiListed.includes(handle.workflowId) ? '' : ' (not listed)'}`,
        `  CLI: cycle list shows ${listed.cycles.find((c) => c.cycleId === spec.id)?.status ?? 'nothing'}; cycle status shows ${shownStatus.phase}, approval ${shownStatus.approval?.state}`,
        `  faults and submissions done at +${seconds(faultsDone)}, cycle ${outcome.phase} at +${seconds(cycleDone)} (cut-off at +${seconds(due + CUTOFF_AFTER_DUE)})`,
        `  wall time ${seconds(wall)} (stack start, cycle, checks)`,
      ].join('\n'),
    );
    if (compared.duplicates.length) console.log(`  duplicated Message-IDs:\n${compared.duplicates.map(([m, e]) => `    ${m}: ${e.files.join(', ')}`).join('\n')}`);
    if (compared.missing.length) console.log(`  missing Message-IDs (${compared.missing.length}): ${compared.missing.slice(0, 20).join(', ')}`);
    if (compared.unexpected.length) console.log(`  unexpected Message-IDs (${compared.unexpected.length}): ${compared.unexpected.slice(0, 20).join(', ')}`);

    // The faults happened where they were meant to.
    expect(kill.remindersBefore).toBeLessThan(UNITS);
    expect(kill.backAfterMs).toBeDefined();
    expect(temporalRestart.receiptsBefore).toBeLessThan(submitting.length);
    expect(temporalRestart.tookMs).toBeDefined();
    // Every email exactly once.
    expect(receipts.size).toBe(submitting.length);
    expect(unexplained.map(([m]) => m)).toEqual([]);
    expect(compared.missing).toEqual([]);
    expect(compared.unexpected).toEqual([]);
    expect(signIns.map((e) => e.files.length)).toEqual([1]);
    // Consolidated, approved in the web app, sent up.
    expect(outcome.phase).toBe('consolidated');
    expect(status.phase).toBe('consolidated');
    expect(status.consolidation?.reason).toBe('cutoff');
    expect(status.counts).toEqual({ pending: 0, overdue: UNITS - submitting.length, submitted: submitting.length, excused: 0 });
    expect(status.approval?.state).toBe('sent');
    expect(approval.at).toBeDefined();
    expect(outcome.escalationsSent.map((e) => [e.step, e.overdueUnits > 0, e.failed])).toEqual([
      [1, true, undefined],
      [2, true, undefined],
    ]);
    // The web app serves what the workers wrote and what the CLI stored, none of them sharing a directory.
    expect(page.status).toBe(200);
    expect(page.text()).toContain(spec.period.label);
    for (const format of ['md', 'html', 'docx'] as const) expect(downloads[`report.${format}`]!.status, `report.${format}`).toBe(200);
    expect(reportBody.md!.toString('utf8')).toContain(spec.period.label);
    expect(reportBody.html!.toString('utf8')).toMatch(/<html/i);
    expect(reportBody.html!.toString('utf8')).toContain(spec.period.label);
    expect(reportBody.docx!.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(submitted.status).toBe(200);
    expect(sha256(submitted.body)).toBe(sha256(pdf));
    expect(cliReceipt?.document?.sha256).toBe(sha256(pdf));
    // The Temporal Web UI shows the cycle.
    expect(uiPage.status).toBe(200);
    expect(uiList.status, uiListed.slice(0, 300)).toBe(200);
    expect(uiListed).toContain(handle.workflowId);
    // The CLI sees the cycle as it ended.
    expect(listed.cycles.find((c) => c.cycleId === spec.id)?.status).toBe('consolidated');
    expect(shownStatus.phase).toBe('consolidated');
    expect(shownStatus.approval?.state).toBe('sent');
    expect(shownStatus.units.find((u) => u.unitId === cliUnit)?.submission?.document).toMatchObject({ sha256: sha256(pdf), file: true });
    keep = Boolean(process.env.KYHAN_KEEP_STACK);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
