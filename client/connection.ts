/**
 * Connection options for Temporal shared by the worker and the CLI: a local dev server,
 * a remote cluster with TLS or mTLS, or Temporal Cloud with an API key.
 */
import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { Language } from '../domain/cycle';
import type { ConnectionConfig } from './connection-config';

export interface TemporalConnectionSettings {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_API_KEY?: string | undefined;
  TEMPORAL_TLS: boolean;
  TEMPORAL_TLS_CERT?: string | undefined;
  TEMPORAL_TLS_KEY?: string | undefined;
  TEMPORAL_TLS_CA?: string | undefined;
}

/** Options accepted by both `Connection.connect` (client) and `NativeConnection.connect` (worker). */
export interface TemporalConnectionOptions {
  address: string;
  apiKey?: string;
  tls?: TLSConfig;
}

export function connectionOptions(settings: TemporalConnectionSettings): TemporalConnectionOptions {
  const mtls = settings.TEMPORAL_TLS_CERT && settings.TEMPORAL_TLS_KEY;
  // An API key (Temporal Cloud) or a client certificate always travels over TLS.
  const tlsWanted = settings.TEMPORAL_TLS || Boolean(mtls) || Boolean(settings.TEMPORAL_API_KEY) || Boolean(settings.TEMPORAL_TLS_CA);
  return {
    address: settings.TEMPORAL_ADDRESS,
    ...(settings.TEMPORAL_API_KEY ? { apiKey: settings.TEMPORAL_API_KEY } : {}),
    ...(tlsWanted
      ? {
          tls: {
            ...(settings.TEMPORAL_TLS_CA ? { serverRootCACertificate: readFileSync(settings.TEMPORAL_TLS_CA) } : {}),
            ...(mtls ? { clientCertPair: { crt: readFileSync(settings.TEMPORAL_TLS_CERT!), key: readFileSync(settings.TEMPORAL_TLS_KEY!) } } : {}),
          },
        }
      : {}),
  };
}

/** How long to wait for the server's first answer before calling it unreachable. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export interface ConnectClientOptions {
  config: ConnectionConfig;
  connectTimeoutMs?: number;
}

export interface ConnectedClient {
  client: Client;
  connection: Connection;
  config: ConnectionConfig;
  close(): Promise<void>;
}

/** Thrown by `connectClient` when no Temporal server answers at the address. */
export class TemporalUnreachableError extends Error {
  override name = 'TemporalUnreachableError';
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`Cannot reach Temporal at ${address}: ${reason}. Start it with \`npm start\`, or set TEMPORAL_ADDRESS.`);
  }
}

/** Thrown by `connectClient` when a TLS file named in the settings cannot be read. */
export class TlsFileError extends Error {
  override name = 'TlsFileError';
  constructor(readonly reason: string) {
    super(`Cannot read a TLS file: ${reason}`);
  }
}

/**
 * A client on the namespace of `config`. The SDK connects lazily on the first call and would
 * surface a dead server only there, deep inside a command; `Connection.connect` checks at
 * once, so an unreachable server is one `TemporalUnreachableError` before anything starts.
 */
export async function connectClient(options: ConnectClientOptions): Promise<ConnectedClient> {
  const { config } = options;
  let settings: TemporalConnectionOptions;
  try {
    settings = connectionOptions(config);
  } catch (err) {
    throw new TlsFileError(err instanceof Error ? err.message : String(err));
  }
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...settings, connectTimeout: timeout });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new TemporalUnreachableError(config.TEMPORAL_ADDRESS, /deadline/i.test(message) ? `no answer within ${timeout / 1000} s` : message);
  }
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  return { client, connection, config, close: () => connection.close() };
}

/** The one line a user sees for `TemporalUnreachableError`. */
export function unreachableLine(err: TemporalUnreachableError, language: Language): string {
  if (language === 'en') return `kyhan: ${err.message}`;
  const reason = err.reason.replace(/^no answer within (\S+) s$/, 'không có phản hồi sau $1 giây');
  return `kyhan: Không kết nối được Temporal tại ${err.address}: ${reason}. Hãy chạy \`npm start\` hoặc đặt TEMPORAL_ADDRESS.`;
}
