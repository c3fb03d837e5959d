/**
 * `npm run build:workflows`: bundles the workflow code once, ahead of time, into
 * `dist/workflow-bundle.js`. A worker with `NODE_ENV=production` (or `KYHAN_WORKFLOW_BUNDLE`)
 * loads it instead of running webpack at every start.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { runMain } from '../workers/process';
import { DEFAULT_WORKFLOW_BUNDLE, WORKFLOWS_PATH } from '../workers/workflow-bundle';

runMain(async () => {
  const target = process.argv[2] ?? DEFAULT_WORKFLOW_BUNDLE;
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, code);
  process.stdout.write(`Workflow bundle written: ${relative(process.cwd(), target) || target} (${Math.round(code.length / 1024)} KiB)\n`);
});
