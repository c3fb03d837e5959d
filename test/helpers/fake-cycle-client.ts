/**
 * A Temporal client stand-in for the web app's route tests: one cycle of one shard whose units
 * follow the real unit rule (`UnitBook` of domain/units.ts: checks as the Update validator
 * does, then applies), answering exactly the calls the unit door makes — describe (run id and
 * memo), the first history event (the cycle's header), the shard's status query and the submit
 * Update. A refused Update fails as Temporal's does (WorkflowUpdateFailedError around an
 * ApplicationFailure carrying the rejection). Not a workflow engine: no timers, no mail.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import type { CycleHeader } from '../../workflows/messages';
import type { CycleClosure } from '../../domain/rejections';
import { UnitBook, type SubmitRequest } from '../../domain/units';
import { cycleWorkflowIdOf, shardWorkflowId, type ShardStatus } from '../../workflows/messages';

export interface FakeCycleOptions {
  cycleId: string;
  runId: string;
  language?: 'vi' | 'en';
  dueAt: string;
  cutoffAt: string;
  units: { id: string; name: string }[];
  now: () => Date;
}

export function fakeCycleClient(options: FakeCycleOptions) {
  const workflowId = cycleWorkflowIdOf(options.cycleId);
  const [planId, reportTypeId, periodId] = options.cycleId.split('/') as [string, string, string];
  const language = options.language ?? 'vi';
  const header = {
    id: options.cycleId,
    planId,
    language,
    timeZone: 'Asia/Ho_Chi_Minh',
    issuer: { name: 'Ban Dân vận (thử nghiệm)', documentNumber: '01-KH/TEST' },
    reportType: { id: reportTypeId, title: language === 'vi' ? 'Báo cáo nhanh' : 'Quick report' },
    period: { id: periodId, label: language === 'vi' ? 'Kỳ thử nghiệm' : 'Test period' },
    opensAt: options.dueAt,
    dueAt: options.dueAt,
    cutoffAt: options.cutoffAt,
    reminders: [],
    escalations: [],
  } as unknown as CycleHeader;
  const ctx = { cycleId: options.cycleId, language, timeZone: header.timeZone, cutoffAt: options.cutoffAt };
  const book = UnitBook.fresh(
    options.units.map((u) => u.id),
    options.dueAt,
    ctx,
  );
  let closed: CycleClosure | undefined;
  const submits: SubmitRequest[] = [];

  const shard = {
    async query(): Promise<ShardStatus> {
      return {
        cycleId: options.cycleId,
        shard: 0,
        generation: 0,
        outbox: 0,
        ...(closed ? { closed } : {}),
        units: book.statuses(
          options.units.map((u) => ({ ...u, to: [] })),
          options.now().getTime(),
        ),
      };
    },
    async executeUpdate(_update: unknown, { args: [request] }: { args: [SubmitRequest] }) {
      const rejection = book.check('submit', request, options.now().getTime());
      if (rejection) throw new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type: rejection.type, message: rejection.message, nonRetryable: true }));
      submits.push(request);
      const result = book.submit(request, options.now().toISOString());
      return { cycleId: options.cycleId, unitId: request.unitId, submittedAt: result.submission.at, dueAt: result.dueAt, onTime: result.submission.onTime, revision: result.submission.revision, duplicate: !result.changed };
    },
  };

  const client = {
    options: { namespace: 'default', loadedDataConverter: loadDataConverter() },
    workflow: {
      getHandle(id: string) {
        if (id === workflowId) return { describe: async () => ({ runId: options.runId, memo: { shardCount: 1, unitCount: options.units.length } }) };
        if (id === shardWorkflowId(workflowId, 0)) return shard;
        return {
          describe: async () => {
            throw new WorkflowNotFoundError('not found', id, undefined);
          },
          query: async () => {
            throw new WorkflowNotFoundError('not found', id, undefined);
          },
        };
      },
    },
    workflowService: {
      async getWorkflowExecutionHistory() {
        return { history: { events: [{ workflowExecutionStartedEventAttributes: { input: { payloads: [defaultPayloadConverter.toPayload({ cycle: header, unitCount: options.units.length, shardCount: 1 })] } } }] } };
      },
    },
  } as unknown as Client;

  return {
    client,
    header,
    book,
    submits,
    close(closure: CycleClosure) {
      closed = closure;
      book.close(closure);
    },
  };
}
