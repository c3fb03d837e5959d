/**
 * zod issues → plan problems worded in the plan's language. Messages are built from the
 * issue's data (code, format, expected, keys), never from zod's English text, so one schema
 * serves both languages. Pure.
 */
import { z } from 'zod';
import { problem, quote, quoteList, formatPath, type Bilingual, type Language, type PathSegment, type PlanProblem } from './problems';
import { likelyMeant } from './suggest';

type Issue = z.core.$ZodIssue;

export interface IssueReader {
  /** Per-parse error map: pass it to `safeParse(…, { error })`. */
  errorMap: z.core.$ZodErrorMap;
  toProblems(issues: readonly Issue[]): PlanProblem[];
}

/** Field names the strict object that raised an `unrecognized_keys` issue does know. */
type KnownKeys = WeakMap<readonly string[], string[]>;

export function createIssueReader(language: Language): IssueReader {
  const knownKeys: KnownKeys = new WeakMap();
  const locale = language === 'vi' ? z.locales.vi() : z.locales.en();
  const errorMap: z.core.$ZodErrorMap = (iss) => {
    // The finalized issue drops the schema that raised it, but keeps the same `keys`
    // array: remember the object's known fields under it to suggest the closest one.
    if (iss.code === 'unrecognized_keys') {
      const shape = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
      if (shape) knownKeys.set(iss.keys, Object.keys(shape));
    }
    return locale.localeError(iss);
  };
  return { errorMap, toProblems: (issues) => toProblems(issues, [], language, knownKeys) };
}

function toProblems(issues: readonly Issue[], prefix: readonly PathSegment[], language: Language, knownKeys: KnownKeys): PlanProblem[] {
  const problems: PlanProblem[] = [];
  // `reportTyps` is reported as an unknown field with a suggestion; "reportTypes is missing"
  // then says the same thing again, so it is left out.
  const coveredByTypo = new Set<string>();
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const meant = likelyMeant(key, knownKeys.get(issue.keys) ?? []);
        if (meant !== undefined) coveredByTypo.add(formatPath([...path, meant]));
        problems.push(problem([...path, key], 'unknown-field', unknownField(key, meant, knownKeys.get(issue.keys) ?? []), language));
      }
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0 && !issue.discriminator) {
      problems.push(...toProblems(bestBranch(issue.errors, knownKeys), path, language, knownKeys));
    } else {
      problems.push(problem(path, codeOf(issue), describe(issue), language));
    }
  }
  return problems.filter((p) => !(p.code === 'missing-field' && coveredByTypo.has(p.path)));
}

/** Of a union's alternatives, the one the writer most likely meant: fewest problems, typos cheapest. */
function bestBranch(branches: readonly Issue[][], knownKeys: KnownKeys): Issue[] {
  let best: Issue[] = branches[0] ?? [];
  let bestScore = Infinity;
  for (const branch of branches) {
    let score = 0;
    for (const issue of branch) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) score += likelyMeant(key, knownKeys.get(issue.keys) ?? []) ? 1 : 1.5;
      } else score += 1;
    }
    if (score < bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

function unknownField(key: string, meant: string | undefined, known: readonly string[]): Bilingual {
  if (meant !== undefined) {
    return {
      vi: `trường ${quote(key)} không có trong định dạng kế hoạch — có phải là ${quote(meant)}?`,
      en: `unknown field ${quote(key)} — did you mean ${quote(meant)}?`,
    };
  }
  return {
    vi: `trường ${quote(key)} không có trong định dạng kế hoạch — các trường hợp lệ ở đây: ${quoteList(known)}`,
    en: `unknown field ${quote(key)} — the fields allowed here are ${quoteList(known)}`,
  };
}

function codeOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'missing-field' : 'wrong-type';
    case 'invalid_value':
      return issue.input === undefined ? 'missing-field' : 'invalid-value';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid-email' : 'invalid-format';
    case 'custom':
      return issue.params?.code === 'no-reporter-criteria' ? 'no-reporters' : 'invalid-value';
    case 'too_small':
    case 'too_big':
      return 'out-of-range';
    default:
      return 'invalid-value';
  }
}

