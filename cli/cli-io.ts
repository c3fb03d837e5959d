/**
 * Output and one-line error wording shared by CLI commands. The CLI never prints a stack
 * trace: every failure becomes one line that says what could not be done and why.
 */
import type { Language } from '../domain/cycle';

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** `kyhan: cannot read the plan file "x": no such file` */
export function readFailure(file: string, error: unknown, language: Language): string {
  const code = (error as { code?: unknown } | null)?.code;
  const reasons: Record<string, Record<Language, string>> = {
    ENOENT: { vi: 'không có tệp này', en: 'no such file' },
    EISDIR: { vi: 'đây là một thư mục, không phải tệp', en: 'it is a directory, not a file' },
    EACCES: { vi: 'không có quyền đọc tệp', en: 'permission denied' },
    EPERM: { vi: 'không có quyền đọc tệp', en: 'permission denied' },
  };
  const reason = (typeof code === 'string' ? reasons[code]?.[language] : undefined) ?? errorText(error);
  return language === 'vi'
    ? `kyhan: không đọc được tệp kế hoạch "${file}": ${reason}`
    : `kyhan: cannot read the plan file "${file}": ${reason}`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
