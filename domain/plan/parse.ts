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
  if (doc.errors.length > 0) return { ok: false, problems: reported(doc.errors).map((e) => yamlProblem(e, text, language)) };
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
}

/**
 * A duplicate key is exact and independent of its neighbours: report each. Any other syntax
 * error derails the parser, and what follows it is mostly echoes: report the first only.
 */
function reported(errors: readonly YAMLError[]): YAMLError[] {
  const firstSyntaxError = errors.find((e) => e.code !== 'DUPLICATE_KEY');
  return errors.filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntaxError);
}

function yamlProblem(error: YAMLError, text: string, language: Language): PlanProblem {
  const start = error.linePos?.[0];
  const where = start ? (language === 'vi' ? `dòng ${start.line}, cột ${start.col}` : `line ${start.line}, column ${start.col}`) : '';
  const code = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
  return problem(where, code, describe(error, text), language);
}

/** yaml's own message, without the position and code excerpt it appends (we give those). */
function yamlDetail(error: YAMLError): string {
  return (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

/** yaml's commonest messages, said plainly; others are quoted as yaml words them. */
const details: Array<[RegExp, Bilingual]> = [
  [/^Missing closing "quote/, { vi: 'thiếu dấu nháy kép " đóng chuỗi', en: 'a string is missing its closing " quote' }],
  [/^Missing closing 'quote/, { vi: "thiếu dấu nháy đơn ' đóng chuỗi", en: "a string is missing its closing ' quote" }],
  [/^Sequence item without - indicator/, { vi: 'một phần tử danh sách thiếu dấu "- " ở đầu', en: 'a list item is missing its "- "' }],
  [/^All mapping items must start at the same column/, { vi: 'các khóa cùng cấp không bắt đầu ở cùng một cột', en: 'keys at the same level do not start in the same column' }],
  [/^All collection items must start at the same column/, { vi: 'các phần tử cùng cấp không bắt đầu ở cùng một cột', en: 'items at the same level do not start in the same column' }],
  [/^Implicit keys need to be on a single line/, { vi: 'một khóa phải nằm trọn trên một dòng', en: 'a key must fit on one line' }],
  [/^Nested mappings are not allowed in compact mappings/, { vi: 'không được viết mục lồng nhau trên cùng dòng với khóa (như "a: b: c")', en: 'a nested mapping cannot share its key\'s line (as in "a: b: c")' }],
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]/, { vi: 'danh sách trong ngoặc [ ] chưa đóng bằng ] hoặc thụt lề chưa đủ', en: 'a [ ] list is not closed with ] or not indented enough' }],
  [/^Flow map in block collection must be sufficiently indented and end with a \}/, { vi: 'mục trong ngoặc { } chưa đóng bằng } hoặc thụt lề chưa đủ', en: 'a { } mapping is not closed with } or not indented enough' }],
  [/^Tabs are not allowed as indentation/, { vi: 'thụt lề bằng tab — YAML chỉ cho phép dấu cách', en: 'indented with a tab — YAML allows spaces only' }],
];

function describe(error: YAMLError, text: string): Bilingual {
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyAt(text, error.pos[0]);
    return {
      vi: `khóa ${quote(key)} được viết hai lần trong cùng một mục — xóa hoặc đổi tên một trong hai`,
      en: `key ${quote(key)} appears twice in the same mapping — remove or rename one of them`,
    };
  }
  const detail = yamlDetail(error);
  const said = details.find(([pattern]) => pattern.test(detail))?.[1] ?? { vi: `lỗi cú pháp YAML: ${detail}`, en: `YAML syntax error: ${detail}` };
  return {
    vi: `${said.vi} — kiểm tra thụt lề (chỉ dùng dấu cách), dấu ":" sau mỗi khóa, dấu "- " trước mỗi phần tử danh sách, và các dấu nháy, ngoặc đã đóng`,
    en: `${said.en} — check the indentation (spaces only), the ":" after each key, the "- " before each list item, and that quotes and brackets are closed`,
  };
}

/** The key written at `offset`: up to its ":" on the same line, without quotes. */
function keyAt(text: string, offset: number): string {
  const line = text.slice(offset).split('\n', 1)[0] ?? '';
  const colon = line.search(/:(\s|$)/);
  const key = (colon >= 0 ? line.slice(0, colon) : line).trim();
  return key.replace(/^(["'])(.*)\1$/, '$2');
}
