/**
 * The contract between kyhan's clients and its reporting-cycle workflows: workflow ids,
 * task queue, Updates, Signals, Queries and their payload types. Imported by the client,
 * the workers, the activities and the tests. Message names never change once shipped:
 * running cycles (weeks or months long) depend on them.
 *
 * A cycle is one parent workflow (`reportingCycle`) and one or more shard workflows
 * (`cycleShard`, children) that each hold a group of units. Temporal caps a run at about
 * 2,000 Updates and warns at 10,240 history events, so a 10,000-unit cycle cannot live in
 * one run: each unit belongs to exactly one shard (`shardOf`), and every per-unit Update
 * goes to that unit's shard.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CycleSpec, CycleUnit, Instant, Language, Recipient } from '../domain/cycle';
import type { ExcuseRequest, ExtendRequest, ReturnRequest, SubmitRequest, UnitRecord, UnitState } from '../domain/units';
import type { Plan } from '../domain/plan/schema';
import type { CycleClosure } from '../domain/rejections';
import type { ApprovalProgress } from '../domain/approval';
import type { ApproveReportInput, MarkSentUpInput, ResubmitForApprovalInput, ReturnReportInput } from '../domain/approval-requests';

export type { CycleUnit, UnitState };
export type { DocumentRef } from '../domain/units';
export type SubmitReportInput = SubmitRequest;
export type GrantExtensionInput = ExtendRequest;
export type ExcuseUnitInput = ExcuseRequest;
export type ReturnForRevisionInput = ReturnRequest;

export type { ApprovalProgress, ApprovalState, ApprovalStep, ApprovalStepKind } from '../domain/approval';
export type { ApproveReportInput, MarkSentUpInput, ResubmitForApprovalInput, ReturnReportInput };

export const DEFAULT_TASK_QUEUE = 'kyhan';

/** A cycle without its units: what every shard and every email needs to know. */
export type CycleHeader = Omit<CycleSpec, 'units'>;

// ---------------------------------------------------------------------------------------
// Workflow ids: derived from the domain, never stored.

const CYCLE_PREFIX = 'kyhan-cycle:';

/** `kyhan-cycle:<planId>/<reportTypeId>/<periodId>`: starting the same cycle twice finds the running one. */
export function cycleWorkflowId(planId: string, reportTypeId: string, periodId: string): string {
  return `${CYCLE_PREFIX}${planId}/${reportTypeId}/${periodId}`;
}

/** Workflow id of a cycle from its id (`<planId>/<reportTypeId>/<periodId>`) or its workflow id. */
export function cycleWorkflowIdOf(cycleIdOrWorkflowId: string): string {
  return cycleIdOrWorkflowId.startsWith(CYCLE_PREFIX) ? cycleIdOrWorkflowId : `${CYCLE_PREFIX}${cycleIdOrWorkflowId}`;
}

/** The inverse of `cycleWorkflowId`; undefined for ids that are not cycle workflow ids. */
export function parseCycleWorkflowId(workflowId: string): { planId: string; reportTypeId: string; periodId: string } | undefined {
  if (!workflowId.startsWith(CYCLE_PREFIX)) return undefined;
  const parts = workflowId.slice(CYCLE_PREFIX.length).split('/');
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  const [planId, reportTypeId, periodId] = parts as [string, string, string];
  return { planId, reportTypeId, periodId };
}

export function shardWorkflowId(cycleWorkflowIdValue: string, shard: number): string {
  return `${cycleWorkflowIdValue}#shard-${shard}`;
}

// ---------------------------------------------------------------------------------------
// Sharding.

/**
 * Units per shard, aimed for. Each unit costs a shard about 15 history events (notice,
 * reminders, a submission, its receipt); 400 units keep a shard's Updates far below 2,000
 * and let it continue as new a few times at most.
 */
export const SHARD_TARGET_UNITS = 400;

export function shardCountFor(unitCount: number, targetUnits = SHARD_TARGET_UNITS): number {
  return Math.max(1, Math.ceil(unitCount / targetUnits));
}

