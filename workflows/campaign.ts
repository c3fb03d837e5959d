/**
 * `campaign`: runs a whole plan. It computes the plan's schedule itself (business calendars
 * do not fit cron, and the time-skipping test server has no Schedules API), sleeps until each
 * cycle's opening and starts that cycle with its derived workflow id, so a cycle is never
 * started twice. A replaced plan applies to the cycles not yet opened; a stopped campaign
 * opens nothing more. It continues as new so a multi-year plan keeps a short history.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CycleSpec } from '../domain/cycle';
import type { Plan } from '../domain/plan/schema';
import { computeSchedule } from '../domain/schedule/compute';
import type { ScheduledCycle } from '../domain/schedule/types';
import {
  campaignStatusQuery,
  cycleWorkflowId,
  replacePlanUpdate,
  stopCampaignUpdate,
  type CampaignCycleRecord,
  type CampaignInput,
  type CampaignStatus,
} from './messages';

/** Starting a cycle delivers its units in a few Updates: seconds, retried for hours if Temporal is busy. */
const { openCycle, cancelCycles } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 30 },
});

/** A campaign run's history stays far below Temporal's 10,240-event warning. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

const nowIso = () => new Date(Date.now()).toISOString();

/** The spec a cycle workflow is started with: the schedule's listing-only fields left out. */
function cycleSpecOf(cycle: ScheduledCycle): CycleSpec {
  return {
    id: cycle.id,
    planId: cycle.planId,
    language: cycle.language,
    timeZone: cycle.timeZone,
    issuer: cycle.issuer,
    reportType: { id: cycle.reportType.id, title: cycle.reportType.title },
    period: { id: cycle.period.id, label: cycle.period.label },
    opensAt: cycle.opensAt,
    dueAt: cycle.dueAt,
    cutoffAt: cycle.cutoffAt,
    units: cycle.units,
    reminders: cycle.reminders.map(({ at, relation }) => ({ at, relation })),
    escalations: cycle.escalations.map(({ step, at, recipients, roleLabel }) => ({ step, at, recipients, roleLabel })),
    consolidation: cycle.consolidation,
    submissionInstructions: cycle.submissionInstructions,
  };
}

export async function campaign(input: CampaignInput): Promise<CampaignStatus> {
  const startedAt = input.startedAt ?? nowIso();
  let plan: Plan = input.plan;
  let version = input.carried?.version ?? 1;
  const records: Record<string, CampaignCycleRecord> = input.carried?.cycles ?? {};
  let stopped: CampaignStatus['stopped'];
  let schedule = computeSchedule(plan, { startedAt: Date.parse(startedAt) });
  let scheduleChanged = false;

  const notYetOpened = () => schedule.filter((c) => !records[c.id]);
  const workflowIdOf = (c: ScheduledCycle) => cycleWorkflowId(c.planId, c.reportType.id, c.period.id);

  const status = (): CampaignStatus => ({
    planId: plan.id,
    timeZone: plan.timeZone,
    version,
    startedAt,
    phase: stopped ? 'stopped' : notYetOpened().length === 0 ? 'completed' : 'running',
    ...(stopped ? { stopped } : {}),
    cycles: schedule.map((c) => ({
      cycleId: c.id,
      reportType: c.reportType.id,
      period: c.period.id,
      opensAt: c.opensAt,
      dueAt: c.dueAt,
      state: records[c.id]?.state ?? 'scheduled',
      workflowId: workflowIdOf(c),
    })),
  });

  setHandler(campaignStatusQuery, status);

  setHandler(
    replacePlanUpdate,
    ({ plan: next }) => {
      plan = next;
      version++;
      schedule = computeSchedule(plan, { startedAt: Date.parse(startedAt) });
      scheduleChanged = true;
      return { version, cyclesNotYetOpened: notYetOpened().length };
    },
    {
      validator: ({ plan: next }) => {
        if (!next || next.id !== plan.id) throw new Error(`replacePlan: the new plan must have id "${plan.id}", received "${next?.id}"`);
        if (stopped) throw new Error(`replacePlan: the campaign of plan "${plan.id}" was stopped at ${stopped.at}`);
      },
    },
  );

  setHandler(
    stopCampaignUpdate,
    async ({ reason, cancelRunning }) => {
      const opened = Object.entries(records).filter(([, r]) => r.state === 'opened');
      const notOpened = notYetOpened().length;
      stopped = { at: nowIso(), reason, cancelledCycles: [] };
      if (cancelRunning && opened.length) {
        const result = await cancelCycles({ workflowIds: opened.map(([, r]) => r.workflowId!), reason });
        stopped.cancelledCycles = result.cancelled;
      }
      return { notOpened, cancelledCycles: stopped.cancelledCycles };
    },
    {
      validator: ({ reason }) => {
        if (typeof reason !== 'string' || !reason.trim()) throw new Error('stopCampaign: a reason is required');
      },
    },
  );

  const continueAsNewDue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > CONTINUE_AS_NEW_AFTER_EVENTS;

  while (!stopped) {
    const now = Date.now();
    const due = notYetOpened().filter((c) => Date.parse(c.opensAt) <= now);
    for (const cycle of due) {
      if (stopped) break;
      if (Date.parse(cycle.cutoffAt) <= now) {
        // Opening a cycle whose cut-off has passed would only consolidate an empty report.
        records[cycle.id] = { state: 'skipped', at: nowIso(), reason: 'cut-off already past' };
        log.warn('Cycle skipped: its cut-off had passed', { cycleId: cycle.id, cutoffAt: cycle.cutoffAt });
        continue;
      }
      const { workflowId } = await openCycle({ spec: cycleSpecOf(cycle), taskQueue: input.taskQueue });
      records[cycle.id] = { state: 'opened', at: nowIso(), workflowId };
    }
    if (stopped) break;
    const next = notYetOpened().sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt))[0];
    if (!next) break;
    if (continueAsNewDue()) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof campaign>({ plan, taskQueue: input.taskQueue, startedAt, carried: { version, cycles: records } });
    }
    scheduleChanged = false;
    const wait = Date.parse(next.opensAt) - Date.now();
    if (wait > 0) await condition(() => stopped !== undefined || scheduleChanged, wait);
  }

  await condition(allHandlersFinished);
  return status();
}
