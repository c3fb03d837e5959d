/**
 * Starts the web app from the process configuration: connects to Temporal (the same settings
 * as the worker), opens an SMTP transport for sign-in links, loads the plans, and opens kyhan's
 * state (the secret, sessions: files or PostgreSQL, workers/kyhan-state.ts).
 * Used by `npm run web` (web/main.ts) and by `npm start` beside the worker.
 */
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { publicUrlOf } from '../auth/unit-link';
import type { Config } from '../workers/config';
import { createMailTransport, fromHeader } from '../workers/mail';
import { openKyhanState } from '../workers/kyhan-state';
import { connectTemporal } from '../workers/temporal';
import { PlanBook } from './plans';
import { startWebServer, type RunningWebServer } from './server';

export async function startKyhanWeb(config: Config, logger: Logger): Promise<RunningWebServer> {
  const publicUrl = publicUrlOf(config);
  const state = await openKyhanState(config);
  const temporal = await connectTemporal(config).catch(async (err: unknown) => {
    await state.close();
    throw err;
  });
  const transport = createMailTransport(config);
  const plans = PlanBook.load(config.KYHAN_PLANS_DIR, logger);
  logger.info({ plans: plans.all().map((p) => p.id), dir: resolve(config.KYHAN_PLANS_DIR) }, 'web app: plans loaded');
  try {
    const server = await startWebServer(
      {
        temporal: temporal.client,
        plans,
        secret: state.secret,
        authStore: state.authStore,
        documentStore: state.documentStore,
        publicUrl,
        varDir: resolve(config.KYHAN_VAR_DIR),
        mail: { transport, from: fromHeader(config) },
        taskQueue: config.KYHAN_TASK_QUEUE,
        secureCookies: publicUrl.startsWith('https:'),
        trustProxy: config.KYHAN_TRUST_PROXY,
        logger,
        now: () => new Date(),
      },
      { host: config.KYHAN_WEB_HOST, port: config.KYHAN_WEB_PORT },
    );
    return {
      url: server.url,
      async close() {
        await server.close();
        transport.close();
        await temporal.close();
        await state.close();
      },
    };
  } catch (err) {
    transport.close();
    await temporal.close();
    await state.close();
    throw err;
  }
}
