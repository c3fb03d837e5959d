import { afterAll } from 'vitest';
import { registerSearchAttributes } from '../../scripts/lib/search-attributes';
import { startTimeSkippingServer, type RunningServer } from '../../scripts/lib/temporal-servers';
import { attachTimeSkippingEnv, type AttachedTimeSkippingEnv } from '../../scripts/lib/time-skipping-env';

/**
 * One time-skipping server per test file, started on first use and stopped after the file.
 * A server of its own keeps one file's leftovers from stopping time for the next: the Java
 * test server keeps time skipping locked for good when an activity's completion arrives after
 * its workflow was terminated, which a file that ends mid-delivery can cause.
 */
let server: Promise<RunningServer> | undefined;

afterAll(async () => {
  await (await server)?.stop();
});

/** A time-skipping TestWorkflowEnvironment on this file's server. */
export async function timeSkippingEnv(): Promise<AttachedTimeSkippingEnv> {
  server ??= startTimeSkippingServer().then(async (started) => {
    await registerSearchAttributes(started.address);
    return started;
  });
  return await attachTimeSkippingEnv((await server).address);
}
