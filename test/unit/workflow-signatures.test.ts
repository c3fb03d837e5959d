/**
 * The client library types its workflow handles with the signatures in workflows/messages.ts,
 * never by importing a workflow module; these checks (compile-time, by `npm run typecheck`)
 * keep those signatures equal to the workflows' own.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { campaign } from '../../workflows/campaign';
import type { reportingCycle } from '../../workflows/reporting-cycle';
import type { CampaignWorkflow, ReportingCycleWorkflow } from '../../workflows/messages';

describe('workflow signatures in messages.ts', () => {
  it('match the reportingCycle workflow', () => {
    expectTypeOf<typeof reportingCycle>().toEqualTypeOf<ReportingCycleWorkflow>();
  });

  it('match the campaign workflow', () => {
    expectTypeOf<typeof campaign>().toEqualTypeOf<CampaignWorkflow>();
  });
});
