/**
 * The cycle commands of `kyhan` as a user types them (`npx tsx cli/cli.ts …`), against the
 * run's dev server, with a worker in this process running the real workflows and activities
 * and a real SMTP server receiving the mail.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { WORKFLOWS_PATH } from '../../workers/worker';
import { shardOf, type CycleStatus } from '../../workflows/messages';
import { validatePlan } from '../../domain/plan/validate';
import { startCycle } from '../../client/cycles';
import { computeCycle, toCycleSpec } from '../../cli/commands/cycle-start';
import { startSmtpServer, type RunningSmtpServer } from '../helpers/smtp-server';
import { fileDocumentStore } from '../../storage/document-store-files';
import { submissionKey } from '../../storage/submission-store';
import { cycleDirName } from '../../activities/documents/paths';

const ROOT = resolve(import.meta.dirname, '../..');
const MINUTE = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** stderr without npm's own notices (npx may print warnings about the user's npm config). */
const ownLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));

describe('kyhan cycle commands against a dev server', () => {
  const address = inject('devServerAddress');
  const taskQueue = `cli-cycles-${crypto.randomUUID()}`;
  const period = `cli-${crypto.randomUUID().slice(0, 8)}`;
  const cycleId = `demo/bao-cao-nhanh/${period}`;
  let dir: string;
  let varDir: string;
  let smtp: RunningSmtpServer;
  let transport: nodemailer.Transporter;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let worker: Worker;
  let running: Promise<void>;

  function kyhan(args: string[], options: { address?: string } = {}): Promise<Run> {
    return new Promise((resolvePromise) => {
      execFile(
        'npx',
        ['tsx', 'cli/cli.ts', ...args, '--address', options.address ?? address, '--task-queue', taskQueue],
        { cwd: ROOT, env: { ...process.env, KYHAN_VAR_DIR: varDir }, timeout: 120_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolvePromise({ code, stdout, stderr });
        },
      );
    });
  }

  async function status(id = cycleId): Promise<CycleStatus> {
    const run = await kyhan(['cycle', 'status', id, '--json']);
    expect(run.code, run.stderr).toBe(0);
    // For scripts too: a stored file is named by its hash, never by where it is.
    expect(run.stdout).not.toContain('file:');
    expect(run.stdout).not.toContain(varDir);
    return JSON.parse(run.stdout) as CycleStatus;
  }

  /** The first message received that `accept` holds for (mail is sent by an activity, a moment after the Update). */
  async function mailUntil(accept: (m: RunningSmtpServer['messages'][number]) => boolean): Promise<RunningSmtpServer['messages'][number]> {
    for (let attempt = 0; attempt < 120 && !smtp.messages.some(accept); attempt++) await new Promise((r) => setTimeout(r, 500));
    const found = smtp.messages.find(accept);
    expect(found, 'the message never arrived').toBeDefined();
    return found!;
  }

  /** Visibility is eventually consistent: ask again for a while until `accept` holds. */
  async function listUntil(args: string[], accept: (cycles: { cycleId: string; status: string }[]) => boolean) {
    let cycles: { cycleId: string; status: string }[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      const run = await kyhan(['cycle', 'list', '--json', ...args]);
      expect(run.code, run.stderr).toBe(0);
      cycles = (JSON.parse(run.stdout) as { cycles: typeof cycles }).cycles;
      if (accept(cycles)) return cycles;
      await new Promise((r) => setTimeout(r, 500));
    }
    return cycles;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyhan-cli-'));
    varDir = join(dir, 'var');
    smtp = await startSmtpServer();
    transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    nativeConnection = await NativeConnection.connect({ address });
    connection = await Connection.connect({ address });
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      activities: createActivities({ transport, from: 'Ban Dân vận (demo) <kyhan@example.org>', stateDir: varDir, temporal: new Client({ connection }) }),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    transport?.close();
    await smtp?.close();
    await connection?.close();
    await nativeConnection?.close();
    await rm(dir, { recursive: true, force: true });
  });

  // About 25 runs of the CLI, each a new Node process: minutes on a loaded machine.
  it('starts an ad-hoc cycle, records a submission with its file, an extension and an excuse with who decided, refuses a past extension and an unknown unit, lists and cancels it', { timeout: 10 * MINUTE }, async () => {
    const due = new Date(Date.now() + 10 * MINUTE);
    const dueIso = due.toISOString().replace(/\.\d{3}Z$/, 'Z');

    const started = await kyhan(['cycle', 'start', 'plans/demo.yaml', '--report', 'bao-cao-nhanh', '--period', period, '--due', dueIso, '--json']);
    expect(started.code, started.stderr).toBe(0);
    const startJson = JSON.parse(started.stdout) as { cycleId: string; workflowId: string; alreadyRunning: boolean; units: string[]; dueAt: string };
    expect(startJson).toMatchObject({ cycleId, workflowId: `kyhan-cycle:${cycleId}`, alreadyRunning: false });
    expect(Date.parse(startJson.dueAt)).toBe(Math.floor(due.getTime() / 1000) * 1000);
    expect(startJson.units.sort()).toEqual(['doan-thanh-nien', 'hoi-nong-dan', 'mat-tran']);

    // Starting it again is harmless and says so, in Vietnamese.
    const again = await kyhan(['cycle', 'start', 'plans/demo.yaml', '--report', 'bao-cao-nhanh', '--period', period, '--due', dueIso]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Kỳ báo cáo ${cycleId} đã đang chạy`);

    const initial = await status();
    expect(initial.units.map((u) => [u.unitId, u.state]).sort()).toEqual([
      ['doan-thanh-nien', 'pending'],
      ['hoi-nong-dan', 'pending'],
      ['mat-tran', 'pending'],
    ]);

    // A submission with a real file and its document's number, date and signer: the file is
    // stored in the document store (files under the state directory here), named by its hash; scripts
    // get its hash, never its path.
    const report = join(dir, 'Báo cáo tháng.docx');
    const content = `Báo cáo của Mặt trận ${crypto.randomUUID()}`;
    await writeFile(report, content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const submitted = await kyhan(['submit', cycleId, 'mat-tran', '--file', report, '--number', '45-BC/MTTQ-BTT', '--date', '2020-03-16', '--signer', 'Nguyễn Văn An', '--by', 'Nguyễn Văn A', '--note', 'bản giấy', '--json']);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stdout).not.toContain('file:');
    expect(submitted.stdout).not.toContain(varDir);
    const receipt = JSON.parse(submitted.stdout) as { receipt: { onTime: boolean; duplicate: boolean }; document: Record<string, string>; files: number };
    expect(receipt.receipt).toMatchObject({ onTime: true, duplicate: false });
    expect(receipt.document).toEqual({ number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An', name: 'Báo cáo tháng.docx', sha256 });
    expect(receipt.files).toBe(1);
    const storedPath = fileDocumentStore(varDir).pathOf(submissionKey(cycleId, 'mat-tran', sha256, 'Báo cáo tháng.docx'));
    expect(storedPath.endsWith(`${sha256.slice(0, 12)}-Báo_cáo_tháng.docx`)).toBe(true);
    expect(createHash('sha256').update(await readFile(storedPath)).digest('hex')).toBe(sha256);

    // The receipt reaches the unit's mailbox with the document's number and date, and no stored path.
    const receiptMail = await mailUntil((m) => m.parsed.headers.get('x-kyhan-cycle') === cycleId && m.parsed.headers.get('x-kyhan-kind') === 'receipt');
    const receiptText = `${receiptMail.parsed.subject ?? ''}\n${receiptMail.parsed.text ?? ''}\n${typeof receiptMail.parsed.html === 'string' ? receiptMail.parsed.html : ''}`;
    expect(receiptText).toContain('45-BC/MTTQ-BTT');
    expect(receiptText).toMatch(/16\/0?3\/2020|2020-03-16/);
    expect(receiptText).not.toContain('file://');
    expect(receiptText).not.toContain(varDir);

    // The same file again changes nothing, and the receipt says so.
    const duplicate = await kyhan(['submit', cycleId, 'mat-tran', '--file', report]);
    expect(duplicate.code, duplicate.stderr).toBe(0);
    expect(duplicate.stdout).toContain('lần gửi này không thay đổi gì');

    const extendedUntil = new Date(due.getTime() + 2 * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const extended = await kyhan(['extend', cycleId, 'hoi-nong-dan', '--until', extendedUntil, '--reason', 'Đang tổng hợp ý kiến cơ sở', '--by', 'Trần Thị B']);
    expect(extended.code, extended.stderr).toBe(0);
    expect(extended.stdout).toContain('Đã gia hạn cho đơn vị "hoi-nong-dan"');

    const excused = await kyhan(['excuse', cycleId, 'doan-thanh-nien', '--reason', 'Đã báo cáo trong hệ thống Đoàn']);
    expect(excused.code, excused.stderr).toBe(0);

    const after = await status();
    const unit = (id: string) => after.units.find((u) => u.unitId === id)!;
    expect(unit('mat-tran')).toMatchObject({ state: 'submitted', submission: { by: 'Nguyễn Văn A', note: 'bản giấy', document: { number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An', name: 'Báo cáo tháng.docx', sha256 } } });
    expect(unit('hoi-nong-dan')).toMatchObject({ state: 'pending', extended: { reason: 'Đang tổng hợp ý kiến cơ sở', by: 'Trần Thị B' } });
    expect(Date.parse(unit('hoi-nong-dan').dueAt)).toBe(Date.parse(extendedUntil));
    // Without --by, the decision is the login name's.
    expect(unit('doan-thanh-nien')).toMatchObject({ state: 'excused', excused: { by: userInfo().username } });

    // People read who decided in the status.
    const shown = await kyhan(['cycle', 'status', cycleId]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/hoi-nong-dan: gia hạn đến .* bởi Trần Thị B: Đang tổng hợp ý kiến cơ sở/);
    expect(shown.stdout).toContain(`doan-thanh-nien: miễn nộp lúc`);
    expect(shown.stdout).toContain('mat-tran: văn bản số 45-BC/MTTQ-BTT ngày 16/3/2020, người ký Nguyễn Văn An; tệp Báo cáo tháng.docx');
    expect(shown.stdout).not.toContain('file:');
    expect(shown.stdout).not.toContain(varDir);

    // A unit the cycle does not have is "not found", and the message names it.
    const stranger = await kyhan(['submit', cycleId, 'khong-co-don-vi']);
    expect(stranger.code).toBe(4);
    expect(ownLines(stranger.stderr)).toEqual([expect.stringContaining('"khong-co-don-vi"')]);

    // Names of JavaScript's object prototype are no units either, and change nothing.
    const before = await status();
    for (const unitId of ['__proto__', 'constructor', 'toString']) {
      const poisoned = await kyhan(['excuse', cycleId, unitId, '--reason', 'x']);
      expect(poisoned.code, `${unitId}: ${poisoned.stderr}`).toBe(4);
      expect(ownLines(poisoned.stderr)).toEqual([expect.stringContaining(`Không thể miễn nộp cho đơn vị "${unitId}" trong kỳ "${cycleId}"`)]);
    }
    const unchanged = await status();
    expect(unchanged.units.map((u) => [u.unitId, u.state])).toEqual(before.units.map((u) => [u.unitId, u.state]));
    expect(unchanged.counts).toEqual(before.counts);

    // Refused by the workflow: its message, in the plan's language, and exit 1.
    const past = await kyhan(['extend', cycleId, 'hoi-nong-dan', '--until', '2020-01-06T17:00', '--reason', 'muộn']);
    expect(past.code).toBe(1);
    expect(ownLines(past.stderr)).toEqual([expect.stringContaining(`Không thể gia hạn cho đơn vị "hoi-nong-dan" trong kỳ "${cycleId}": thời hạn mới 17:00 ngày 06/01/2020 đã qua`)]);
    const pastJson = await kyhan(['extend', cycleId, 'hoi-nong-dan', '--until', '2020-01-06T17:00', '--reason', 'muộn', '--json']);
    expect(pastJson.code).toBe(1);
    expect(JSON.parse(pastJson.stdout)).toMatchObject({ error: { type: 'ExtensionInPast' } });

    const malformed = await kyhan(['extend', cycleId, 'hoi-nong-dan', '--until', '30/11/2026', '--reason', 'x']);
    expect(malformed.code).toBe(2);
    expect(ownLines(malformed.stderr)).toEqual([expect.stringContaining('--until phải là thời điểm ISO 8601')]);

    const listed = await listUntil(['--plan', 'demo'], (cycles) => cycles.some((c) => c.cycleId === cycleId && c.status === 'open'));
    expect(listed).toContainEqual(expect.objectContaining({ cycleId, status: 'open' }));

    const cancelled = await kyhan(['cycle', 'cancel', cycleId, '--reason', 'Thay đổi kế hoạch', '--by', 'Văn phòng']);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toContain(`Đã hủy kỳ báo cáo ${cycleId}`);
    const final = await status();
    expect(final.phase).toBe('cancelled');
    expect(final.cancelled).toMatchObject({ reason: 'Thay đổi kế hoạch', by: 'Văn phòng' });

    const cancelledList = await listUntil(['--status', 'cancelled'], (cycles) => cycles.some((c) => c.cycleId === cycleId));
    expect(cancelledList).toContainEqual(expect.objectContaining({ cycleId, status: 'cancelled' }));
    const openList = await listUntil(['--status', 'open'], (cycles) => !cycles.some((c) => c.cycleId === cycleId));
    expect(openList.map((c) => c.cycleId)).not.toContain(cycleId);

    // A cancelled cycle refuses submissions with its reason.
    const late = await kyhan(['submit', cycleId, 'hoi-nong-dan']);
    expect(late.code).toBe(1);
    expect(ownLines(late.stderr)).toEqual([expect.stringContaining('kỳ báo cáo đã bị hủy')]);

    // The units were told when the cycle opened and when it was cancelled.
    await smtp.waitFor(1, 30_000);
  });

  it("takes the leaders' approval: refuses what the state does not allow, approves, mails the report up and shows each step", async () => {
    const approvalCycle = `demo/bao-cao-nhanh/duyet-${crypto.randomUUID().slice(0, 8)}`;
    const [, , approvalPeriod] = approvalCycle.split('/');
    const due = new Date(Date.now() + 10 * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect((await kyhan(['cycle', 'start', 'plans/demo.yaml', '--report', 'bao-cao-nhanh', '--period', approvalPeriod!, '--due', due])).code).toBe(0);
    // Before the consolidation, a leader cannot approve.
    const early = await kyhan(['approval', 'approve', approvalCycle, '--by', 'Lãnh đạo Ban (demo)']);
    expect(early.code).toBe(1);
    expect(ownLines(early.stderr)).toEqual([expect.stringContaining('kỳ báo cáo chưa tổng hợp')]);
    for (const unitId of ['mat-tran', 'hoi-nong-dan', 'doan-thanh-nien']) expect((await kyhan(['submit', approvalCycle, unitId, '--by', 'Văn phòng'])).code).toBe(0);

    let awaiting: CycleStatus | undefined;
    for (let attempt = 0; attempt < 60 && !awaiting?.approval; attempt++) {
      const run = await kyhan(['cycle', 'status', approvalCycle, '--json']);
      awaiting = JSON.parse(run.stdout) as CycleStatus;
      if (!awaiting.approval) await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(awaiting).toMatchObject({ phase: 'consolidated', approval: { state: 'awaiting' } });

    const noComment = await kyhan(['approval', 'return', approvalCycle]);
    expect(noComment.code).toBe(2);
    const notYet = await kyhan(['approval', 'mark-sent', approvalCycle]);
    expect(notYet.code).toBe(1);
    expect(ownLines(notYet.stderr)).toEqual([expect.stringContaining('chưa được lãnh đạo phê duyệt')]);

    const approved = await kyhan(['approval', 'approve', approvalCycle, '--by', 'Lãnh đạo Ban (demo)', '--comment', 'Đồng ý', '--json']);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ cycleId: approvalCycle, approval: { state: expect.stringMatching(/^(approved|sent)$/) } });
    const again = await kyhan(['approval', 'approve', approvalCycle, '--by', 'Lãnh đạo Ban (demo)']);
    expect(again.code).toBe(1);
    expect(ownLines(again.stderr)).toEqual([expect.stringContaining('báo cáo đã được phê duyệt lúc')]);

    const upward = () => smtp.messages.filter((m) => m.parsed.headers.get('x-kyhan-cycle') === approvalCycle && m.parsed.headers.get('x-kyhan-kind') === 'upward-report');
    for (let attempt = 0; attempt < 60 && upward().length === 0; attempt++) await new Promise((r) => setTimeout(r, 500));
    expect(upward().map((m) => m.envelope.to)).toEqual([['cap-tren@example.org']]);
    // The report as DOCX (and PDF where LibreOffice is installed), and the unit list.
    const attached = upward()[0]!.parsed.attachments.map((a) => a.filename);
    expect(attached.filter((name) => name !== 'bao-cao-tong-hop.pdf')).toEqual(['bao-cao-tong-hop.docx', 'danh-sach-don-vi.csv']);

    let text = '';
    for (let attempt = 0; attempt < 20 && !text.includes('đã gửi cấp trên'); attempt++) {
      text = (await kyhan(['cycle', 'status', approvalCycle])).stdout;
      if (!text.includes('đã gửi cấp trên')) await new Promise((r) => setTimeout(r, 500));
    }
    expect(text).toContain('Phê duyệt của lãnh đạo: đã gửi cấp trên');
    expect(text).toMatch(/phê duyệt lúc .* bởi Lãnh đạo Ban \(demo\): Đồng ý/);
    expect(text).toContain('đã gửi thư cho Cấp trên (demo)');
  });

  it('a report that travels on paper only: a file is refused and nothing stored; its arrival is recorded by number and date, and the receipt says so', async () => {
    const plan = validatePlan(await readFile(join(ROOT, 'plans/demo.yaml'), 'utf8'));
    if (!plan.ok) throw new Error('plans/demo.yaml is not valid');
    const spec = computeCycle(plan.plan, { report: 'bao-cao-nhanh', period: `giay-${crypto.randomUUID().slice(0, 8)}`, due: new Date(Date.now() + 10 * MINUTE).toISOString() }, 'vi', new Date());
    await startCycle(new Client({ connection }), toCycleSpec({ ...spec, reportType: { ...spec.reportType, delivery: 'paper' } }), { taskQueue });

    const scan = join(dir, 'Báo cáo mật.pdf');
    await writeFile(scan, '%PDF-1.4 mật');
    const refused = await kyhan(['submit', spec.id, 'mat-tran', '--file', scan, '--number', '46-BC/MTTQ-BTT', '--date', '2020-03-16']);
    expect(refused.code).toBe(1);
    expect(ownLines(refused.stderr)).toEqual([expect.stringContaining('chỉ gửi bằng bản giấy qua đường văn thư, không nhận tệp; bỏ --file')]);
    expect(existsSync(join(varDir, 'submissions', cycleDirName(spec.id)))).toBe(false);
    expect((await status(spec.id)).units.find((u) => u.unitId === 'mat-tran')!.state).toBe('pending');

    const recorded = await kyhan(['submit', spec.id, 'mat-tran', '--number', '46-BC/MTTQ-BTT', '--date', '2020-03-16', '--signer', 'Nguyễn Văn An', '--by', 'Văn thư Ban']);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stdout).toContain('Văn bản số 46-BC/MTTQ-BTT ngày 16/3/2020, người ký Nguyễn Văn An');
    expect(recorded.stdout).toContain('Không kèm tệp (bản giấy).');
    const unit = (await status(spec.id)).units.find((u) => u.unitId === 'mat-tran')!;
    expect(unit).toMatchObject({ state: 'submitted', submission: { document: { number: '46-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An', file: false } } });

    const mail = await mailUntil((m) => m.parsed.headers.get('x-kyhan-cycle') === spec.id && m.parsed.headers.get('x-kyhan-kind') === 'receipt');
    const text = `${mail.parsed.text ?? ''}\n${typeof mail.parsed.html === 'string' ? mail.parsed.html : ''}`;
    expect(text).toContain('46-BC/MTTQ-BTT');
    expect(text).toMatch(/16\/0?3\/2020|2020-03-16/);
    expect(text).not.toContain('file://');
    expect(text).not.toContain('paper:');
    expect(mail.parsed.attachments).toEqual([]);
  });

  it('exits 4 with one line for a cycle that does not exist', async () => {
    const run = await kyhan(['cycle', 'status', 'demo/bao-cao-nhanh/khong-co']);
    expect(run.code).toBe(4);
    expect(ownLines(run.stderr)).toEqual([expect.stringContaining('không tìm thấy kỳ báo cáo "demo/bao-cao-nhanh/khong-co"')]);
    expect(run.stdout).toBe('');

    const submit = await kyhan(['submit', 'demo/bao-cao-nhanh/khong-co', 'mat-tran', '--lang', 'en']);
    expect(submit.code).toBe(4);
    expect(ownLines(submit.stderr)).toEqual([expect.stringContaining('no reporting cycle "demo/bao-cao-nhanh/khong-co"')]);
  });

  it('refuses with exit 4 a unit the cycle does not have, also when its shard was never started', async () => {
    const plan = validatePlan(await readFile(join(ROOT, 'plans/demo.yaml'), 'utf8'));
    if (!plan.ok) throw new Error('plans/demo.yaml is not valid');
    const sharded = `sharded-${crypto.randomUUID().slice(0, 8)}`;
    const spec = computeCycle(plan.plan, { report: 'bao-cao-nhanh', period: sharded, due: new Date(Date.now() + 10 * MINUTE).toISOString() }, 'vi', new Date());
    // Three units in three shards: doan-thanh-nien and hoi-nong-dan fall in shard 0, mat-tran in
    // shard 1, so shard 2 has no unit and is never started; "khong-co-don-vi" falls in it.
    expect(spec.units.map((u) => shardOf(u.id, 3)).sort()).toEqual([0, 0, 1]);
    expect(shardOf('khong-co-don-vi', 3)).toBe(2);
    await startCycle(new Client({ connection }), toCycleSpec(spec), { taskQueue, shardTargetUnits: 1 });

    for (const unitId of ['khong-co-don-vi', 'x']) {
      const run = await kyhan(['excuse', spec.id, unitId, '--reason', 'thử']);
      expect(run.code, `${unitId}: ${run.stderr}`).toBe(4);
      expect(ownLines(run.stderr)).toEqual([expect.stringContaining(`Không thể miễn nộp cho đơn vị "${unitId}" trong kỳ "${spec.id}"`)]);
    }
  });

  it("exits 2 with one line naming the flag for a document's malformed number, date or signer, and records nothing", async () => {
    const flagged = `demo/bao-cao-nhanh/co-${crypto.randomUUID().slice(0, 8)}`;
    const due = new Date(Date.now() + 10 * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect((await kyhan(['cycle', 'start', 'plans/demo.yaml', '--report', 'bao-cao-nhanh', '--period', flagged.split('/')[2]!, '--due', due])).code).toBe(0);
    const badDate = await kyhan(['submit', flagged, 'mat-tran', '--number', '45-BC/MTTQ-BTT', '--date', '16/3/2020']);
    expect(badDate.code).toBe(2);
    expect(ownLines(badDate.stderr)).toEqual(['kyhan: --date phải là một ngày có thật, viết NNNN-TT-NN, ví dụ --date 2020-03-16; nhận được "16/3/2020"']);
    // A date after today is known only with the cycle's time zone: asked of the cycle, still refused here.
    const future = await kyhan(['submit', flagged, 'mat-tran', '--date', '2999-01-01', '--lang', 'en']);
    expect(future.code).toBe(2);
    expect(ownLines(future.stderr)).toEqual([expect.stringContaining('kyhan: --date 2999-01-01 is in the future')]);
    const blank = await kyhan(['submit', flagged, 'mat-tran', '--signer', ' ']);
    expect(blank.code).toBe(2);
    expect(ownLines(blank.stderr)).toEqual([expect.stringContaining('--signer để trống')]);
    expect((await status(flagged)).units.find((u) => u.unitId === 'mat-tran')!.state).toBe('pending');
  });

  it('exits 2 with one line for a submission whose file is missing', async () => {
    const run = await kyhan(['submit', cycleId, 'mat-tran', '--file', join(dir, 'khong-co.pdf')]);
    expect(run.code).toBe(2);
    expect(ownLines(run.stderr)).toEqual([expect.stringMatching(/không đọc được tệp báo cáo ".*khong-co\.pdf": không có tệp này$/)]);
  });

  it('exits 3 with one line when no Temporal server answers', async () => {
    const run = await kyhan(['cycle', 'list'], { address: '127.0.0.1:1' });
    expect(run.code).toBe(3);
    expect(ownLines(run.stderr)).toEqual([
      'kyhan: Không kết nối được Temporal tại 127.0.0.1:1: không có phản hồi sau 5 giây. Hãy chạy `npm start` hoặc đặt TEMPORAL_ADDRESS.',
    ]);
  });
});
