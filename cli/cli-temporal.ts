/**
 * What the `kyhan` commands that talk to Temporal share: connecting with the global flags,
 * turning every failure into one line (or `{ "error": { type, message } }` with `--json`)
 * and an exit code from `ExitCode`, reading instants typed on the command line.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { ServiceError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Instant, Language } from '../domain/cycle';
import { FailureType } from '../domain/failures';
import { instantToZoned, isValidLocalDate, zonedToInstant } from '../domain/time';
import { cycleProgressQuery, cycleWorkflowIdOf, parseCycleWorkflowId, type CycleProgress } from '../workflows/messages';
import { errorText, ExitCode, type CommandContext, type ExitCodeValue } from './cli-io';
import { ConnectionConfigError, loadConnectionConfig, type ConnectionConfig, type ConnectionFlags } from '../client/connection-config';
import { connectClient, TemporalUnreachableError, TlsFileError, unreachableLine } from '../client/connection';
import { CycleUpdateRejectedError } from '../client/cycles';
import { ApprovalRejectedError } from '../client/approval';

/** Error types of the CLI's own failures, next to the workflow's `FailureType`s in `--json` output. */
export const CliErrorType = {
  BadInput: 'BadInput',
  NotFound: 'NotFound',
  Unreachable: 'Unreachable',
  Timeout: 'Timeout',
  Unexpected: 'Unexpected',
  /** A file given for a report that travels on paper only (exit 1, as the cycle's refusals). */
  PaperOnly: 'PaperOnly',
} as const;

/**
 * A failure a command reports as it is: one line, an exit code, a type for `--json`. With
 * `details` (a plan's problems), those lines are printed on stdout instead of the message: they
 * are the list the user works through.
 */
export class CliFailure extends Error {
  override name = 'CliFailure';
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly type: string,
    readonly details?: readonly string[],
  ) {
    super(message);
  }
}

export const badInput = (message: string) => new CliFailure(message, ExitCode.badInput, CliErrorType.BadInput);
export const notFound = (message: string) => new CliFailure(message, ExitCode.notFound, CliErrorType.NotFound);


/** The global connection flags of the program a subcommand belongs to. */
export function connectionFlags(command: Command): ConnectionFlags {
  const all = command.optsWithGlobals<ConnectionFlags & Record<string, unknown>>();
  const pick = <K extends keyof ConnectionFlags>(key: K) => (all[key] !== undefined ? { [key]: all[key] } : {});
  return { ...pick('address'), ...pick('namespace'), ...pick('apiKey'), ...pick('tls'), ...pick('tlsCert'), ...pick('tlsKey'), ...pick('tlsCa'), ...pick('taskQueue') };
}

/**
 * Waiting for a worker is waiting forever when none runs: an Update or a Query is answered
 * by a worker, and the server holds the call until one polls. Past this, say so.
 */
export const WORKER_WAIT_MS = 60_000;

/**
 * Connects, runs `body` with the client, closes, and maps whatever went wrong to one line and
 * an exit code. Resolves to the exit code; never throws.
 */
export async function runWithClient(
  ctx: CommandContext,
  flags: ConnectionFlags,
  body: (client: Client, config: ConnectionConfig) => Promise<number>,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let close: (() => Promise<void>) | undefined;
  try {
    const config = loadConnectionConfig(env, flags);
    const connected = await connectClient({ config });
    close = connected.close;
    return await withWorkerDeadline(body(connected.client, config), config, ctx.language);
  } catch (err) {
    return reportFailure(ctx, err);
  } finally {
    await close?.().catch(() => undefined);
  }
}

async function withWorkerDeadline<T>(work: Promise<T>, config: ConnectionConfig, language: Language): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = WORKER_WAIT_MS / 1000;
      reject(
        new CliFailure(
          language === 'vi'
            ? `kyhan: Temporal chưa trả lời sau ${seconds} giây: có worker kyhan nào đang chạy trên hàng đợi "${config.KYHAN_TASK_QUEUE}" không? Hãy chạy \`npm run worker\` (hoặc \`npm start\`) rồi chạy lại lệnh.`
            : `kyhan: Temporal gave no answer within ${seconds} s: is a kyhan worker running on task queue "${config.KYHAN_TASK_QUEUE}"? Start one with \`npm run worker\` (or \`npm start\`) and run the command again.`,
          ExitCode.unreachable,
          CliErrorType.Timeout,
        ),
      );
    }, WORKER_WAIT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Prints the failure (a line on stderr; a failure's `details` on stdout; or the JSON error on
 * stdout, with the details as its `problems`) and returns its exit code.
 */
