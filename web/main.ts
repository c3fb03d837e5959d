/**
 * `npm run web`: the web app on its own, against the Temporal cluster and SMTP server the
 * environment names (as the worker does). Stops on SIGINT/SIGTERM.
 */
import { loadConfig } from '../workers/config';
import { createLogger } from '../workers/logging';
import { ExitCode, runMain, UserFacingError } from '../workers/process';
import { publicUrlOf } from '../auth/unit-link';
import { startKyhanWeb } from './run';

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config, 'kyhan-web');
  const web = await startKyhanWeb(config, logger).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserFacingError(`Port ${config.KYHAN_WEB_PORT} on ${config.KYHAN_WEB_HOST} is already in use. Fix: stop what holds it or set KYHAN_WEB_PORT.`, ExitCode.failure);
    throw err;
  });
  logger.info({ listen: web.url, publicUrl: publicUrlOf(config) }, 'web app running');
  if (!config.KYHAN_PUBLIC_URL && ['0.0.0.0', '::', '[::]'].includes(config.KYHAN_WEB_HOST)) {
    logger.warn(`KYHAN_PUBLIC_URL is not set: links in letters name ${publicUrlOf(config)}, which only this machine can open. Set it to the address people open (for the workers too).`);
  }
  process.stdout.write(`kyhan web app: ${publicUrlOf(config)} (listening on ${web.url})\n`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await web.close();
});