/** The shard that holds a unit: FNV-1a of its id, so a client finds it from the id alone. */
export function shardOf(unitId: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < unitId.length; i++) {
    hash ^= unitId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}

// ---------------------------------------------------------------------------------------
// Starting a cycle.

export interface ReportingCycleInput {
  cycle: CycleHeader;
  unitCount: number;
  shardCount: number;
  /** History length after which a shard continues as new; tests lower it to exercise that path. */
  continueAsNewAfterEvents?: number;
}

/** Memo on the cycle workflow: what a client needs to route per-unit Updates. */
export interface CycleMemo {
  shardCount: number;
  unitCount: number;
}

export interface AddUnitsInput {
  shard: number;
  units: CycleUnit[];
}

/**
 * Delivers the units of one shard to the cycle, which starts that shard. Sent once per shard
 * right after the start (the first with update-with-start); sending it again is harmless.
 */
export const addUnitsUpdate = defineUpdate<{ shard: number; units: number; alreadyLoaded: boolean }, [AddUnitsInput]>('addUnits');

/** Why the cycle is being cancelled; sent just before the cancellation request. */
export const cancellationReasonSignal = defineSignal<[{ reason: string; by?: string }]>('cancellationReason');

// ---------------------------------------------------------------------------------------
// Per-unit Updates, sent to the unit's shard.

export interface SubmissionReceipt {
  cycleId: string;
  unitId: string;
  submittedAt: Instant;
  /** The unit's due moment the submission was measured against (extensions move it). */
  dueAt: Instant;
  onTime: boolean;
  /** 0 for the first submission, then 1, 2… for revisions. */
  revision: number;
  /** True when this call changed nothing: the unit had already submitted. */
  duplicate: boolean;
}

export const submitReportUpdate = defineUpdate<SubmissionReceipt, [SubmitReportInput]>('submitReport');

export const grantExtensionUpdate = defineUpdate<{ unitId: string; dueAt: Instant }, [GrantExtensionInput]>('grantExtension');

export const excuseUnitUpdate = defineUpdate<{ unitId: string; excusedAt: Instant }, [ExcuseUnitInput]>('excuseUnit');

export const returnForRevisionUpdate = defineUpdate<{ unitId: string; returnedAt: Instant }, [ReturnForRevisionInput]>('returnForRevision');

// ---------------------------------------------------------------------------------------
// The leaders' approval of the consolidated report, sent to the cycle itself. Each answers
// with the approval as it stands after the change.

/** A leader approves: the report is mailed to every upper level that has an address. */
export const approveReportUpdate = defineUpdate<ApprovalProgress, [ApproveReportInput]>('approveReport');

/** A leader returns the report to the consolidating staff, with what to change. */
export const returnReportUpdate = defineUpdate<ApprovalProgress, [ReturnReportInput]>('returnReport');

/** Staff resubmit a returned report: the leaders are asked again. */
export const resubmitForApprovalUpdate = defineUpdate<ApprovalProgress, [ResubmitForApprovalInput]>('resubmitForApproval');

/** Staff record that the approved report went by hand to the upper levels kyhan could not mail. */
export const markSentUpUpdate = defineUpdate<ApprovalProgress, [MarkSentUpInput]>('markSentUp');

// ---------------------------------------------------------------------------------------
// Status.

/** A unit as staff see it: its record (see `domain/units.ts`), its name and addresses, its state now. */
export interface UnitStatus extends UnitRecord {
  unitId: string;
  name: string;
  /** The unit's mailboxes. */
  to: Recipient[];
  state: UnitState;
}

export type CyclePhase = 'loading' | 'open' | 'consolidating' | 'consolidated' | 'cancelled';

export interface ShardStatus {
  cycleId: string;
  shard: number;
  closed?: ShardCloseReason;
  /** Runs before this one (continue-as-new keeps each run's history short). */
  generation: number;
  units: UnitStatus[];
  /** Emails waiting to be sent or in flight. */
  outbox: number;
}

