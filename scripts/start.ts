/**
 * `npm start`: kyhan on its embedded default, no Docker and no account. Starts, in this order,
 * a local mail catcher (every message becomes an `.eml` file under `<state dir>/mail/`), the
 * Temporal dev server (SQLite under the state directory, Web UI on), the worker and the web app,
 * both in this process. Ctrl-C closes the web app to new requests and lets the worker drain,
 * then stops the web app, the server and the catcher: nothing is left running.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { publicUrlOf } from '../auth/unit-link';
import { redactUrl } from '../storage/database';
import { startKyhanWeb } from '../web/run';
import { loadConfig, type Config } from '../workers/config';
import { createLogger, installTemporalRuntime } from '../workers/logging';
import { ExitCode, runMain, UserFacingError } from '../workers/process';
import { KYHAN_SEARCH_ATTRIBUTES } from '../workers/search-attributes';
import { startKyhanWorker, type RunningKyhanWorker } from '../workers/worker';
import { MailCatcherPortError, startMailCatcher } from './lib/mail-catcher';
import { ServerUnavailableError, startDevServer } from './lib/temporal-servers';

const HOST = '127.0.0.1';
/** How long the web app may take to finish the requests it is answering when stopped. */
const WEB_CLOSE_MS = 10_000;

/**
 * The dev server binds its ports itself and would fail late and vaguely, and the web app would
 * fail only after the worker's start: check every port first.
 */
