/**
 * Plan YAML text → plain object, or every syntax problem with its line and column.
 * Pure (no Node APIs): the CLI reads the file, this only sees its text.
 */
import { parseDocument, type YAMLError } from 'yaml';
import { problem, quote, type Bilingual, type Language, type PlanProblem } from './problems';

export type ParsedYaml = { ok: true; value: unknown } | { ok: false; problems: PlanProblem[] };

/**
 * The language a plan is written in, read before anything else so that even its syntax
 * errors can be worded in it. Works on broken YAML too: a top-level `language: en` line.
 */
export function languageOfText(text: string): Language {
  return /^language:\s*["']?en["']?\s*(#.*)?$/m.test(text) ? 'en' : 'vi';
}

/** The language of an already parsed plan object; Vietnamese unless it says `en`. */
export function languageOf(raw: unknown): Language {
  return typeof raw === 'object' && raw !== null && (raw as { language?: unknown }).language === 'en' ? 'en' : 'vi';
}

export function parsePlanYaml(text: string, language: Language = languageOfText(text)): ParsedYaml {
  // uniqueKeys: a key written twice is an error, not a silent "last one wins".
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((error) => yamlProblem(error, text, language)) };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
}

function yamlProblem(error: YAMLError, text: string, language: Language): PlanProblem {
  const start = error.linePos?.[0];
  const where = start
    ? language === 'vi'
      ? `dòng ${start.line}, cột ${start.col}`
      : `line ${start.line}, column ${start.col}`
    : '';
  const code = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
  return problem(where, code, describe(error, text), language);
}

/** yaml's own message, without the position and code excerpt it appends (we give those). */
function yamlDetail(error: YAMLError): string {
  return (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

function describe(error: YAMLError, text: string): Bilingual {
  const detail = yamlDetail(error);
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = keyAt(text, error.pos[0]);
      return {
        vi: `khóa ${quote(key)} được viết hai lần trong cùng một mục — xóa hoặc đổi tên một trong hai`,
        en: `key ${quote(key)} appears twice in the same mapping — remove or rename one of them`,
      };
    }
    case 'BAD_INDENT':
      return {
        vi: `thụt lề không đúng (${detail}) — các khóa cùng cấp phải bắt đầu ở cùng một cột, dùng dấu cách, không dùng tab`,
        en: `bad indentation (${detail}) — keys at the same level must start in the same column; indent with spaces, not tabs`,
      };
    case 'TAB_AS_INDENT':
      return { vi: 'thụt lề bằng tab — YAML chỉ cho phép dấu cách', en: 'indented with a tab — YAML allows spaces only' };
    case 'MISSING_CHAR':
      return {
        vi: `thiếu ký tự đóng (${detail}) — kiểm tra dấu nháy hoặc ngoặc ] } chưa đóng`,
        en: `missing closing character (${detail}) — check for an unclosed quote or bracket`,
      };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return {
        vi: `không đặt được một mục lồng nhau trên cùng dòng với khóa (${detail}) — xuống dòng và thụt lề, hoặc đặt giá trị có dấu ":" trong dấu nháy`,
        en: `a nested mapping cannot start on the same line as its key (${detail}) — break the line and indent it, or quote a value that contains ":"`,
      };
    default:
      return {
        vi: `lỗi cú pháp YAML: ${detail} — kiểm tra thụt lề, dấu ":" sau mỗi khóa và dấu "- " trước mỗi phần tử danh sách`,
        en: `YAML syntax error: ${detail} — check indentation, the ":" after each key and the "- " before each list item`,
      };
  }
}

/** The key written at `offset`: up to its ":" on the same line, without quotes. */
function keyAt(text: string, offset: number): string {
  const line = text.slice(offset).split('\n', 1)[0] ?? '';
  const colon = line.search(/:(\s|$)/);
  const key = (colon >= 0 ? line.slice(0, colon) : line).trim();
  return key.replace(/^(["'])(.*)\1$/, '$2');
}
