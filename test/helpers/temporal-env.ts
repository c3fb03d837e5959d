import { registerSearchAttributes } from '../../scripts/lib/search-attributes';
import { startTimeSkippingServer } from '../../scripts/lib/temporal-servers';
import { attachTimeSkippingEnv, type AttachedTimeSkippingEnv } from '../../scripts/lib/time-skipping-env';

/**
 * A time-skipping TestWorkflowEnvironment on a server of its own, stopped by `teardown()`.
 * A server per environment keeps one test's leftovers from stopping time for the next: the
 * Java test server keeps time skipping locked for good when an activity's completion arrives
 * after its workflow was terminated, which a test that fails mid-delivery can cause. A JVM
 * starts in one to two seconds.
 */
export async function timeSkippingEnv(): Promise<AttachedTimeSkippingEnv> {
  const server = await startTimeSkippingServer();
  try {
    await registerSearchAttributes(server.address);
    const env = await attachTimeSkippingEnv(server.address);
    const teardown = env.teardown.bind(env);
    return Object.assign(env, {
      async teardown() {
        try {
          await teardown();
        } finally {
          await server.stop();
        }
      },
    });
  } catch (err) {
    await server.stop();
    throw err;
  }
}
