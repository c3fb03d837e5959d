/**
 * What every `kyhan` command prints through, and the exit codes it ends with. Text for people
 * passes through `forTerminal` line by line, so nothing a submitter typed (a unit name, a note,
 * a reason) reaches a terminal as an escape sequence; JSON for scripts stays JSON, with the
 * characters a terminal would act on written as `\uXXXX` escapes. The CLI never prints a stack
 * trace: every failure becomes one line that says what could not be done and why.
 */
import type { Language } from '../domain/cycle';
import { forTerminal } from '../domain/text';

/**
 * Exit codes scripts can rely on, the same for every command:
 * - 0 `ok`: done;
 * - 1 `problems` / `rejected`: the plan has problems (listed), or the cycle refused the request
 *   (the message says why), or another domain failure;
 * - 2 `cannotRun` / `badInput`: usage error or bad input (unknown option, malformed date,
 *   missing file, unknown report type, period or unit in the plan, bad connection setting);
 * - 3 `unreachable`: no Temporal server answers at the address;
 * - 4 `notFound`: the cycle, the unit in it, or the plan does not exist.
 */
export const ExitCode = { ok: 0, problems: 1, rejected: 1, cannotRun: 2, badInput: 2, unreachable: 3, notFound: 4 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A text in both languages of the CLI. */
export type Words = Record<Language, string>;

/** Where lines go: stdout and stderr, or a test's buffers. Raw: `CommandContext` is the safe way in. */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export const consoleOutput: Output = { log: (line) => console.log(line), error: (line) => console.error(line) };

/** How a command prints, in its language; `json` is set by `--json`. */
export interface CommandContext {
  language: Language;
  json: boolean;
  /**
   * Text for people, on stdout: a line, or lines, each through `forTerminal`, so a line break
   * inside one (a note typed on two lines) is shown as `↵` and cannot forge a line of its own.
   */
  print(lines: string | readonly string[]): void;
  /** The same on stderr (failures, warnings). */
  printError(lines: string | readonly string[]): void;
  /** The `--json` answer, on stdout. */
  printJson(value: unknown): void;
}

export function commandContext(language: Language, json: boolean, out: Output = consoleOutput): CommandContext {
  return {
    language,
    json,
    print: (lines) => terminalLines(lines).forEach((line) => out.log(line)),
    printError: (lines) => terminalLines(lines).forEach((line) => out.error(line)),
    printJson: (value) => out.log(terminalJson(value)),
  };
}

function terminalLines(lines: string | readonly string[]): string[] {
  return (typeof lines === 'string' ? [lines] : lines).map(forTerminal);
}

/**
 * Characters JSON.stringify leaves raw that a terminal may act on or that reorder the text
 * shown: DEL, the C1 controls (U+009B is a one-byte CSI), line and paragraph separators, bidi
 * overrides and isolates. Escaped as `\uXXXX`, which any JSON reader turns back into the same string.
 */
const JSON_UNSAFE = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Pretty JSON that is safe to print to a terminal and parses to exactly `value`. */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why a file could not be read, in words: `no such file`, `permission denied`… */
export function fileProblem(error: unknown, language: Language): string {
  const code = (error as { code?: unknown } | null)?.code;
  const reasons: Record<string, Words> = {
    ENOENT: { vi: 'không có tệp này', en: 'no such file' },
    EISDIR: { vi: 'đây là một thư mục, không phải tệp', en: 'it is a directory, not a file' },
    EACCES: { vi: 'không có quyền đọc tệp', en: 'permission denied' },
    EPERM: { vi: 'không có quyền đọc tệp', en: 'permission denied' },
  };
  return (typeof code === 'string' ? reasons[code]?.[language] : undefined) ?? errorText(error);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A plain-text table, as lines: columns padded to their widest cell, a rule under the headers.
 * Every cell goes through `forTerminal` first, so the padding counts what is shown.
 */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [headers, ...rows].map((row) => row.map(forTerminal));
  const widths = headers.map((_, column) => Math.max(...all.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - [...cell].length))
      .join('  ')
      .trimEnd();
  return [line(all[0] ?? []), line(widths.map((w) => '-'.repeat(w))), ...all.slice(1).map(line)];
}
