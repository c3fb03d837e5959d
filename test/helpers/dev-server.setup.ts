// One Temporal dev server per `npm run test:e2e`, on a SQLite file in a temporary
// directory. Test files reach it through `inject('devServerAddress')`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../scripts/lib/temporal-servers';
import { KYHAN_SEARCH_ATTRIBUTES } from '../../workers/search-attributes';

declare module 'vitest' {
  export interface ProvidedContext {
    devServerAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kyhan-e2e-'));
  // kyhan's search attributes: `kyhan cycle list` queries cycles by plan and status.
  const server = await startDevServer({ dbFilename: join(dir, 'temporal.sqlite'), searchAttributes: KYHAN_SEARCH_ATTRIBUTES });
  project.provide('devServerAddress', server.address);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
