// One time-skipping server per `npm run test:workflows`, started here rather than by the
// SDK: the SDK gives a new server about 5 s to answer, too little for a JVM on a busy
// 2-core machine. Test files attach with `timeSkippingEnv()`.
import type { TestProject } from 'vitest/node';
import { startTimeSkippingServer } from '../../scripts/lib/temporal-servers';

declare module 'vitest' {
  export interface ProvidedContext {
    timeSkippingAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTimeSkippingServer();
  project.provide('timeSkippingAddress', server.address);
  return () => server.stop();
}
