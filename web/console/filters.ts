/**
 * The matrix's filters from the query string (zod): report type, level, period range as months.
 * A value that is not one of the plan's is a problem named next to its field, and the matrix is
 * shown without that filter, so a stale bookmark still opens.
 */
import { z } from 'zod';
import type { Language } from '../../domain/cycle';
import { LevelSchema, type Plan } from '../../domain/plan/schema';
import type { MatrixFilters } from './matrix';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

export type FilterField = 'reportType' | 'level' | 'from' | 'to';

export interface ParsedFilters {
  filters: MatrixFilters;
  /** Per field, what is wrong, in the reader's language. */
  problems: Partial<Record<FilterField, string>>;
  /** What was typed, to put back into the form. */
  typed: Partial<Record<FilterField, string>>;
}

function schemaFor(plan: Plan, language: Language) {
  const vi = language === 'vi';
  const reportTypes = plan.reportTypes.map((r) => r.id);
  const month = z
    .string()
    .regex(MONTH, { error: vi ? 'Tháng phải có dạng NNNN-TT, ví dụ 2020-03.' : 'A month is written YYYY-MM, e.g. 2020-03.' });
  return {
    reportType: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((v) => reportTypes.includes(v), { error: vi ? 'Kế hoạch không có loại báo cáo này.' : 'The plan has no such report type.' })
        .optional(),
    ),
    level: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((v) => (LevelSchema.options as readonly string[]).includes(v), { error: vi ? 'Cấp không hợp lệ.' : 'Unknown level.' })
        .optional(),
    ),
    from: z.preprocess(blankToUndefined, month.optional()),
    to: z.preprocess(blankToUndefined, month.optional()),
  };
}

/** The filters of a query (`URLSearchParams` or Hono's `c.req.query()`), each field checked on its own. */
export function parseFilters(query: Record<string, string | undefined>, plan: Plan, language: Language): ParsedFilters {
  const vi = language === 'vi';
  const schema = schemaFor(plan, language);
  const result: ParsedFilters = { filters: {}, problems: {}, typed: {} };
  for (const field of ['reportType', 'level', 'from', 'to'] as const) {
    const raw = query[field];
    if (raw !== undefined) result.typed[field] = raw.slice(0, 100);
    const parsed = schema[field].safeParse(raw);
    if (parsed.success) {
      if (parsed.data !== undefined) (result.filters as Record<string, string>)[field] = parsed.data;
    } else {
      result.problems[field] = parsed.error.issues[0]?.message ?? (vi ? 'Không hợp lệ.' : 'Not valid.');
    }
  }
  if (result.filters.from && result.filters.to && result.filters.from > result.filters.to) {
    result.problems.to = vi ? 'Tháng cuối phải sau hoặc bằng tháng đầu.' : 'The last month must not be before the first.';
    delete result.filters.to;
  }
  return result;
}

/** The query string of the filters (for links to the CSV and back). */
export function filtersQuery(filters: MatrixFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
