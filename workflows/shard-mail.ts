/**
 * The mail a shard owes its units, as compact outbox items (they are carried across
 * continue-as-new), and the email request each becomes when it leaves the outbox.
 */
import type { EmailRequest } from '../activities';
import type { CycleUnit } from '../domain/cycle';
import type { UnitBook } from '../domain/units';
import type { QueuedItem } from './outbox';
import { emailContextOf } from './cycle-mail';
import type { CycleHeader } from './messages';

export type ShardMail = QueuedItem &
  (
    | { kind: 'notice' | 'cancellation'; unitId: string; reason?: string }
    | { kind: 'reminder'; unitId: string; index: number }
    | { kind: 'receipt'; unitId: string; revision: number }
    | { kind: 'extension'; unitId: string; count: number; reason: string }
    | { kind: 'excuse'; unitId: string; reason: string }
    | { kind: 'returned'; unitId: string; count: number; reason: string }
    /** To staff: an address of a unit was refused for good. */
    | { kind: 'delivery-failure'; failureIndex: number; recipientKey: string; address: string; name: string; failedKind: string; error: string }
  );

export interface ShardMailContext {
  cycle: CycleHeader;
  run: string | undefined;
  shard: number;
  units: ReadonlyMap<string, CycleUnit>;
  book: UnitBook;
}

export function shardMailRequest(item: ShardMail, { cycle, run, shard, units, book }: ShardMailContext): EmailRequest {
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
  const unit = { id: u.id, name: u.name };
  const base = { ...common, to: u.to, cc: u.cc, recipientKey: u.id };
  switch (item.kind) {
    case 'notice':
      return { ...base, kind: 'notice', data: { unit } };
    case 'reminder': {
      const reminder = cycle.reminders[item.index]!;
      return { ...base, kind: 'reminder', step: item.index, data: { unit, relation: reminder.relation, dueAt: s.dueAt } };
    }
    case 'receipt': {
      const sub = s.submission!;
      const documentRef = sub.document ? (sub.document.number ?? sub.document.name ?? sub.document.uri) : undefined;
      return {
        ...base,
        kind: 'receipt',
        step: item.revision,
        data: { unit, submittedAt: sub.at, onTime: sub.onTime, ...(documentRef ? { documentRef } : {}), ...(item.revision ? { revision: item.revision } : {}) },
      };
    }
    case 'extension':
      return { ...base, kind: 'extension', step: item.count, data: { unit, newDueAt: s.dueAt, reason: item.reason } };
    case 'excuse':
      return { ...base, kind: 'excuse', data: { unit, reason: item.reason } };
    case 'returned':
      return { ...base, kind: 'returned', step: item.count, data: { unit, reason: item.reason } };
    case 'cancellation':
      return { ...base, kind: 'cancellation', data: { unit, reason: item.reason ?? '' } };
  }
}
