/**
 * The one place the rule for a reporting unit's state lives: what each decision (submit,
 * extend, excuse, return) requires and changes, what a unit's state is at an instant, and
 * what is carried across a shard's continue-as-new. The shard workflow, its status query, the
 * escalation and consolidation activities and the client all ask this module.
 *
 * Pure and clock-free (instants are parameters), no Temporal import: it runs in the workflow
 * sandbox and in plain unit tests alike. Units live in a `Map` and are found by own key only,
 * so an id such as `__proto__` or `toString` is simply not a unit of the cycle.
 */
import type { Instant, Recipient } from './cycle';
import { rejections, type CycleClosure, type Rejection, type RejectionContext, type UnitAction } from './rejections';
import { fileCount } from './document-facts';
import { parseUnitRequest, type DocumentRef, type ExcuseRequest, type ExtendRequest, type RequestOf, type ReturnRequest, type SubmitRequest } from './unit-requests';

export type { DocumentRef, ExcuseRequest, ExtendRequest, ReturnRequest, SubmitRequest };

export interface Submission {
  at: Instant;
  by: string;
  note?: string;
  document?: DocumentRef;
  /** Further files of the same submission (see `SubmitRequest.attachments`). */
  attachments?: DocumentRef[];
  onTime: boolean;
  /** 0 for the first submission, then 1, 2… for revisions after a return. */
  revision: number;
}

/** `by`, here and below: who made the decision (a person's name or id), when the request said. */
export interface Extension {
  until: Instant;
  reason: string;
  at: Instant;
  by?: string;
}
export interface Decision {
  at: Instant;
  reason: string;
  by?: string;
}

export interface DeliveryFailure {
  kind: string;
  address: string;
  error: string;
}

/** What a shard keeps of one unit (its name and addresses stay in the shard's input). */
export interface UnitRecord {
  /** The unit's own due moment: the cycle's, or a granted extension. */
  dueAt: Instant;
  extended?: Extension;
  /** Extensions granted so far: tells their emails apart. */
  extensionCount?: number;
  /** Times excused so far (excused, then submitted and returned, then excused again): tells their emails apart. */
  excuseCount?: number;
  submission?: Submission;
  excused?: Decision;
  /** Set while a returned report waits for its revision. */
  returned?: Decision;
  noticeSentAt?: Instant;
  /** Reminder indexes (into the cycle's `reminders`) sent to this unit. */
  remindersSent: number[];
  /** Escalation steps whose digest listed this unit. */
  escalations: number[];
  deliveryFailures: DeliveryFailure[];
}

/** A unit's state, as staff see it. `overdue` = still awaited past its own due moment. */
export type UnitState = 'pending' | 'overdue' | 'submitted' | 'excused';

/** How a unit ends up in the consolidated report. */
export type UnitOutcome = 'submitted' | 'late' | 'missing' | 'excused';

const ms = (instant: Instant) => Date.parse(instant);

/** Still awaited: never submitted, or returned for revision; an excused unit is not. */
export function isOutstanding(u: UnitRecord): boolean {
  return (!u.submission || u.returned !== undefined) && !u.excused;
}

/** Has a report that stands (submitted and not returned). */
export function hasStandingSubmission(u: UnitRecord): boolean {
  return u.submission !== undefined && u.returned === undefined;
}

/** Still awaited and past its own due moment at `asOf`. */
export function isOverdueAt(u: UnitRecord, asOf: number): boolean {
  return isOutstanding(u) && ms(u.dueAt) < asOf;
}

export function stateAt(u: UnitRecord, now: number): UnitState {
  if (hasStandingSubmission(u)) return 'submitted';
  if (u.excused) return 'excused';
  return ms(u.dueAt) < now ? 'overdue' : 'pending';
}

export function outcomeOf(u: UnitRecord): UnitOutcome {
  if (u.excused) return 'excused';
  if (!hasStandingSubmission(u)) return 'missing';
  return u.submission!.onTime ? 'submitted' : 'late';
}

export function countStates(units: Iterable<{ state: UnitState }>): Record<UnitState, number> {
  const counts: Record<UnitState, number> = { pending: 0, overdue: 0, submitted: 0, excused: 0 };
  for (const u of units) counts[u.state]++;
  return counts;
}

// ---------------------------------------------------------------------------------------
// Decisions. Each has a check (read-only: Temporal runs it as the Update's validator) that
// returns the rejection or nothing, and an apply that changes the record and says what changed.
/** Every unit of one shard, and the decisions on them. */
/** What the book's rules need of its cycle: where it is, its cut-off, and whether its report travels on paper only. */
export type BookContext = RejectionContext & { cutoffAt: Instant; paperOnly?: boolean };

