/**
 * `kyhan submit CYCLE_ID UNIT_ID [--file PATH] [--number NO] [--date YYYY-MM-DD] [--signer NAME]
 * [--by NAME] [--note TEXT] [--revision]`: records a unit's report (received by email or on
 * paper). `--number`, `--date` and `--signer` are the document's own facts ("Báo cáo số
 * 45-BC/MTTQ-BTT ngày 16/3/2020"), the fields of the unit's web form, checked by the same rules;
 * without `--file` they record a paper document's arrival. With `--file` the file is stored
 * in the document store (PostgreSQL with KYHAN_DATABASE_URL, else the state directory) and the
 * cycle gets its reference, name and SHA-256; a report type that travels
 * on paper only takes no file. Prints the receipt: on time or late, revision, the document, or
 * that the unit had already submitted (then nothing changed). Never a stored file's path.
 * Exit 0 recorded; 1 refused by the cycle (or a file for a paper-only report); 2 bad input or
 * unreadable file; 3 Temporal, or the document database (KYHAN_DATABASE_URL), unreachable;
 * 4 no such cycle or unit.
 */
import { access, constants, stat } from 'node:fs/promises';
import type { z } from 'zod';
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import { documentDateProblem, documentFacts, documentPhrase, PAPER_URI, travelsOnPaper, type DocumentFacts } from '../../domain/document-facts';
import { instantToZoned } from '../../domain/time';
import { LIMITS, line } from '../../domain/unit-requests';
import type { SubmissionReceipt } from '../../workflows/messages';
import { cycleHeader } from '../../client/cycle-header';
import { submitReport } from '../../client/cycles';
import { ExitCode, fileProblem } from '../cli-io';
import { actor, badInput, CliErrorType, CliFailure, cycleProgressOf, cycleRef, runWithClient } from '../cli-temporal';
import { DatabaseError } from '../../storage/database';
import { documentStoreConfigFromEnv, documentStoreFromConfig } from '../../storage/document-store-from-config';
import { storeSubmissionFile, type StoredSubmission } from '../../storage/submission-store';
import { byOption, cycleArg, defineCommand, unitArg } from './command';

export const submit = defineCommand({
  name: 'submit',
  description: {
    vi: 'ghi nhận báo cáo của một đơn vị: số, ngày, người ký văn bản và tệp nếu có (mã thoát 0 đã ghi nhận, 1 kỳ từ chối hoặc báo cáo chỉ nhận bản giấy, 2 sai tham số hoặc không đọc được tệp, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)',
    en: "record a unit's report: its document's number, date, signer and file if any (exit 0 recorded, 1 refused or a paper-only report, 2 bad input or unreadable file, 3 unreachable, 4 no such cycle or unit)",
  },
  args: { cycle: cycleArg, unit: unitArg },
  options: {
    file: {
      flags: '--file <path>',
      help: { vi: 'tệp báo cáo: một bản sao được lưu trong kho tài liệu (KYHAN_DATABASE_URL, nếu không thì thư mục trạng thái KYHAN_VAR_DIR)', en: 'the report file: a copy is kept in the document store (KYHAN_DATABASE_URL, else the state directory KYHAN_VAR_DIR)' },
    },
    number: { flags: '--number <text>', help: { vi: 'số, ký hiệu văn bản, ví dụ 45-BC/MTTQ-BTT', en: "the document's number, e.g. 45-BC/MTTQ-BTT" } },
    date: { flags: '--date <YYYY-MM-DD>', help: { vi: 'ngày văn bản, ví dụ 2020-03-16 (không sau hôm nay)', en: "the document's date, e.g. 2020-03-16 (not after today)" } },
    signer: { flags: '--signer <name>', help: { vi: 'người ký văn bản', en: 'who signed the document' } },
    by: byOption({ vi: 'người nộp', en: 'who submits' }),
    note: { flags: '--note <text>', help: { vi: 'ghi chú', en: 'a note' } },
    revision: { flags: '--revision', help: { vi: 'bản bổ sung sau khi báo cáo bị trả lại', en: 'a revision after the report was returned' } },
  },
  json: true,
  async run({ args, options, ctx, flags }) {
    const unitId = args.unit;
    const ref = cycleRef(args.cycle, ctx.language);
    // Checked before anything is asked of the cycle: a typing slip costs no round trip.
    const facts = documentFlags(options, ctx.language);
    if (options.file !== undefined) await requireReadableFile(options.file, ctx.language);
    return await runWithClient(ctx, flags, async (client) => {
      // Checked before the file is stored: an unknown cycle leaves nothing behind.
      const progress = await cycleProgressOf(client, ref.workflowId);
      if (facts.date) requirePastDate(facts.date, instantToZoned(new Date(), progress.timeZone).date, progress.timeZone, ctx.language);
      if (options.file !== undefined && travelsOnPaper(await cycleHeader(client, ref.cycleId))) throw paperOnly(ref.cycleId, ctx.language);
      const stored = options.file !== undefined ? await storeFile(options.file, ref.cycleId, unitId) : undefined;
      const hasFacts = Object.keys(facts).length > 0;
      // Without a file the facts still make a document: a paper one's arrival, by its number and date.
      const document = stored ? { ...stored.document, ...facts } : hasFacts ? { uri: PAPER_URI, ...facts } : undefined;
      const receipt = await submitReport(client, ref.cycleId, {
        unitId,
        submittedBy: actor(options.by),
        ...(options.note ? { note: options.note } : {}),
        ...(document ? { document } : {}),
        ...(options.revision ? { revision: true } : {}),
      });
      if (ctx.json) {
        // For scripts: the document's facts and its file's id (SHA-256), never where it is stored.
        const shown = document ? { ...documentFacts(document), ...(stored ? { sha256: stored.document.sha256 } : {}) } : undefined;
        ctx.printJson({ receipt, ...(shown ? { document: shown } : {}), files: stored ? 1 : 0 });
      } else ctx.print(receiptLines(receipt, document ? documentFacts(document) : undefined, stored, progress.timeZone, ctx.language));
      return ExitCode.ok;
    });
  },
});

