/**
 * `kyhan cycle status CYCLE_ID [--json]`: a cycle's phase, counts and next event, a table of its
 * units (state, due, submitted at, by, the document's number and date, reminders, escalations,
 * delivery failures), then one line per decision or submission detail: who extended, excused or
 * returned a unit and why, the note and document of a submission (number, date, signer, file
 * names). No stored file's path or URI, in the text or in `--json` (a file is named by its
 * SHA-256 there). Exit 0 shown; 2 malformed id; 3 Temporal unreachable; 4 no such cycle.
 */
import { approvalStateWords, phaseWords } from '../../domain/status-words';
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import { documentDateText, documentFacts, documentPhrase, hasFile } from '../../domain/document-facts';
import type { DocumentRef } from '../../domain/unit-requests';
import type { ApprovalProgress, ApprovalStep, CycleStatus, UnitState, UnitStatus } from '../../workflows/messages';
import { cycleStatus } from '../../client/cycles';
import { ExitCode, textTable, type CommandContext, type Words } from '../cli-io';
import { cycleRef, runWithClient } from '../cli-temporal';
import { cycleArg, defineCommand } from './command';

export const cycleStatusCommand = defineCommand({
  group: 'cycle',
  name: 'status',
  description: {
    vi: 'tình hình một kỳ báo cáo: giai đoạn, số đơn vị theo trạng thái, sự kiện tiếp theo, bảng các đơn vị, ai quyết định gì (mã thoát 0 được, 2 sai mã kỳ, 3 không kết nối được, 4 không có kỳ này)',
    en: "a cycle's phase, unit counts, next event, a table of its units and who decided what (exit 0 done, 2 malformed id, 3 unreachable, 4 no such cycle)",
  },
  args: { cycle: cycleArg },
  json: true,
  async run({ args, ctx, flags }) {
    const ref = cycleRef(args.cycle, ctx.language);
    return await runWithClient(ctx, flags, async (client) => {
      printCycleStatus(ref.workflowId, await cycleStatus(client, ref.cycleId), ctx);
      return ExitCode.ok;
    });
  },
});

/** The status as JSON (`--json`) or as text for people. */
export function printCycleStatus(workflowId: string, status: CycleStatus, ctx: CommandContext): void {
  if (ctx.json) ctx.printJson({ workflowId, ...statusForScripts(status) });
  else ctx.print(statusText(status, ctx.language));
}

/** A document for scripts: its facts and, when a file stands behind it, the file's SHA-256 (its id); never its URI. */
function documentForScripts(document: DocumentRef) {
  return { ...documentFacts(document), ...(hasFile(document) && document.sha256 ? { sha256: document.sha256 } : {}), file: hasFile(document) };
}

/**
 * The status as `--json` prints it: the workflow's, with each document's stored location left
 * out (a server path means nothing to a script on another machine, and is not for readers),
 * and the consolidation without the paths of its files.
 */
export function statusForScripts(status: CycleStatus) {
  const { consolidation, ...rest } = status;
  return {
    ...rest,
    ...(consolidation ? { consolidation: { at: consolidation.at, reason: consolidation.reason, counts: consolidation.counts } } : {}),
    units: status.units.map((unit) => {
      if (!unit.submission) return unit;
      const { document, attachments, ...submission } = unit.submission;
      return {
        ...unit,
        submission: {
          ...submission,
          ...(document ? { document: documentForScripts(document) } : {}),
          ...(attachments ? { attachments: attachments.map(documentForScripts) } : {}),
        },
      };
    }),
  };
}

export const unitStateText: Record<UnitState, Words> = {
  pending: { vi: 'chưa nộp', en: 'pending' },
  overdue: { vi: 'quá hạn', en: 'overdue' },
  submitted: { vi: 'đã nộp', en: 'submitted' },
  excused: { vi: 'miễn nộp', en: 'excused' },
};

const HEADERS: Record<Language, string[]> = {
  vi: ['Đơn vị', 'Trạng thái', 'Hạn nộp', 'Nộp lúc', 'Người nộp', 'Văn bản', 'Nhắc', 'Báo cáo LĐ', 'Lỗi gửi thư'],
  en: ['Unit', 'State', 'Due', 'Submitted at', 'By', 'Document', 'Reminders', 'Escalations', 'Delivery failures'],
};

/**
 * The status as people read it, one string a line: a few lines of summary, one row per unit,
 * then the details of decisions and submissions. Text from the workflow's state (names, reasons,
 * notes) is raw here: `ctx.print` passes every line through `forTerminal`.
 */
