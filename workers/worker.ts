/**
 * Builds the kyhan Temporal worker: the sandboxed workflows (from a pre-built bundle in
 * production, bundled on the fly otherwise) and the activities with their real dependencies.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { connectionOptions } from '../client/connection';
import type { Config } from './config';
import { ExitCode, UserFacingError } from './process';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export async function connectWorker(config: Config): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(connectionOptions(config));
  } catch (err) {
    throw new UserFacingError(
      `Cannot reach Temporal at ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE}): ${err instanceof Error ? err.message : String(err)}. ` +
        'Start it with `npm start`, or set TEMPORAL_ADDRESS.',
      ExitCode.unreachable,
    );
  }
}

export interface KyhanWorkerOptions {
  config: Config;
  connection: NativeConnection;
  logger: Logger;
  /** Path of a bundle made by `bundleWorkflowCode`; omitted = bundle at start (seconds). */
  workflowBundlePath?: string;
}

export async function createKyhanWorker({ config, connection, logger, workflowBundlePath }: KyhanWorkerOptions): Promise<Worker> {
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.KYHAN_TASK_QUEUE,
    ...(workflowBundlePath ? { workflowBundle: { codePath: workflowBundlePath } } : { workflowsPath: WORKFLOWS_PATH }),
  });
  logger.info({ taskQueue: config.KYHAN_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker ready');
  return worker;
}
