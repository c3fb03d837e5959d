/**
 * `kyhan`: the command line. This file is the registry of commands: one line per command.
 * Run with `npx kyhan …` (bin/kyhan.mjs) or `npx tsx client/cli.ts …`.
 */
import type { RegisterCommand } from './commands/command';
import { runCli } from './cli-program';
import { planValidate } from './commands/plan-validate';
import { planSchedule } from './commands/plan-schedule';

const commands: RegisterCommand[] = [
  planValidate,
  planSchedule,
];

process.exitCode = await runCli(commands, process.argv);