async function assertPortFree(port: number, what: string, variable: string, host = HOST): Promise<void> {
  await new Promise<void>((done, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new UserFacingError(
          err.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} (${what}) is already in use. Fix: stop what holds it (another \`npm start\`?) or set ${variable}.`
            : `Cannot use port ${port} on ${host} (${what}): ${err.message}. Fix: set ${variable}.`,
          ExitCode.failure,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => done()));
  });
}

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config, 'kyhan');
  installTemporalRuntime(logger, config.KYHAN_METRICS_PORT);

  const varDir = resolve(config.KYHAN_VAR_DIR);
  const mailDir = join(varDir, 'mail');
  const dbFilename = join(varDir, 'temporal.sqlite');
  mkdirSync(varDir, { recursive: true });

  // What has been started, stopped in reverse order on the way out.
  const started: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const { name, stop } of started.reverse()) {
      await stop();
      logger.info(`${name} stopped`);
    }
    started.length = 0;
  };

  /** Signals this close together are one Ctrl-C (see below). */
  const SAME_CTRL_C_MS = 1_000;
  // Ctrl-C reaches this process (the dev server has its own process group). While starting,
  // it aborts the start; once the worker runs, Worker.run() handles SIGINT/SIGTERM itself
  // and the signal only asks the worker to drain. A second Ctrl-C stops without waiting.
  let interrupted = 0;
  let firstSignalAt = 0;
  let worker: RunningKyhanWorker | undefined;
  // The web app stops taking requests at the first Ctrl-C (the worker, which answers its
  // Updates, is draining meanwhile); its in-flight requests may finish for WEB_CLOSE_MS.
  let closeWeb: (() => Promise<void>) | undefined;
  let webCloseTimedOut = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // Under `npm start` one Ctrl-C arrives twice: from the terminal to the whole process group,
    // and again from npm, which forwards it to its child. Only a later one is a second Ctrl-C.
    if (interrupted > 0 && Date.now() - firstSignalAt < SAME_CTRL_C_MS) return;
    interrupted += 1;
    if (interrupted === 1) firstSignalAt = Date.now();
    if (interrupted > 1) {
      logger.warn(`${signal} again: stopping without waiting for the worker`);
      void stopAll().finally(() => process.exit(130));
      return;
    }
    logger.info(`${signal}: stopping`);
    void closeWeb?.();
    // SIGHUP (terminal closed) is not one of Worker.run()'s signals: ask the worker directly.
    if (worker?.worker.getState() === 'RUNNING') worker.worker.shutdown();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  const checkInterrupted = () => {
    if (interrupted) throw new UserFacingError('Interrupted while starting; everything started so far is stopped.', 130);
  };

  try {
    await assertPortFree(config.KYHAN_TEMPORAL_PORT, 'Temporal dev server', 'KYHAN_TEMPORAL_PORT');
    await assertPortFree(config.KYHAN_UI_PORT, 'Temporal Web UI', 'KYHAN_UI_PORT');
    await assertPortFree(config.KYHAN_WEB_PORT, 'kyhan web app', 'KYHAN_WEB_PORT', config.KYHAN_WEB_HOST);

    // 1. The mail catcher, so the worker's SMTP check finds it.
    const catcher = await startMailCatcher({
      dir: mailDir,
      port: config.KYHAN_SMTP_PORT,
      host: HOST,
      onMessage: ({ to, subject, file }) => logger.info({ file }, `mail to ${to.join(', ')}: ${subject}`),
      onError: (err) => logger.warn({ err }, 'mail catcher: a client connection failed'),
    }).catch((err: unknown) => {
      throw err instanceof MailCatcherPortError ? new UserFacingError(err.message, ExitCode.failure) : err;
    });
    started.push({ name: 'mail catcher', stop: catcher.close });
    checkInterrupted();

    // 2. The Temporal dev server on a SQLite file, with kyhan's search attributes.
    const server = await startDevServer({
      dbFilename,
      port: config.KYHAN_TEMPORAL_PORT,
      uiPort: config.KYHAN_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      searchAttributes: KYHAN_SEARCH_ATTRIBUTES,
      ownProcessGroup: true,
    }).catch((err: unknown) => {
      throw err instanceof ServerUnavailableError ? new UserFacingError(err.message, ExitCode.unreachable) : err;
    });
    started.push({ name: 'Temporal dev server', stop: server.stop });
    checkInterrupted();

    // 3. The worker, pointed at the two local servers whatever the environment says about remote ones.
    const local: Config = {
      ...config,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TLS: false,
      TEMPORAL_API_KEY: undefined,
      TEMPORAL_TLS_CERT: undefined,
      TEMPORAL_TLS_KEY: undefined,
      TEMPORAL_TLS_CA: undefined,
      KYHAN_SMTP_HOST: catcher.host,
      KYHAN_SMTP_PORT: catcher.port,
      KYHAN_SMTP_SECURE: false,
      KYHAN_VAR_DIR: varDir,
    };
    worker = await startKyhanWorker(local, logger);
    checkInterrupted();

    // 4. The web app, on the same Temporal, mail catcher and state directory (so the same secret
    // signs the links the worker mails and checks them here).
    // A failure here ends the process (runMain exits), the worker's connections with it.
    const web = await startKyhanWeb(local, logger).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new UserFacingError(`Port ${config.KYHAN_WEB_PORT} on ${config.KYHAN_WEB_HOST} (kyhan web app) is already in use. Fix: stop what holds it or set KYHAN_WEB_PORT.`, ExitCode.failure);
      }
      throw err;
    });
    let webClosing: Promise<void> | undefined;
    closeWeb = () =>
      (webClosing ??= new Promise<void>((done) => {
        const timer = setTimeout(() => {
          webCloseTimedOut = true;
          logger.warn(`web app: requests still open after ${WEB_CLOSE_MS / 1000} s; stopping without them`);
          done();
        }, WEB_CLOSE_MS);
        void web.close().finally(() => {
          clearTimeout(timer);
          done();
        });
      }));
    started.push({ name: 'web app', stop: closeWeb });
    if (interrupted) void closeWeb();
    checkInterrupted();
    const webUrl = publicUrlOf(local);

    const cli = server.address === '127.0.0.1:7233' ? 'npx kyhan' : `TEMPORAL_ADDRESS=${server.address} npx kyhan`;
    process.stdout.write(
      [
        '',
        `kyhan is running on its embedded default (state in ${varDir}):`,
        `  Web app       ${webUrl}  (sign in with an address from the plan's people)${webUrl === web.url ? '' : `; listening on ${web.url}`}`,
        `  Temporal      ${server.address}  (namespace ${config.TEMPORAL_NAMESPACE}, SQLite ${dbFilename})`,
        `  Web UI        http://${HOST}:${config.KYHAN_UI_PORT}`,
        `  Mail catcher  smtp://${catcher.host}:${catcher.port}  → every message as an .eml file in ${mailDir}`,
        `  Worker        task queue "${config.KYHAN_TASK_QUEUE}"`,
        ...(config.KYHAN_DATABASE_URL ? [`  kyhan state   ${redactUrl(config.KYHAN_DATABASE_URL)}  (sent ledger, sessions, secret: KYHAN_DATABASE_URL)`] : []),
        ...(config.KYHAN_METRICS_PORT ? [`  Metrics       http://${HOST}:${config.KYHAN_METRICS_PORT}/metrics`] : []),
        '',
        'Next, in another terminal:',
        `  ${cli} plan start plans/demo.yaml    # start the demo plan's cycles`,
        `  ${cli} cycle list                    # see them`,
        `  open ${webUrl}                       # the units' links in ${mailDir} lead there`,
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );

    // Resolves after SIGINT/SIGTERM once in-flight activities have finished.
    await worker.run();
    if (!interrupted) logger.warn('worker ended; stopping the rest');
  } finally {
    await stopAll();
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeListener(signal, onSignal);
  }
  // A request the web app could not finish keeps its socket, and the process, alive.
  if (webCloseTimedOut) process.exit(interrupted ? 0 : ExitCode.failure);
});
