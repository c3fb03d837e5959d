/**
 * Hostile Update payloads sent straight to a shard, past the CLI and the typed client: each
 * must be refused with a clear rejection, without a workflow task failure, and neither that
 * cycle nor another on the same worker may notice anything.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStatus, startCycle, submitReport } from '../../client/cycles';
import type { CycleSpec } from '../../domain/cycle';
import { FailureType } from '../../domain/failures';
import { hasUnsafeControls } from '../../domain/text';
import { excuseUnitUpdate, grantExtensionUpdate, returnForRevisionUpdate, shardWorkflowId, submitReportUpdate } from '../../workflows/messages';
import { cycleSpec, HOUR, startCycleHarness, unit, type CycleHarness } from '../helpers/cycle-harness';
import { report } from './report';

let h: CycleHarness;
beforeAll(async () => {
  h = await startCycleHarness();
});
afterAll(async () => {
  await h?.close();
});

const updates = { submit: submitReportUpdate, extend: grantExtensionUpdate, excuse: excuseUnitUpdate, return: returnForRevisionUpdate } as const;
type Kind = keyof typeof updates;

const later = '2099-01-01T00:00:00Z';

/**
 * These scenarios end at the consolidation: without leaders a cycle does not wait for their
 * approval (a month of workflow time, which a time-skipping server left locked by a late
 * activity completion of an earlier cycle would never let pass).
 */
const withoutLeaders = (spec: CycleSpec): CycleSpec => ({ ...spec, consolidation: { ...spec.consolidation, leaders: [] } });
/** 30 payloads a careless script or an attacker could send. */
const hostile: [Kind, unknown, FailureType][] = [
  ['excuse', { unitId: '__proto__', reason: 'x' }, FailureType.UnknownUnit],
  ['excuse', { unitId: 'constructor', reason: 'x' }, FailureType.UnknownUnit],
  ['submit', { unitId: 'toString', submittedBy: 'x' }, FailureType.UnknownUnit],
  ['submit', { unitId: 'hasOwnProperty', submittedBy: 'x' }, FailureType.UnknownUnit],
  ['return', { unitId: 'valueOf', reason: 'x' }, FailureType.UnknownUnit],
  ['extend', { unitId: '__defineGetter__', until: later, reason: 'x' }, FailureType.UnknownUnit],
  ['excuse', { unitId: 'prototype', reason: 'x' }, FailureType.UnknownUnit],
  ['excuse', { unitId: 'no-such-unit', reason: 'x' }, FailureType.UnknownUnit],
  ['submit', { unitId: '', submittedBy: 'x' }, FailureType.InvalidRequest],
  ['submit', { unitId: 'x'.repeat(10_000), submittedBy: 'x' }, FailureType.InvalidRequest],
  ['excuse', { unitId: '\u001b[2J', reason: 'x' }, FailureType.InvalidRequest],
  ['submit', { unitId: 42, submittedBy: 'x' }, FailureType.InvalidRequest],
  ['submit', { unitId: { toString: 'hostile-a' }, submittedBy: 'x' }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: 'x', note: 42 }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: 'x', note: { text: 'x' } }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a' }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: '   ' }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: 'x', revision: 'yes' }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: 'x', document: 'file:///etc/passwd' }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: 'x', document: { uri: 5 } }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: 'x', note: 'x'.repeat(2_001) }, FailureType.InvalidRequest],
  ['excuse', { unitId: 'hostile-a', reason: 'y'.repeat(128 * 1024) }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: 'z'.repeat(201) }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: '\u001b]0;pwned\u0007' }, FailureType.InvalidRequest],
  ['return', { unitId: 'hostile-a', reason: 'a\u0000b' }, FailureType.InvalidRequest],
  ['submit', { unitId: 'hostile-a', submittedBy: 'x', isAdmin: true }, FailureType.InvalidRequest],
  ['extend', { unitId: 'hostile-a', until: 'ngày mai', reason: 'x' }, FailureType.InvalidRequest],
  ['extend', { unitId: 'hostile-a', until: later, reason: 'x' }, FailureType.ExtensionAfterCutoff],
  ['excuse', 'hostile-a', FailureType.InvalidRequest],
  ['excuse', null, FailureType.InvalidRequest],
];

async function send(client: Client, workflowId: string, kind: Kind, payload: unknown): Promise<unknown> {
  return await client.workflow.getHandle(workflowId).executeUpdate(updates[kind] as typeof excuseUnitUpdate, { args: [payload as never] });
}

