// One throwaway PostgreSQL cluster per `npm run test:postgres` (scripts/lib/postgres-cluster.ts),
// in a temporary directory. Test files reach it through `inject('postgresAdminUrl')` and make a
// database of their own with `freshDatabase` (test/postgres/databases.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../../scripts/lib/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kyhan-postgres-'));
  // mkdtemp makes it private; run as root, the server's `postgres` user must be able to enter it.
  chmodSync(dir, 0o711);
  const cluster = await startPostgresCluster({ dataDir: join(dir, 'data'), throwaway: true });
  project.provide('postgresAdminUrl', cluster.url());
  return async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