export function reportFailure(ctx: CommandContext, err: unknown): number {
  const failure = classifyFailure(err, ctx.language);
  const details = err instanceof CliFailure ? err.details : undefined;
  if (ctx.json) ctx.printJson({ error: { type: failure.type, message: failure.message, ...(details ? { problems: details } : {}) } });
  else if (details) ctx.print(details);
  else ctx.printError(failure.message);
  return failure.exitCode;
}

const domainFailureTypes = new Set<string>(Object.values(FailureType));

/** Every error a command can meet, as `{ exitCode, type, message }`. */
export function classifyFailure(err: unknown, language: Language): { exitCode: number; type: string; message: string } {
  const vi = language === 'vi';
  if (err instanceof CliFailure) return { exitCode: err.exitCode, type: err.type, message: err.message };
  if (err instanceof ConnectionConfigError) {
    return {
      exitCode: ExitCode.badInput,
      type: CliErrorType.BadInput,
      message: vi ? `kyhan: cấu hình kết nối sai: ${err.message}` : `kyhan: bad connection setting: ${err.message}`,
    };
  }
  if (err instanceof TlsFileError) {
    return { exitCode: ExitCode.badInput, type: CliErrorType.BadInput, message: vi ? `kyhan: không đọc được tệp TLS: ${err.reason}` : `kyhan: ${err.message}` };
  }
  if (err instanceof TemporalUnreachableError) return { exitCode: ExitCode.unreachable, type: CliErrorType.Unreachable, message: unreachableLine(err, language) };
  // The workflow refused: its message is already in the plan's language and names unit,
  // cycle and reason, so it is printed as it is.
  if (err instanceof CycleUpdateRejectedError) return { exitCode: exitCodeOfFailureType(err.type), type: err.type, message: err.message };
  if (err instanceof ApprovalRejectedError) return { exitCode: ExitCode.rejected, type: err.type, message: err.message };
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type && domainFailureTypes.has(err.cause.type)) {
    return { exitCode: exitCodeOfFailureType(err.cause.type), type: err.cause.type, message: err.cause.message };
  }
  if (err instanceof WorkflowNotFoundError || (err instanceof Error && err.name === 'WorkflowNotFoundError')) {
    const workflowId = (err as WorkflowNotFoundError).workflowId;
    return { exitCode: ExitCode.notFound, type: CliErrorType.NotFound, message: cycleNotFoundLine(workflowId, language) };
  }
  if (err instanceof Error && (err.name === 'QueryNotRegisteredError' || /is not a kyhan reporting cycle/.test(err.message))) {
    return {
      exitCode: ExitCode.notFound,
      type: CliErrorType.NotFound,
      message: vi ? `kyhan: workflow này không phải một kỳ báo cáo kyhan: ${err.message}` : `kyhan: this workflow is not a kyhan reporting cycle: ${err.message}`,
    };
  }
  if (err instanceof ServiceError && /UNAVAILABLE|14 /.test(`${err.message} ${errorText(err.cause)}`)) {
    return {
      exitCode: ExitCode.unreachable,
      type: CliErrorType.Unreachable,
      message: vi ? `kyhan: mất kết nối với Temporal: ${errorText(err.cause ?? err)}` : `kyhan: lost the connection to Temporal: ${errorText(err.cause ?? err)}`,
    };
  }
  const detail = err instanceof WorkflowUpdateFailedError && err.cause ? errorText(err.cause) : errorText(err);
  return { exitCode: ExitCode.rejected, type: CliErrorType.Unexpected, message: vi ? `kyhan: lỗi: ${detail}` : `kyhan: error: ${detail}` };
}

