/**
 * From a unit's link to what its page shows: the token's signature and expiry (the cycle's
 * cut-off), the cycle's run (a link made for an earlier run of the same cycle id is void), the
 * cycle's header (report, period, due moment) and the unit's record from its shard. Anything
 * that does not hold is a refusal with its HTTP status; nothing here changes anything.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { verifyUnitLink, type UnitLinkClaims } from '../../auth/unit-link';
import { cycleHeader } from '../../client/cycle-header';
import { unitShardHandle } from '../../client/cycles';
import type { Language } from '../../domain/cycle';
import { cycleWorkflowIdOf, shardStatusQuery, type CycleHeader, type ShardCloseReason, type UnitStatus } from '../../workflows/messages';

export interface UnitView {
  token: string;
  claims: UnitLinkClaims;
  header: CycleHeader;
  unit: UnitStatus;
  /** Set when the cycle no longer accepts submissions (consolidated or cancelled). */
  closed?: ShardCloseReason;
}

export type Refusal = 'malformed' | 'forged' | 'expired' | 'other-run' | 'no-cycle' | 'no-unit';

export type Lookup = { ok: true; view: UnitView } | { ok: false; refusal: Refusal; language?: Language };

const isNotFound = (err: unknown) => err instanceof WorkflowNotFoundError || (err instanceof Error && err.name === 'WorkflowNotFoundError');

/** Only the token: no Temporal call (used before a request's body is read). */
export function checkToken(secret: string, token: string, nowMs: number): { ok: true; claims: UnitLinkClaims } | { ok: false; refusal: Refusal } {
  const check = verifyUnitLink(secret, token, nowMs);
  return check.ok ? check : { ok: false, refusal: check.problem };
}

export async function lookUpUnit(client: Client, secret: string, token: string, nowMs: number): Promise<Lookup> {
  const checked = checkToken(secret, token, nowMs);
  if (!checked.ok) return checked;
  const { claims } = checked;
  // A cycle never continues as new: its run id is the first run's, the one the link names.
  let runId: string;
  try {
    runId = (await client.workflow.getHandle(cycleWorkflowIdOf(claims.c)).describe()).runId;
  } catch (err) {
    if (isNotFound(err)) return { ok: false, refusal: 'no-cycle' };
    throw err;
  }
  if (runId !== claims.r) return { ok: false, refusal: 'other-run' };
  const header = await cycleHeader(client, claims.c);
  try {
    const status = await (await unitShardHandle(client, claims.c, claims.u)).query(shardStatusQuery);
    const unit = status.units.find((u) => u.unitId === claims.u);
    if (!unit) return { ok: false, refusal: 'no-unit', language: header.language };
    return { ok: true, view: { token, claims, header, unit, ...(status.closed ? { closed: status.closed } : {}) } };
  } catch (err) {
    // A shard none of the cycle's units fall in is never started: the unit is not one of them.
    if (isNotFound(err)) return { ok: false, refusal: 'no-unit', language: header.language };
    throw err;
  }
}
