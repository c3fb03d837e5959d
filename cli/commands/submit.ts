/**
 * `kyhan submit CYCLE_ID UNIT_ID [--file PATH] [--by NAME] [--note TEXT] [--revision]`: records
 * a unit's report (received by email or on paper). With `--file` the file is stored under the
 * state directory and the cycle gets its reference and SHA-256. Prints the receipt: on time or
 * late, revision, or that the unit had already submitted (then nothing changed).
 * Exit 0 recorded; 1 refused by the cycle; 2 bad input or unreadable file; 3 Temporal
 * unreachable; 4 no such cycle or unit.
 */
import { access, constants, stat } from 'node:fs/promises';
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import type { SubmissionReceipt } from '../../workflows/messages';
import {
  badInput,
  connectionFlags,
  consoleOutput,
  cycleProgressOf,
  cycleRef,
  defaultActor,
  reportFailure,
  runWithClient,
  type CommandContext,
  helpText,
} from '../cli-temporal';
import type { ConnectionFlags } from '../../client/connection-config';
import { submitReport } from '../../client/cycles';
import { storeSubmissionFile, varDirFromEnv, type StoredSubmission } from '../submission-store';
import { ExitCode, type RegisterCommand } from './command';

export interface SubmitOptions {
  file?: string;
  by?: string;
  note?: string;
  revision?: boolean;
  json?: boolean;
}

export const submit: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  program
    .command('submit')
    .description(
      vi
        ? 'ghi nhận báo cáo của một đơn vị, kèm tệp nếu có (mã thoát 0 đã ghi nhận, 1 kỳ từ chối, 2 sai tham số hoặc không đọc được tệp, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)'
        : "record a unit's report, with its file if any (exit 0 recorded, 1 refused, 2 bad input or unreadable file, 3 unreachable, 4 no such cycle or unit)",
    )
    .argument('<cycle>', helpText.cycle[language])
    .argument('<unit>', helpText.unit[language])
    .option('--file <path>', vi ? 'tệp báo cáo: được sao lưu vào thư mục trạng thái (KYHAN_VAR_DIR)' : 'the report file: a copy is kept in the state directory (KYHAN_VAR_DIR)')
    .option('--by <name>', vi ? 'người nộp (mặc định: tên đăng nhập)' : 'who submits (default: login name)')
    .option('--note <text>', vi ? 'ghi chú' : 'a note')
    .option('--revision', vi ? 'bản bổ sung sau khi báo cáo bị trả lại' : 'a revision after the report was returned')
    .option('--json', helpText.json[language])
    .action(async (cycle: string, unit: string, options: SubmitOptions, command) => {
      const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
      process.exitCode = await runSubmit(cycle, unit, options, ctx, connectionFlags(command));
    });
};

export async function runSubmit(
  cycleArg: string,
  unitId: string,
  options: SubmitOptions,
  ctx: CommandContext,
  flags: ConnectionFlags,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let ref: ReturnType<typeof cycleRef>;
  try {
    ref = cycleRef(cycleArg, ctx.language);
    if (options.file !== undefined) await requireReadableFile(options.file, ctx.language);
  } catch (err) {
    return reportFailure(ctx, err);
  }
  return await runWithClient(
    ctx,
    flags,
    async (client) => {
      // Checked before the file is stored: an unknown cycle leaves nothing behind.
      const progress = await cycleProgressOf(client, ref.workflowId);
      const stored = options.file !== undefined ? await storeSubmissionFile(varDirFromEnv(env), ref.cycleId, unitId, options.file) : undefined;
      const receipt = await submitReport(client, ref.cycleId, {
        unitId,
        submittedBy: options.by?.trim() || defaultActor(),
        ...(options.note ? { note: options.note } : {}),
        ...(stored ? { document: stored.document } : {}),
        ...(options.revision ? { revision: true } : {}),
      });
      if (ctx.json) ctx.out.log(JSON.stringify({ receipt, ...(stored ? { document: stored.document, storedPath: stored.path } : {}) }, null, 2));
      else for (const line of receiptLines(receipt, stored, progress.timeZone, ctx.language)) ctx.out.log(line);
      return ExitCode.ok;
    },
    env,
  );
}

async function requireReadableFile(path: string, language: Language): Promise<void> {
  const vi = language === 'vi';
  let reason: string | undefined;
  try {
    const info = await stat(path);
    if (!info.isFile()) reason = vi ? 'đây không phải một tệp' : 'it is not a file';
    else await access(path, constants.R_OK);
  } catch (err) {
    const code = (err as { code?: string }).code;
    reason =
      code === 'ENOENT'
        ? vi ? 'không có tệp này' : 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? vi ? 'không có quyền đọc tệp' : 'permission denied'
          : (err as Error).message;
  }
  if (reason) throw badInput(vi ? `kyhan: không đọc được tệp báo cáo "${path}": ${reason}` : `kyhan: cannot read the report file "${path}": ${reason}`);
}

/** The receipt as people read it. */
export function receiptLines(receipt: SubmissionReceipt, stored: StoredSubmission | undefined, timeZone: string, language: Language): string[] {
  const vi = language === 'vi';
  const when = (at: string) => formatDateTime(at, timeZone, language);
  const lines: string[] = [];
  if (receipt.duplicate) {
    lines.push(
      vi
        ? `Đơn vị "${receipt.unitId}" đã nộp báo cáo kỳ ${receipt.cycleId} lúc ${when(receipt.submittedAt)}; lần gửi này không thay đổi gì.`
        : `Unit "${receipt.unitId}" already submitted its report for cycle ${receipt.cycleId} at ${when(receipt.submittedAt)}; this changed nothing.`,
    );
  } else {
    const timing = receipt.onTime ? (vi ? 'đúng hạn' : 'on time') : vi ? 'nộp muộn' : 'late';
    const revision = receipt.revision > 0 ? (vi ? `, bản bổ sung lần ${receipt.revision}` : `, revision ${receipt.revision}`) : '';
    lines.push(
      vi
        ? `Đã ghi nhận báo cáo của đơn vị "${receipt.unitId}" trong kỳ ${receipt.cycleId} lúc ${when(receipt.submittedAt)}: ${timing} (hạn ${when(receipt.dueAt)})${revision}.`
        : `Recorded the report of unit "${receipt.unitId}" in cycle ${receipt.cycleId} at ${when(receipt.submittedAt)}: ${timing} (due ${when(receipt.dueAt)})${revision}.`,
    );
  }
  if (stored) {
    lines.push(vi ? `  Tệp: ${stored.path}` : `  File: ${stored.path}`);
    lines.push(`  SHA-256: ${stored.document.sha256}`);
  }
  return lines;
}
