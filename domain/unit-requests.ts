/**
 * The shape of every per-unit request (submit, extend, excuse, return), checked before any
 * rule of the unit's state: types, lengths, no control characters, no unknown fields. A shard
 * runs it in each Update's validator, so a hostile payload is refused before it is written to
 * history and can never reach workflow state, a continue-as-new input or an email.
 *
 * Limits keep a shard's state small (it is carried across continue-as-new, under Temporal's
 * 2 MB payload limit) and every value printable.
 */
import { z } from 'zod';
import type { Instant, Language } from './cycle';
import { rejections, type Rejection, type RejectionContext, type UnitAction } from './rejections';

/** A submitted document: where it is stored and, when the unit gave them, its number, date and signer. */
export interface DocumentRef {
  /** Where the stored file is, e.g. `file:///var/kyhan/submissions/…` or a URL. */
  uri: string;
  name?: string;
  sha256?: string;
  /** The unit's document number, e.g. `45-BC/MTTQ-BTT`. */
  number?: string;
  /** The document's date as written on it, e.g. `2020-03-16`. */
  date?: string;
  /** Who signed it. */
  signer?: string;
}

export interface SubmitRequest {
  unitId: string;
  submittedBy: string;
  note?: string;
  document?: DocumentRef;
  /**
   * The submission's further files (annexes, tables), stored like `document`; `document` is the
   * first file and carries the number, date and signer of the whole submission. Optional and
   * additive: histories recorded before it replay unchanged.
   */
  attachments?: DocumentRef[];
  /** A new version after a return for revision; a plain resubmission changes nothing. */
  revision?: boolean;
}
export interface ExtendRequest {
  unitId: string;
  until: Instant;
  reason: string;
  grantedBy?: string;
}
export interface ExcuseRequest {
  unitId: string;
  reason: string;
  excusedBy?: string;
}
export interface ReturnRequest {
  unitId: string;
  reason: string;
  returnedBy?: string;
}

export const LIMITS = {
  /** Unit ids are short slugs in plans; anything longer is not one. */
  unitId: 200,
  /** A person's or a document's name. */
  name: 200,
  /** Notes and reasons: a paragraph or two. */
  text: 2_000,
  /** A stored file's URI. */
  uri: 2_000,
  /** Document number (`45-BC/MTTQ-BTT`) and date as written. */
  documentField: 100,
  /** Files of one submission besides `document`: ten in all. */
  attachments: 9,
  instant: 64,
} as const;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

const controlsIn = (pattern: RegExp) => (value: string) => !pattern.test(value);

/** One line of text (names, ids): no control character at all, not blank. */
export const line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => v.trim() !== '', { params: { problem: 'blank' } })
    .refine(controlsIn(ANY_CONTROL), { params: { problem: 'controls' } });

/** Free text (notes, reasons): line breaks and tabs allowed, other controls not; not blank. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => v.trim() !== '', { params: { problem: 'blank' } })
    .refine(controlsIn(CONTROLS_BUT_LINE_BREAKS), { params: { problem: 'controls' } });

const DocumentSchema = z.strictObject({
  uri: line(LIMITS.uri),
  name: line(LIMITS.name).optional(),
  sha256: z
    .string()
    .refine((v) => /^[0-9a-f]{64}$/.test(v), { params: { problem: 'sha256' } })
    .optional(),
  number: line(LIMITS.documentField).optional(),
  date: line(LIMITS.documentField).optional(),
  signer: line(LIMITS.name).optional(),
});

const unitId = line(LIMITS.unitId);

/**
 * An instant with its offset (`Z` or `+07:00`): without one, `Date.parse` reads local time,
 * and a workflow's decisions would depend on the time zone of the worker that replays them.
 */
const instant = z
  .string()
  .max(LIMITS.instant)
  .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)), { params: { problem: 'instant' } });

export const requestSchemas = {
  submit: z.strictObject({
    unitId,
    submittedBy: line(LIMITS.name),
    note: text(LIMITS.text).optional(),
    document: DocumentSchema.optional(),
    attachments: z.array(DocumentSchema).max(LIMITS.attachments).optional(),
    revision: z.boolean().optional(),
  }),
  extend: z.strictObject({ unitId, until: instant, reason: text(LIMITS.text), grantedBy: line(LIMITS.name).optional() }),
  excuse: z.strictObject({ unitId, reason: text(LIMITS.text), excusedBy: line(LIMITS.name).optional() }),
  return: z.strictObject({ unitId, reason: text(LIMITS.text), returnedBy: line(LIMITS.name).optional() }),
} satisfies Record<UnitAction, z.ZodType>;

