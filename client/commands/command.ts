/**
 * What every `kyhan` command module exports: a function that adds itself to the program, with
 * its help in the CLI's language. Commands are grouped by noun (`kyhan plan validate`).
 */
import type { Command } from 'commander';
import type { Language } from '../../domain/cycle';

export type RegisterCommand = (program: Command, language: Language) => void;

/** Exit codes: 0 done; 1 the input has problems (listed); 2 the command could not run. */
export const ExitCode = { ok: 0, problems: 1, cannotRun: 2 } as const;

const groups: Record<string, Record<Language, string>> = {
  plan: { vi: 'kiểm tra và xem lịch của một tệp kế hoạch', en: 'check a plan file and see its schedule' },
};

/** The `kyhan <name>` group, created on first use, so commands can register in any order. */
export function commandGroup(program: Command, name: string, language: Language): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(groups[name]?.[language] ?? name);
}
