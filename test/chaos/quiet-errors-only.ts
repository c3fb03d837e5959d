// Chaos scenarios fail deliveries on purpose, hundreds of times: log Temporal's messages only from ERROR up.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger('ERROR') });
