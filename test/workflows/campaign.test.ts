import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { campaignStatus, startCampaign, stopCampaign } from '../../client/campaigns';
import { rebasePlan } from '../../domain/plan/rebase';
import type { Plan } from '../../domain/plan/schema';
import { validatePlan } from '../../domain/plan/validate';
import { computeSchedule } from '../../domain/schedule';
import { instantToZoned } from '../../domain/time';
import { cycleWorkflowId } from '../../workflows/messages';
import { DAY, startCycleHarness, type CycleHarness } from '../helpers/cycle-harness';

let h: CycleHarness;
beforeAll(async () => {
  h = await startCycleHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The seed plan, rebased to the server's today and renamed so each test has its own campaign. */
async function seedPlanFromToday(id: string): Promise<Plan> {
  const result = validatePlan(readFileSync('plans/129-KH-BDVTU.yaml', 'utf8'));
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const today = instantToZoned(new Date(await h.env.currentTimeMs()), result.plan.timeZone).date;
  return { ...rebasePlan(result.plan, today), id };
}

const workflowIdOf = (c: { planId: string; reportType: { id: string }; period: { id: string } }) => cycleWorkflowId(c.planId, c.reportType.id, c.period.id);

describe('a campaign', () => {
  it('opens every cycle of the seed plan at its opening moment, once each', { timeout: 300_000 }, async () => {
    const plan = await seedPlanFromToday('seed-campaign');
    const { handle } = await startCampaign(h.env.client, plan, { taskQueue: h.taskQueue });
    const startedAt = Date.parse((await campaignStatus(h.env.client, plan.id)).startedAt);
    const expected = computeSchedule(plan, { startedAt });
    expect(expected).toHaveLength(20);

    const outcome = await handle.result();
    expect(outcome.phase).toBe('completed');
    expect(outcome.cycles.map((c) => c.state)).toEqual(expected.map(() => 'opened'));
    for (const cycle of expected) {
      const description = await h.env.client.workflow.getHandle(workflowIdOf(cycle)).describe();
      // Opened at its moment (or at once, if that moment was already past when the campaign began).
      const opened = description.startTime.getTime();
      expect(opened).toBeGreaterThanOrEqual(Math.min(Date.parse(cycle.opensAt), startedAt) - 1_000);
      expect(opened).toBeLessThan(Math.max(Date.parse(cycle.opensAt), startedAt) + DAY);
    }
  });

  it('stops: cancels the running cycles when asked and never opens the others', { timeout: 300_000 }, async () => {
    const plan = await seedPlanFromToday('seed-campaign-stopped');
    const { handle } = await startCampaign(h.env.client, plan, { taskQueue: h.taskQueue });
    const status = await campaignStatus(h.env.client, plan.id);
    const first = status.cycles[0]!;
    await h.env.sleep(Math.max(0, Date.parse(first.opensAt) - (await h.env.currentTimeMs())) + 60_000);
    expect((await campaignStatus(h.env.client, plan.id)).cycles[0]!.state).toBe('opened');

    const stopped = await stopCampaign(h.env.client, plan.id, 'Kế hoạch được thay thế', true);
    const outcome = await handle.result();
    expect(outcome.phase).toBe('stopped');
    expect(stopped.cancelledCycles).toContain(first.workflowId);
    const cycle = h.env.client.workflow.getHandle(first.workflowId);
    await expect(cycle.result()).rejects.toThrow();
    expect((await cycle.describe()).status.name).toBe('CANCELLED');

    await h.env.sleep(120 * DAY);
    const never = outcome.cycles.filter((c) => c.state === 'scheduled');
    expect(never.length).toBeGreaterThan(10);
    for (const c of never) {
      await expect(h.env.client.workflow.getHandle(c.workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    }
  });

  it('applies a replaced plan to the cycles not yet opened', { timeout: 300_000 }, async () => {
    const plan = await seedPlanFromToday('seed-campaign-replaced');
    await startCampaign(h.env.client, plan, { taskQueue: h.taskQueue });
    const milestoneTypes = new Set(plan.reportTypes.filter((t) => t.recurrence.type === 'milestones').map((t) => t.id));
    const replaced: Plan = { ...plan, reportTypes: plan.reportTypes.filter((t) => !milestoneTypes.has(t.id)) };
    const again = await startCampaign(h.env.client, replaced, { taskQueue: h.taskQueue });
    expect(again).toMatchObject({ started: false, version: 2 });
    const status = await campaignStatus(h.env.client, plan.id);
    expect(status.version).toBe(2);
    expect(status.cycles.some((c) => milestoneTypes.has(c.reportType))).toBe(false);
    await stopCampaign(h.env.client, plan.id, 'kết thúc kiểm thử', true);
  });
});
