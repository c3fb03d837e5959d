/**
 * Signals carry no validator, and anyone with access to Temporal can send one: each handler
 * checks its payload's shape with these guards and ignores (logs) what does not fit, so a
 * malformed signal, recorded in history, can never throw inside a workflow. `addUnits`
 * checks its units with them in its validator.
 */
import type { CycleUnit, Instant } from '../domain/cycle';
import type { CycleClosure } from '../domain/rejections';
import { LIMITS } from '../domain/unit-requests';

const isInstant = (v: unknown): v is Instant => typeof v === 'string' && v.length <= LIMITS.instant && !Number.isNaN(Date.parse(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown, below: number) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < below;

export function isClosure(v: unknown): v is CycleClosure {
  if (!isObject(v) || !isInstant(v.at)) return false;
  if (v.kind === 'cancelled') return typeof v.reason === 'string';
  return v.kind === 'consolidated' || v.kind === 'cutoff';
}

export function isEscalationRecord(v: unknown): v is { step: number; unitIds: string[] } {
  return isObject(v) && Number.isInteger(v.step) && Array.isArray(v.unitIds) && v.unitIds.every((id) => typeof id === 'string');
}

export function isShardCount(v: unknown, shardCount: number): v is { shard: number; outstanding: number } {
  return isObject(v) && isIndex(v.shard, shardCount) && Number.isInteger(v.outstanding) && (v.outstanding as number) >= 0;
}

export function isMailHeld(v: unknown): v is { since: Instant } {
  return isObject(v) && isInstant(v.since);
}

export function isCancellationRequest(v: unknown): v is { reason: string; by?: string } {
  return isObject(v) && typeof v.reason === 'string' && v.reason.length <= LIMITS.text && (v.by === undefined || (typeof v.by === 'string' && v.by.length <= LIMITS.name));
}

const isRecipient = (v: unknown) => isObject(v) && typeof v.key === 'string' && typeof v.name === 'string' && typeof v.email === 'string';

/** A unit as the cycle's `addUnits` Update must carry it (the client computes it from the plan). */
export function isCycleUnit(v: unknown): v is CycleUnit {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    typeof v.shortName === 'string' &&
    Array.isArray(v.to) &&
    v.to.every(isRecipient) &&
    Array.isArray(v.cc) &&
    v.cc.every(isRecipient)
  );
}
