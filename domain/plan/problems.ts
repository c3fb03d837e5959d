/**
 * What is wrong with a plan file, as data: where (`path`), what (`message`, in the plan's
 * language) and which rule (`code`, stable, for tests and tools). Pure.
 */
import type { Language } from '../cycle';

export type { Language };

export interface PlanProblem {
  /** Where: a path into the plan such as `reportTypes[2].reporters.units[0]`, or a YAML position. */
  path: string;
  /** What is wrong and how to fix it, in the plan's language. */
  message: string;
  /** Which rule failed, e.g. `unknown-unit`; never translated. */
  code: string;
}

/** A message in both languages the plan may be written in. */
export type Bilingual = Record<Language, string>;

export type PathSegment = string | number | symbol;

/** `['reportTypes', 2, 'reporters', 'units', 0]` → `reportTypes[2].reporters.units[0]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

export function problem(path: readonly PathSegment[] | string, code: string, message: Bilingual, language: Language): PlanProblem {
  return { path: typeof path === 'string' ? path : formatPath(path), code, message: message[language] };
}

/** One line per problem, as the CLI prints them: `path: message`. */
export function formatProblem(p: PlanProblem, language: Language): string {
  const where = p.path === '' ? (language === 'vi' ? '(kế hoạch)' : '(plan)') : p.path;
  return `${where}: ${p.message}`;
}

/** Quote a value as it would be written in the plan. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/** `"a", "b", "c"` */
export function quoteList(values: readonly unknown[]): string {
  return values.map(quote).join(', ');
}

/**
 * The first few of a long list, and how many more: `a, b, c và 25 kỳ khác`. A warning about
 * sixty addresses or months names three and counts the rest.
 */
export function firstFew(items: readonly string[], viNoun = 'mục', count = 3): Bilingual {
  const named = items.slice(0, count).join(', ');
  const more = items.length - Math.min(items.length, count);
  return more > 0 ? { vi: `${named} và ${more} ${viNoun} khác`, en: `${named} and ${more} more` } : { vi: named, en: named };
}