describe('chaos: hostile Update payloads', () => {
  it('refuses each of 30 hostile payloads clearly, fails no workflow task, and leaves this cycle and another on the same worker as they were', async () => {
    expect(hostile).toHaveLength(30);
    const now = await h.env.currentTimeMs();
    // No leaders: both cycles end at their consolidation, as this scenario is about the shards'
    // Updates (with leaders, each would wait a month of workflow time for their approval).
    const target = withoutLeaders(cycleSpec('hostile', now, [unit('hostile-a'), unit('hostile-b')]));
    const bystander = withoutLeaders(cycleSpec('bystander', now, [unit('bystander-a'), unit('bystander-b')]));
    const targetHandle = await startCycle(h.env.client, target, { taskQueue: h.taskQueue });
    const bystanderHandle = await startCycle(h.env.client, bystander, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    const shard = shardWorkflowId(targetHandle.workflowId, 0);

    const refusals: { kind: Kind; type: string | undefined; message: string }[] = [];
    for (const [kind, payload, expectedType] of hostile) {
      const error = await send(h.env.client, shard, kind, payload).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `${kind} ${JSON.stringify(payload)?.slice(0, 80)}`).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (error as WorkflowUpdateFailedError).cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      const failure = cause as ApplicationFailure;
      expect(failure.type, `${kind} ${JSON.stringify(payload)?.slice(0, 80)}: ${failure.message}`).toBe(expectedType);
      // Vietnamese, naming the action, the cycle and the reason; nothing raw from the payload that could forge a terminal.
      expect(failure.message).toMatch(/^Không thể .+ trong kỳ ".+": .+/);
      expect(failure.message).toContain(target.id);
      expect(hasUnsafeControls(failure.message)).toBe(false);
      expect(failure.message.length).toBeLessThan(600);
      refusals.push({ kind, type: failure.type ?? undefined, message: failure.message });
    }

    // Both cycles still work as if nothing happened.
    const targetStatus = await cycleStatus(h.env.client, target.id);
    const bystanderStatus = await cycleStatus(h.env.client, bystander.id);
    for (const u of [...targetStatus.units, ...bystanderStatus.units]) expect(u.excused).toBeUndefined();
    await submitReport(h.env.client, target.id, { unitId: 'hostile-a', submittedBy: 'Văn phòng' });
    await submitReport(h.env.client, target.id, { unitId: 'hostile-b', submittedBy: 'Văn phòng' });
    await submitReport(h.env.client, bystander.id, { unitId: 'bystander-a', submittedBy: 'Văn phòng' });
    await submitReport(h.env.client, bystander.id, { unitId: 'bystander-b', submittedBy: 'Văn phòng' });
    // One result at a time: two awaited together unlock the time-skipping server twice, and it
    // was seen to jump ten years ahead once both had ended, which broke the next scenario.
    const targetOutcome = await targetHandle.result();
    const bystanderOutcome = await bystanderHandle.result();

    const taskFailures = [];
    for (const id of [targetHandle.workflowId, shard, bystanderHandle.workflowId, shardWorkflowId(bystanderHandle.workflowId, 0)]) {
      const history = await h.env.client.workflow.getHandle(id).fetchHistory();
      taskFailures.push(...history.events!.filter((e) => e.workflowTaskFailedEventAttributes));
    }
    report('30 hostile Update payloads', [
      { what: 'refused with a clear rejection', expected: 30, counted: refusals.length },
      { what: '  as unknown unit', expected: 8, counted: refusals.filter((r) => r.type === FailureType.UnknownUnit).length },
      { what: 'units that looked excused afterwards', expected: 0, counted: [...targetStatus.units, ...bystanderStatus.units].filter((u) => u.excused).length },
      { what: 'workflow task failures', expected: 0, counted: taskFailures.length },
      { what: 'cycles consolidated with every unit', expected: 2, counted: [targetOutcome, bystanderOutcome].filter((o) => o.consolidation?.reason === 'all-reported').length },
    ]);
    expect(taskFailures).toEqual([]);
    expect(targetOutcome.consolidation).toMatchObject({ reason: 'all-reported', counts: { submitted: 2, excused: 0 } });
    expect(bystanderOutcome.consolidation).toMatchObject({ reason: 'all-reported', counts: { submitted: 2, excused: 0 } });
  });

  it('ignores malformed signals sent straight to a cycle and its shard: no workflow task fails and the cycle consolidates', async () => {
    // No leaders, as above: the cycle ends at its consolidation.
    const spec = withoutLeaders(cycleSpec('hostile-signals', await h.env.currentTimeMs(), [unit('signals-a'), unit('signals-b')]));
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    const shardId = shardWorkflowId(handle.workflowId, 0);
    const cycleSignals: [string, unknown][] = [
      ['shardOutstanding', { shard: '__proto__', outstanding: {} }],
      ['shardOutstanding', { shard: 7, outstanding: 0 }],
      ['shardOutstanding', null],
      ['mailHeld', { since: 'garbage' }],
      ['mailHeld', 42],
      ['cancellationReason', { reason: { toString: 1 } }],
    ];
    const shardSignals: [string, unknown][] = [
      ['closeShard', null],
      ['closeShard', { kind: 'cancelled', at: 'x' }],
      ['escalationRecorded', { step: 1, unitIds: null }],
      ['escalationRecorded', '__proto__'],
    ];
    for (const [name, payload] of cycleSignals) await h.env.client.workflow.getHandle(handle.workflowId).signal(name, payload);
    for (const [name, payload] of shardSignals) await h.env.client.workflow.getHandle(shardId).signal(name, payload);
    await submitReport(h.env.client, spec.id, { unitId: 'signals-a', submittedBy: 'Văn phòng' });
    await submitReport(h.env.client, spec.id, { unitId: 'signals-b', submittedBy: 'Văn phòng' });
    const outcome = await handle.result();
    const taskFailures = [];
    for (const id of [handle.workflowId, shardId]) taskFailures.push(...(await h.env.client.workflow.getHandle(id).fetchHistory()).events!.filter((e) => e.workflowTaskFailedEventAttributes));
    report('10 malformed signals', [
      { what: 'workflow task failures', expected: 0, counted: taskFailures.length },
      { what: 'cycle consolidated with every unit', expected: 1, counted: outcome.consolidation?.reason === 'all-reported' ? 1 : 0 },
    ]);
    expect(taskFailures).toEqual([]);
    expect(outcome.consolidation).toMatchObject({ reason: 'all-reported', counts: { submitted: 2 } });
  });
});
