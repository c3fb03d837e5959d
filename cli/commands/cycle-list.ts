/**
 * `kyhan cycle list [--plan ID] [--status open|consolidated|cancelled] [--json]`: reporting
 * cycles from Temporal visibility, through the search attributes the cycle workflow keeps
 * (`KyhanPlan`, `KyhanCycleStatus`…). Visibility is eventually consistent: a cycle started a
 * second ago may not be listed yet. Exit 0 listed; 2 bad option; 3 Temporal unreachable.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import { parseCycleWorkflowId } from '../../workflows/messages';
import { ExitCode, textTable, type Words } from '../cli-io';
import { badInput, runWithClient } from '../cli-temporal';
import { defineCommand } from './command';
import { phaseText } from './cycle-status';

export const CYCLE_LIST_STATUSES = ['open', 'consolidated', 'cancelled'] as const;
export type CycleListStatus = (typeof CYCLE_LIST_STATUSES)[number];

export interface CycleListOptions {
  plan?: string | undefined;
  status?: CycleListStatus | undefined;
}

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

/** Visibility values are quoted in the query; an id with a quote or backslash is refused. */
const QUOTABLE = /^[^'"\\]+$/;

/** The visibility query for the options: cycle workflows, optionally one plan's, in one state. */
export function cycleListQuery(options: Pick<CycleListOptions, 'plan' | 'status'>): string {
  const clauses = [`WorkflowType = 'reportingCycle'`];
  if (options.plan !== undefined) clauses.push(`KyhanPlan = '${options.plan}'`);
  switch (options.status) {
    case 'open':
      clauses.push(`ExecutionStatus = 'Running'`, `KyhanCycleStatus IN ('loading', 'open', 'consolidating')`);
      break;
    case 'consolidated':
      clauses.push(`KyhanCycleStatus = 'consolidated'`);
      break;
    case 'cancelled':
      clauses.push(`(KyhanCycleStatus = 'cancelled' OR ExecutionStatus = 'Canceled')`);
      break;
    case undefined:
      break;
  }
  return clauses.join(' AND ');
}

export interface CycleListRow {
  cycleId: string;
  workflowId: string;
  plan: string;
  reportType: string;
  period: string;
  /** loading, open, consolidating, consolidated, cancelled; or Temporal's closing status in lower case (terminated…). */
  status: string;
  startedAt: string;
  closedAt?: string;
}

const keys = {
  plan: defineSearchAttributeKey('KyhanPlan', SearchAttributeType.KEYWORD),
  reportType: defineSearchAttributeKey('KyhanReportType', SearchAttributeType.KEYWORD),
  period: defineSearchAttributeKey('KyhanPeriod', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('KyhanCycleStatus', SearchAttributeType.KEYWORD),
};

/** One listed execution as a row. A cancelled execution is `cancelled` whatever its attribute says. */
export function cycleListRow(execution: WorkflowExecutionInfo): CycleListRow {
  const attrs = execution.typedSearchAttributes;
  const parsed = parseCycleWorkflowId(execution.workflowId);
  const plan = attrs.get(keys.plan) ?? parsed?.planId ?? '?';
  const reportType = attrs.get(keys.reportType) ?? parsed?.reportTypeId ?? '?';
  const period = attrs.get(keys.period) ?? parsed?.periodId ?? '?';
  const execStatus = execution.status.name;
  const status =
    execStatus === 'CANCELLED'
      ? 'cancelled'
      : execStatus === 'RUNNING' || execStatus === 'COMPLETED'
        ? (attrs.get(keys.status) ?? execStatus.toLowerCase())
        : execStatus.toLowerCase();
  return {
    cycleId: `${plan}/${reportType}/${period}`,
    workflowId: execution.workflowId,
    plan,
    reportType,
    period,
    status,
    startedAt: execution.startTime.toISOString(),
    ...(execution.closeTime ? { closedAt: execution.closeTime.toISOString() } : {}),
  };
}

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
    rows.map((row) => [row.cycleId, row.reportType, row.period, (phaseText as Record<string, Words | undefined>)[row.status]?.[language] ?? row.status, formatDateTime(row.startedAt, zone, language)]),
  );
  return [...table, language === 'vi' ? `${rows.length} kỳ báo cáo.` : `${rows.length} cycles.`];
}
