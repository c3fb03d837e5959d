/**
 * Saves the histories of a test's cycle as replay fixtures. Off unless
 * `KYHAN_RECORD_HISTORIES=<dir>` is set (`npm run test:replay:record` sets it): then each
 * workflow test calls `recordHistories` at its end, and every run of the cycle and of each of
 * its shards is written to `<dir>/<test>--<workflow>[--run-<n>].json`: the workflow and run
 * ids and the history in the JSON form of `temporal workflow show -o json`. Campaign tests call
 * `recordCampaignHistories`: every run of the campaign workflow, as `<dir>/campaign-<test>[--run-<n>].json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import type { CycleSpec } from '../../domain/cycle';
import { campaignWorkflowId, cycleWorkflowId } from '../../workflows/messages';

export const RECORD_HISTORIES_ENV = 'KYHAN_RECORD_HISTORIES';

// The SDK's `historyToJSON`/`historyFromJSON` (`@temporalio/common/lib/proto-utils`) throw
// "type must be a Type" in this install: `@temporalio/common` and `@temporalio/proto` each get
// their own copy of protobufjs 8 (a protobufjs 7 is hoisted for grpc), and protojson checks
// `instanceof Type` against its own copy. These two do the same with the copy that built the
// proto types, found from `@temporalio/proto` itself, so they work whatever the layout.
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): unknown;
}
const protojson = createRequire(createRequire(import.meta.url).resolve('@temporalio/proto'))('protobufjs/ext/protojson') as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

/** A history as proto3 JSON, the form of `temporal workflow show -o json` (and of the SDK's `historyToJSON`). */
export function historyToJson(history: History): RecordedRunJson['history'] {
  return protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)) as RecordedRunJson['history'];
}

/** The inverse of `historyToJson`: a History that `Worker.runReplayHistories` takes as it is. */
export function historyFromJson(json: unknown): History {
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}

/**
 * A fixture file: one run's history with the ids replay needs. The workflow id is part of
 * what the code does (a cycle derives its shards' ids from its own), so a replay under any
 * other id would report nondeterminism that is not there.
 */
export interface RecordedRunJson {
  workflowId: string;
  runId: string;
  /** Proto3 JSON, as `temporal workflow show -o json` prints it. */
  history: { events: Record<string, unknown>[] };
}

export function recordedRunToJson(run: RecordedRun): string {
  const file: RecordedRunJson = { workflowId: run.workflowId, runId: run.runId, history: historyToJson(run.history) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** One run of one workflow, as fetched from the server. */
export interface RecordedRun {
  workflowId: string;
  runId: string;
  history: History;
}

/**
 * Every run of `workflowId` from `firstRunId` on: a shard that continued as new ends its run
 * with `WorkflowExecutionContinuedAsNew`, whose `newExecutionRunId` names the next run.
 */
export async function fetchRuns(client: Client, workflowId: string, firstRunId: string): Promise<RecordedRun[]> {
  const runs: RecordedRun[] = [];
  for (let runId: string | undefined = firstRunId; runId; ) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push({ workflowId, runId, history });
    const events = history.events ?? [];
    runId = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/**
 * Every run of a cycle's workflows: the cycle itself, then each shard it started (the cycle's
 * history names each child's first run), each followed through its continue-as-new chain.
 */
export async function fetchCycleRuns(client: Client, workflowId: string): Promise<RecordedRun[]> {
  const { runId } = await client.workflow.getHandle(workflowId).describe();
  const cycleRuns = await fetchRuns(client, workflowId, runId);
  const runs = [...cycleRuns];
  for (const { history } of cycleRuns) {
    for (const event of history.events ?? []) {
      const child = event.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
      if (child?.workflowId && child.runId) runs.push(...(await fetchRuns(client, child.workflowId, child.runId)));
    }
  }
  return runs;
}

/** `kyhan-cycle:test-plan/monthly/late-3f2a#shard-1` → `shard-1`; the cycle itself → `cycle`. */
function roleOf(workflowId: string): string {
  const shard = /#(shard-\d+)$/.exec(workflowId);
  return shard ? shard[1]! : 'cycle';
}

/**
 * When recording is on, writes every run of the cycle of `spec` to the fixture directory, named
 * after `testName` (kebab-case, unique per test). Call it at the end of the test, once the
 * cycle has done what the test checks; a cycle still running is recorded as far as it got.
 */
export async function recordHistories(h: { env: { client: Client } }, spec: CycleSpec, testName: string): Promise<void> {
  const dir = process.env[RECORD_HISTORIES_ENV];
  if (!dir) return;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(testName)) throw new Error(`recordHistories: test name must be kebab-case, received "${testName}"`);
  const runs = await fetchCycleRuns(h.env.client, cycleWorkflowId(spec.planId, spec.reportType.id, spec.period.id));
  await mkdir(dir, { recursive: true });
  const seen = new Map<string, number>();
  for (const run of runs) {
    const role = roleOf(run.workflowId);
    const index = (seen.get(role) ?? 0) + 1;
    seen.set(role, index);
    const chainLength = runs.filter((r) => r.workflowId === run.workflowId).length;
    const file = chainLength > 1 ? `${testName}--${role}--run-${index}.json` : `${testName}--${role}.json`;
    await writeFile(join(dir, file), recordedRunToJson(run));
  }
}

/**
 * Every run of a campaign (`kyhan-plan:<planId>`), first to last: from the latest run, back
 * through `continuedExecutionRunId` to the first, then forward through its continue-as-new chain.
 * Only the campaign's own runs: the cycles it opened are recorded by the cycle tests.
 */
export async function fetchCampaignRuns(client: Client, planId: string): Promise<RecordedRun[]> {
  const workflowId = campaignWorkflowId(planId);
  let { runId: firstRunId } = await client.workflow.getHandle(workflowId).describe();
  for (;;) {
    const history: History = await client.workflow.getHandle(workflowId, firstRunId).fetchHistory();
    const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!previous) break;
    firstRunId = previous;
  }
  return await fetchRuns(client, workflowId, firstRunId);
}

/**
 * When recording is on, writes every run of the campaign of `planId` to the fixture directory
 * as `campaign-<test>[--run-<n>].json`. Call it once the campaign has ended (or done what the
 * test checks: a running campaign is recorded as far as it got).
 */
export async function recordCampaignHistories(h: { env: { client: Client } }, planId: string, testName: string): Promise<void> {
  const dir = process.env[RECORD_HISTORIES_ENV];
  if (!dir) return;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(testName)) throw new Error(`recordCampaignHistories: test name must be kebab-case, received "${testName}"`);
  const runs = await fetchCampaignRuns(h.env.client, planId);
  await mkdir(dir, { recursive: true });
  for (const [index, run] of runs.entries()) {
    const file = runs.length > 1 ? `campaign-${testName}--run-${index + 1}.json` : `campaign-${testName}.json`;
    await writeFile(join(dir, file), recordedRunToJson(run));
  }
}
