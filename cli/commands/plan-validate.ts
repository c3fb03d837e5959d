/**
 * `kyhan plan validate FILE`: exit 0 with a one-line summary, or every problem as
 * `path: message` lines in the plan's language and exit 1; exit 2 if the file cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { formatProblem, validatePlan } from '../../domain/plan/validate';
import type { Plan } from '../../domain/plan/schema';
import type { Language } from '../../domain/cycle';
import { commandGroup, ExitCode, type RegisterCommand } from './command';
import { readFailure, type Output } from '../cli-io';

export const planValidate: RegisterCommand = (program, language) => {
  commandGroup(program, 'plan', language)
    .command('validate')
    .description(
      language === 'vi'
        ? 'kiểm tra một tệp kế hoạch: in tóm tắt nếu hợp lệ, hoặc mọi lỗi dạng "đường dẫn: thông báo" (mã thoát 0 hợp lệ, 1 có lỗi, 2 không đọc được tệp)'
        : 'check a plan file: print a summary if valid, or every problem as "path: message" (exit 0 valid, 1 problems, 2 file unreadable)',
    )
    .argument('<file>', language === 'vi' ? 'tệp kế hoạch YAML' : 'plan YAML file')
    .action(async (file: string) => {
      process.exitCode = await runPlanValidate(file, language);
    });
};

export async function runPlanValidate(file: string, cliLanguage: Language, out: Output = consoleOutput): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    out.error(readFailure(file, error, cliLanguage));
    return ExitCode.cannotRun;
  }
  const result = validatePlan(text);
  if (!result.ok) {
    for (const p of result.problems) out.log(formatProblem(p, result.language));
    return ExitCode.problems;
  }
  const language = result.plan.language;
  out.log(summary(result.plan, language));
  for (const w of result.warnings) out.error(`${language === 'vi' ? 'cảnh báo' : 'warning'}: ${formatProblem(w, language)}`);
  return ExitCode.ok;
}

function summary(plan: Plan, language: Language): string {
  const n = { units: plan.units.length, types: plan.reportTypes.length, people: plan.people.length, roles: plan.roles.length };
  const doc = plan.issuer.documentNumber;
  return language === 'vi'
    ? `Kế hoạch ${doc} hợp lệ: ${n.units} đơn vị, ${n.types} loại báo cáo, ${n.people} người, ${n.roles} vai trò.`
    : `Plan ${doc} is valid: ${n.units} units, ${n.types} report types, ${n.people} people, ${n.roles} roles.`;
}

const consoleOutput: Output = { log: (line) => console.log(line), error: (line) => console.error(line) };
