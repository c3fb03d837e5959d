/**
 * The kyhan worker: checks SMTP and Temporal, wires the activities to their real dependencies
 * (SMTP transport, kyhan's state — files or PostgreSQL —, Temporal client), and builds the Temporal worker on the
 * workflow code `workflowSource` picks. `npm run worker` and `npm start` both go through here.
 */
import { resolve } from 'node:path';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities, type Activities } from '../activities';
import { publicUrlOf } from '../auth/unit-link';
import type { Config } from './config';
import { openKyhanState } from './kyhan-state';
import { createMailTransport, fromHeader, SMTP_MAX_CONNECTIONS, verifyMailTransport } from './mail';
import { connectTemporal } from './temporal';
import { workflowSource, type WorkflowSource } from './workflow-bundle';

export { WORKFLOWS_PATH } from './workflow-bundle';

/** After the grace time, activities still running are cancelled; this much later the worker gives up on them. */
const SHUTDOWN_FORCE_AFTER_GRACE_MS = 10_000;

export interface KyhanWorkerOptions {
  config: Config;
  connection: NativeConnection;
  activities: Activities;
  logger: Logger;
  /** Default: `workflowSource(config)`. */
  workflows?: WorkflowSource;
}

export async function createKyhanWorker({ config, connection, activities, logger, workflows: source = workflowSource(config) }: KyhanWorkerOptions): Promise<Worker> {
  const graceMs = config.KYHAN_SHUTDOWN_GRACE_SECONDS * 1000;
  const { describe, ...workflows } = source;
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.KYHAN_TASK_QUEUE,
    ...workflows,
    activities,
    maxCachedWorkflows: config.KYHAN_MAX_CACHED_WORKFLOWS,
    // Worker.run() stops polling on SIGINT/SIGTERM and gives in-flight activities this long to finish.
    shutdownGraceTime: graceMs,
    shutdownForceTime: graceMs + SHUTDOWN_FORCE_AFTER_GRACE_MS,
  });
  logger.info(
    { namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.KYHAN_TASK_QUEUE, workflows: describe, maxCachedWorkflows: config.KYHAN_MAX_CACHED_WORKFLOWS },
    'worker ready',
  );
  return worker;
}

export interface RunningKyhanWorker {
  worker: Worker;
  /** Polls until SIGINT/SIGTERM (or `worker.shutdown()`), then closes the connections and the SMTP pool. */
  run(): Promise<void>;
}

/**
 * Checks SMTP first, then Temporal, so each failure can be shown (and tested) without the other
 * service; either failure is a one-line `UserFacingError` with the address and the fix.
 */
export async function startKyhanWorker(config: Config, logger: Logger): Promise<RunningKyhanWorker> {
  // A missing bundle is a configuration error: report it before touching the network.
  const workflows = workflowSource(config);
  const transport = createMailTransport(config);
  const closeAll: Array<() => Promise<void> | void> = [() => transport.close()];
  const close = async () => {
    for (const step of closeAll.reverse()) await step();
  };
  try {
    await verifyMailTransport(transport, config);
    logger.info({ smtp: `${config.KYHAN_SMTP_HOST}:${config.KYHAN_SMTP_PORT}` }, 'SMTP server answers');
    const temporal = await connectTemporal(config);
    closeAll.push(() => temporal.close());
    logger.info({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }, 'connected to Temporal');
    const state = await openKyhanState(config);
    closeAll.push(() => state.close());
    logger.info({ state: state.where }, 'kyhan state opened');
    const activities = createActivities({
      transport,
      from: fromHeader(config),
      stateDir: resolve(config.KYHAN_VAR_DIR),
      sentLedger: state.sentLedger,
      documentStore: state.documentStore,
      temporal: temporal.client,
      smtpConnections: SMTP_MAX_CONNECTIONS,
      // Letters link to the web app; the secret is the web app's (KYHAN_SECRET, or the one kept in kyhan's state).
      web: { publicUrl: publicUrlOf(config), secret: state.secret },
    });
    const worker = await createKyhanWorker({ config, connection: temporal.native, activities, logger, workflows });
    return {
      worker,
      async run() {
        try {
          await worker.run();
        } finally {
          await close();
        }
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}