export interface CycleProgress {
  cycleId: string;
  language: Language;
  timeZone: string;
  phase: CyclePhase;
  shardCount: number;
  shardsLoaded: number;
  unitCount: number;
  /** Units not yet reported (neither submitted nor excused), per shard. */
  outstanding: number;
  /** `failed`: the step's digest could not be prepared (why); the ladder went on. */
  escalationsSent: { step: number; at: Instant; overdueUnits: number; failed?: string }[];
  consolidation?: { at: Instant; reason: 'all-reported' | 'cutoff'; counts: Record<string, number>; markdownPath: string; htmlPath: string };
  cancelled?: { at: Instant; reason: string; by?: string };
  /**
   * The leaders' approval, from the consolidation on (cycles with leaders only): its state and
   * every step with who took it — requested, reminded, returned, resubmitted, approved, sent up
   * (one per upper level), send failed, marked sent, expired. `phase` stays `consolidated`.
   */
  approval?: ApprovalProgress;
  /** After the consolidation, while the leaders' approval waits: its reminder, or its expiry. */
  nextEvent?: { kind: 'opening' | 'escalation' | 'cutoff' | 'approval-reminder' | 'approval-expiry'; at: Instant; step?: number };
}

/** Status of the cycle as a whole: its progress and every unit, merged by the client. */
export interface CycleStatus extends CycleProgress {
  counts: Record<UnitState, number>;
  units: UnitStatus[];
  nextReminder?: { at: Instant; index: number };
}

export const cycleProgressQuery = defineQuery<CycleProgress>('cycleProgress');
export const shardStatusQuery = defineQuery<ShardStatus>('shardStatus');

// ---------------------------------------------------------------------------------------
// Between the cycle and its shards.

export interface ShardInput {
  cycle: CycleHeader;
  cycleWorkflowId: string;
  shard: number;
  units: CycleUnit[];
  continueAsNewAfterEvents?: number;
  /** The cycle's run id: part of every Message-ID, so a cycle id run again sends its mail again. */
  cycleRunId?: string;
  /** State carried over when the shard continues as new. */
  carried?: ShardCarriedState;
}

export interface ShardCarriedState {
  units: Record<string, CarriedUnit>;
  outbox: unknown[];
  noticesQueued: boolean;
  remindersQueued: number;
  closed?: ShardCloseReason;
  reportedOutstanding: number;
  /** How many times this shard has continued as new. */
  generation: number;
  /** Addresses refused for good that staff were already told about (told once per address). */
  refusedAddresses?: string[];
  /** When this shard last told the cycle that mail was held (workflow time). */
  heldReportedAt?: Instant;
}

/** Per-unit state a shard keeps (the unit's name and addresses stay in `ShardInput.units`). */
export type CarriedUnit = UnitRecord;

export type ShardCloseReason = CycleClosure;

/** From the cycle: stop accepting changes (and, if cancelled, tell pending units why). */
export const closeShardSignal = defineSignal<[ShardCloseReason]>('closeShard');

/** From a shard to its cycle: how many of its units are still outstanding (sent when it crosses zero). */
export const shardOutstandingSignal = defineSignal<[{ shard: number; outstanding: number }]>('shardOutstanding');

/** From a shard to its cycle: a message left only after being held an hour or more (the cycle tells staff once). */
export const mailHeldSignal = defineSignal<[{ shard: number; since: Instant; at: Instant }]>('mailHeld');

/** From the escalation activity to a shard: these units were listed in a digest. */
export const escalationRecordedSignal = defineSignal<[{ step: number; unitIds: string[] }]>('escalationRecorded');

// ---------------------------------------------------------------------------------------
// Campaigns: a whole plan, each cycle opened on its date.

const CAMPAIGN_PREFIX = 'kyhan-plan:';

/** `kyhan-plan:<planId>`: one campaign per plan; starting it again finds the running one. */
export function campaignWorkflowId(planId: string): string {
  return `${CAMPAIGN_PREFIX}${planId}`;
}

export interface CampaignInput {
  /** The validated plan (already rebased, if asked). Keep plans under ~5,000 units: a workflow input must stay under 2 MB. */
  plan: Plan;
  taskQueue: string;
  /** Set by the first run: `after-start` cycles are due relative to it. */
  startedAt?: Instant;
  /** State carried over when the campaign continues as new. */
  carried?: CampaignCarriedState;
}

