/**
 * A cycle's timeline, from what the cycle keeps: its header (opening, reminders, escalation
 * ladder), its progress (escalations sent, consolidation, cancellation, every approval step) and
 * its units' records (notice, reminders, submission, extension, excuse, return, with who decided).
 * Pure: the cycle page and the unit page render it. A unit's record keeps its latest decision
 * of each kind (a resubmission replaces the submission it revises), so the timeline is what the
 * cycle holds now, oldest first.
 */
import type { Instant } from '../../domain/cycle';
import type { ApprovalStep, CycleHeader, CycleStatus, UnitStatus } from '../../workflows/messages';

export type TimelineKind =
  | 'opened'
  | 'notice'
  | 'reminder'
  | 'escalation'
  | 'submitted'
  | 'extended'
  | 'excused'
  | 'returned'
  | 'consolidated'
  | 'cancelled'
  | 'approval';

export interface TimelineEvent {
  at: Instant;
  kind: TimelineKind;
  /** Who decided, when the cycle knows. */
  by?: string;
  /** The unit concerned (per-unit events). */
  unitId?: string;
  unitName?: string;
  /** How many units a cycle-wide event concerned (notices, reminders, escalations). */
  units?: number;
  /** Reminder number (1-based) or escalation step. */
  index?: number;
  /** Escalation step's role label, an approval step's kind, the consolidation's reason. */
  detail?: string;
  /** Reason, note or comment as written. */
  text?: string;
  /** Extension's new due moment. */
  until?: Instant;
  /** Submissions: on time, and the revision number. */
  onTime?: boolean;
  revision?: number;
  /** Set when the step failed (escalation digest not prepared, upper level not reached). */
  failed?: string;
  upperLevel?: string;
}

const ms = (instant: Instant) => Date.parse(instant);

/** The events of one unit. */
export function unitEvents(u: UnitStatus): TimelineEvent[] {
  const unit = { unitId: u.unitId, unitName: u.name };
  const events: TimelineEvent[] = [];
  if (u.submission) {
    events.push({ at: u.submission.at, kind: 'submitted', by: u.submission.by, ...unit, onTime: u.submission.onTime, revision: u.submission.revision, ...(u.submission.note ? { text: u.submission.note } : {}) });
  }
  if (u.extended) events.push({ at: u.extended.at, kind: 'extended', ...(u.extended.by ? { by: u.extended.by } : {}), ...unit, until: u.extended.until, text: u.extended.reason });
  if (u.excused) events.push({ at: u.excused.at, kind: 'excused', ...(u.excused.by ? { by: u.excused.by } : {}), ...unit, text: u.excused.reason });
  if (u.returned) events.push({ at: u.returned.at, kind: 'returned', ...(u.returned.by ? { by: u.returned.by } : {}), ...unit, text: u.returned.reason });
  return events;
}

function approvalEvent(step: ApprovalStep): TimelineEvent {
  return {
    at: step.at,
    kind: 'approval',
    detail: step.kind,
    ...(step.by ? { by: step.by } : {}),
    ...(step.comment ? { text: step.comment } : {}),
    ...(step.upperLevel ? { upperLevel: step.upperLevel } : {}),
    ...(step.kind === 'send-failed' ? { failed: step.comment ?? '' } : {}),
  };
}

/**
 * The whole cycle's timeline, oldest first: cycle-wide events (opening, notices and reminders
 * counted over units, escalations, consolidation, cancellation, approval) and every unit's
 * decisions. `unitId` narrows it to one unit (its notice and reminders, its decisions, and the
 * cycle's closing events).
 */
export function cycleTimeline(header: Pick<CycleHeader, 'opensAt' | 'reminders' | 'escalations'>, status: CycleStatus, unitId?: string): TimelineEvent[] {
  const units = unitId === undefined ? status.units : status.units.filter((u) => u.unitId === unitId);
  const events: TimelineEvent[] = [];
  if (unitId === undefined) events.push({ at: header.opensAt, kind: 'opened', units: status.unitCount });

  const notices = units.map((u) => u.noticeSentAt).filter((at): at is string => at !== undefined);
  if (notices.length > 0) {
    const first = notices.reduce((a, b) => (ms(a) <= ms(b) ? a : b));
    events.push({ at: first, kind: 'notice', units: notices.length, ...(unitId !== undefined ? { unitId } : {}) });
  }
  header.reminders.forEach((reminder, index) => {
    const reached = units.filter((u) => u.remindersSent.includes(index)).length;
    if (reached > 0) events.push({ at: reminder.at, kind: 'reminder', index: index + 1, units: reached, detail: reminder.relation });
  });
  for (const sent of status.escalationsSent) {
    const step = header.escalations.find((s) => s.step === sent.step);
    if (unitId !== undefined && !units.some((u) => u.escalations.includes(sent.step))) continue;
    events.push({ at: sent.at, kind: 'escalation', index: sent.step, units: sent.overdueUnits, ...(step ? { detail: step.roleLabel } : {}), ...(sent.failed ? { failed: sent.failed } : {}) });
  }
  for (const u of units) events.push(...unitEvents(u));
  if (status.consolidation) events.push({ at: status.consolidation.at, kind: 'consolidated', detail: status.consolidation.reason });
  if (status.cancelled) events.push({ at: status.cancelled.at, kind: 'cancelled', text: status.cancelled.reason, ...(status.cancelled.by ? { by: status.cancelled.by } : {}) });
  if (unitId === undefined) for (const step of status.approval?.steps ?? []) events.push(approvalEvent(step));
  // Stable: events at the same moment keep the order above (cycle-wide first).
  return events.map((e, i) => ({ e, i })).sort((a, b) => ms(a.e.at) - ms(b.e.at) || a.i - b.i).map(({ e }) => e);
}