export interface RequestOf {
  submit: SubmitRequest;
  extend: ExtendRequest;
  excuse: ExcuseRequest;
  return: ReturnRequest;
}

/** Thousands grouped as the reader writes them: `2.000` in Vietnamese, `2,000` in English. */
function count(n: number, language: Language): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'vi' ? '.' : ',');
}

const typeNames: Record<string, Record<Language, string>> = {
  string: { vi: 'chuỗi ký tự', en: 'text' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  object: { vi: 'một đối tượng', en: 'an object' },
};

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** The problem with one field, in the reader's language: what is wrong and what to do (other requests' parsers word theirs with it too). */
export function problemText(issue: z.core.$ZodIssue): Record<Language, string> | 'missing' {
  const field = issue.path.join('.');
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'missing';
      const expected = typeNames[issue.expected] ?? { vi: issue.expected, en: issue.expected };
      return {
        vi: `"${field}" phải là ${expected.vi}, nhận được ${received(issue.input)}.`,
        en: `"${field}" must be ${expected.en}, received ${received(issue.input)}.`,
      };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      const length = typeof issue.input === 'string' ? issue.input.length : undefined;
      return {
        vi: `"${field}" dài ${length === undefined ? 'quá' : `${count(length, 'vi')} ký tự,`} vượt giới hạn ${count(max, 'vi')} ký tự; hãy rút gọn.`,
        en: `"${field}" is ${length === undefined ? 'too long' : `${count(length, 'en')} characters long,`} over the limit of ${count(max, 'en')}; shorten it.`,
      };
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k.slice(0, 40)}"`).join(', ');
      return {
        vi: `trường ${keys} không được hỗ trợ; hãy bỏ ${issue.keys.length > 1 ? 'các trường này' : 'trường này'}.`,
        en: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}; remove ${issue.keys.length > 1 ? 'them' : 'it'}.`,
      };
    }
    case 'custom':
    case 'invalid_format': {
      const problem = (issue as { params?: { problem?: string } }).params?.problem;
      if (problem === 'blank') return 'missing';
      if (problem === 'controls') {
        return {
          vi: `"${field}" chứa ký tự điều khiển (không in được); hãy xóa chúng.`,
          en: `"${field}" contains control (non-printing) characters; remove them.`,
        };
      }
      if (problem === 'instant') {
        return {
          vi: `"${field}" phải là thời điểm ISO 8601 có múi giờ, ví dụ 2020-02-10T17:00:00+07:00.`,
          en: `"${field}" must be an ISO 8601 instant with its offset, e.g. 2020-02-10T17:00:00+07:00.`,
        };
      }
      if (problem === 'sha256') {
        return { vi: `"${field}" phải gồm 64 chữ số hệ 16 viết thường.`, en: `"${field}" must be 64 lowercase hexadecimal digits.` };
      }
      break;
    }
  }
  return { vi: `"${field}" không hợp lệ.`, en: `"${field}" is not valid.` };
}

/** A printable, bounded unit id for a rejection message, whatever was sent. */
function unitIdOf(payload: unknown): string {
  const id = (payload as { unitId?: unknown } | null | undefined)?.unitId;
  return typeof id === 'string' ? id.slice(0, LIMITS.unitId).replace(new RegExp(ANY_CONTROL.source, 'g'), '?') : '';
}

/**
 * The request, typed, or the rejection of its first problem in the plan's language, naming
 * the field and the limit or the fix.
 */
export function parseUnitRequest<A extends UnitAction>(action: A, payload: unknown, ctx: RejectionContext): { ok: true; request: RequestOf[A] } | { ok: false; rejection: Rejection } {
  const id = unitIdOf(payload);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, rejection: rejections.invalidField(ctx, action, id, { vi: 'yêu cầu phải là một đối tượng JSON.', en: 'the request must be a JSON object.' }) };
  }
  const result = requestSchemas[action].safeParse(payload, { reportInput: true });
  if (result.success) return { ok: true, request: result.data as RequestOf[A] };
  const issue = result.error.issues[0]!;
  const problem = problemText(issue);
  const rejection = problem === 'missing' ? rejections.missingField(ctx, action, id, issue.path.join('.')) : rejections.invalidField(ctx, action, id, problem);
  return { ok: false, rejection };
}
