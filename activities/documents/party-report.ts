/**
 * The consolidated report as a Board sends it up, in the Party format of Hướng dẫn 36-HD/VPTW
 * (Văn phòng Trung ương Đảng, 3/4/2018): header block, number left for the clerk, place and date,
 * "BÁO CÁO" with its trích yếu, the body (basis; receipt of the units' reports; each unit's
 * document; what staff propose), "Nơi nhận", the signature block; then the internal tracking
 * sheet as an annex. Text only: `consolidation-docx.ts` lays it out. Pure.
 *
 * kyhan knows who sent what and when, not what the reports say: the paragraphs staff must write
 * are placeholders (`placeholder: true`), shown highlighted in the draft.
 */
import type { Instant, Language } from '../../domain/cycle';
import { formatCivilDate, formatLetterDateTime } from '../../domain/dates';
import { instantToZoned } from '../../domain/time';
import { reportName } from '../email/templates/phrases';
import { unitStateLabels, unitStatesInReportOrder } from '../text/labels';
import type { ConsolidationCycle } from './consolidation-document';
import type { ConsolidationCounts, ConsolidationUnitRow, SubmittedDocument } from './types';

export interface ReportParagraph {
  text: string;
  /** A section or item heading ("I. …", "1. …"). */
  heading?: boolean;
  /** Text staff replace before the report is signed. */
  placeholder?: boolean;
}

export interface ReportTable {
  columns: string[];
  rows: string[][];
}

export interface PartyReport {
  language: Language;
  header: {
    /** "TỈNH ỦY BÌNH THUẬN"; absent when the plan does not name it. */
    superior?: string;
    /** "BAN DÂN VẬN", bold. */
    issuer: string;
    /** "Số      -BC/BDVTU": the number blank for the clerk. */
    number: string;
    /** "ĐẢNG CỘNG SẢN VIỆT NAM". */
    party: string;
    /**
     * "Bình Thuận, ngày      tháng      năm 2020": the day and month blank. A document's date is
     * the day it is signed and issued, after the leaders approve the draft, and the clerk writes
     * it with the number; the year is the consolidation's.
     */
    placeAndDate: string;
  };
  /** "BÁO CÁO". */
  kind: string;
  /** The trích yếu: what the report is about, in one line. */
  subject: string;
  /** The body in order; `table` goes after the paragraph at `tableAfter`. */
  body: ReportParagraph[];
  receiptTable: ReportTable;
  /** Index in `body` of the paragraph the receipt table follows. */
  tableAfter: number;
  recipientsLabel: string;
  /** "- Ban Thường vụ Tỉnh ủy (báo cáo)," … "- Lưu Văn thư, Phòng Đoàn thể và các hội." */
  recipients: string[];
  signature: {
    /** "TRƯỞNG BAN", or "K/T TRƯỞNG BAN" and "PHÓ TRƯỞNG BAN". */
    authority: string[];
    /** Empty when the cycle names no signer: the name line stays blank. */
    name: string;
  };
  annex: {
    label: string;
    title: string;
    note: string;
    table: ReportTable;
  };
  /** Document properties. */
  title: string;
  author: string;
}

const BLANK = '\u00a0'.repeat(6);

