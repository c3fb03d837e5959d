/** Reading and validating a plan file for the commands that act on it. */
import { readFile } from 'node:fs/promises';
import type { Plan } from '../domain/plan/schema';
import { formatProblem, validatePlan } from '../domain/plan/validate';
import { readFailure } from './cli-io';
import { badInput, type CommandContext } from './cli-temporal';
import { ExitCode } from './commands/command';

/** The plan, or the exit code after printing its problems (`badInput` when unreadable). */
export async function loadPlanFile(file: string, ctx: CommandContext): Promise<Plan | number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw badInput(readFailure(file, error, ctx.language));
  }
  const result = validatePlan(text);
  if (!result.ok) {
    const lines = result.problems.map((p) => formatProblem(p, result.language));
    if (ctx.json) ctx.out.log(JSON.stringify({ error: { type: 'InvalidPlan', message: lines.join('\n') } }, null, 2));
    else for (const line of lines) ctx.out.error(line);
    return ExitCode.problems;
  }
  return result.plan;
}
