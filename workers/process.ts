/**
 * What every kyhan process does on the way in and out: a bad environment or an unreachable
 * service ends it with one clear line and a non-zero exit code, never a stack trace.
 */
import { ConfigError } from './config';

/** Exit codes scripts can rely on. */
export const ExitCode = {
  ok: 0,
  /** Anything else, e.g. a port already in use. */
  failure: 1,
  /** Bad environment, missing workflow bundle, unknown namespace, refused SMTP login. */
  badConfiguration: 2,
  /** Temporal or the SMTP server cannot be reached at start. */
  unreachable: 3,
} as const;

/** An error whose message is fit for the user as it is. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failure,
  ) {
    super(message);
  }
}

/** Runs `main`; on failure prints the message (not the stack) and exits with its code. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(ExitCode.badConfiguration);
    }
    if (err instanceof UserFacingError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(err.exitCode);
    }
    process.stderr.write(`kyhan: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.KYHAN_DEBUG) console.error(err);
    process.exit(ExitCode.failure);
  });
}
