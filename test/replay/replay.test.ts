/**
 * Replays every recorded history (`test/replay/histories/**.json`) against the current
 * workflow code. A cycle runs for weeks: a worker with new code picks up cycles started by the
 * old one and replays their histories, so code that no longer produces the same commands for
 * a recorded history would break running cycles. See `test/replay/README.md`.
 */
import '../helpers/quiet-runtime';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { WORKFLOWS_PATH } from '../../workers/worker';
import { historyFromJson, type RecordedRunJson } from '../helpers/record-histories';
import { quietBundlerLogger } from '../helpers/quiet-bundler-logger';

const HISTORIES_DIR = join(import.meta.dirname, 'histories');

interface Fixture extends RecordedRunJson {
  file: string;
}

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function loadFixture(path: string): Fixture {
  return { file: relative(HISTORIES_DIR, path), ...(JSON.parse(readFileSync(path, 'utf8')) as RecordedRunJson) };
}

/** Replays `fixtures` on one replay worker; returns the file and error of each that failed. */
async function replay(bundle: WorkflowBundle, fixtures: Fixture[]): Promise<{ file: string; error: Error }[]> {
  const failures: { file: string; error: Error }[] = [];
  // One at a time, in order, so the n-th result belongs to the n-th fixture.
  const results = Worker.runReplayHistories(
    { workflowBundle: bundle, replayName: 'kyhan-replay' },
    fixtures.map(({ workflowId, history }) => ({ workflowId, history: historyFromJson(history) })),
  );
  let index = 0;
  for await (const result of results) {
    if (result.error) failures.push({ file: fixtures[index]!.file, error: result.error });
    index++;
  }
  expect(index, 'every fixture was replayed').toBe(fixtures.length);
  return failures;
}

let bundle: WorkflowBundle;
const fixtures = fixtureFiles(HISTORIES_DIR).map(loadFixture);

beforeAll(async () => {
  // Bundled once for the file, as a production worker loads a pre-built bundle.
  bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}, 120_000);

describe('recorded histories', () => {
  it('include a cycle and its shards, and campaigns, one run per file', () => {
    const types = new Set(fixtures.map((f) => (f.history.events[0]?.workflowExecutionStartedEventAttributes as { workflowType?: { name?: string } } | undefined)?.workflowType?.name));
    expect([...types]).toEqual(expect.arrayContaining(['reportingCycle', 'cycleShard', 'campaign']));
  });

  it("come from every folder: the current code's and each patch's before-<patch>/", () => {
    const folders = readdirSync(HISTORIES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders).toEqual(expect.arrayContaining(['before-cycle-outbox', 'before-leader-approval']));
    for (const folder of ['.', ...folders]) {
      expect(fixtures.filter((f) => dirname(f.file) === folder).length, `fixtures in ${folder}`).toBeGreaterThan(0);
    }
  });

  it('all replay against the current workflow code without nondeterminism', async () => {
    const failures = await replay(bundle, fixtures);
    expect(failures.map(({ file, error }) => `${file}: ${error.name}: ${error.message}`)).toEqual([]);
  });

  it('would catch a change that breaks running cycles: a history whose first activity differs fails to replay', async () => {
    const original = fixtures.find((f) => f.file === 'on-time--cycle.json') ?? fixtures.find((f) => f.history.events.some((e) => e.activityTaskScheduledEventAttributes));
    expect(original).toBeDefined();
    // As if the workflow code now scheduled a different activity where it scheduled this one.
    const history = structuredClone(original!.history);
    const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes)!.activityTaskScheduledEventAttributes as { activityType: { name: string } };
    scheduled.activityType.name = `${scheduled.activityType.name}Renamed`;

    const failures = await replay(bundle, [{ ...original!, file: `${original!.file} (mutated)`, history }]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.file).toBe(`${original!.file} (mutated)`);
    expect(failures[0]!.error).toBeInstanceOf(DeterminismViolationError);
    expect(failures[0]!.error.message).toContain(`${scheduled.activityType.name}`);
  });
});
