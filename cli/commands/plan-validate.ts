/**
 * `kyhan plan validate FILE`: exit 0 with a one-line summary and, on stderr, the warnings (what
 * is probably not meant: placeholder names, example addresses, reports due to bodies that no
 * longer exist), or every problem as `path: message` lines in the plan's language and exit 1;
 * exit 2 if the file cannot be read. Warnings alone never fail: the plan runs as written.
 */
import type { Language } from '../../domain/cycle';
import type { Plan } from '../../domain/plan/schema';
import { ExitCode } from '../cli-io';
import { loadPlanFile } from '../plan-file';
import { defineCommand, planFileArg } from './command';

export const planValidate = defineCommand({
  group: 'plan',
  name: 'validate',
  description: {
    vi: 'kiểm tra một tệp kế hoạch: in tóm tắt và các cảnh báo nếu hợp lệ, hoặc mọi lỗi dạng "đường dẫn: thông báo" (mã thoát 0 hợp lệ, kể cả khi có cảnh báo, 1 có lỗi, 2 không đọc được tệp)',
    en: 'check a plan file: print a summary and any warnings if valid, or every problem as "path: message" (exit 0 valid, warnings or not, 1 problems, 2 file unreadable)',
  },
  args: { file: planFileArg },
  async run({ args, ctx }) {
    const { plan, warnings } = await loadPlanFile(args.file, ctx.language);
    const language = plan.language;
    ctx.print(summary(plan, language));
    ctx.printError(warnings.map((w) => `${language === 'vi' ? 'cảnh báo' : 'warning'}: ${w}`));
    return ExitCode.ok;
  },
});

function summary(plan: Plan, language: Language): string {
  const n = { units: plan.units.length, types: plan.reportTypes.length, people: plan.people.length, roles: plan.roles.length };
  const doc = plan.issuer.documentNumber;
  return language === 'vi'
    ? `Kế hoạch ${doc} hợp lệ: ${n.units} đơn vị, ${n.types} loại báo cáo, ${n.people} người, ${n.roles} vai trò.`
    : `Plan ${doc} is valid: ${n.units} units, ${n.types} report types, ${n.people} people, ${n.roles} roles.`;
}
