/**
 * The shape shared by the staff decisions about one unit that need only a reason:
 * `kyhan excuse` and `kyhan return` (`CYCLE_ID UNIT_ID --reason TEXT [--by NAME] [--json]`).
 * Exit 0 done; 1 refused by the cycle (the message says why); 2 bad input;
 * 3 Temporal unreachable; 4 no such cycle or unit.
 */
import type { Client } from '@temporalio/client';
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import { badInput, connectionFlags, consoleOutput, cycleProgressOf, cycleRef, defaultActor, reportFailure, runWithClient, type CommandContext, helpText } from '../cli-temporal';
import { ExitCode, type RegisterCommand } from './command';

type Words = Record<Language, string>;

export interface UnitDecision {
  name: string;
  description: Words;
  reasonHelp: Words;
  byHelp: Words;
  /** Records the decision; resolves to the moment the cycle recorded it. */
  decide(client: Client, cycleId: string, unitId: string, reason: string, by: string): Promise<{ at: string; result: object }>;
  /** The line printed when it is done. */
  done(language: Language, unitId: string, cycleId: string, at: string, reason: string): string;
}

interface Options {
  reason: string;
  by?: string;
  json?: boolean;
}

export function unitDecisionCommand(decision: UnitDecision): RegisterCommand {
  return (program, language) => {
    const vi = language === 'vi';
    program
      .command(decision.name)
      .description(decision.description[language])
      .argument('<cycle>', helpText.cycle[language])
      .argument('<unit>', helpText.unit[language])
      .requiredOption('--reason <text>', decision.reasonHelp[language])
      .option('--by <name>', decision.byHelp[language])
      .option('--json', helpText.json[language])
      .action(async (cycleArg: string, unitId: string, options: Options, command) => {
        const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
        let ref: ReturnType<typeof cycleRef>;
        const reason = options.reason.trim();
        try {
          ref = cycleRef(cycleArg, language);
          if (reason === '') throw badInput(vi ? 'kyhan: --reason không được để trống' : 'kyhan: --reason must not be empty');
        } catch (err) {
          process.exitCode = reportFailure(ctx, err);
          return;
        }
        process.exitCode = await runWithClient(ctx, connectionFlags(command), async (client) => {
          const progress = await cycleProgressOf(client, ref.workflowId);
          const { at, result } = await decision.decide(client, ref.cycleId, unitId, reason, options.by?.trim() || defaultActor());
          if (ctx.json) ctx.out.log(JSON.stringify({ cycleId: ref.cycleId, ...result }, null, 2));
          else ctx.out.log(decision.done(language, unitId, ref.cycleId, formatDateTime(at, progress.timeZone, language), reason));
          return ExitCode.ok;
        });
      });
  };
}
