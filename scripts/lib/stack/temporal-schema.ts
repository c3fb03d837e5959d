/**
 * Temporal's two databases made ready with its own SQL tool: the version tables (`setup-schema
 * -v 0.0`), then every versioned step up to the tool's release (`update-schema`, from the schema
 * embedded in the binary). Both commands are idempotent: on a stack's second start they find
 * the schema current and change nothing; after an upgrade of the binaries they apply the new steps.
 */
import { execFile } from 'node:child_process';

export class SchemaSetupError extends Error {
  override name = 'SchemaSetupError';
}

export interface SchemaTarget {
  sqlTool: string;
  host: string;
  port: number;
  user: string;
  password?: string;
}

/** Temporal's databases and the schema each gets (names as the SQL tool embeds them). */
export const TEMPORAL_DATABASES = [
  { database: 'temporal', schema: 'postgresql/v12/temporal' },
  { database: 'temporal_visibility', schema: 'postgresql/v12/visibility' },
] as const;

/** A schema step may wait on a busy machine, but not for ever. */
const STEP_TIMEOUT_MS = 180_000;

function runSqlTool(target: SchemaTarget, database: string, args: string[]): Promise<string> {
  const common = ['--ep', target.host, '-p', String(target.port), '-u', target.user, '--pw', target.password ?? '', '--pl', 'postgres12', '--db', database];
  // The tool also reads SQL_HOST, SQL_USER…: keep the caller's environment out of it.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' };
  return new Promise((resolve, reject) => {
    execFile(target.sqlTool, [...common, ...args], { env, timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (err) {
        const tail = output.trim().split('\n').slice(-8).join('\n');
        reject(new SchemaSetupError(`temporal-sql-tool ${args[0]} on database ${database} failed (${err.message.split('\n')[0]}):\n${tail}`));
      } else resolve(output);
    });
  });
}

/** Sets up or updates both databases (they must exist). Returns the tool's output, for the log. */
export async function setupTemporalSchema(target: SchemaTarget): Promise<string> {
  let output = '';
  for (const { database, schema } of TEMPORAL_DATABASES) {
    output += await runSqlTool(target, database, ['setup-schema', '-v', '0.0']);
    output += await runSqlTool(target, database, ['update-schema', '--schema-name', schema]);
  }
  return output;
}
