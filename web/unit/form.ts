/**
 * The fields of a unit's submission form, checked with the same limits the cycle applies to a
 * submit request (domain/unit-requests.ts), and each problem worded for the clerk, next to its
 * field: the unit's document number, its date and signer, who submits, and an optional note.
 */
import { z } from 'zod';
import type { Language } from '../../domain/cycle';
import { documentDateProblem } from '../../domain/document-facts';
import { instantToZoned } from '../../domain/time';
import { LIMITS, requestSchemas } from '../../domain/unit-requests';
import type { Bilingual } from '../html';

export const FIELDS = ['number', 'date', 'signer', 'submittedBy', 'note'] as const;
export type Field = (typeof FIELDS)[number];
export type FormValues = Record<Field, string>;
export type FormErrors = Partial<Record<Field | 'files', string>>;

export const LABELS: Record<Field | 'files', Bilingual> = {
  number: { vi: 'Số, ký hiệu văn bản', en: 'Document number' },
  date: { vi: 'Ngày văn bản', en: 'Document date' },
  signer: { vi: 'Người ký', en: 'Signed by' },
  submittedBy: { vi: 'Người nộp (họ tên)', en: 'Submitted by (full name)' },
  note: { vi: 'Ghi chú (không bắt buộc)', en: 'Note (optional)' },
  files: { vi: 'Tệp báo cáo', en: 'Report files' },
};

const documentShape = requestSchemas.submit.shape.document.unwrap().shape;
const submitShape = requestSchemas.submit.shape;

/** The same rules as the submit request, required here where the request leaves them optional. */
const schemas: Record<Field, z.ZodType<string | undefined>> = {
  number: documentShape.number.unwrap(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  signer: documentShape.signer.unwrap(),
  submittedBy: submitShape.submittedBy,
  note: submitShape.note,
};

const MAX: Record<Field, number> = { number: LIMITS.documentField, date: 10, signer: LIMITS.name, submittedBy: LIMITS.name, note: LIMITS.text };

function problem(field: Field, value: string, issue: z.core.$ZodIssue | undefined, language: Language, dateProblem?: 'format' | 'future'): string {
  const label = LABELS[field][language];
  if (value.trim() === '') return language === 'vi' ? `Xin nhập ${label.toLowerCase()}.` : `Enter the ${label.toLowerCase()}.`;
  if (issue?.code === 'too_big') {
    return language === 'vi' ? `${label} dài ${value.length} ký tự, vượt giới hạn ${MAX[field]} ký tự; xin rút gọn.` : `${label} is ${value.length} characters long, over the limit of ${MAX[field]}; shorten it.`;
  }
  if (field === 'date' && dateProblem === 'future') {
    return language === 'vi' ? 'Ngày văn bản là một ngày trong tương lai; xin ghi ngày ký văn bản.' : 'The document date lies in the future; give the date the document was signed.';
  }
  if (field === 'date') return language === 'vi' ? 'Ngày văn bản không hợp lệ (ngày/tháng/năm); xin chọn ngày ký văn bản.' : 'The document date is not a valid date; give the date the document was signed.';
  return language === 'vi' ? `${label} chứa ký tự không in được (ký tự điều khiển); xin xóa chúng.` : `${label} contains non-printing (control) characters; remove them.`;
}

/**
 * The typed values (kept, to fill the form again) and the problem of each field. A document
 * dated after today in the cycle's time zone is refused: a report is dated when it is signed.
 */
export function parseForm(body: Record<string, unknown>, timeZone: string, now: Date, language: Language): { values: FormValues; errors: FormErrors } {
  const values = Object.fromEntries(FIELDS.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string) : ''])) as FormValues;
  // Browsers send CRLF; the cycle's limits count characters of what is kept.
  values.note = values.note.replace(/\r\n/g, '\n');
  for (const f of FIELDS) if (f !== 'note') values[f] = values[f].trim();
  const errors: FormErrors = {};
  for (const field of FIELDS) {
    const value = values[field];
    if (field === 'note' && value.trim() === '') continue;
    const result = schemas[field].safeParse(value);
    if (!result.success) errors[field] = problem(field, value, result.error.issues[0], language);
  }
  const dateProblem = errors.date ? undefined : documentDateProblem(values.date, instantToZoned(now, timeZone).date);
  if (dateProblem) errors.date = problem('date', values.date, undefined, language, dateProblem);
  return { values, errors };
}
