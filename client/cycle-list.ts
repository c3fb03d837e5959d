/**
 * Reporting cycles from Temporal visibility, through the search attributes the cycle workflow
 * keeps (`KyhanPlan`, `KyhanReportType`, `KyhanPeriod`, `KyhanCycleStatus`). Used by
 * `kyhan cycle list` and the web console's matrix. Visibility is eventually consistent: a cycle
 * started a second ago may not be listed yet.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { parseCycleWorkflowId } from '../workflows/messages';

export const CYCLE_LIST_STATUSES = ['open', 'consolidated', 'cancelled'] as const;
export type CycleListStatus = (typeof CYCLE_LIST_STATUSES)[number];

export interface CycleListOptions {
  plan?: string | undefined;
  status?: CycleListStatus | undefined;
}

/** Visibility values are quoted in the query: an id with a quote or backslash cannot be one. */
export const QUOTABLE = /^[^'"\\]+$/;

/** The visibility query for the options: cycle workflows, optionally one plan's, in one state. */
export function cycleListQuery(options: Pick<CycleListOptions, 'plan' | 'status'>): string {
  const clauses = [`WorkflowType = 'reportingCycle'`];
  if (options.plan !== undefined) {
    if (!QUOTABLE.test(options.plan)) throw new RangeError(`A plan id in a visibility query cannot contain quotes or "\\": "${options.plan}"`);
    clauses.push(`KyhanPlan = '${options.plan}'`);
  }
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
  runId: string;
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
    runId: execution.runId,
    plan,
    reportType,
    period,
    status,
    startedAt: execution.startTime.toISOString(),
    ...(execution.closeTime ? { closedAt: execution.closeTime.toISOString() } : {}),
  };
}

/**
 * The cycles the options select, newest first (by start time), at most `limit` of them when
 * given. A cycle id run twice (a second run after the first closed) is listed once, with its
 * newest run. Reads every matching execution (visibility's order is not guaranteed): a plan's
 * cycles number in the hundreds at most.
 */
export async function listCycles(client: Client, options: CycleListOptions, limit?: number): Promise<CycleListRow[]> {
  const rows: CycleListRow[] = [];
  for await (const execution of client.workflow.list({ query: cycleListQuery(options) })) rows.push(cycleListRow(execution));
  rows.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.cycleId.localeCompare(b.cycleId));
  const seen = new Set<string>();
  const newest = rows.filter((row) => !seen.has(row.cycleId) && seen.add(row.cycleId));
  return limit === undefined ? newest : newest.slice(0, limit);
}
