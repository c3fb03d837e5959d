import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { campaignStatus, startCampaign, stopCampaign } from '../../client/campaigns';
import { rebasePlan } from '../../domain/plan/rebase';
import type { Plan } from '../../domain/plan/schema';
import { validatePlan } from '../../domain/plan/validate';
import { computeSchedule } from '../../domain/schedule';
import { instantToZoned } from '../../domain/time';
import { campaignWorkflowId, cycleWorkflowId, replacePlanUpdate, type CampaignStatus, type CampaignWorkflow } from '../../workflows/messages';
import { DAY, startCycleHarness, type CycleHarness } from '../helpers/cycle-harness';
import { recordCampaignHistories } from '../helpers/record-histories';

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

/** The campaign's status once it knows its timeline (computed by an activity in the first milliseconds, and on each replacement). */
async function statusOf(planId: string): Promise<CampaignStatus> {
  for (let attempt = 0; ; attempt++) {
    const status = await campaignStatus(h.env.client, planId);
    if (!status.timelinePending) return status;
    if (attempt === 0) expect(status.phase).toBe('running');
    if (attempt > 100) throw new Error(`campaign ${planId}: timeline still pending`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const byOpening = (a: { opensAt: string }, b: { opensAt: string }) => Date.parse(a.opensAt) - Date.parse(b.opensAt);
const workflowIdOf = (c: { planId: string; reportType: { id: string }; period: { id: string } }) => cycleWorkflowId(c.planId, c.reportType.id, c.period.id);

describe('a campaign', () => {
  it('opens every cycle of the seed plan at its opening moment, once each', { timeout: 300_000 }, async () => {
    const plan = await seedPlanFromToday('seed-campaign');
    const { handle } = await startCampaign(h.env.client, plan, { taskQueue: h.taskQueue });
    const startedAt = Date.parse((await statusOf(plan.id)).startedAt);
    const expected = computeSchedule(plan, { startedAt });
    expect(expected).toHaveLength(16);

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
    await recordCampaignHistories(h, plan.id, 'opens-every-cycle');
  });

  it('stops: cancels the running cycles when asked and never opens the others', { timeout: 300_000 }, async () => {
    const plan = await seedPlanFromToday('seed-campaign-stopped');
    const { handle } = await startCampaign(h.env.client, plan, { taskQueue: h.taskQueue });
    const status = await statusOf(plan.id);
    const first = status.cycles[0]!;
    await h.env.sleep(Math.max(0, Date.parse(first.opensAt) - (await h.env.currentTimeMs())) + 60_000);
    expect((await statusOf(plan.id)).cycles[0]!.state).toBe('opened');

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
    await recordCampaignHistories(h, plan.id, 'stopped');
  });

  it('applies a replaced plan to the cycles not yet opened', { timeout: 300_000 }, async () => {
    const plan = await seedPlanFromToday('seed-campaign-replaced');
    const { handle } = await startCampaign(h.env.client, plan, { taskQueue: h.taskQueue });
    const first = [...(await statusOf(plan.id)).cycles].sort(byOpening)[0]!;
    await h.env.sleep(Math.max(0, Date.parse(first.opensAt) - (await h.env.currentTimeMs())) + 60_000);
    expect((await statusOf(plan.id)).cycles.find((c) => c.cycleId === first.cycleId)!.state).toBe('opened');

    const milestoneTypes = new Set(plan.reportTypes.filter((t) => t.recurrence.type === 'milestones').map((t) => t.id));
    const replaced: Plan = { ...plan, reportTypes: plan.reportTypes.filter((t) => !milestoneTypes.has(t.id)) };
    const again = await startCampaign(h.env.client, replaced, { taskQueue: h.taskQueue });
    expect(again).toMatchObject({ started: false, version: 2 });
    const status = await statusOf(plan.id);
    expect(status.version).toBe(2);
    expect(status.cycles.some((c) => milestoneTypes.has(c.reportType))).toBe(false);

    // The next cycle opens from the new version of the plan.
    const next = status.cycles.filter((c) => c.state === 'scheduled').sort(byOpening)[0]!;
    await h.env.sleep(Math.max(0, Date.parse(next.opensAt) - (await h.env.currentTimeMs())) + 60_000);
    expect((await statusOf(plan.id)).cycles.find((c) => c.cycleId === next.cycleId)!.state).toBe('opened');
    await h.env.client.workflow.getHandle(next.workflowId).describe();

    await stopCampaign(h.env.client, plan.id, 'kết thúc kiểm thử', true);
    expect((await handle.result()).phase).toBe('stopped');
    await recordCampaignHistories(h, plan.id, 'replaced');
  });

  it('applies plans replaced at the same moment one after the other, each with its own timeline', { timeout: 300_000 }, async () => {
    const plan = await seedPlanFromToday('seed-campaign-replaced-at-once');
    const { handle } = await startCampaign(h.env.client, plan, { taskQueue: h.taskQueue });
    const initial = await statusOf(plan.id);
    const [firstType, secondType] = [...new Set(initial.cycles.map((c) => c.reportType))];
    expect(secondType).toBeDefined();
    const without = (id: string | undefined): Plan => ({ ...plan, reportTypes: plan.reportTypes.filter((t) => t.id !== id) });
    const replace = (next: Plan) => handle.executeUpdate(replacePlanUpdate, { args: [{ plan: next }] });
    const versions = await Promise.all([replace(without(firstType)), replace(without(secondType))]);
    expect(versions.map((v) => v.version).sort()).toEqual([2, 3]);
    const status = await statusOf(plan.id);
    expect(status.version).toBe(3);
    // The last one applied is whole: its timeline lacks exactly its own removed report type.
    const last = versions.find((v) => v.version === 3)!;
    const removed = last === versions[0] ? firstType : secondType;
    expect(status.cycles.map((c) => c.cycleId)).toEqual(computeSchedule(without(removed), { startedAt: Date.parse(status.startedAt) }).map((c) => c.id));
    expect(status.cycles.some((c) => c.reportType === removed)).toBe(false);
    await stopCampaign(h.env.client, plan.id, 'kết thúc kiểm thử', true);
    expect((await handle.result()).phase).toBe('stopped');
    await recordCampaignHistories(h, plan.id, 'replaced-twice-at-once');
  });

  it('records a cycle that cannot be opened as failed and opens the later ones; retries one that fails for a while', { timeout: 300_000 }, async () => {
    const plan = await seedPlanFromToday('seed-campaign-failing');
    const expected = [...computeSchedule(plan, { startedAt: await h.env.currentTimeMs() })].sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt));
    const [flaky, broken, later] = expected;
    const attempts = new Map<string, number>();
    // The real activities (no mail goes through this worker), but opening `flaky` fails twice as if Temporal were unreachable, and
    // `broken` fails for good, as the activity does when Temporal refuses the cycle's spec.
    const activities = createActivities({ transport: nodemailer.createTransport({ jsonTransport: true }), from: 'kyhan@example.org', stateDir: h.stateDir, temporal: h.env.client });
    const openCycle: typeof activities.openCycle = async (input) => {
      const attempt = (attempts.get(input.cycleId) ?? 0) + 1;
      attempts.set(input.cycleId, attempt);
      if (input.cycleId === flaky!.id && attempt <= 2) throw new Error('14 UNAVAILABLE: connection refused (simulated)');
      if (input.cycleId === broken!.id) throw ApplicationFailure.nonRetryable('Cycle cannot be opened: 3 INVALID_ARGUMENT: (simulated)', 'CampaignCycleCannotOpen');
      return await activities.openCycle(input);
    };
    // The campaign runs on a worker of its own with that activity; its cycles run on the harness's.
    const taskQueue = `campaign-failing-${crypto.randomUUID()}`;
    const worker = await Worker.create({
      connection: h.env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: { ...activities, openCycle },
    });
    await worker.runUntil(async () => {
      const handle = await h.env.client.workflow.start<CampaignWorkflow>('campaign', {
        workflowId: campaignWorkflowId(plan.id),
        taskQueue,
        args: [{ plan, taskQueue: h.taskQueue }],
      });
      await h.env.sleep(Math.max(0, Date.parse(later!.opensAt) - (await h.env.currentTimeMs())) + 60_000);

      const status = await statusOf(plan.id);
      const stateOf = (id: string) => status.cycles.find((c) => c.cycleId === id)!;
      expect(stateOf(flaky!.id)).toMatchObject({ state: 'opened' });
      expect(attempts.get(flaky!.id)).toBe(3);
      expect(stateOf(broken!.id)).toMatchObject({ state: 'failed', reason: expect.stringContaining('INVALID_ARGUMENT') });
      expect(attempts.get(broken!.id)).toBe(1);
      expect(stateOf(later!.id)).toMatchObject({ state: 'opened' });
      expect(status.phase).toBe('running');
      await expect(h.env.client.workflow.getHandle(stateOf(broken!.id).workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

      await stopCampaign(h.env.client, plan.id, 'kết thúc kiểm thử', true);
      const outcome = await handle.result();
      expect(outcome.phase).toBe('stopped');
      expect(outcome.cycles.find((c) => c.cycleId === broken!.id)).toMatchObject({ state: 'failed' });
    });
    await recordCampaignHistories(h, plan.id, 'cycle-fails-to-open');
  });
});
