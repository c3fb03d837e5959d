/**
 * Staff forms: zod schemas for what a person types, their problems worded next to each field in
 * the plan's language, and the fields themselves (label, input, what was typed, the problem).
 * The limits are the requests' own (domain/unit-requests.ts), so what passes here passes the
 * workflow's validator too; what the workflow still refuses is shown beside the form.
 */
import { z } from 'zod';
import type { Language } from '../../domain/cycle';
import { formatInstant, isValidLocalDate, zonedToInstant } from '../../domain/time';
import { LIMITS, line, text } from '../../domain/unit-requests';
import { html, say, type Bilingual } from '../html';

/** What was typed, per field, and what is wrong with it. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The workflow's refusal (already in the plan's language), shown above the form's button. */
  refusal?: string;
}

export const emptyForm = (): FormState => ({ values: {}, errors: {} });

/** Blank optional fields are absent; the rest trimmed of the spaces around them. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const fields = {
  /** A reason or note: paragraphs allowed, required. */
  reason: () => text(LIMITS.text),
  note: () => optional(text(LIMITS.text)),
  shortLine: (max: number = LIMITS.documentField) => optional(line(max)),
  /** A local date `YYYY-MM-DD` (an `<input type=date>`). */
  date: () => optional(z.string().refine(isValidLocalDate, { params: { problem: 'date' } })),
  /** A local moment `YYYY-MM-DDTHH:mm` (an `<input type=datetime-local>`), read in the plan's zone. */
  localMoment: () => z.string().refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v.trim()) && isValidLocalDate(v.trim().slice(0, 10)), { params: { problem: 'moment' } }),
};

/** The instant of a local moment typed in the plan's zone, ISO 8601 with its offset. */
export function instantOfLocal(value: string, timeZone: string): string {
  const v = value.trim();
  const time = v.slice(11).length === 5 ? `${v.slice(11)}:00` : v.slice(11);
  return formatInstant(zonedToInstant(v.slice(0, 10), time, timeZone), timeZone);
}

const count = (n: number, language: Language) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'vi' ? '.' : ',');

/** One issue in words for the person who typed it (the field is the one it is shown beside). */
export function issueText(issue: z.core.$ZodIssue, language: Language): string {
  const problem = (issue as { params?: { problem?: string } }).params?.problem;
  const words = (t: Bilingual) => say(language, t);
  if (issue.code === 'invalid_type' || problem === 'blank') return words({ vi: 'Không được để trống.', en: 'This is required.' });
  if (issue.code === 'too_big') {
    const length = typeof issue.input === 'string' ? issue.input.length : undefined;
    const max = count(Number(issue.maximum), language);
    return length === undefined
      ? words({ vi: `Tối đa ${max} ký tự.`, en: `At most ${max} characters.` })
      : words({ vi: `Dài ${count(length, 'vi')} ký tự, tối đa ${max}; hãy rút gọn.`, en: `${count(length, 'en')} characters long, at most ${max}; shorten it.` });
  }
  if (problem === 'controls') return words({ vi: 'Có ký tự điều khiển (không in được); hãy xóa chúng.', en: 'Contains control (non-printing) characters; remove them.' });
  if (problem === 'date') return words({ vi: 'Ngày phải có dạng NNNN-TT-NN, ví dụ 2020-03-16.', en: 'A date is written YYYY-MM-DD, e.g. 2020-03-16.' });
  if (problem === 'moment') return words({ vi: 'Thời điểm phải có ngày và giờ, ví dụ 2020-03-16T17:00.', en: 'A moment needs a date and a time, e.g. 2020-03-16T17:00.' });
  if (issue.message && issue.code === 'custom') return issue.message;
  return words({ vi: 'Giá trị không hợp lệ.', en: 'Not a valid value.' });
}

/** The form's fields as typed (strings only: a file field is read separately). */
export function typedValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && key !== '_csrf') values[key] = value.slice(0, LIMITS.text + 100);
  return values;
}

/** Parses a form with `schema`: the data, or the form state to show again (first problem per field). */
export function parseForm<S extends z.ZodType>(schema: S, body: Record<string, unknown>, language: Language): { ok: true; data: z.output<S> } | { ok: false; state: FormState } {
  const values = typedValues(body);
  const result = schema.safeParse(values, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issueText(issue, language);
  }
  return { ok: false, state: { values, errors } };
}

export interface FieldOptions {
  /** The form it belongs to: ids stay unique when a page has several forms. */
  form: string;
  name: string;
  label: string;
  state: FormState;
  type?: 'text' | 'date' | 'datetime-local' | 'textarea' | 'file' | 'select' | 'month';
  required?: boolean;
  hint?: string;
  options?: { value: string; label: string }[];
  maxlength?: number;
}

/** A labelled field with what was typed and, below it, what is wrong (linked for screen readers). */
export function field(o: FieldOptions) {
  const id = `${o.form}-${o.name}`;
  const error = o.state.errors[o.name];
  const value = o.state.values[o.name] ?? '';
  const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  // Described by its hint and its problem, when there are; marked invalid when there is a problem.
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  const input =
    o.type === 'textarea'
      ? html`<textarea id="${id}" name="${o.name}"${o.required ? html` required` : ''} maxlength="${o.maxlength ?? LIMITS.text}"${aria}>${value}</textarea>`
      : o.type === 'select'
        ? html`<select id="${id}" name="${o.name}"${aria}>${(o.options ?? []).map((opt) => html`<option value="${opt.value}"${opt.value === value ? html` selected` : ''}>${opt.label}</option>`)}</select>`
        : html`<input type="${o.type ?? 'text'}" id="${id}" name="${o.name}"${o.type === 'file' ? '' : html` value="${value}"`}${o.required ? html` required` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${aria}>`;
  return html`<div class="field${error ? ' has-error' : ''}">
<label for="${id}">${o.label}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}${input}
${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
</div>`;
}

/** The hidden CSRF field every form carries. */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

/** The workflow's refusal, or nothing. */
export const refusalNotice = (state: FormState) => (state.refusal ? html`<p class="notice bad" role="alert">${state.refusal}</p>` : '');
