/**
 * Process logging: pino, JSON by default and readable in a terminal, with the Temporal
 * Runtime's own logs (core, workers, workflow and activity `log` calls) routed into it.
 */
import pino, { type Logger } from 'pino';
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import type { Config } from './config';
import { ExitCode, UserFacingError } from './process';

export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>, name = 'kyhan'): Logger {
  const pretty = config.LOG_FORMAT ? config.LOG_FORMAT === 'pretty' : Boolean(process.stdout.isTTY);
  return pino({
    name,
    level: config.LOG_LEVEL,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  });
}

const toPino: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

const toTemporal: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR' };

let installed = false;

/**
 * Installs the Temporal Runtime with its logs forwarded to `logger`. Must run before any
 * connection or worker is created (the Runtime is a process-wide singleton); later calls are no-ops.
 */
export function installTemporalRuntime(logger: Logger, metricsPort?: number): void {
  if (installed) return;
  installed = true;
  const temporalLogger = new DefaultLogger(toTemporal[logger.level] ?? 'INFO', (entry: LogEntry) => {
    const { meta, message, level } = entry;
    logger[toPino[level]]({ ...meta, source: 'temporal' }, message);
  });
  try {
    Runtime.install({
      logger: temporalLogger,
      telemetryOptions: {
        logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
        ...(metricsPort ? { metrics: { prometheus: { bindAddress: `0.0.0.0:${metricsPort}` } } } : {}),
      },
    });
  } catch (err) {
    if (!metricsPort) throw err;
    // The only part that can fail on a sound configuration: the metrics port is taken.
    throw new UserFacingError(
      `Cannot serve Prometheus metrics on port ${metricsPort}: ${err instanceof Error ? err.message : String(err)}. Fix: set KYHAN_METRICS_PORT to a free port, or unset it.`,
      ExitCode.failure,
    );
  }
}
