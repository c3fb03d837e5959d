/**
 * A running campaign holds the plan it was started with, as the schema of its day parsed it:
 * the fields added since — a monthly report's `focus`, a report type's `document`, `delivery`,
 * `urgent` and `dataWindow`, the policies' `contact` — are absent, not defaulted. The campaign
 * computes each cycle from that plan when it opens it (activities/campaign), so its cycles
 * must still open, in the shape cycles had before.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../domain/plan/schema';
import { validatePlan } from '../../domain/plan/validate';
import { computeSchedule } from '../../domain/schedule';

const SEED_PLAN = fileURLToPath(new URL('../../plans/129-KH-BDVTU.yaml', import.meta.url));

function loadSeed(): Plan {
  const result = validatePlan(readFileSync(SEED_PLAN, 'utf8'));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.plan;
}

/** The seed plan as a campaign started before these fields existed holds it. */
function recordedBeforeTheFields(plan: Plan): Plan {
  const old = structuredClone(plan) as unknown as {
    reportTypes: Array<Record<string, unknown> & { recurrence: Record<string, unknown>; policies?: Record<string, unknown> }>;
    defaults: Record<string, unknown>;
  };
  for (const reportType of old.reportTypes) {
    for (const field of ['document', 'delivery', 'urgent', 'dataWindow']) delete reportType[field];
    delete reportType.recurrence.focus;
    delete reportType.policies?.contact;
  }
  delete old.defaults.contact;
  return old as unknown as Plan;
}

describe('a plan recorded before focus, document, delivery, urgent, dataWindow and contact existed', () => {
  const seed = loadSeed();
  const recorded = computeSchedule(recordedBeforeTheFields(seed));

  it('schedules the same cycles as the plan read today', () => {
    expect(recorded.map((cycle) => [cycle.id, cycle.dueAt])).toEqual(computeSchedule(seed).map((cycle) => [cycle.id, cycle.dueAt]));
  });

  it('gives its monthly cycles no focus or data window, and its report types no plan, paper or urgent mark', () => {
    const march = recorded.find((cycle) => cycle.id === 'kh-129-bdvtu/tinh-hinh-nhan-dan-hang-thang/2020-03');
    expect(march?.period.label).toBe('tháng 3/2020');
    expect(march?.period).not.toHaveProperty('focus');
    expect(march?.period).not.toHaveProperty('dataWindow');
    expect(march).not.toHaveProperty('contact');
    for (const cycle of recorded) {
      expect(cycle.reportType).not.toHaveProperty('document');
      expect(cycle.reportType).not.toHaveProperty('delivery');
      expect(cycle.reportType).not.toHaveProperty('urgent');
    }
  });
});
