import { inject } from 'vitest';
import { attachTimeSkippingEnv, type AttachedTimeSkippingEnv } from '../../scripts/lib/time-skipping-env';

/** A time-skipping TestWorkflowEnvironment on the run's shared server (see the global setup). */
export async function timeSkippingEnv(): Promise<AttachedTimeSkippingEnv> {
  return await attachTimeSkippingEnv(inject('timeSkippingAddress'));
}