export function statusText(status: CycleStatus, language: Language): string[] {
  const vi = language === 'vi';
  const when = (instant: string) => formatDateTime(instant, status.timeZone, language);
  const c = status.counts;
  const lines = [
    vi ? `Kỳ báo cáo ${status.cycleId} — ${phaseWords[status.phase].vi}` : `Cycle ${status.cycleId} — ${phaseWords[status.phase].en}`,
    vi
      ? `Đơn vị: ${status.units.length} · chưa nộp ${c.pending} · quá hạn ${c.overdue} · đã nộp ${c.submitted} · miễn nộp ${c.excused}`
      : `Units: ${status.units.length} · pending ${c.pending} · overdue ${c.overdue} · submitted ${c.submitted} · excused ${c.excused}`,
  ];
  if (status.nextEvent) {
    const e = status.nextEvent;
    const what =
      e.kind === 'opening'
        ? vi ? 'mở kỳ' : 'opening'
        : e.kind === 'escalation'
          ? vi ? `báo cáo lãnh đạo bậc ${e.step ?? '?'}` : `escalation step ${e.step ?? '?'}`
          : e.kind === 'approval-reminder'
            ? vi ? 'nhắc lãnh đạo duyệt báo cáo' : 'approval reminder to the leaders'
            : e.kind === 'approval-expiry'
              ? vi ? 'hết hạn chờ phê duyệt' : 'approval expires'
              : vi ? 'chốt tổng hợp' : 'cut-off, consolidation';
    lines.push(vi ? `Sự kiện tiếp theo: ${what} lúc ${when(e.at)}` : `Next: ${what} at ${when(e.at)}`);
  }
  for (const step of status.escalationsSent) {
    lines.push(
      vi
        ? `Đã báo cáo lãnh đạo bậc ${step.step} lúc ${when(step.at)}: ${step.overdueUnits} đơn vị quá hạn`
        : `Escalation step ${step.step} sent at ${when(step.at)}: ${step.overdueUnits} overdue units`,
    );
  }
  if (status.consolidation) {
    // Where the report is stored is the workers' business: staff open it in the console.
    const page = `/cycles/${encodeURIComponent(status.cycleId)}`;
    lines.push(vi ? `Tổng hợp lúc ${when(status.consolidation.at)}; báo cáo tổng hợp ở trang ${page} của ứng dụng web` : `Consolidated at ${when(status.consolidation.at)}; the report is on the web app's page ${page}`);
  }
  if (status.approval) lines.push(...approvalLines(status.approval, language, when));
  if (status.cancelled) {
    const { at, reason, by } = status.cancelled;
    lines.push(vi ? `Hủy lúc ${when(at)}${byText(by, language)}: ${reason}` : `Cancelled at ${when(at)}${byText(by, language)}: ${reason}`);
  }
  const units = [...status.units].sort((a, b) => a.unitId.localeCompare(b.unitId));
  const details = units.flatMap((unit) => unitDetails(unit, language, when));
  return [
    ...lines,
    '',
    ...textTable(HEADERS[language], units.map((unit) => unitRow(unit, language, when))),
    ...(details.length > 0 ? ['', vi ? 'Chi tiết:' : 'Details:', ...details] : []),
  ];
}

function unitRow(unit: UnitStatus, language: Language, when: (instant: string) => string): string[] {
  const vi = language === 'vi';
  let state = unitStateText[unit.state][language];
  if (unit.returned) state += vi ? ' (trả lại)' : ' (returned)';
  if (unit.extended) state += vi ? ' (gia hạn)' : ' (extended)';
  if (unit.submission && unit.submission.revision > 0) state += ` (v${unit.submission.revision + 1})`;
  const submitted = unit.submission
    ? `${when(unit.submission.at)}${unit.submission.onTime ? '' : vi ? ' (muộn)' : ' (late)'}`
    : '–';
  return [
    unit.unitId,
    state,
    when(unit.dueAt),
    submitted,
    unit.submission?.by ?? '–',
    documentCell(unit.submission?.document, language),
    String(unit.remindersSent.length),
    unit.escalations.length === 0 ? '–' : unit.escalations.join(', '),
    unit.deliveryFailures.length === 0 ? '–' : unit.deliveryFailures.map((f) => f.address).join(', '),
  ];
}

/** The document's number and date for a table cell (`45-BC/MTTQ-BTT, 16/3/2020`), or `–`. */
function documentCell(document: DocumentRef | undefined, language: Language): string {
  const cell = [document?.number, document?.date ? documentDateText(document.date, language) : undefined].filter(Boolean).join(', ');
  return cell === '' ? '–' : cell;
}

