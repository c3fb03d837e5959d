// One time-skipping server per `npm run test:workflows`, started here rather than by the
// SDK: the SDK gives a new server about 5 s to answer, too little for a JVM on a busy
// 2-core machine. Test files attach with `timeSkippingEnv()`. The workflow bundle is built
// here too, once per run, instead of once per test file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { registerSearchAttributes } from '../../scripts/lib/search-attributes';
import { startTimeSkippingServer } from '../../scripts/lib/temporal-servers';
import { WORKFLOWS_PATH } from '../../workers/worker';
import { quietBundlerLogger } from './quiet-bundler-logger';

declare module 'vitest' {
  export interface ProvidedContext {
    timeSkippingAddress: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const [server, bundle] = await Promise.all([startTimeSkippingServer(), bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger })]);
  await registerSearchAttributes(server.address);
  const dir = mkdtempSync(join(tmpdir(), 'kyhan-bundle-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('timeSkippingAddress', server.address);
  project.provide('workflowBundlePath', bundlePath);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
