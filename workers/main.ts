/** `npm run worker`: the kyhan worker process, configured from the environment. */
import { loadConfig } from './config';
import { createLogger, installTemporalRuntime } from './logging';
import { runMain } from './process';
import { startKyhanWorker } from './worker';

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config);
  installTemporalRuntime(logger, config.KYHAN_METRICS_PORT);
  const worker = await startKyhanWorker(config, logger);
  // Worker.run() installs its own SIGINT/SIGTERM handlers: it stops polling, lets in-flight
  // activities finish (KYHAN_SHUTDOWN_GRACE_SECONDS), and resolves.
  await worker.run();
  logger.info('worker stopped');
});
