/**
 * `kyhan cycle list [--plan ID] [--status open|consolidated|cancelled] [--json]`: reporting
 * cycles from Temporal visibility, through the search attributes the cycle workflow keeps
 * (`KyhanPlan`, `KyhanCycleStatus`…). Visibility is eventually consistent: a cycle started a
 * second ago may not be listed yet. Exit 0 listed; 2 bad option; 3 Temporal unreachable.
 */
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import { CYCLE_LIST_STATUSES, QUOTABLE, cycleListQuery, cycleListRow, type CycleListOptions, type CycleListRow, type CycleListStatus } from '../../client/cycle-list';
import { ExitCode, textTable, type Words } from '../cli-io';
import { badInput, runWithClient } from '../cli-temporal';
import { defineCommand } from './command';
import { phaseWords } from '../../domain/status-words';

export { CYCLE_LIST_STATUSES, cycleListQuery, cycleListRow, type CycleListOptions, type CycleListRow, type CycleListStatus };

export const cycleList = defineCommand({
  group: 'cycle',
  name: 'list',
  description: {
    vi: 'các kỳ báo cáo trên Temporal, mới nhất trước (mã thoát 0 được, 2 sai tùy chọn, 3 không kết nối được)',
    en: 'reporting cycles on Temporal, newest first (exit 0 done, 2 bad option, 3 unreachable)',
  },
  options: {
    plan: { flags: '--plan <id>', help: { vi: 'chỉ các kỳ của kế hoạch này', en: 'only the cycles of this plan' } },
    status: {
      flags: '--status <status>',
      help: { vi: 'chỉ các kỳ đang mở, đã tổng hợp hoặc đã hủy', en: 'only open, consolidated or cancelled cycles' },
      choices: CYCLE_LIST_STATUSES,
    },
  },
  json: true,
  async run({ options, ctx, flags }) {
    const vi = ctx.language === 'vi';
    const query: CycleListOptions = { plan: options.plan, status: options.status as CycleListStatus | undefined };
    if (query.plan !== undefined && !QUOTABLE.test(query.plan)) {
      throw badInput(vi ? `kyhan: --plan không được chứa dấu nháy hay "\\", nhận được "${query.plan}"` : `kyhan: --plan must not contain quotes or "\\", received "${query.plan}"`);
    }
    return await runWithClient(ctx, flags, async (client) => {
      const rows: CycleListRow[] = [];
      for await (const execution of client.workflow.list({ query: cycleListQuery(query) })) rows.push(cycleListRow(execution));
      rows.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.cycleId.localeCompare(b.cycleId));
      if (ctx.json) ctx.printJson({ cycles: rows });
      else ctx.print(listText(rows, ctx.language));
      return ExitCode.ok;
    });
  },
});

const HEADERS: Record<Language, string[]> = {
  vi: ['Kỳ báo cáo', 'Loại báo cáo', 'Kỳ', 'Trạng thái', 'Bắt đầu'],
  en: ['Cycle', 'Report type', 'Period', 'Status', 'Started'],
};

/** The rows as people read them, one string a line. */
export function listText(rows: readonly CycleListRow[], language: Language): string[] {
  if (rows.length === 0) return [language === 'vi' ? 'Không có kỳ báo cáo nào.' : 'No reporting cycles.'];
  // Start times in this computer's zone: the list spans plans, so there is no plan's zone to take.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const table = textTable(
    HEADERS[language],
    rows.map((row) => [row.cycleId, row.reportType, row.period, (phaseWords as Record<string, Words | undefined>)[row.status]?.[language] ?? row.status, formatDateTime(row.startedAt, zone, language)]),
  );
  return [...table, language === 'vi' ? `${rows.length} kỳ báo cáo.` : `${rows.length} cycles.`];
}
