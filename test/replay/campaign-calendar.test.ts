/**
 * The campaign's recorded histories replay whatever the business calendar's data says by then.
 *
 * `domain/calendar/vn-decisions.ts` is edited every year, when the official days off are
 * announced, while campaigns run for a year or more. A campaign that computed its schedule
 * inside the workflow would, after such an edit, replay its history with other opening
 * moments (other timers, another cycle opened first): a nondeterminism error for every running
 * campaign. The campaign takes its timeline from an activity instead, whose result is in the
 * history. This file checks both halves with a calendar whose data is very different
 * (`changed-calendar/vn-decisions.ts`: every Monday off):
 *
 * 1. the calendar change matters: with it, the schedule of each recorded campaign's plan
 *    differs from the timeline the history recorded, so a workflow deciding from the
 *    schedule would not replay these histories;
 * 2. every recorded campaign replays without error on a workflow bundle built with the changed
 *    data in place of the real one (if a workflow ever imports the calendar again, it gets
 *    the changed data, and a decision taken from it shows up here as nondeterminism).
 *
 * See test/replay/README.md.
 */
import '../helpers/quiet-runtime';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleWorkflowCode, Worker, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';
import type { Plan } from '../../domain/plan/schema';
import { computeSchedule } from '../../domain/schedule';
import type { CampaignInput, CampaignStatus, CampaignTimelineCycle } from '../../workflows/messages';
import { WORKFLOWS_PATH } from '../../workers/worker';
import { quietBundlerLogger } from '../helpers/quiet-bundler-logger';
import { historyFromJson, type RecordedRunJson } from '../helpers/record-histories';

// In this file's Node code (computeSchedule above), the calendar has the changed data.
vi.mock('../../domain/calendar/vn-decisions', () => import('./changed-calendar/vn-decisions'));

const HISTORIES_DIR = join(import.meta.dirname, 'histories');
const REAL_CALENDAR = join(import.meta.dirname, '..', '..', 'domain', 'calendar', 'vn-decisions');
const CHANGED_CALENDAR = join(import.meta.dirname, 'changed-calendar', 'vn-decisions.ts');

type Event = RecordedRunJson['history']['events'][number];
interface Payload {
  data?: string;
}

const campaignFixtures = readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' })
  .filter((name) => /(^|[\\/])campaign-[^\\/]*\.json$/.test(name))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')) as RecordedRunJson) }));

function decode<T>(payload: Payload | undefined): T {
  return JSON.parse(Buffer.from(payload?.data ?? '', 'base64').toString('utf8')) as T;
}

function attributes<T>(event: Event | undefined, key: string): T | undefined {
  return event?.[key] as T | undefined;
}

/** What a recorded first run of a campaign holds: its plan, when it started, the timeline it was given, the cycles it opened. */
function recordedCampaign(events: Event[]) {
  const started = attributes<{ input?: { payloads?: Payload[] } }>(events[0], 'workflowExecutionStartedEventAttributes');
  const input = decode<CampaignInput>(started?.input?.payloads?.[0]);
  if (input.carried) return undefined; // a later run: its timeline came with its input
  const marker = events
    .map((e) => attributes<{ details?: Record<string, { payloads?: Payload[] }> }>(e, 'markerRecordedEventAttributes'))
    .find((m) => m?.details?.data && decode<{ activity_type?: string }>(m.details.data.payloads?.[0]).activity_type === 'computeCampaignTimeline');
  const completed = attributes<{ result?: { payloads?: Payload[] } }>(events.at(-1), 'workflowExecutionCompletedEventAttributes');
  const startedAt = input.startedAt ?? (completed ? decode<CampaignStatus>(completed.result?.payloads?.[0]).startedAt : undefined);
  if (!marker || !startedAt) return undefined;
  const opened = events
    .map((e) => attributes<{ activityType?: { name?: string }; input?: { payloads?: Payload[] } }>(e, 'activityTaskScheduledEventAttributes'))
    .filter((a) => a?.activityType?.name === 'openCycle')
    .map((a) => decode<{ cycleId: string }>(a!.input?.payloads?.[0]).cycleId);
  return { plan: input.plan as Plan, startedAt, timeline: decode<CampaignTimelineCycle[]>(marker.details!.result?.payloads?.[0]), opened };
}

/** The workflow bundle as production builds it, but with the changed calendar data in place of the real one. */
const withChangedCalendar: BundleOptions['webpackConfigHook'] = (config) => ({
  ...config,
  resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), [`${REAL_CALENDAR}$`]: CHANGED_CALENDAR } },
});

let bundle: WorkflowBundle;
beforeAll(async () => {
  bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger, webpackConfigHook: withChangedCalendar });
}, 120_000);

describe('recorded campaigns, with the calendar data changed', () => {
  it('include a started campaign that opened cycles, a replaced plan and a stopped campaign', () => {
    const names = campaignFixtures.map((f) => f.file);
    expect(names).toEqual(expect.arrayContaining(['campaign-opens-every-cycle.json', 'campaign-replaced.json', 'campaign-stopped.json']));
  });

  it('the change matters: the schedule of each recorded plan now differs from the timeline its history recorded', () => {
    const campaigns = campaignFixtures.map((f) => ({ file: f.file, campaign: recordedCampaign(f.history.events) })).filter((c) => c.campaign);
    expect(campaigns.length).toBeGreaterThanOrEqual(3);
    for (const { file, campaign } of campaigns) {
      const { plan, startedAt, timeline, opened } = campaign!;
      expect(opened.length, `${file} opened cycles`).toBeGreaterThan(0);
      const now = computeSchedule(plan, { startedAt: Date.parse(startedAt) });
      const openingOf = new Map(now.map((c) => [c.id, c.opensAt]));
      // Among the cycles the history opened, some would open at another moment (or not exist).
      const moved = opened.filter((id) => openingOf.get(id) !== timeline.find((c) => c.id === id)?.opensAt);
      expect(moved.length, `${file}: cycles that would open at another moment`).toBeGreaterThan(0);
    }
  });

  it('all replay on a workflow bundle built with the changed calendar data', async () => {
    // If a workflow imported the calendar, it must get the changed data, not the real one.
    expect(bundle.code).not.toContain('Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 05/01/2019)');
    expect(campaignFixtures.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let index = 0;
    const results = Worker.runReplayHistories(
      { workflowBundle: bundle, replayName: 'kyhan-replay-changed-calendar' },
      campaignFixtures.map(({ workflowId, history }) => ({ workflowId, history: historyFromJson(history) })),
    );
    for await (const result of results) {
      if (result.error) failures.push(`${campaignFixtures[index]!.file}: ${result.error.name}: ${result.error.message}`);
      index++;
    }
    expect(index).toBe(campaignFixtures.length);
    expect(failures).toEqual([]);
  });
});
