/**
 * The mail a shard owes its units, as compact outbox items (they are carried across
 * continue-as-new), and the email request each becomes when it leaves the outbox.
 */
import { getExternalWorkflowHandle, workflowInfo } from '@temporalio/workflow';
import type { EmailRequest } from '../activities';
import type { CycleUnit, Instant } from '../domain/cycle';
import { documentFacts, fileCount } from '../domain/document-facts';
import { isOutstanding, type UnitBook } from '../domain/units';
import { emailContextOf } from './cycle-mail';
import { mailHeldSignal, type CycleHeader, type ShardCarriedState, type ShardInput } from './messages';
import { Outbox, queued, type QueuedItem } from './outbox';

/** Held mail is reported to the cycle at most once a day per shard; the cycle tells staff. */
const HELD_REPORT_INTERVAL_MS = 24 * 60 * 60 * 1000;
const nowIso = () => new Date(Date.now()).toISOString();

export type ShardMail = QueuedItem &
  (
    | { kind: 'notice' | 'cancellation'; unitId: string; reason?: string }
    | { kind: 'reminder'; unitId: string; index: number }
    | { kind: 'receipt'; unitId: string; revision: number }
    | { kind: 'extension'; unitId: string; count: number; reason: string }
    /** `count`: which excuse of the unit (absent on items queued before it existed: the first). */
    | { kind: 'excuse'; unitId: string; reason: string; count?: number }
    | { kind: 'returned'; unitId: string; count: number; reason: string }
    /** To staff: an address of a unit was refused for good. */
    | { kind: 'delivery-failure'; failureIndex: number; recipientKey: string; address: string; name: string; failedKind: string; error: string }
  );

export interface ShardMailContext {
  cycle: CycleHeader;
  run: string | undefined;
  shard: number;
  /** Patch `shard-outbox`: a reminder whose unit reported while it waited is not sent. */
  current: boolean;
  units: ReadonlyMap<string, CycleUnit>;
  book: UnitBook;
}

export function shardMailRequest(item: ShardMail, { cycle, run, shard, units, book, current }: ShardMailContext): EmailRequest | undefined {
  const common = { cycle: emailContextOf(cycle), ...(run ? { run } : {}) };
  if (item.kind === 'delivery-failure') {
    return {
      ...common,
      kind: 'delivery-failure',
      step: item.failureIndex,
      to: cycle.consolidation.by,
      // Each shard counts its reports from 0: the shard in the key keeps their Message-IDs apart.
      recipientKey: shard === 0 ? 'consolidating-staff' : `consolidating-staff-${shard}`,
      data: { failed: [{ recipient: { key: item.recipientKey, name: item.name, email: item.address }, kind: item.failedKind as EmailRequest['kind'], error: item.error }] },
    };
  }
  const u = units.get(item.unitId)!;
  const s = book.get(item.unitId);
  // Letters address the unit's leading body when the plan names it.
  const unit = { id: u.id, name: u.name, ...(u.addressee ? { addressee: u.addressee } : {}) };
  const base = { ...common, to: u.to, cc: u.cc, recipientKey: u.id };
  switch (item.kind) {
    case 'notice':
      return { ...base, kind: 'notice', data: { unit } };
    case 'reminder': {
      // Held in the outbox (SMTP down) while the unit reported: the reminder no longer applies.
      if (current && !isOutstanding(s)) return undefined;
      const reminder = cycle.reminders[item.index]!;
      return { ...base, kind: 'reminder', step: item.index, data: { unit, relation: reminder.relation, dueAt: s.dueAt } };
    }
    case 'receipt': {
      const sub = s.submission!;
      // The document as the unit knows it (number, date, signer, file name): never where it is stored.
      const document = sub.document ? documentFacts(sub.document) : undefined;
      const files = fileCount(sub);
      return {
        ...base,
        kind: 'receipt',
        step: item.revision,
        data: {
          unit,
          submittedAt: sub.at,
          onTime: sub.onTime,
          ...(document && Object.keys(document).length > 0 ? { document } : {}),
          ...(files > 0 ? { files } : {}),
          ...(item.revision ? { revision: item.revision } : {}),
        },
      };
    }
    case 'extension':
      return { ...base, kind: 'extension', step: item.count, data: { unit, newDueAt: s.dueAt, reason: item.reason } };
    case 'excuse':
      // The first keeps step 0, as before; a second excuse needs a Message-ID of its own.
      return { ...base, kind: 'excuse', ...(item.count && item.count > 1 ? { step: item.count - 1 } : {}), data: { unit, reason: item.reason } };
    case 'returned':
      return { ...base, kind: 'returned', step: item.count, data: { unit, reason: item.reason } };
    case 'cancellation':
      return { ...base, kind: 'cancellation', data: { unit, reason: item.reason ?? '' } };
  }
}

