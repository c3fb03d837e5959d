/**
 * Where Temporal is and how to reach it: the settings the worker and the `kyhan` CLI share.
 * Both read them from the environment (`TEMPORAL_*`, `KYHAN_TASK_QUEUE`); the CLI lets its
 * global flags (`--address`, `--namespace`, `--api-key`, `--tls`, `--tls-cert`, `--tls-key`,
 * `--tls-ca`, `--task-queue`) override them. The worker's `ConfigSchema` extends this one.
 */
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../workflows/messages';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, { error: 'must be host:port, e.g. 127.0.0.1:7233' });

export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';

export const ConnectionConfigSchema = z.object({
  TEMPORAL_ADDRESS: hostPort.default(DEFAULT_TEMPORAL_ADDRESS),
  TEMPORAL_NAMESPACE: z.string().min(1, { error: 'must not be empty' }).default('default'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: bool.default(false),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  KYHAN_TASK_QUEUE: z.string().min(1, { error: 'must not be empty' }).default(DEFAULT_TASK_QUEUE),
});

export type ConnectionConfig = z.infer<typeof ConnectionConfigSchema>;

/** The CLI's global connection flags, as commander hands them over. */
export interface ConnectionFlags {
  address?: string;
  namespace?: string;
  apiKey?: string;
  tls?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  taskQueue?: string;
}

/** Which flag overrides which variable (and names the variable in errors). */
export const CONNECTION_FLAGS: ReadonlyArray<{ flag: keyof ConnectionFlags; option: string; variable: keyof ConnectionConfig }> = [
  { flag: 'address', option: '--address', variable: 'TEMPORAL_ADDRESS' },
  { flag: 'namespace', option: '--namespace', variable: 'TEMPORAL_NAMESPACE' },
  { flag: 'apiKey', option: '--api-key', variable: 'TEMPORAL_API_KEY' },
  { flag: 'tls', option: '--tls', variable: 'TEMPORAL_TLS' },
  { flag: 'tlsCert', option: '--tls-cert', variable: 'TEMPORAL_TLS_CERT' },
  { flag: 'tlsKey', option: '--tls-key', variable: 'TEMPORAL_TLS_KEY' },
  { flag: 'tlsCa', option: '--tls-ca', variable: 'TEMPORAL_TLS_CA' },
  { flag: 'taskQueue', option: '--task-queue', variable: 'KYHAN_TASK_QUEUE' },
];

/** A bad connection setting; `message` is one line naming the variable or flag and the fix. */
export class ConnectionConfigError extends Error {
  override name = 'ConnectionConfigError';
  constructor(
    readonly setting: string,
    readonly problem: string,
    readonly received: string | undefined,
  ) {
    super(`${setting}: ${problem}${received !== undefined ? ` (received ${JSON.stringify(received)})` : ''}`);
  }
}

/**
 * The connection settings from the environment, with the flags given on top. Empty
 * variables count as unset. Throws `ConnectionConfigError` for the first bad value.
 */
export function loadConnectionConfig(env: Record<string, string | undefined> = process.env, flags: ConnectionFlags = {}): ConnectionConfig {
  const raw: Record<string, string> = {};
  for (const { variable } of CONNECTION_FLAGS) {
    const value = env[variable];
    if (value !== undefined && value !== '') raw[variable] = value;
  }
  const fromFlag = new Map<string, string>();
  for (const { flag, option, variable } of CONNECTION_FLAGS) {
    const value = flags[flag];
    if (value === undefined || value === false) continue;
    raw[variable] = value === true ? 'true' : value;
    fromFlag.set(variable, option);
  }
  const parsed = ConnectionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? '(environment)');
    throw new ConnectionConfigError(fromFlag.get(variable) ?? variable, issue.message, raw[variable]);
  }
  const problem = connectionConfigProblem(parsed.data);
  if (problem) throw new ConnectionConfigError(fromFlag.get(problem.variable) ?? problem.variable, problem.message, undefined);
  return parsed.data;
}

/** Checks across settings: mTLS needs the certificate and its key together. */
export function connectionConfigProblem(config: ConnectionConfig): { variable: string; message: string } | undefined {
  if (Boolean(config.TEMPORAL_TLS_CERT) === Boolean(config.TEMPORAL_TLS_KEY)) return undefined;
  return {
    variable: config.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT',
    message: 'mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: set the missing one',
  };
}
