/**
 * `npm start`: kyhan on its embedded default, no Docker and no account. Starts the Temporal
 * dev server (SQLite under the state directory, Web UI on) and the worker in this process;
 * Ctrl-C stops both and leaves nothing running.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../workers/config';
import { createLogger, installTemporalRuntime } from '../workers/logging';
import { runMain, ExitCode, UserFacingError } from '../workers/process';
import { KYHAN_SEARCH_ATTRIBUTES } from '../workers/search-attributes';
import { connectWorker, createKyhanWorker } from '../workers/worker';
import { ServerUnavailableError, startDevServer, type RunningServer } from './lib/temporal-servers';

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config, 'kyhan-start');
  installTemporalRuntime(logger, config.KYHAN_METRICS_PORT);

  const varDir = resolve(config.KYHAN_VAR_DIR);
  mkdirSync(varDir, { recursive: true });
  const dbFilename = join(varDir, 'temporal.sqlite');

  let server: RunningServer;
  try {
    server = await startDevServer({
      dbFilename,
      port: config.KYHAN_TEMPORAL_PORT,
      uiPort: config.KYHAN_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      searchAttributes: KYHAN_SEARCH_ATTRIBUTES,
    });
  } catch (err) {
    if (err instanceof ServerUnavailableError) throw new UserFacingError(err.message, ExitCode.unreachable);
    throw err;
  }

  let stopping = false;
  const stopServer = async () => {
    await server.stop();
    logger.info('Temporal dev server stopped');
  };
  try {
    const connection = await connectWorker({ ...config, TEMPORAL_ADDRESS: server.address, TEMPORAL_TLS: false, TEMPORAL_API_KEY: undefined });
    const worker = await createKyhanWorker({ config, connection, logger });
    process.stdout.write(
      [
        '',
        'kyhan is running on its embedded default:',
        `  Temporal      ${server.address}  (namespace ${config.TEMPORAL_NAMESPACE}, data in ${dbFilename})`,
        `  Web UI        http://127.0.0.1:${config.KYHAN_UI_PORT}`,
        `  Worker        task queue "${config.KYHAN_TASK_QUEUE}"`,
        '',
        `Try: temporal workflow list --address ${server.address}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    process.once('SIGINT', () => (stopping = true));
    process.once('SIGTERM', () => (stopping = true));
    // Worker.run() resolves after SIGINT/SIGTERM once in-flight work has finished.
    await worker.run();
    await connection.close();
  } finally {
    if (!stopping) logger.warn('worker ended; stopping the Temporal dev server');
    await stopServer();
  }
});