/**
 * A shard's outbox and what it learns from delivering: sent notices and reminders go into the
 * book; a refused address is recorded on its unit and told to staff once; held mail is told
 * to the cycle, at most once a day.
 */
export class ShardMailbox {
  readonly outbox: Outbox<ShardMail>;
  private readonly refusedAddresses: Set<string>;
  private heldReportedAt: Instant | undefined;

  constructor(
    private readonly input: ShardInput,
    private readonly units: ReadonlyMap<string, CycleUnit>,
    private readonly book: UnitBook,
    /** Patch `shard-outbox` (see cycleShard): off, the shard behaves as when its history was recorded. */
    private readonly current: boolean,
  ) {
    const { carried, cycle, shard } = input;
    this.refusedAddresses = new Set(carried?.refusedAddresses ?? []);
    this.heldReportedAt = carried?.heldReportedAt;
    const run = input.cycleRunId ?? workflowInfo().parent?.runId;
    this.outbox = new Outbox((carried?.outbox as ShardMail[] | undefined) ?? [], {
      request: (item) => shardMailRequest(item, { cycle, run, shard, units, book, current }),
      onSent: (item) => {
        if (item.kind === 'notice') book.recordNoticeSent(item.unitId, nowIso());
        if (item.kind === 'reminder') book.recordReminderSent(item.unitId, item.index);
      },
      onRefused: (item, refused, error) => this.refused(item, refused.map((r) => r.address), error),
      onHeld: (_item, since) => this.held(since),
    }, current);
  }

  send(item: ShardMail): void {
    this.outbox.push(queued(item, nowIso()));
  }

  /** What the next run needs (call once nothing is in flight). */
  carried(): Pick<ShardCarriedState, 'outbox' | 'refusedAddresses' | 'heldReportedAt'> {
    return { outbox: this.outbox.waiting(), refusedAddresses: [...this.refusedAddresses], ...(this.heldReportedAt ? { heldReportedAt: this.heldReportedAt } : {}) };
  }

  private refused(item: ShardMail, addresses: string[], error: string): void {
    if (item.kind === 'delivery-failure') return; // Staff's own address: the cycle's alerts cover it.
    const unit = this.units.get(item.unitId)!;
    for (const address of addresses.length ? addresses : unit.to.map((r) => r.email)) {
      this.book.recordDeliveryFailure(item.unitId, { kind: item.kind, address, error });
      if (this.current && this.refusedAddresses.has(address)) continue; // Staff are told once per address.
      this.refusedAddresses.add(address);
      this.send({ kind: 'delivery-failure', failureIndex: this.book.deliveryFailureCount() - 1, recipientKey: unit.id, address, name: unit.name, failedKind: item.kind, error });
    }
  }

  private held(since: Instant): void {
    if (!this.current) return;
    if (this.heldReportedAt && Date.now() - Date.parse(this.heldReportedAt) < HELD_REPORT_INTERVAL_MS) return;
    this.heldReportedAt = nowIso();
    // A cycle that has already ended cannot be told; that is no reason to fail the shard.
    getExternalWorkflowHandle(this.input.cycleWorkflowId).signal(mailHeldSignal, { shard: this.input.shard, since, at: this.heldReportedAt }).catch(() => undefined);
  }
}