/** Copies the file into the document store the workers and the web app read (KYHAN_DATABASE_URL, else KYHAN_VAR_DIR). */
async function storeFile(file: string, cycleId: string, unitId: string): Promise<StoredSubmission> {
  const store = await documentStoreFromConfig(documentStoreConfigFromEnv()).catch((err: unknown) => {
    // The database named by KYHAN_DATABASE_URL cannot be used: its message says which and why.
    if (err instanceof DatabaseError) throw new CliFailure(`kyhan: ${err.message}`, ExitCode.unreachable, CliErrorType.Unreachable);
    throw err;
  });
  try {
    return await storeSubmissionFile(store, cycleId, unitId, file);
  } finally {
    await store.close();
  }
}

/** The document's facts as given on the command line, each checked as the unit's web form checks it. */
export function documentFlags(options: { number?: string | undefined; date?: string | undefined; signer?: string | undefined }, language: Language): DocumentFacts {
  const facts: DocumentFacts = {};
  for (const [key, schema, example] of [
    ['number', line(LIMITS.documentField), '45-BC/MTTQ-BTT'],
    ['signer', line(LIMITS.name), '"Nguyễn Văn An"'],
  ] as const) {
    const given = options[key];
    if (given === undefined) continue;
    const value = given.trim();
    const result = schema.safeParse(value);
    if (!result.success) throw badInput(flagProblem(`--${key}`, value, example, result.error.issues[0]!, language));
    facts[key] = value;
  }
  if (options.date !== undefined) {
    const value = options.date.trim();
    if (documentDateProblem(value)) {
      throw badInput(
        language === 'vi'
          ? `kyhan: --date phải là một ngày có thật, viết NNNN-TT-NN, ví dụ --date 2020-03-16; nhận được "${value}"`
          : `kyhan: --date must be a real date written YYYY-MM-DD, e.g. --date 2020-03-16; received "${value}"`,
      );
    }
    facts.date = value;
  }
  return facts;
}