export class UnitBook {
  private readonly units: Map<string, UnitRecord>;
  private closedBy: CycleClosure | undefined;

  private constructor(
    units: Map<string, UnitRecord>,
    private readonly ctx: BookContext,
    closed?: CycleClosure,
  ) {
    this.units = units;
    this.closedBy = closed;
  }

  /** A shard's first run: every unit due at the cycle's due moment, nothing sent yet. */
  static fresh(unitIds: readonly string[], dueAt: Instant, ctx: BookContext): UnitBook {
    return new UnitBook(new Map(unitIds.map((id) => [id, { dueAt, remindersSent: [], escalations: [], deliveryFailures: [] }])), ctx);
  }

  /** A later run: the records carried across continue-as-new (own keys only). */
  static carried(record: Record<string, UnitRecord>, ctx: BookContext, closed?: CycleClosure): UnitBook {
    return new UnitBook(new Map(Object.entries(record)), ctx, closed);
  }

  /** What the next run starts from. `Object.fromEntries` defines own properties, even for `__proto__`. */
  toCarried(): Record<string, UnitRecord> {
    return Object.fromEntries(this.units);
  }

  get size(): number {
    return this.units.size;
  }
  get closed(): CycleClosure | undefined {
    return this.closedBy;
  }

  has(unitId: unknown): unitId is string {
    return typeof unitId === 'string' && this.units.has(unitId);
  }

  /** The unit's record; throws for an id that is not a unit of this shard (a bug in the caller). */
  get(unitId: string): UnitRecord {
    const unit = this.units.get(unitId);
    if (!unit) throw new RangeError(`No unit "${unitId}" in cycle "${this.ctx.cycleId}"`);
    return unit;
  }

  entries(): IterableIterator<[string, UnitRecord]> {
    return this.units.entries();
  }

  outstanding(): number {
    let n = 0;
    for (const u of this.units.values()) if (isOutstanding(u)) n++;
    return n;
  }

  /** Ids of units to which `pick` applies, in the order the shard was given them. */
  select(pick: (u: UnitRecord) => boolean): string[] {
    const ids: string[] = [];
    for (const [id, u] of this.units) if (pick(u)) ids.push(id);
    return ids;
  }

  /** The checks every decision shares: the unit belongs to the cycle and the cycle is open. */
  private admit(action: UnitAction, unitId: string): Rejection | UnitRecord {
    const unit = this.units.get(unitId);
    if (!unit) return rejections.unknownUnit(this.ctx, action, unitId);
    if (this.closedBy) return rejections.closed(this.ctx, action, unitId, this.closedBy);
    return unit;
  }

  /**
   * Why a request would be refused, if it would: first its shape (any payload, however
   * hostile), then the unit's rules. Read-only: Temporal runs it as the Update's validator.
   */
  check<A extends UnitAction>(action: A, payload: unknown, now: number): Rejection | undefined {
    const parsed = parseUnitRequest(action, payload, this.ctx);
    if (!parsed.ok) return parsed.rejection;
    const req = parsed.request as RequestOf[UnitAction];
    switch (action) {
      case 'submit':
        return this.checkSubmit(req as SubmitRequest);
      case 'extend':
        return this.checkExtend(req as ExtendRequest, now);
      case 'excuse':
        return this.checkExcuse(req as ExcuseRequest);
      default:
        return this.checkReturn(req as ReturnRequest);
    }
  }

  /** Every unit as staff see it, in the order of `units`. */
  statuses(units: readonly { id: string; name: string; to: Recipient[] }[], now: number): (UnitRecord & { unitId: string; name: string; to: Recipient[]; state: UnitState })[] {
    return units.map((u) => {
      const record = this.get(u.id);
      return { ...record, unitId: u.id, name: u.name, to: u.to, state: stateAt(record, now) };
    });
  }

  checkSubmit(req: SubmitRequest): Rejection | undefined {
    const unit = this.admit('submit', req.unitId);
    if ('type' in unit) return unit;
    // Every door refuses a file for a paper-only report; this refuses it for any caller.
    if (this.ctx.paperOnly && fileCount(req) > 0) return rejections.paperOnly(this.ctx, req.unitId);
    return undefined;
  }

