/**
 * Connection options for Temporal shared by the worker and the CLI: a local dev server,
 * a remote cluster with TLS or mTLS, or Temporal Cloud with an API key.
 */
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';

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
