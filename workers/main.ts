/** `npm run worker`: the kyhan worker process, configured from the environment. */
import { loadConfig } from './config';
import { createLogger, installTemporalRuntime } from './logging';
import { runMain } from './process';
import { connectWorker, createKyhanWorker } from './worker';

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config);
  installTemporalRuntime(logger, config.KYHAN_METRICS_PORT);
  const connection = await connectWorker(config);
  const worker = await createKyhanWorker({ config, connection, logger, workflowBundlePath: process.env.KYHAN_WORKFLOW_BUNDLE });
  // Worker.run() installs its own SIGINT/SIGTERM handlers: it stops polling, lets in-flight
  // activities finish, and resolves.
  await worker.run();
  await connection.close();
  logger.info('worker stopped');
});