const typeNames: Record<string, Bilingual> = {
  string: { vi: 'một chuỗi ký tự', en: 'a string' },
  number: { vi: 'một số', en: 'a number' },
  int: { vi: 'một số nguyên', en: 'a whole number' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  object: { vi: 'một mục gồm các cặp khóa: giá trị', en: 'a mapping of key: value pairs' },
  array: { vi: 'một danh sách (mỗi phần tử bắt đầu bằng "- ")', en: 'a list (each item starting with "- ")' },
  null: { vi: 'để trống', en: 'empty' },
};

function typeName(type: string): Bilingual {
  return typeNames[type] ?? { vi: type, en: type };
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'number';
  return typeof value;
}

const formats: Record<string, Bilingual> = {
  slug: {
    vi: 'phải là một id viết thường, chỉ gồm chữ không dấu, chữ số và dấu gạch ngang đơn, ví dụ "mttq-tinh"',
    en: 'must be an id of lowercase letters, digits and single hyphens, e.g. "mttq-tinh"',
  },
  'local-date': { vi: 'phải là một ngày dạng YYYY-MM-DD, ví dụ "2020-01-15"', en: 'must be a date YYYY-MM-DD, e.g. "2020-01-15"' },
  'year-month': { vi: 'phải là một tháng dạng YYYY-MM, ví dụ "2020-01"', en: 'must be a month YYYY-MM, e.g. "2020-01"' },
  'local-time': { vi: 'phải là một giờ trong ngày dạng HH:mm, ví dụ "17:00"', en: 'must be a time of day HH:mm, e.g. "17:00"' },
  'iso-duration': {
    vi: 'phải là một khoảng thời gian ISO 8601 tính bằng tuần, ngày, giờ, phút hoặc giây, ví dụ "P2D", "PT30M", "-PT90S"',
    en: 'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. "P2D", "PT30M", "-PT90S"',
  },
  email: { vi: 'phải là một địa chỉ email, ví dụ "van-phong@example.org"', en: 'must be an email address, e.g. "van-phong@example.org"' },
};

function describe(issue: Issue): Bilingual {
  const got = 'input' in issue && issue.input !== undefined ? quote(issue.input) : '';
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return { vi: 'thiếu trường bắt buộc này', en: 'this required field is missing' };
      const want = typeName(issue.expected);
      const have = typeName(typeOfValue(issue.input));
      return { vi: `phải là ${want.vi}, nhưng đang là ${have.vi} (${got})`, en: `must be ${want.en}, but is ${have.en} (${got})` };
    }
    case 'invalid_format': {
      const text = formats[issue.format] ?? { vi: `không đúng định dạng ${issue.format}`, en: `is not a valid ${issue.format}` };
      return { vi: `${got} ${text.vi}`, en: `${got} ${text.en}` };
    }
    case 'invalid_value':
      return oneOf(issue.values, issue.input);
    case 'invalid_union': {
      // Only discriminated unions get here: `type` names none of the alternatives. The issue
      // carries the whole object; the value to quote is its discriminator.
      const value = issue.discriminator ? (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator] : issue.input;
      return oneOf('options' in issue ? (issue.options ?? []) : [], value);
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'array') return { vi: `cần ít nhất ${min} phần tử`, en: `needs at least ${min} item${min === '1' ? '' : 's'}` };
      if (issue.origin === 'string') return { vi: 'không được để trống', en: 'must not be empty' };
      return { vi: `phải lớn hơn hoặc bằng ${min} (đang là ${got})`, en: `must be at least ${min} (is ${got})` };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'array') return { vi: `chỉ được tối đa ${max} phần tử`, en: `must have at most ${max} items` };
      return { vi: `phải nhỏ hơn hoặc bằng ${max} (đang là ${got})`, en: `must be at most ${max} (is ${got})` };
    }
    case 'custom':
      if (issue.params?.code === 'no-reporter-criteria') {
        return {
          vi: 'chưa nêu đơn vị nào phải báo cáo — ghi ít nhất một trong kinds, levels hoặc units',
          en: 'names no reporting units — give at least one of kinds, levels or units',
        };
      }
      return { vi: `giá trị không hợp lệ: ${issue.message}`, en: `invalid value: ${issue.message}` };
    default:
      return { vi: `giá trị không hợp lệ (${got})`, en: `invalid value (${got})` };
  }
}

function oneOf(values: readonly unknown[], input: unknown): Bilingual {
  if (input === undefined) {
    return { vi: `thiếu trường bắt buộc này — ghi một trong ${quoteList(values)}`, en: `this required field is missing — give one of ${quoteList(values)}` };
  }
  const options = values.filter((v): v is string => typeof v === 'string');
  const meant = typeof input === 'string' ? likelyMeant(input, options) : undefined;
  const hint: Bilingual = meant !== undefined ? { vi: ` — có phải là ${quote(meant)}?`, en: ` — did you mean ${quote(meant)}?` } : { vi: '', en: '' };
  const was: Bilingual = input === undefined ? { vi: '', en: '' } : { vi: ` (đang là ${quote(input)})`, en: ` (is ${quote(input)})` };
  if (values.length === 1) return { vi: `phải là ${quote(values[0])}${was.vi}`, en: `must be ${quote(values[0])}${was.en}` };
  return {
    vi: `phải là một trong ${quoteList(values)}${was.vi}${hint.vi}`,
    en: `must be one of ${quoteList(values)}${was.en}${hint.en}`,
  };
}