const words = {
  vi: {
    party: 'ĐẢNG CỘNG SẢN VIỆT NAM',
    number: (symbol: string) => `Số${BLANK}-BC${symbol ? `/${symbol}` : ''}`,
    numberRef: (symbol: string) => `số${BLANK}-BC${symbol ? `/${symbol}` : ''}`,
    placeAndDate: (place: string, year: string) => `${place}, ngày${BLANK}tháng${BLANK}năm ${year}`,
    noPlace: '……………',
    kind: 'BÁO CÁO',
    /** A report is about what the units' reports are about; for plans, about the units making them. */
    subject: (about: string, plan: boolean) => (plan ? `Tình hình các đơn vị xây dựng ${lowerFirst(about)}` : upperFirst(about)),
    basis: (plan: string | undefined, issuer: string, about: string | undefined, subject: string) =>
      `${plan ? `Thực hiện ${plan}${about ? ` về ${about}` : ''}` : `Thực hiện kế hoạch của ${issuer}`}, ${issuer} báo cáo ${lowerFirst(subject)} như sau:`,
    planRef: (number: string, date: string | undefined, issuer: string) => `Kế hoạch số ${number}${date ? `, ngày ${date}` : ''} của ${issuer}`,
    receiptHeading: (plan: boolean) => `I. TÌNH HÌNH TIẾP NHẬN ${plan ? 'KẾ HOẠCH' : 'BÁO CÁO'}`,
    receipt: (total: number, due: string, at: string, plan: boolean) =>
      `Theo Kế hoạch, ${total} đơn vị có trách nhiệm gửi ${plan ? 'kế hoạch' : 'báo cáo'}, hạn gửi ${due}. Đến ${at}, kết quả tiếp nhận như sau:`,
    dataWindow: (from: string, to: string) => `Số liệu báo cáo tính từ ngày ${from} đến ngày ${to}.`,
    focus: (focus: string) => `Nội dung trọng tâm kỳ này: ${focus}.`,
    receiptColumns: ['Số đơn vị phải gửi', 'Gửi đúng hạn', 'Gửi muộn', 'Chưa gửi', 'Được miễn'],
    unitsHeading: (plan: boolean) => `II. ${plan ? 'KẾ HOẠCH' : 'BÁO CÁO'} CỦA CÁC ĐƠN VỊ`,
    summary: (plan: boolean) =>
      `[Cán bộ tổng hợp ghi tóm tắt nội dung chính từ ${plan ? 'kế hoạch' : 'báo cáo'} của các đơn vị: tình hình, kết quả nổi bật, khó khăn, vướng mắc.]`,
    received: (count: number) => `1. Các đơn vị đã gửi (${count})`,
    outstanding: (count: number) => `2. Các đơn vị chưa gửi (${count})`,
    excused: (count: number) => `3. Các đơn vị được miễn (${count})`,
    none: 'Không có.',
    documentOf: (plan: boolean) => (plan ? 'Kế hoạch' : 'Báo cáo'),
    documentNumbered: (kind: string, number: string | undefined, date: string | undefined) =>
      `${kind}${number ? ` số ${number}` : ''}${date ? ` ngày ${date}` : ''}`,
    sentAt: (at: string) => `gửi lúc ${at}`,
    onTime: 'gửi đúng hạn',
    late: (days: number | undefined, hours: number | undefined) => (hours ? `gửi muộn ${hours} giờ` : days ? `gửi muộn ${days} ngày làm việc` : 'gửi muộn'),
    file: (name: string) => `tệp ${name}`,
    proposalHeading: 'III. ĐỀ XUẤT',
    urge: (count: number, plan: boolean) => `Đề nghị lãnh đạo Ban chỉ đạo đôn đốc ${count} đơn vị chưa gửi ${plan ? 'kế hoạch' : 'báo cáo'} hoàn thành trong thời gian sớm nhất.`,
    proposal: '[Cán bộ tổng hợp ghi đề xuất, kiến nghị trước khi trình ký.]',
    recipientsLabel: 'Nơi nhận:',
    upperLevel: (name: string) => `- ${name} (báo cáo),`,
    leaders: (body: string) => `- Lãnh đạo ${body},`,
    archive: (division: string | undefined) => `- Lưu Văn thư${division ? `, ${division}` : ''}.`,
    onBehalf: 'K/T',
    head: 'TRƯỞNG BAN',
    annexLabel: 'PHỤ LỤC',
    annexTitle: (plan: boolean) => `BẢNG THEO DÕI TÌNH HÌNH GỬI ${plan ? 'KẾ HOẠCH' : 'BÁO CÁO'}`,
    annexNote: (number: string, issuer: string) => `(Kèm theo Báo cáo ${number} của ${issuer}; tài liệu theo dõi nội bộ)`,
    annexColumns: ['STT', 'Đơn vị', 'Tình trạng', 'Thời điểm gửi', 'Người gửi', 'Số, ngày văn bản', 'Số ngày làm việc chậm', 'Ghi chú'],
    annexHoursLate: 'Số giờ chậm',
  },
  en: {
    party: 'COMMUNIST PARTY OF VIET NAM',
    number: (symbol: string) => `No.${BLANK}-BC${symbol ? `/${symbol}` : ''}`,
    numberRef: (symbol: string) => `No.${BLANK}-BC${symbol ? `/${symbol}` : ''}`,
    placeAndDate: (place: string, year: string) => `${place},${BLANK}${BLANK}${year}`,
    noPlace: '……………',
    kind: 'REPORT',
    subject: (about: string, plan: boolean) => (plan ? `The units’ plans: ${about}` : upperFirst(about)),
    basis: (plan: string | undefined, issuer: string, about: string | undefined, subject: string) =>
      `${plan ? `Under ${plan}${about ? ` on ${about}` : ''}` : `Under the plan of the ${issuer}`}, the ${issuer} reports on ${lowerFirst(subject)} as follows:`,
    planRef: (number: string, date: string | undefined, issuer: string) => `Plan No. ${number}${date ? ` of ${date}` : ''} of the ${issuer}`,
    receiptHeading: (plan: boolean) => `I. RECEIPT OF THE ${plan ? 'PLANS' : 'REPORTS'}`,
    receipt: (total: number, due: string, at: string, plan: boolean) => `Under the plan, ${total} units were to send their ${plan ? 'plan' : 'report'} by ${due}. At ${at}:`,
    dataWindow: (from: string, to: string) => `The figures cover ${from} to ${to}.`,
    focus: (focus: string) => `This period’s focus: ${focus}.`,
    receiptColumns: ['Units required', 'On time', 'Late', 'Outstanding', 'Excused'],
    unitsHeading: (plan: boolean) => `II. THE UNITS’ ${plan ? 'PLANS' : 'REPORTS'}`,
    summary: (plan: boolean) => `[Staff summarise the main points of the units’ ${plan ? 'plans' : 'reports'}: situation, results, difficulties.]`,
    received: (count: number) => `1. Units that sent it (${count})`,
    outstanding: (count: number) => `2. Units outstanding (${count})`,
    excused: (count: number) => `3. Units excused (${count})`,
    none: 'None.',
    documentOf: (plan: boolean) => (plan ? 'Plan' : 'Report'),
    documentNumbered: (kind: string, number: string | undefined, date: string | undefined) => `${kind}${number ? ` No. ${number}` : ''}${date ? ` of ${date}` : ''}`,
    sentAt: (at: string) => `sent at ${at}`,
    onTime: 'on time',
    late: (days: number | undefined, hours: number | undefined) => (hours ? `${hours} hour(s) late` : days ? `${days} working day(s) late` : 'late'),
    file: (name: string) => `file ${name}`,
    proposalHeading: 'III. PROPOSALS',
    urge: (count: number, plan: boolean) => `We propose that the leaders urge the ${count} outstanding unit(s) to send their ${plan ? 'plan' : 'report'} without delay.`,
    proposal: '[Staff write their proposals before the report is signed.]',
    recipientsLabel: 'Recipients:',
    upperLevel: (name: string) => `- ${name} (for report),`,
    leaders: (body: string) => `- The ${body}’s leaders,`,
    archive: (division: string | undefined) => `- Archive${division ? `, ${division}` : ''}.`,
    onBehalf: 'p.p.',
    head: 'HEAD',
    annexLabel: 'ANNEX',
    annexTitle: (plan: boolean) => `TRACKING SHEET OF THE UNITS’ ${plan ? 'PLANS' : 'REPORTS'}`,
    annexNote: (number: string, issuer: string) => `(Attached to report ${number} of the ${issuer}; internal tracking sheet)`,
    annexColumns: ['No.', 'Unit', 'State', 'Sent at', 'Sent by', 'Document No., date', 'Working days late', 'Note'],
    annexHoursLate: 'Hours late',
  },
} satisfies Record<Language, unknown>;

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}