function flagProblem(flag: string, value: string, example: string, issue: z.core.$ZodIssue, language: Language): string {
  const vi = language === 'vi';
  const problem = (issue as { params?: { problem?: string } }).params?.problem;
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    return vi ? `kyhan: ${flag} dài ${[...value].length} ký tự, vượt giới hạn ${max} ký tự; hãy rút gọn` : `kyhan: ${flag} is ${[...value].length} characters long, over the limit of ${max}; shorten it`;
  }
  if (problem === 'controls') return vi ? `kyhan: ${flag} chứa ký tự điều khiển (không in được); hãy xóa chúng` : `kyhan: ${flag} contains control (non-printing) characters; remove them`;
  return vi ? `kyhan: ${flag} để trống; hãy ghi giá trị, ví dụ ${flag} ${example}, hoặc bỏ ${flag}` : `kyhan: ${flag} is empty; give a value, e.g. ${flag} ${example}, or leave ${flag} out`;
}

/** A document is dated the day it is signed: not after today in the cycle's zone. */
export function requirePastDate(date: string, today: string, timeZone: string, language: Language): void {
  if (documentDateProblem(date, today) !== 'future') return;
  throw badInput(
    language === 'vi'
      ? `kyhan: --date ${date} là một ngày trong tương lai (hôm nay là ${today}, giờ ${timeZone}); hãy ghi ngày ký văn bản`
      : `kyhan: --date ${date} is in the future (today is ${today}, ${timeZone} time); give the date the document was signed`,
  );
}

/** A file for a report that travels on paper only: refused before anything is stored. */
export function paperOnly(cycleId: string, language: Language): CliFailure {
  return new CliFailure(
    language === 'vi'
      ? `kyhan: báo cáo của kỳ ${cycleId} chỉ gửi bằng bản giấy qua đường văn thư, không nhận tệp; bỏ --file và ghi nhận văn bản đã đến bằng --number, --date (và --signer)`
      : `kyhan: the report of cycle ${cycleId} travels on paper only, through the registry, and takes no file; leave out --file and record the document's arrival with --number and --date (and --signer)`,
    ExitCode.rejected,
    CliErrorType.PaperOnly,
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
    reason = fileProblem(err, language);
  }
  if (reason) throw badInput(vi ? `kyhan: không đọc được tệp báo cáo "${path}": ${reason}` : `kyhan: cannot read the report file "${path}": ${reason}`);
}

/** The receipt as people read it: the document by its number, date and signer; a file by its name and hash, never its path. */
export function receiptLines(receipt: SubmissionReceipt, document: DocumentFacts | undefined, stored: StoredSubmission | undefined, timeZone: string, language: Language): string[] {
  const vi = language === 'vi';
  const when = (at: string) => formatDateTime(at, timeZone, language);
  const lines: string[] = [];
  if (receipt.duplicate) {
    lines.push(
      vi
        ? `Đơn vị "${receipt.unitId}" đã nộp báo cáo kỳ ${receipt.cycleId} lúc ${when(receipt.submittedAt)}; lần gửi này không thay đổi gì.`
        : `Unit "${receipt.unitId}" already submitted its report for cycle ${receipt.cycleId} at ${when(receipt.submittedAt)}; this changed nothing.`,
    );
    return lines;
  }
  const timing = receipt.onTime ? (vi ? 'đúng hạn' : 'on time') : vi ? 'nộp muộn' : 'late';
  const revision = receipt.revision > 0 ? (vi ? `, bản bổ sung lần ${receipt.revision}` : `, revision ${receipt.revision}`) : '';
  lines.push(
    vi
      ? `Đã ghi nhận báo cáo của đơn vị "${receipt.unitId}" trong kỳ ${receipt.cycleId} lúc ${when(receipt.submittedAt)}: ${timing} (hạn ${when(receipt.dueAt)})${revision}.`
      : `Recorded the report of unit "${receipt.unitId}" in cycle ${receipt.cycleId} at ${when(receipt.submittedAt)}: ${timing} (due ${when(receipt.dueAt)})${revision}.`,
  );
  const phrase = document ? documentPhrase(document, language) : '';
  if (phrase) lines.push(vi ? `  Văn bản ${phrase}` : `  Document ${phrase}`);
  if (stored) {
    lines.push(vi ? `  Tệp: ${stored.document.name}` : `  File: ${stored.document.name}`);
    lines.push(`  SHA-256: ${stored.document.sha256}`);
  } else if (phrase) lines.push(vi ? '  Không kèm tệp (bản giấy).' : '  No file (on paper).');
  return lines;
}
