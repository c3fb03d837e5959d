/**
 * The Temporal server's configuration file for one start of the stack: the repository's template
 * (temporal-config.yaml, from the module's development-postgres12.yaml) with this run's PostgreSQL
 * address, ports and shard count filled in, written into the state directory.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const TEMPLATE = fileURLToPath(new URL('./temporal-config.yaml', import.meta.url));

/** The server's own ports: the frontend's gRPC port is the address clients use; the others are internal. */
export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export interface TemporalConfigInput {
  /** Where config and dynamic config go (`<stateDir>/temporal`). */
  dir: string;
  postgres: { host: string; port: number; user: string; password?: string };
  ports: TemporalServerPorts;
  numHistoryShards: number;
  /** The server's log level: `info` into a log file, quieter on a terminal. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Nothing to override yet: the server's defaults suit kyhan. The file exists so an operator can
 * tune the running server (it is read again every pollInterval) without editing the template.
 */
const DYNAMIC_CONFIG = `# Temporal dynamic configuration for this stack (read every 10 s; see
# https://docs.temporal.io/references/dynamic-configuration). Written at every start if missing.
{}
`;

/** Writes `<dir>/config.yaml` (and `<dir>/dynamicconfig.yaml` if missing); returns the config file's path. */
export function writeTemporalConfig(input: TemporalConfigInput): string {
  const { dir, postgres, ports } = input;
  mkdirSync(dir, { recursive: true });
  const dynamicConfig = join(dir, 'dynamicconfig.yaml');
  try {
    writeFileSync(dynamicConfig, DYNAMIC_CONFIG, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }

  const doc = parseDocument(readFileSync(TEMPLATE, 'utf8'));
  doc.setIn(['log', 'level'], input.logLevel ?? 'info');
  doc.setIn(['persistence', 'numHistoryShards'], input.numHistoryShards);
  for (const store of ['postgres-default', 'postgres-visibility']) {
    const sql = ['persistence', 'datastores', store, 'sql'];
    doc.setIn([...sql, 'connectAddr'], `${postgres.host}:${postgres.port}`);
    doc.setIn([...sql, 'user'], postgres.user);
    doc.setIn([...sql, 'password'], postgres.password ?? '');
  }
  const rpc = (service: string, grpc: number, membership: number) => {
    doc.setIn(['services', service, 'rpc', 'grpcPort'], grpc);
    doc.setIn(['services', service, 'rpc', 'membershipPort'], membership);
  };
  rpc('frontend', ports.frontend, ports.frontendMembership);
  doc.setIn(['services', 'frontend', 'rpc', 'httpPort'], ports.frontendHttp);
  rpc('history', ports.history, ports.historyMembership);
  rpc('matching', ports.matching, ports.matchingMembership);
  rpc('worker', ports.worker, ports.workerMembership);
  doc.setIn(['clusterMetadata', 'clusterInformation', 'active', 'rpcAddress'], `127.0.0.1:${ports.frontend}`);
  doc.setIn(['dynamicConfigClient', 'filepath'], dynamicConfig);

  const file = join(dir, 'config.yaml');
  writeFileSync(file, `# Written by npm run stack from scripts/lib/stack/temporal-config.yaml at every start: edit the template.\n${doc.toString()}`);
  return file;
}
