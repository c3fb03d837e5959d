// The workflow bundle, built once per run instead of once per test file. Each environment
// starts its own time-skipping server (`timeSkippingEnv()`, test/helpers/temporal-env.ts),
// rather than through the SDK, which gives a new server about 5 s to answer: too little for a
// JVM on a busy 2-core machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { WORKFLOWS_PATH } from '../../workers/worker';
import { quietBundlerLogger } from './quiet-bundler-logger';

declare module 'vitest' {
  export interface ProvidedContext {
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
  const dir = mkdtempSync(join(tmpdir(), 'kyhan-bundle-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('workflowBundlePath', bundlePath);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
