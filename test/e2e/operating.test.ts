/**
 * kyhan operated as a user would: the real worker process (`workers/main.ts`), the `kyhan` CLI
 * typed as commands, the mail catcher of `npm start` writing `.eml` files, against the run's
 * dev server. The worker is killed with SIGKILL in the middle of a cycle and started again:
 * every expected email still arrives exactly once.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startMailCatcher, type RunningMailCatcher } from '../../scripts/lib/mail-catcher';
import type { CycleStatus } from '../../workflows/messages';
import { runKyhan } from '../helpers/kyhan-cli';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

interface Mail {
  kind: string;
  /** The cycle the message belongs to (its `X-Kyhan-Cycle` header). */
  cycle: string;
  to: string;
  cc: string;
  subject: string;
}

describe('operating kyhan: worker process, CLI and mail catcher', () => {
  const address = inject('devServerAddress');
  const taskQueue = `operating-${crypto.randomUUID()}`;
  const suffix = crypto.randomUUID().slice(0, 8);
  const cycleId = `demo/bao-cao-nhanh/e2e-${suffix}`;
  const cancelledId = `demo/bao-cao-nhanh/e2e-cancel-${suffix}`;
  let dir: string;
  let catcher: RunningMailCatcher;
  let worker: WorkerProcess | undefined;

  const env = () => ({ TEMPORAL_ADDRESS: address, KYHAN_TASK_QUEUE: taskQueue, KYHAN_VAR_DIR: join(dir, 'var'), KYHAN_SMTP_PORT: String(catcher.port), LOG_LEVEL: 'warn' });
  const kyhan = (...args: string[]) => runKyhan(args, env());

  const startWorker = () => startWorkerProcess({ env: env() });

  async function stopWorker(signal: NodeJS.Signals): Promise<void> {
    const child = worker;
    worker = undefined;
    await child?.stop(signal);
  }

  /** Every `.eml` the catcher wrote, by the kind in its Message-ID. */
  async function mails(): Promise<Mail[]> {
    const files = await readdir(catcher.dir);
    return await Promise.all(
      files
        .filter((f) => f.endsWith('.eml'))
        .map(async (f) => {
          const raw = await readFile(join(catcher.dir, f), 'utf8');
          const header = (name: string) => new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw)?.[1]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
          const id = /^<([a-z-]+)\.\d+\.[^.]+\.[0-9a-f]{16}@/.exec(header('Message-ID'));
          return { kind: id?.[1] ?? '', cycle: header('X-Kyhan-Cycle'), to: header('To'), cc: header('Cc'), subject: header('Subject') };
        }),
    );
  }
  /** The address in a header such as `=?UTF-8?Q?…?= <lanh-dao@example.org>`. */
  const addressOf = (header: string) => /<([^>]+)>/.exec(header)?.[1] ?? header.trim();
  const count = (all: Mail[], kind: string, address: string) => all.filter((m) => m.kind === kind && m.to.includes(address)).length;

  async function status(id: string): Promise<CycleStatus> {
    const run = await kyhan('cycle', 'status', id, '--json');
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as CycleStatus;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 2 * SECOND));
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyhan-operating-'));
    catcher = await startMailCatcher({ dir: join(dir, 'var', 'mail'), port: 0 });
    worker = startWorker();
  });

  afterAll(async () => {
    await stopWorker('SIGTERM');
    await catcher?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a demo cycle through a worker crash: every notice, reminder, escalation and consolidation arrives exactly once', { timeout: 12 * MINUTE }, async () => {
    // Due in two minutes: the demo's policy opens it at once, reminds a minute before and 30 s
    // after the due moment, escalates 1 and 2 minutes after, and cuts off 3 minutes after.
    const due = new Date(Date.now() + 2 * MINUTE).toISOString();
    const started = await kyhan('cycle', 'start', 'plans/demo.yaml', '--report', 'bao-cao-nhanh', '--period', `e2e-${suffix}`, '--due', due);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain(cycleId);

    await until('the notices', async () => ((await mails()).filter((m) => m.kind === 'notice').length >= 3 ? true : undefined), 2 * MINUTE);
    const submitted = await kyhan('submit', cycleId, 'mat-tran', '--by', 'Văn phòng Mặt trận', '--note', 'Báo cáo đúng hạn');
    expect(submitted.code, submitted.stderr).toBe(0);

    // Crash the worker before the first reminder, and bring it back. Not while the receipt is in
    // flight: an SMTP server that has taken a message but not yet said OK when its sender dies gets
    // it again on the retry (same Message-ID, so a mailbox can drop it) — the one window the sent
    // ledger cannot close, and not what this test is about.
    await until('the receipt', async () => ((await mails()).some((m) => m.kind === 'receipt') ? true : undefined), MINUTE);
    await new Promise((r) => setTimeout(r, 3 * SECOND));
    await stopWorker('SIGKILL');
    await new Promise((r) => setTimeout(r, 20 * SECOND));
    worker = startWorker();

    // The other cycle: started, then cancelled with a reason.
    expect((await kyhan('cycle', 'start', 'plans/demo.yaml', '--report', 'bao-cao-nhanh', '--period', `e2e-cancel-${suffix}`, '--due', due)).code).toBe(0);
    const cancelled = await kyhan('cycle', 'cancel', cancelledId, '--reason', 'Mở nhầm kỳ báo cáo');
    expect(cancelled.code, cancelled.stderr).toBe(0);

    const final = await until('the consolidation', async () => {
      const s = await status(cycleId);
      return s.phase === 'consolidated' ? s : undefined;
    }, 8 * MINUTE);
    // Let any duplicate that a replay would send arrive before counting.
    await new Promise((r) => setTimeout(r, 10 * SECOND));
    const everything = await mails();
    const all = everything.filter((m) => m.cycle === cycleId);
    const ofCancelled = everything.filter((m) => m.cycle === cancelledId);

    for (const unit of ['mat-tran', 'hoi-nong-dan', 'doan-thanh-nien']) {
      expect(count(all, 'notice', `${unit}@example.org`)).toBe(1);
      expect(count(ofCancelled, 'cancellation', `${unit}@example.org`)).toBe(1);
    }
    expect(count(all, 'receipt', 'mat-tran@example.org')).toBe(1);
    for (const late of ['hoi-nong-dan', 'doan-thanh-nien']) expect(count(all, 'reminder', `${late}@example.org`)).toBe(2);
    expect(count(all, 'reminder', 'mat-tran@example.org')).toBe(0);
    const digests = all.filter((m) => m.kind === 'escalation');
    expect(digests.map((m) => addressOf(m.to)).sort()).toEqual(['lanh-dao@example.org', 'truong-phong@example.org']);
    // A digest is an internal note to a leader: copied to nobody.
    for (const d of digests) expect(d.cc).toBe('');
    expect(all.filter((m) => m.kind === 'consolidation').map((m) => addressOf(m.to)).sort()).toEqual(['lanh-dao@example.org', 'tong-hop@example.org']);
    expect(all.filter((m) => m.kind === 'cancellation')).toHaveLength(0);

    expect(final.counts).toEqual({ pending: 0, overdue: 2, submitted: 1, excused: 0 });
    expect(final.consolidation?.reason).toBe('cutoff');

    const listed = await until('the list to agree', async () => {
      const run = await kyhan('cycle', 'list', '--plan', 'demo', '--json');
      const cycles = (JSON.parse(run.stdout) as { cycles: { cycleId: string; status: string }[] }).cycles;
      const mine = cycles.filter((c) => c.cycleId === cycleId || c.cycleId === cancelledId);
      return mine.length === 2 && mine.every((c) => c.status === (c.cycleId === cycleId ? 'consolidated' : 'cancelled')) ? mine : undefined;
    }, MINUTE);
    expect(listed).toHaveLength(2);
  });
});
