import { inject } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * A TestWorkflowEnvironment with time skipping, attached to the run's shared server.
 * The SDK only offers time skipping on a server it starts itself; its internal `create`
 * does the same for an address we give it, so we call that (same options as
 * `createTimeSkipping`, with `server: { type: 'existing' }`).
 */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const create = (TestWorkflowEnvironment as unknown as {
    create(opts: { server: { type: 'existing' }; address: string; supportsTimeSkipping: true }): Promise<TestWorkflowEnvironment>;
  }).create.bind(TestWorkflowEnvironment);
  return await create({ server: { type: 'existing' }, address: inject('timeSkippingAddress'), supportsTimeSkipping: true });
}
