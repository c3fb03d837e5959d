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
import { submitReport } from '../../client/cycles';
import { ExitCode, fileProblem } from '../cli-io';
import { actor, badInput, cycleProgressOf, cycleRef, runWithClient } from '../cli-temporal';
import { storeSubmissionFile, varDirFromEnv, type StoredSubmission } from '../../storage/submission-store';
import { byOption, cycleArg, defineCommand, unitArg } from './command';

export const submit = defineCommand({
  name: 'submit',
  description: {
    vi: 'ghi nhận báo cáo của một đơn vị, kèm tệp nếu có (mã thoát 0 đã ghi nhận, 1 kỳ từ chối, 2 sai tham số hoặc không đọc được tệp, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)',
    en: "record a unit's report, with its file if any (exit 0 recorded, 1 refused, 2 bad input or unreadable file, 3 unreachable, 4 no such cycle or unit)",
  },
  args: { cycle: cycleArg, unit: unitArg },
  options: {
    file: {
      flags: '--file <path>',
      help: { vi: 'tệp báo cáo: được sao lưu vào thư mục trạng thái (KYHAN_VAR_DIR)', en: 'the report file: a copy is kept in the state directory (KYHAN_VAR_DIR)' },
    },
    by: byOption({ vi: 'người nộp', en: 'who submits' }),
    note: { flags: '--note <text>', help: { vi: 'ghi chú', en: 'a note' } },
    revision: { flags: '--revision', help: { vi: 'bản bổ sung sau khi báo cáo bị trả lại', en: 'a revision after the report was returned' } },
  },
  json: true,
  async run({ args, options, ctx, flags }) {
    const unitId = args.unit;
    const ref = cycleRef(args.cycle, ctx.language);
    if (options.file !== undefined) await requireReadableFile(options.file, ctx.language);
    return await runWithClient(ctx, flags, async (client) => {
      // Checked before the file is stored: an unknown cycle leaves nothing behind.
      const progress = await cycleProgressOf(client, ref.workflowId);
      const stored = options.file !== undefined ? await storeSubmissionFile(varDirFromEnv(), ref.cycleId, unitId, options.file) : undefined;
      const receipt = await submitReport(client, ref.cycleId, {
        unitId,
        submittedBy: actor(options.by),
        ...(options.note ? { note: options.note } : {}),
        ...(stored ? { document: stored.document } : {}),
        ...(options.revision ? { revision: true } : {}),
      });
      if (ctx.json) ctx.printJson({ receipt, ...(stored ? { document: stored.document, storedPath: stored.path } : {}) });
      else ctx.print(receiptLines(receipt, stored, progress.timeZone, ctx.language));
      return ExitCode.ok;
    });
  },
});

async function requireReadableFile(path: string, language: Language): Promise<void> {
  const vi = language === 'vi';
  let reason: string | undefined;
  try {
    const info = await stat(path);
    if (!info.isFile()) reason = vi ? 'đây không phải một tệp' : 'it is not a file';
    else await access(path, constants.R_OK);
  } catch (err) {
    reason = fileProblem(err, language);
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
