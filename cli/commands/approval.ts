/**
 * The leaders' approval of a consolidated report, for operators (the web app is the door for
 * people): `kyhan approval approve|return|resubmit|mark-sent CYCLE_ID [--by NAME] …`.
 * `return` needs `--comment` (what staff must change). Prints the approval's state after the step.
 * Exit 0 done; 1 refused by the cycle (the message says why); 2 bad input; 3 Temporal
 * unreachable; 4 no such cycle.
 */
import type { Client } from '@temporalio/client';
import { approveReport, markSentUp, resubmitForApproval, returnReport } from '../../client/approval';
import type { ApprovalProgress } from '../../workflows/messages';
import { ExitCode, type Words } from '../cli-io';
import { actor, badInput, cycleRef, runWithClient } from '../cli-temporal';
import { approvalStateWords } from '../../domain/status-words';
import { byOption, cycleArg, defineCommand, type OptionSpec, type RegisterCommand } from './command';

interface ApprovalStepCommand {
  name: string;
  description: Words;
  by: Words;
  /** `--comment` (a leader's) or `--note` (staff's), and whether it must be given. */
  text: { flags: '--comment <text>' | '--note <text>'; help: Words; required?: boolean };
  take(client: Client, cycleId: string, by: string, text: string | undefined): Promise<ApprovalProgress>;
  done: Words;
}

/** The options every approval command could have; each registers `--by` and its own text option only. */
type ApprovalOptions = {
  by: ReturnType<typeof byOption>;
  comment: { flags: '--comment <text>'; help: Words };
  note: { flags: '--note <text>'; help: Words };
};

function approvalCommand(step: ApprovalStepCommand): RegisterCommand {
  const key = step.text.flags === '--comment <text>' ? 'comment' : 'note';
  const options = { by: byOption(step.by), [key]: { flags: step.text.flags, help: step.text.help } satisfies OptionSpec } as unknown as ApprovalOptions;
  return defineCommand({
    group: 'approval',
    name: step.name,
    description: step.description,
    args: { cycle: cycleArg },
    options,
    json: true,
    async run({ args, options, ctx, flags }) {
      const ref = cycleRef(args.cycle, ctx.language);
      const given = options[key]?.trim();
      if (step.text.required && !given) throw badInput(ctx.language === 'vi' ? `kyhan: cần --${key}` : `kyhan: --${key} is required`);
      return await runWithClient(ctx, flags, async (client) => {
        const approval = await step.take(client, ref.cycleId, actor(options.by), given || undefined);
        if (ctx.json) ctx.printJson({ cycleId: ref.cycleId, approval });
        else ctx.print(`${step.done[ctx.language]} ${ref.cycleId}: ${approvalStateWords[approval.state][ctx.language]}.`);
        return ExitCode.ok;
      });
    },
  });
}

const exits: Words = { vi: '(mã thoát 0 được, 1 kỳ từ chối, 2 sai tham số, 3 không kết nối được, 4 không có kỳ này)', en: '(exit 0 done, 1 refused, 2 bad input, 3 unreachable, 4 no such cycle)' };

export const approvalApprove = approvalCommand({
  name: 'approve',
  description: { vi: `lãnh đạo phê duyệt báo cáo tổng hợp: gửi thư cho các cấp trên có địa chỉ ${exits.vi}`, en: `a leader approves the consolidated report: it is mailed to the upper levels with an address ${exits.en}` },
  by: { vi: 'lãnh đạo phê duyệt', en: 'the approving leader' },
  text: { flags: '--comment <text>', help: { vi: 'ý kiến (không bắt buộc)', en: 'comment (optional)' } },
  take: (client, cycleId, by, comment) => approveReport(client, cycleId, { by, ...(comment ? { comment } : {}) }),
  done: { vi: 'Đã phê duyệt báo cáo tổng hợp của kỳ', en: 'Approved the consolidated report of cycle' },
});

export const approvalReturn = approvalCommand({
  name: 'return',
  description: { vi: `lãnh đạo trả lại báo cáo tổng hợp cho bộ phận tổng hợp, kèm ý kiến ${exits.vi}`, en: `a leader returns the consolidated report to staff, with comments ${exits.en}` },
  by: { vi: 'lãnh đạo trả lại', en: 'the returning leader' },
  text: { flags: '--comment <text>', help: { vi: 'cần bổ sung, sửa gì (bắt buộc)', en: 'what to change (required)' }, required: true },
  take: (client, cycleId, by, comment) => returnReport(client, cycleId, { by, comment: comment ?? '' }),
  done: { vi: 'Đã trả lại báo cáo tổng hợp của kỳ', en: 'Returned the consolidated report of cycle' },
});

export const approvalResubmit = approvalCommand({
  name: 'resubmit',
  description: { vi: `bộ phận tổng hợp trình lại báo cáo đã bổ sung: gửi thư cho lãnh đạo ${exits.vi}`, en: `staff resubmit the revised report: the leaders are mailed ${exits.en}` },
  by: { vi: 'người trình', en: 'who resubmits' },
  text: { flags: '--note <text>', help: { vi: 'ghi chú (không bắt buộc)', en: 'note (optional)' } },
  take: (client, cycleId, by, note) => resubmitForApproval(client, cycleId, { by, ...(note ? { note } : {}) }),
  done: { vi: 'Đã trình lại báo cáo tổng hợp của kỳ', en: 'Resubmitted the consolidated report of cycle' },
});

export const approvalMarkSent = approvalCommand({
  name: 'mark-sent',
  description: { vi: `ghi nhận đã gửi tay báo cáo đã duyệt cho các cấp trên không có địa chỉ thư ${exits.vi}`, en: `record that the approved report went by hand to the upper levels without an address ${exits.en}` },
  by: { vi: 'người gửi', en: 'who sent it' },
  text: { flags: '--note <text>', help: { vi: 'gửi thế nào, ví dụ số văn bản (không bắt buộc)', en: 'how it went, e.g. the document number (optional)' } },
  take: (client, cycleId, by, note) => markSentUp(client, cycleId, { by, ...(note ? { note } : {}) }),
  done: { vi: 'Đã ghi nhận gửi cấp trên báo cáo tổng hợp của kỳ', en: 'Marked sent up the consolidated report of cycle' },
});
