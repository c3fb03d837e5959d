/**
 * `campaign`: runs a whole plan. It sleeps until each cycle's opening and starts that cycle
 * with its derived workflow id, so a cycle is never started twice (business calendars do not
 * fit cron, and the time-skipping test server has no Schedules API). A replaced plan applies
 * to the cycles not yet opened; a stopped campaign opens nothing more. It continues as new so
 * a multi-year plan keeps a short history.
 *
 * The workflow never computes the schedule itself: it depends on the business calendar's
 * data, edited every year, and a calendar edit must not change what a running campaign
 * replays. The timeline (when each cycle opens) comes from the `computeCampaignTimeline`
 * activity, once per plan version, and is carried across continue-as-new; each cycle's full
 * spec is computed by `openCycle` when it opens (see activities/campaign/campaign-activities.ts).
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Plan } from '../domain/plan/schema';
import {
  campaignPlanQuery,
  campaignStatusQuery,
  replacePlanUpdate,
  stopCampaignUpdate,
  type CampaignCycleRecord,
  type CampaignInput,
  type CampaignStatus,
  type CampaignTimelineCycle,
} from './messages';

/**
 * Opening a cycle delivers its units in a few Updates: seconds. A failure that can heal
 * (Temporal unreachable or busy) is retried for as long as it takes, at least every 30
 * minutes; one that cannot (the activity says so with a non-retryable failure) is recorded
 * as the cycle's `failed` state and the campaign goes on with the next cycles.
 */
const { openCycle, cancelCycles } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/**
 * The timeline of a plan version: pure computation (milliseconds for the seed plan, a second or
 * so for a large one), so a local activity, run by the worker that runs the campaign: its
 * input (the whole plan, already in the history as the campaign's input or the Update's
 * argument) is not recorded again, only its result (a marker event), and the campaign's first
 * workflow task already holds the timeline, so its status lists the cycles from the start.
 */
const { computeCampaignTimeline } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/** Mirrors `CampaignFailureType.planReplaced` in the activities (not imported: the sandbox takes activity code as types only). */
const PLAN_REPLACED = 'CampaignPlanReplaced';

/** A campaign run's history stays far below Temporal's 10,240-event warning. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

const nowIso = () => new Date(Date.now()).toISOString();

export async function campaign(input: CampaignInput): Promise<CampaignStatus> {
  const startedAt = input.startedAt ?? nowIso();
  let plan: Plan = input.plan;
  let version = input.carried?.version ?? 1;
  const records: Record<string, CampaignCycleRecord> = input.carried?.cycles ?? {};
  let stopped: CampaignStatus['stopped'];
  // Empty only until the first run's timeline arrives, in its first workflow task.
  let timeline: CampaignTimelineCycle[] = input.carried?.timeline ?? [];
  let timelineChanged = false;
  /** A timeline being computed: the first one, or a replacePlan's (one at a time, in the order they arrived). */
  let replacing = !input.carried;

  const notYetOpened = () => timeline.filter((c) => !records[c.id]);

  const status = (): CampaignStatus => ({
    planId: plan.id,
    timeZone: plan.timeZone,
    version,
    startedAt,
    phase: stopped ? 'stopped' : notYetOpened().length === 0 && !replacing ? 'completed' : 'running',
    ...(stopped ? { stopped } : {}),
    ...(replacing ? { timelinePending: true as const } : {}),
    cycles: timeline.map((c) => {
      const record = records[c.id];
      return {
        cycleId: c.id,
        reportType: c.reportType,
        period: c.period,
        opensAt: record?.opensAt ?? c.opensAt,
        dueAt: record?.dueAt ?? c.dueAt,
        state: record?.state ?? 'scheduled',
        workflowId: c.workflowId,
        ...(record?.reason ? { reason: record.reason } : {}),
      };
    }),
  });

  setHandler(campaignStatusQuery, status);
  setHandler(campaignPlanQuery, () => ({ version, startedAt, plan }));

  setHandler(
    replacePlanUpdate,
    async ({ plan: next }) => {
      // Waiting handlers all wake when one finishes: the first to run takes the turn, the others wait again.
      while (replacing) await condition(() => !replacing);
      replacing = true;
      try {
        const nextTimeline = await computeCampaignTimeline({ plan: next, startedAt });
        plan = next;
        version++;
        timeline = nextTimeline;
        // A cycle that failed to open gets another chance with the new plan (which may fix it).
        for (const [id, record] of Object.entries(records)) if (record.state === 'failed') delete records[id];
        timelineChanged = true;
        return { version, cyclesNotYetOpened: notYetOpened().length };
      } finally {
        replacing = false;
      }
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

  /** Opens `cycle`, or records why it was skipped or could not be opened. */
  async function open(cycle: CampaignTimelineCycle): Promise<void> {
    if (Date.parse(cycle.cutoffAt) <= Date.now()) {
      // Opening a cycle whose cut-off has passed would only consolidate an empty report.
      records[cycle.id] = { state: 'skipped', at: nowIso(), reason: 'cut-off already past' };
      log.warn('Cycle skipped: its cut-off had passed', { cycleId: cycle.id, cutoffAt: cycle.cutoffAt });
      return;
    }
    const openedWith = version;
    try {
      const opened = await openCycle({ version: openedWith, cycleId: cycle.id, taskQueue: input.taskQueue });
      records[cycle.id] = {
        state: 'opened',
        at: nowIso(),
        workflowId: opened.workflowId,
        ...(opened.opensAt !== cycle.opensAt ? { opensAt: opened.opensAt } : {}),
        ...(opened.dueAt !== cycle.dueAt ? { dueAt: opened.dueAt } : {}),
      };
    } catch (err) {
      if (isCancellation(err) || !(err instanceof ActivityFailure)) throw err;
      const cause = err.cause;
      // The plan changed while the activity ran: the loop looks at the new timeline.
      if (cause instanceof ApplicationFailure && cause.type === PLAN_REPLACED && version !== openedWith) return;
      const reason = cause?.message ?? err.message;
      records[cycle.id] = { state: 'failed', at: nowIso(), workflowId: cycle.workflowId, reason };
      log.error('Cycle could not be opened; the campaign goes on', { cycleId: cycle.id, reason });
    }
  }

  if (!input.carried) {
    // Handlers are set first: a query or an Update may arrive before the timeline does.
    try {
      timeline = await computeCampaignTimeline({ plan, startedAt });
    } finally {
      replacing = false;
    }
  }

  const continueAsNewDue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > CONTINUE_AS_NEW_AFTER_EVENTS;

  while (!stopped) {
    // One cycle at a time, looking at the timeline afresh each time: a replaced plan applies at once.
    const due = notYetOpened().find((c) => Date.parse(c.opensAt) <= Date.now());
    if (due) {
      await open(due);
      continue;
    }
    const next = notYetOpened().sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt))[0];
    if (!next) break;
    if (continueAsNewDue()) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof campaign>({ plan, taskQueue: input.taskQueue, startedAt, carried: { version, cycles: records, timeline } });
    }
    timelineChanged = false;
    const wait = Date.parse(next.opensAt) - Date.now();
    if (wait > 0) await condition(() => stopped !== undefined || timelineChanged, wait);
  }

  await condition(allHandlersFinished);
  return status();
}
