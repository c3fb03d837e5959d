/**
 * `kyhan`: the command line. This file is the registry of commands: one line per command.
 * Run with `npx kyhan …` (bin/kyhan.mjs) or `npx tsx cli/cli.ts …`.
 */
import type { RegisterCommand } from './commands/command';
import { runCli } from './cli-program';
import { planValidate } from './commands/plan-validate';
import { planSchedule } from './commands/plan-schedule';
import { planSimulate } from './commands/plan-simulate';
import { planStart } from './commands/plan-start';
import { planStatus } from './commands/plan-status';
import { planStop } from './commands/plan-stop';
import { cycleStart } from './commands/cycle-start';
import { cycleList } from './commands/cycle-list';
import { cycleStatusCommand } from './commands/cycle-status';
import { cycleCancel } from './commands/cycle-cancel';
import { submit } from './commands/submit';
import { extend } from './commands/extend';
import { excuse } from './commands/excuse';
import { returnReport } from './commands/return';

const commands: RegisterCommand[] = [
  planValidate,
  planSchedule,
  planSimulate,
  planStart,
  planStop,
  planStatus,
  cycleStart,
  cycleList,
  cycleStatusCommand,
  cycleCancel,
  submit,
  extend,
  excuse,
  returnReport,
];

process.exitCode = await runCli(commands, process.argv);
