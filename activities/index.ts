/**
 * Every activity of the reporting-cycle workflow, built from injected dependencies so the
 * worker wires real ones and tests wire a local SMTP server and a temporary directory.
 */
import type { Client } from '@temporalio/client';
import type { Logger } from '@temporalio/common';
import { createCampaignActivities } from './campaign/campaign-activities';
import { createCycleActivities } from './cycle/cycle-activities';
import { createDocumentActivities } from './documents/consolidation';
import { createEmailActivities, type EmailActivityDeps } from './email/send-email';
import { fileSentLedger, type SentLedger } from './email/sent-ledger';
import type { DocumentStore } from '../storage/document-store';
import { fileDocumentStore } from '../storage/document-store-files';

export interface ActivityDeps {
  transport: EmailActivityDeps['transport'];
  /** The From header, e.g. `Ban Dân vận <kyhan@example.org>`. */
  from: string;
  /** This worker's state directory (the sent ledger's files; the documents' too, without `documentStore`). */
  stateDir: string;
  /** Where submissions, consolidation parts and reports are kept, shared by all workers; default: files under `stateDir`. */
  documentStore?: DocumentStore;
  /** Who sent what, shared by all workers; default: files under `stateDir` (workers/kyhan-state.ts picks). */
  sentLedger?: SentLedger;
  /** Client of the Temporal cluster the worker serves: the cycle activities read its shards. */
  temporal: Client;
  logger?: Logger;
  /** The transport's pool size: email activities never queue more SMTP transactions than this. */
  smtpConnections?: number;
  /** The web app's public address and link secret: letters then carry links to it. */
  web?: EmailActivityDeps['web'];
}

export function createActivities(deps: ActivityDeps) {
  const store = deps.documentStore ?? fileDocumentStore(deps.stateDir);
  const email = createEmailActivities({ transport: deps.transport, from: deps.from, logger: deps.logger, sentLedger: deps.sentLedger ?? fileSentLedger(deps.stateDir), maxConnections: deps.smtpConnections, web: deps.web, store });
  const documents = createDocumentActivities({ store, logger: deps.logger });
  return {
    ...email,
    ...documents,
    ...createCycleActivities({ temporal: deps.temporal, email, documents, store }),
    ...createCampaignActivities({ temporal: deps.temporal }),
  };
}

/** The activity interface, for `proxyActivities<Activities>()` in workflows (import as a type). */
export type Activities = ReturnType<typeof createActivities>;

export type {
  CycleEmailContext,
  EmailDataByKind,
  EmailKind,
  EmailRequest,
  EmailRequestOf,
  EmailResult,
  FailedDelivery,
  OverdueUnit,
  SteppedEmailKind,
  UnitRef,
} from './email/types';
export { DeliveryFailureType, type DeliveryFailureDetails, type RefusedAddress } from './email/delivery-failure';
export type { EmailActivityDeps } from './email/send-email';
export type { AssembleConsolidationInput, AssembledConsolidation, ConsolidationCycle, ConsolidationPart } from './documents/consolidation';
export type { ConsolidationCounts, ConsolidationReportPaths, ConsolidationUnitRow, UnitReportState } from './documents/types';
export { createDocumentActivities } from './documents/consolidation';
export { createEmailActivities } from './email/send-email';