  /** Records a submission at `now`; a repeat without `revision` while one stands changes nothing. */
  submit(req: SubmitRequest, now: Instant): { changed: boolean; submission: Submission; dueAt: Instant } {
    const unit = this.get(req.unitId);
    if (unit.submission && !unit.returned && !req.revision) return { changed: false, submission: unit.submission, dueAt: unit.dueAt };
    unit.submission = {
      at: now,
      by: req.submittedBy,
      ...(req.note ? { note: req.note } : {}),
      ...(req.document ? { document: req.document } : {}),
      ...(req.attachments?.length ? { attachments: req.attachments } : {}),
      onTime: ms(now) <= ms(unit.dueAt),
      revision: unit.submission ? unit.submission.revision + 1 : 0,
    };
    delete unit.returned;
    delete unit.excused;
    return { changed: true, submission: unit.submission, dueAt: unit.dueAt };
  }

  checkExtend(req: ExtendRequest, now: number): Rejection | undefined {
    const unit = this.admit('extend', req.unitId);
    if ('type' in unit) return unit;
    if (Number.isNaN(ms(req.until))) return rejections.badInstant(this.ctx, 'extend', req.unitId, 'until', req.until);
    if (hasStandingSubmission(unit)) return rejections.alreadySubmitted(this.ctx, 'extend', req.unitId, unit.submission!.at);
    if (unit.excused) return rejections.alreadyExcused(this.ctx, 'extend', req.unitId, unit.excused.at);
    if (ms(req.until) <= now) return rejections.extensionInPast(this.ctx, req.unitId, req.until);
    if (ms(req.until) > ms(this.ctx.cutoffAt)) return rejections.extensionAfterCutoff(this.ctx, req.unitId, req.until, this.ctx.cutoffAt);
    return undefined;
  }

  extend(req: ExtendRequest, now: Instant): { dueAt: Instant; count: number } {
    const unit = this.get(req.unitId);
    const until = new Date(ms(req.until)).toISOString();
    unit.dueAt = until;
    unit.extended = { until, reason: req.reason, at: now, ...(req.grantedBy ? { by: req.grantedBy } : {}) };
    unit.extensionCount = (unit.extensionCount ?? 0) + 1;
    return { dueAt: until, count: unit.extensionCount };
  }

  checkExcuse(req: ExcuseRequest): Rejection | undefined {
    const unit = this.admit('excuse', req.unitId);
    if ('type' in unit) return unit;
    if (hasStandingSubmission(unit)) return rejections.alreadySubmitted(this.ctx, 'excuse', req.unitId, unit.submission!.at);
    return undefined;
  }

  /** Excuses the unit; excusing it again changes nothing. */
  excuse(req: ExcuseRequest, now: Instant): { changed: boolean; excusedAt: Instant; count: number } {
    const unit = this.get(req.unitId);
    if (unit.excused) return { changed: false, excusedAt: unit.excused.at, count: unit.excuseCount ?? 1 };
    unit.excused = { at: now, reason: req.reason, ...(req.excusedBy ? { by: req.excusedBy } : {}) };
    unit.excuseCount = (unit.excuseCount ?? 0) + 1;
    return { changed: true, excusedAt: now, count: unit.excuseCount };
  }

  checkReturn(req: ReturnRequest): Rejection | undefined {
    const unit = this.admit('return', req.unitId);
    if ('type' in unit) return unit;
    if (!unit.submission) return rejections.notSubmitted(this.ctx, req.unitId);
    if (unit.returned) return rejections.alreadyReturned(this.ctx, req.unitId, unit.returned.at);
    return undefined;
  }

  /** Returns the standing report for revision; `revision` is the number of the report returned. */
  returnForRevision(req: ReturnRequest, now: Instant): { returnedAt: Instant; revision: number } {
    const unit = this.get(req.unitId);
    unit.returned = { at: now, reason: req.reason, ...(req.returnedBy ? { by: req.returnedBy } : {}) };
    return { returnedAt: now, revision: unit.submission!.revision };
  }

  /** Stops every decision; false when already closed. */
  close(closure: CycleClosure): boolean {
    if (this.closedBy) return false;
    this.closedBy = closure;
    return true;
  }

  recordNoticeSent(unitId: string, at: Instant): void {
    this.get(unitId).noticeSentAt = at;
  }
  recordReminderSent(unitId: string, index: number): void {
    this.get(unitId).remindersSent.push(index);
  }
  /** Marks the units a digest listed; ids not in this shard are ignored. */
  recordEscalation(step: number, unitIds: readonly string[]): void {
    for (const id of unitIds) {
      const unit = this.units.get(id);
      if (unit && !unit.escalations.includes(step)) unit.escalations.push(step);
    }
  }
  recordDeliveryFailure(unitId: string, failure: DeliveryFailure): void {
    this.get(unitId).deliveryFailures.push(failure);
  }
  deliveryFailureCount(): number {
    let n = 0;
    for (const u of this.units.values()) n += u.deliveryFailures.length;
    return n;
  }
}