/** "BDVTU" in "Số -BC/BDVTU": the plan's own symbol, else what follows the last "/" of its number. */
export function issuerSymbol(issuer: ConsolidationCycle['issuer']): string {
  if (issuer.symbol) return issuer.symbol;
  const slash = issuer.documentNumber.lastIndexOf('/');
  return slash >= 0 ? issuer.documentNumber.slice(slash + 1).trim() : '';
}

/** The report's name without a leading "Báo cáo"/"Report": the trích yếu says what it is about. */
function aboutOf(name: string): string {
  return name.replace(/^(báo cáo|report)\s+/i, '');
}

/**
 * A file name as a reader may see it: never a folder part, a URI or a server path (rows recorded
 * before documents had facts could carry one).
 */
function fileNameOf(name: string | undefined): string | undefined {
  if (!name || /^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return undefined;
  const base = name.split(/[\\/]/).pop()?.trim();
  return base || undefined;
}

/** Rows written before `document` existed have only `documentRef`, which may be a path: a reader sees none of it. */
function documentOf(row: ConsolidationUnitRow): SubmittedDocument | undefined {
  return row.document;
}

export function partyReport(cycle: ConsolidationCycle, rows: ConsolidationUnitRow[], counts: ConsolidationCounts, consolidatedAt: Instant): PartyReport {
  const { language, timeZone, issuer } = cycle;
  const w = words[language];
  const plan = cycle.reportType.document === 'plan';
  const name = reportName(cycle);
  // One date style in the whole document, the letters' own: "17 giờ 00 ngày 17/3/2020", "16/3/2020".
  const when = (instant: Instant) => formatLetterDateTime(instant, timeZone, language);
  const day = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? formatCivilDate(date, language) : date);
  const year = instantToZoned(new Date(consolidatedAt), timeZone).date.slice(0, 4);
  const shortName = issuer.shortName ?? issuer.name;
  const number = w.number(issuerSymbol(issuer));

  const body: ReportParagraph[] = [];
  const planRef = issuer.documentNumber ? w.planRef(issuer.documentNumber, issuer.date ? day(issuer.date) : undefined, issuer.name) : undefined;
  const subject = w.subject(aboutOf(name), plan);
  body.push({ text: w.basis(planRef, issuer.name, issuer.about, subject) });
  body.push({ text: w.receiptHeading(plan), heading: true });
  if (cycle.period.dataWindow) body.push({ text: w.dataWindow(day(cycle.period.dataWindow.from), day(cycle.period.dataWindow.to)) });
  if (cycle.period.focus) body.push({ text: w.focus(cycle.period.focus) });
  body.push({ text: w.receipt(counts.total, when(cycle.dueAt), when(consolidatedAt), plan) });
  const tableAfter = body.length - 1;

  body.push({ text: w.unitsHeading(plan), heading: true }, { text: w.summary(plan), placeholder: true });
  const received = rows.filter((row) => row.state === 'submitted' || row.state === 'late');
  const outstanding = rows.filter((row) => row.state === 'missing');
  const excused = rows.filter((row) => row.state === 'excused');
  body.push({ text: w.received(received.length), heading: true });
  if (received.length === 0) body.push({ text: w.none });
  for (const row of received) {
    const doc = documentOf(row);
    const file = fileNameOf(doc?.name);
    const parts = [
      doc?.number || doc?.date ? w.documentNumbered(w.documentOf(plan), doc.number, doc.date ? day(doc.date) : undefined) : row.submittedAt ? w.sentAt(when(row.submittedAt)) : undefined,
      row.state === 'late' ? w.late(row.daysLate, row.hoursLate) : w.onTime,
      file ? `(${w.file(file)})` : undefined,
    ].filter(Boolean);
    body.push({ text: `- ${row.name}: ${parts.join(', ').replace(', (', ' (')}.` });
  }
  body.push({ text: w.outstanding(outstanding.length), heading: true });
  if (outstanding.length === 0) body.push({ text: w.none });
  for (const row of outstanding) body.push({ text: `- ${row.name}${row.note ? ` (${row.note})` : ''}.` });
  body.push({ text: w.excused(excused.length), heading: true });
  if (excused.length === 0) body.push({ text: w.none });
  for (const row of excused) body.push({ text: `- ${row.name}${row.note ? `: ${row.note}` : ''}.` });

  body.push({ text: w.proposalHeading, heading: true });
  if (outstanding.length > 0) body.push({ text: w.urge(outstanding.length, plan) });
  body.push({ text: w.proposal, placeholder: true });

  // The Board's word for its own leaders: "Lãnh đạo Ban" for a "Ban …".
  const body1 = shortName.split(/\s+/)[0] ?? shortName;
  const recipients = [
    ...cycle.upperLevels.map(w.upperLevel),
    ...(cycle.hasLeaders ? [w.leaders(body1)] : []),
    w.archive(cycle.contact?.division),
  ];

  const signer = cycle.signer;
  const authority = signer
    ? signer.onBehalfOf
      ? [`${w.onBehalf} ${upper(signer.onBehalfOf)}`, upper(signer.title)]
      : [upper(signer.title)]
    : /^ban\s/i.test(shortName) && language === 'vi'
      ? [w.head]
      : [];

  const stateLabel = unitStateLabels[language];
  // An urgent report's lateness is in hours (its ladder runs in hours), any other's in working days.
  const hours = rows.some((row) => row.hoursLate !== undefined);
  const annexColumns = hours ? w.annexColumns.map((column, i) => (i === 6 ? w.annexHoursLate : column)) : w.annexColumns;
  let index = 0;
  const annexRows = unitStatesInReportOrder.flatMap((state) =>
    rows
      .filter((row) => row.state === state)
      .map((row) => {
        const doc = documentOf(row);
        index += 1;
        return [
          String(index),
          row.name,
          stateLabel[state],
          row.submittedAt ? when(row.submittedAt) : '',
          row.submittedBy ?? '',
          doc?.number || doc?.date ? [doc.number, doc.date ? day(doc.date) : undefined].filter(Boolean).join(', ') : '',
          state !== 'late' ? '' : hours ? String(row.hoursLate ?? '') : row.daysLate ? String(row.daysLate) : '',
          row.note ?? '',
        ];
      }),
  );

  return {
    language,
    header: {
      ...(issuer.superior ? { superior: upper(issuer.superior) } : {}),
      issuer: upper(shortName),
      number,
      party: w.party,
      placeAndDate: w.placeAndDate(issuer.place ?? w.noPlace, year),
    },
    kind: w.kind,
    subject,
    body,
    receiptTable: { columns: w.receiptColumns, rows: [[counts.total, counts.submitted, counts.late, counts.missing, counts.excused].map(String)] },
    tableAfter,
    recipientsLabel: w.recipientsLabel,
    recipients,
    signature: { authority, name: signer?.name ?? '' },
    annex: { label: w.annexLabel, title: w.annexTitle(plan), note: w.annexNote(w.numberRef(issuerSymbol(issuer)), issuer.name), table: { columns: annexColumns, rows: annexRows } },
    title: `${w.kind}: ${subject}`,
    author: issuer.name,
  };
}
