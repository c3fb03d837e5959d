import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStatus, startCycle, submitReport } from '../../client/cycles';
import { shardCountFor, shardStatusQuery, shardWorkflowId } from '../../workflows/messages';
import { cycleSpec, HOUR, kindOf, startCycleHarness, unit, type CycleHarness } from '../helpers/cycle-harness';
import { recordHistories } from '../helpers/record-histories';
import { mapLimit } from '../helpers/map-limit';

/** Temporal warns at this many history events in one run. */
const HISTORY_WARNING_EVENTS = 10_240;
const UNITS = 2_500;

let h: CycleHarness;
beforeAll(async () => {
  h = await startCycleHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('a cycle of 2,500 units', () => {
  it('takes every submission, sends every notice and receipt exactly once, and stays within Temporal limits', { timeout: 900_000 }, async () => {
    const units = Array.from({ length: UNITS }, (_, i) => unit(`u${String(i).padStart(5, '0')}`, `Đơn vị số ${i}`));
    const spec = cycleSpec('scale', await h.env.currentTimeMs(), units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    const receipts = await mapLimit(units, 25, (u) => submitReport(h.env.client, spec.id, { unitId: u.id, submittedBy: `Văn phòng ${u.id}` }));
    expect(receipts.filter((r) => !r.duplicate && r.onTime)).toHaveLength(UNITS);
    const outcome = await handle.result();

    expect(outcome.consolidation).toMatchObject({ reason: 'all-reported', counts: { submitted: UNITS, total: UNITS } });
    const notices = h.smtp.messages.filter((m) => kindOf(m) === 'notice').map((m) => m.envelope.to[0]);
    const receiptMails = h.smtp.messages.filter((m) => kindOf(m) === 'receipt').map((m) => m.envelope.to[0]);
    expect(new Set(notices).size).toBe(UNITS);
    expect(notices).toHaveLength(UNITS);
    expect(receiptMails).toHaveLength(UNITS);

    const shardCount = shardCountFor(UNITS);
    expect(shardCount).toBeGreaterThan(1);
    for (let shard = 0; shard < shardCount; shard++) {
      const history = await h.env.client.workflow.getHandle(shardWorkflowId(handle.workflowId, shard)).fetchHistory();
      expect(history.events!.length).toBeLessThan(HISTORY_WARNING_EVENTS);
    }
    const status = await cycleStatus(h.env.client, spec.id);
    expect(status.counts.submitted).toBe(UNITS);
  });
});

describe('a shard that continues as new', () => {
  it('carries every unit across runs: each unit gets one notice and one receipt, and the cycle still consolidates once', async () => {
    const units = Array.from({ length: 40 }, (_, i) => unit(`can-${i}`));
    const spec = cycleSpec('continue-as-new', await h.env.currentTimeMs(), units);
    // 20 units per shard and a new run every 60 events: each shard runs several times.
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue, shardTargetUnits: 20, continueAsNewAfterEvents: 60 });
    await h.env.sleep(2 * HOUR);
    await mapLimit(units, 5, (u) => submitReport(h.env.client, spec.id, { unitId: u.id, submittedBy: 'Văn phòng' }));
    const outcome = await handle.result();

    expect(outcome.consolidation).toMatchObject({ reason: 'all-reported', counts: { submitted: 40 } });
    for (const u of units) {
      const mine = h.smtp.messages.filter((m) => m.envelope.to[0] === `${u.id}@example.org`);
      expect(mine.map(kindOf).sort()).toEqual(['notice', 'receipt']);
    }
    const status = await cycleStatus(h.env.client, spec.id);
    expect(status.counts.submitted).toBe(40);
    const generations = await Promise.all([0, 1].map(async (shard) => (await h.env.client.workflow.getHandle(shardWorkflowId(handle.workflowId, shard)).query(shardStatusQuery)).generation));
    expect(Math.min(...generations)).toBeGreaterThan(0);
    await recordHistories(h, spec, 'shard-continues-as-new');
  });
});