export interface CampaignCarriedState {
  version: number;
  cycles: Record<string, CampaignCycleRecord>;
  /** The timeline of the current plan version, as computed (by an activity) when that version arrived. */
  timeline: CampaignTimelineCycle[];
}

/**
 * One cycle of a campaign's timeline: when to open it and the few facts its status shows.
 * Computed from the plan and the business calendar by the `computeCampaignTimeline` activity,
 * never inside the workflow, so that a change to the calendar data (edited every year) cannot
 * change the decisions a running campaign replays. The cycle's full spec is computed only when
 * it opens (`openCycle`).
 */
export interface CampaignTimelineCycle {
  /** The cycle id, `<planId>/<reportTypeId>/<periodId>`. */
  id: string;
  workflowId: string;
  reportType: string;
  period: string;
  opensAt: Instant;
  dueAt: Instant;
  cutoffAt: Instant;
}

export interface CampaignCycleRecord {
  state: 'opened' | 'skipped' | 'failed';
  at: Instant;
  workflowId?: string;
  /** Why a cycle was skipped (its cut-off had passed when the campaign reached it) or failed to open. */
  reason?: string;
  /** The opened cycle's own moments, when its spec (computed at opening) differs from the timeline. */
  opensAt?: Instant;
  dueAt?: Instant;
}

export interface CampaignCycleStatus {
  cycleId: string;
  reportType: string;
  period: string;
  opensAt: Instant;
  dueAt: Instant;
  /** `failed`: the cycle could not be opened (see `reason`); the campaign went on with the others. */
  state: 'scheduled' | 'opened' | 'skipped' | 'failed';
  workflowId: string;
  /** Why it was skipped or failed to open. */
  reason?: string;
}

export interface CampaignStatus {
  planId: string;
  timeZone: string;
  version: number;
  startedAt: Instant;
  phase: 'running' | 'stopped' | 'completed';
  stopped?: { at: Instant; reason: string; cancelledCycles: string[] };
  /**
   * Set while the campaign computes the timeline of a plan version (an activity, a few
   * milliseconds): right after it starts, `cycles` is still empty; during a `replacePlan`,
   * it still lists the previous version's cycles. Wait and ask again for the new ones.
   */
  timelinePending?: true;
  cycles: CampaignCycleStatus[];
}

/** Replaces the plan for the cycles not yet opened; opened cycles keep the spec they started with. */
export const replacePlanUpdate = defineUpdate<{ version: number; cyclesNotYetOpened: number }, [{ plan: Plan }]>('replacePlan');

/** Stops the campaign: cycles not yet opened never open; running ones are cancelled if asked. */
export const stopCampaignUpdate = defineUpdate<{ notOpened: number; cancelledCycles: string[] }, [{ reason: string; cancelRunning?: boolean }]>('stopCampaign');

export const campaignStatusQuery = defineQuery<CampaignStatus>('campaignStatus');

/** The plan version the campaign runs now: `openCycle` reads it to compute the spec of the cycle it opens. */
export interface CampaignPlanVersion {
  version: number;
  startedAt: Instant;
  plan: Plan;
}

export const campaignPlanQuery = defineQuery<CampaignPlanVersion>('campaignPlan');

// ---------------------------------------------------------------------------------------
// Workflow signatures, for typed handles in clients.

/** What a `reportingCycle` run returns when it closes: its last progress, in brief. */
export type ReportingCycleResult = Pick<CycleProgress, 'cycleId' | 'phase' | 'consolidation' | 'escalationsSent' | 'approval'>;

/**
 * The `reportingCycle` and `campaign` workflows as clients see them. A client types its handles
 * with these instead of importing the workflow modules, which would pull workflow code (and,
 * as types, the activities) into the client library that activities themselves import.
 * `test/unit/workflow-signatures.test.ts` keeps them equal to the workflows' own signatures.
 */
export type ReportingCycleWorkflow = (input: ReportingCycleInput) => Promise<ReportingCycleResult>;
export type CampaignWorkflow = (input: CampaignInput) => Promise<CampaignStatus>;
