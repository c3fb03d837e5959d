/**
 * What every `kyhan` command module exports: a function that adds itself to the program, with
 * its help in the CLI's language. Commands are grouped by noun (`kyhan plan validate`).
 */
import type { Command } from 'commander';
import type { Language } from '../../domain/cycle';

export type RegisterCommand = (program: Command, language: Language) => void;

/**
 * Exit codes scripts can rely on, the same for every command:
 * - 0 `ok`: done;
 * - 1 `problems` / `rejected`: the plan has problems (listed), or the cycle refused the request
 *   (the message says why), or another domain failure;
 * - 2 `cannotRun` / `badInput`: usage error or bad input (unknown option, malformed date,
 *   missing file, unknown report type, period or unit in the plan, bad connection setting);
 * - 3 `unreachable`: no Temporal server answers at the address;
 * - 4 `notFound`: the cycle (or the unit in it) does not exist.
 */
export const ExitCode = { ok: 0, problems: 1, rejected: 1, cannotRun: 2, badInput: 2, unreachable: 3, notFound: 4 } as const;

const groups: Record<string, Record<Language, string>> = {
  plan: { vi: 'kiểm tra, xem lịch, chạy thử và chạy một kế hoạch', en: 'check, schedule, simulate and run a plan' },
  cycle: { vi: 'mở, xem, liệt kê và hủy các kỳ báo cáo', en: 'start, inspect, list and cancel reporting cycles' },
};

/** The `kyhan <name>` group, created on first use, so commands can register in any order. */
export function commandGroup(program: Command, name: string, language: Language): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(groups[name]?.[language] ?? name);
}