/** An unknown unit is "not found" (4); every other refusal is "rejected" (1). */
function exitCodeOfFailureType(type: string): number {
  return type === FailureType.UnknownUnit ? ExitCode.notFound : ExitCode.rejected;
}

function cycleNotFoundLine(workflowId: string | undefined, language: Language): string {
  const parsed = workflowId ? parseCycleWorkflowId(workflowId.replace(/#shard-\d+$/, '')) : undefined;
  const id = parsed ? `${parsed.planId}/${parsed.reportTypeId}/${parsed.periodId}` : (workflowId ?? '?');
  return language === 'vi'
    ? `kyhan: không tìm thấy kỳ báo cáo "${id}"; xem các kỳ bằng \`kyhan cycle list\`.`
    : `kyhan: no reporting cycle "${id}"; see the cycles with \`kyhan cycle list\`.`;
}

/** A cycle id as typed (`<planId>/<reportTypeId>/<periodId>` or the workflow id), checked. */
export function cycleRef(arg: string, language: Language): { cycleId: string; workflowId: string } {
  const workflowId = cycleWorkflowIdOf(arg.trim());
  const parsed = parseCycleWorkflowId(workflowId);
  if (!parsed) {
    throw badInput(
      language === 'vi'
        ? `kyhan: mã kỳ báo cáo phải có dạng <kế hoạch>/<loại báo cáo>/<kỳ>, ví dụ demo/bao-cao-nhanh/2026-11-24, nhận được "${arg}"`
        : `kyhan: a cycle id has the form <plan>/<report type>/<period>, e.g. demo/bao-cao-nhanh/2026-11-24, received "${arg}"`,
    );
  }
  return { cycleId: `${parsed.planId}/${parsed.reportTypeId}/${parsed.periodId}`, workflowId };
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An instant typed on the command line: ISO 8601 with an offset (`2026-11-24T17:00:00+07:00`,
 * `…Z`), or a local date and time (`2026-11-24T17:00`, `2026-11-24 17:00`) read in `timeZone`,
 * the cycle's. Undefined when malformed.
 */
export function parseCliInstant(text: string, timeZone: string): Instant | undefined {
  const match = INSTANT.exec(text.trim());
  if (!match) return undefined;
  const [, date, hour, minute, second, offset] = match as unknown as [string, string, string, string, string | undefined, string | undefined];
  if (!isValidLocalDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return undefined;
  if (offset) {
    const zone = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
    const ms = Date.parse(`${date}T${hour}:${minute}:${second ?? '00'}${zone}`);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  return zonedToInstant(date, `${hour}:${minute}${second ? `:${second}` : ''}`, timeZone).toISOString();
}

/** `parseCliInstant`, or a `badInput` failure naming the option and the expected format. */
export function requireCliInstant(option: string, text: string, timeZone: string, language: Language): Instant {
  const instant = parseCliInstant(text, timeZone);
  if (instant !== undefined) return instant;
  throw badInput(
    language === 'vi'
      ? `kyhan: ${option} phải là thời điểm ISO 8601, ví dụ 2026-11-24T17:00 (giờ ${timeZone}) hoặc 2026-11-24T17:00:00+07:00, nhận được "${text}"`
      : `kyhan: ${option} must be an ISO 8601 moment, e.g. 2026-11-24T17:00 (${timeZone} time) or 2026-11-24T17:00:00+07:00, received "${text}"`,
  );
}

/** The local date of an instant in a zone, `YYYY-MM-DD`. */
export function localDateOf(instant: Instant, timeZone: string): string {
  return instantToZoned(new Date(instant), timeZone).date;
}

/** A cycle's progress: proves it exists (else `WorkflowNotFoundError`) and gives its language and zone. */
export async function cycleProgressOf(client: Client, workflowId: string): Promise<CycleProgress> {
  return await client.workflow.getHandle(workflowId).query(cycleProgressQuery);
}

/** Who is acting: `--by` when given, else the login name. */
export function actor(by: string | undefined): string {
  const given = by?.trim();
  if (given) return given;
  try {
    return userInfo().username || 'kyhan';
  } catch {
    return 'kyhan';
  }
}