/** ` bởi Nguyễn Văn A` / ` by Nguyễn Văn A`, or nothing when the request did not say. */
function byText(by: string | undefined, language: Language): string {
  if (by === undefined || by === '') return '';
  return language === 'vi' ? ` bởi ${by}` : ` by ${by}`;
}

/** One line per decision about the unit (extension, excuse, return) and for its submission's note and document. */
function unitDetails(unit: UnitStatus, language: Language, when: (instant: string) => string): string[] {
  const vi = language === 'vi';
  const lines: string[] = [];
  const line = (text: string) => lines.push(`  ${unit.unitId}: ${text}`);
  if (unit.extended) {
    const { until, at, by, reason } = unit.extended;
    line(vi ? `gia hạn đến ${when(until)}, lúc ${when(at)}${byText(by, language)}: ${reason}` : `extended until ${when(until)}, at ${when(at)}${byText(by, language)}: ${reason}`);
  }
  if (unit.excused) {
    const { at, by, reason } = unit.excused;
    line(vi ? `miễn nộp lúc ${when(at)}${byText(by, language)}: ${reason}` : `excused at ${when(at)}${byText(by, language)}: ${reason}`);
  }
  if (unit.returned) {
    const { at, by, reason } = unit.returned;
    line(vi ? `trả lại để bổ sung lúc ${when(at)}${byText(by, language)}: ${reason}` : `returned for revision at ${when(at)}${byText(by, language)}: ${reason}`);
  }
  const submission = unit.submission;
  if (submission?.document || submission?.attachments?.length) {
    const phrase = submission.document ? documentPhrase(submission.document, language) : '';
    const names = [submission.document, ...(submission.attachments ?? [])].filter((d): d is DocumentRef => d !== undefined && hasFile(d)).map((d, i) => d.name ?? (vi ? `tệp ${i + 1}` : `file ${i + 1}`));
    const files = names.length > 0 ? (vi ? `tệp ${names.join(', ')}` : `files ${names.join(', ')}`) : vi ? 'bản giấy, không kèm tệp' : 'on paper, no file';
    line(vi ? `văn bản ${phrase ? `${phrase}; ` : ''}${files}` : `document ${phrase ? `${phrase}; ` : ''}${files}`);
  }
  if (unit.submission?.note) line(vi ? `ghi chú của đơn vị: ${unit.submission.note}` : `note from the unit: ${unit.submission.note}`);
  return lines;
}

/** What a step of the approval was, in words: `phê duyệt`, `đã gửi Ban Thường vụ Tỉnh ủy`… */
function approvalStepText(step: ApprovalStep, language: Language): string {
  const vi = language === 'vi';
  const level = step.upperLevel ?? '?';
  switch (step.kind) {
    case 'requested':
      return vi ? 'trình lãnh đạo duyệt' : 'submitted to the leaders';
    case 'reminded':
      return vi ? 'nhắc lãnh đạo duyệt' : 'leaders reminded';
    case 'returned':
      return vi ? 'trả lại để bổ sung' : 'returned for revision';
    case 'resubmitted':
      return vi ? 'trình lại' : 'resubmitted';
    case 'approved':
      return vi ? 'phê duyệt' : 'approved';
    case 'sent-up':
      return vi ? `đã gửi thư cho ${level}` : `mailed to ${level}`;
    case 'send-failed':
      return vi ? `không gửi được thư cho ${level} (cần gửi tay)` : `could not be mailed to ${level} (send it by hand)`;
    case 'marked-sent':
      return vi ? 'ghi nhận đã gửi tay cho cấp trên' : 'marked sent up by hand';
    case 'expired':
      return vi ? 'hết hạn, không ai xử lý' : 'expired, nobody acted';
  }
}

/** The approval's state, then one line per step: what, when, who, and what they wrote. */
export function approvalLines(approval: ApprovalProgress, language: Language, when: (instant: string) => string): string[] {
  const vi = language === 'vi';
  return [
    vi ? `Phê duyệt của lãnh đạo: ${approvalStateWords[approval.state].vi}` : `Leaders' approval: ${approvalStateWords[approval.state].en}`,
    ...approval.steps.map((step) => `  ${approvalStepText(step, language)} ${vi ? 'lúc' : 'at'} ${when(step.at)}${byText(step.by, language)}${step.comment ? `: ${step.comment}` : ''}`),
  ];
}
