/**
 * The worker's two connections to Temporal: the native one the worker polls on, and a client
 * the activities use (the cycle activities read shard workflows). Both take their TLS, mTLS or
 * API-key settings from `connectionOptions`, shared with the CLI.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { connectionOptions } from '../client/connection';
import type { Config } from './config';
import { ExitCode, UserFacingError } from './process';

type TemporalConfig = Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_API_KEY' | 'TEMPORAL_TLS' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA'>;

/** The native connection has no connect timeout of its own; an address that drops packets would hang the start. */
const CONNECT_TIMEOUT_MS = 15_000;

export interface TemporalConnections {
  native: NativeConnection;
  client: Client;
  close(): Promise<void>;
}

/** `tonic::transport::Error(… message: "Connection refused" …)` → `Connection refused`. */
function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const quoted = /message: "([^"]+)"/.exec(text) ?? /error: "([^"]+)"/.exec(text) ?? /"([^"]*error[^"]*)"/.exec(text);
  const reason = (quoted?.[1] ?? text.split('\n')[0] ?? text).slice(0, 200);
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

function unreachable(config: TemporalConfig, reason: string): UserFacingError {
  return new UserFacingError(
    `Cannot reach Temporal at ${config.TEMPORAL_ADDRESS}: ${reason}. ` +
      'Fix: start it (`npm start` runs a local one), or set TEMPORAL_ADDRESS (and TEMPORAL_TLS, TEMPORAL_API_KEY or TEMPORAL_TLS_CERT/KEY for a remote cluster).',
    ExitCode.unreachable,
  );
}

async function withTimeout<T>(promise: Promise<T>, config: TemporalConfig): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unreachable(config, `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Connects both, and checks the namespace exists; throws a one-line `UserFacingError` otherwise. */
export async function connectTemporal(config: TemporalConfig): Promise<TemporalConnections> {
  const options = connectionOptions(config);
  let native: NativeConnection;
  try {
    native = await withTimeout(NativeConnection.connect(options), config);
  } catch (err) {
    throw err instanceof UserFacingError ? err : unreachable(config, reasonOf(err));
  }
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ ...options, connectTimeout: CONNECT_TIMEOUT_MS });
    await connection.workflowService.describeNamespace({ namespace: config.TEMPORAL_NAMESPACE });
  } catch (err) {
    await native.close();
    await connection?.close();
    if ((err as { code?: number }).code === 5 /* gRPC NOT_FOUND */) {
      throw new UserFacingError(
        `Namespace "${config.TEMPORAL_NAMESPACE}" does not exist on Temporal at ${config.TEMPORAL_ADDRESS}. ` +
          `Fix: create it (\`temporal operator namespace create --namespace ${config.TEMPORAL_NAMESPACE}\`) or set TEMPORAL_NAMESPACE.`,
        ExitCode.badConfiguration,
      );
    }
    throw unreachable(config, reasonOf(err));
  }
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  return {
    native,
    client,
    async close() {
      await connection.close();
      await native.close();
    },
  };
}
