/**
 * Where the worker gets its workflow code. Bundling the workflows with webpack at start costs
 * seconds and memory, so production loads the bundle `npm run build:workflows` made ahead of
 * time; development bundles at start so an edit needs no build step.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from './config';
import { ExitCode, UserFacingError } from './process';

/** The module that exports every workflow the worker runs. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Where `npm run build:workflows` writes the bundle. */
export const DEFAULT_WORKFLOW_BUNDLE = fileURLToPath(new URL('../dist/workflow-bundle.js', import.meta.url));

export type WorkflowSource = (Pick<WorkerOptions, 'workflowBundle'> | Pick<WorkerOptions, 'workflowsPath'>) & {
  /** For the start-up log line. */
  describe: string;
};

/** `KYHAN_WORKFLOW_BUNDLE` if set; else the built bundle when `NODE_ENV=production` and it exists; else bundle at start. */
export function workflowSource(config: Pick<Config, 'KYHAN_WORKFLOW_BUNDLE' | 'NODE_ENV'>): WorkflowSource {
  if (config.KYHAN_WORKFLOW_BUNDLE) {
    const codePath = resolve(config.KYHAN_WORKFLOW_BUNDLE);
    if (!existsSync(codePath)) {
      throw new UserFacingError(
        `KYHAN_WORKFLOW_BUNDLE=${config.KYHAN_WORKFLOW_BUNDLE}: no such file. Fix: run \`npm run build:workflows\` (writes dist/workflow-bundle.js), or unset it to bundle at start.`,
        ExitCode.badConfiguration,
      );
    }
    return { workflowBundle: { codePath }, describe: `bundle ${codePath}` };
  }
  if (config.NODE_ENV === 'production' && existsSync(DEFAULT_WORKFLOW_BUNDLE)) {
    return { workflowBundle: { codePath: DEFAULT_WORKFLOW_BUNDLE }, describe: `bundle ${DEFAULT_WORKFLOW_BUNDLE}` };
  }
  return { workflowsPath: WORKFLOWS_PATH, describe: `bundled at start from ${WORKFLOWS_PATH}` };
}
