/** The `sendEmail` activity: renders a request and hands it to the SMTP transport. */
import { travelsOnPaper } from '../../domain/document-facts';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, type Logger } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Recipient } from '../../domain/cycle';
import { activityLogger } from '../logger';
import { deliveryFailure, DeliveryFailureType } from './delivery-failure';
import { Slots } from './slots';
import { dueEventCalendar } from './ics';
import { messageIdFor, senderDomain } from './message-id';
import { consolidationFilenames, ICS_FILENAME, renderEmail, type EmailLinks, type LateNote } from './templates';
import { unitLinkUrl } from '../../auth/unit-link';
import { reportName, sendingInstructions } from './templates/phrases';
import type { SentLedger } from './sent-ledger';
import { consolidatedReportKeys, DOCX_TYPE, PDF_TYPE, reportFileNames, reportKeyOf } from '../documents/report-files';
import { storeUri, type DocumentStore } from '../../storage/document-store';
import type { EmailKind, EmailRequest, EmailRequestOf, EmailResult } from './types';

/** What `sendEmail` reads from a transport's answer: SMTP and SMTP-pool transports both give it. */
interface SentMessageInfo {
  accepted: Array<string | Mail.Address>;
  rejected: Array<string | Mail.Address>;
}

export interface EmailActivityDeps {
  transport: Transporter<SentMessageInfo>;
  /** The From header, e.g. `Ban Dân vận <kyhan@example.org>`; its domain ends every Message-ID. */
  from: string;
  logger?: Logger;
  /** The clock for the calendar attachment's DTSTAMP. */
  now?: () => Date;
  /** Message-IDs claimed and sent: a retried or concurrent attempt does not mail them again. */
  sentLedger?: SentLedger;
  /** How long a claim in the sent ledger lasts unless renewed (default 90 s); renewed every third of it while the attempt works. */
  claimLifetimeMs?: number;
  /** SMTP transactions at once: the transport's pool size. */
  maxConnections?: number;
  /** The web app's public address and the secret that signs unit links: letters then carry links. */
  web?: { publicUrl: string; secret: string };
  /** Where the reports and lists the letters attach are stored; needed only by the letters that attach them. */
  store?: DocumentStore;
}

/** The web app's cycle page, e.g. `https://kyhan.example.org/cycles/demo%2Fchay-thu%2Fchay-thu`. */
export function cyclePageUrl(publicUrl: string, cycleId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/cycles/${encodeURIComponent(cycleId)}`;
}

/**
 * The links a message carries: a unit's letters its signed report page (only with the cycle's run,
 * which the link is bound to), every letter the cycle's page in the console.
 */
function linksFor(req: EmailRequest, web: EmailActivityDeps['web']): EmailLinks {
  if (!web) return {};
  const unit = 'unit' in req.data ? req.data.unit : undefined;
  return {
    cyclePage: cyclePageUrl(web.publicUrl, req.cycle.id),
    ...(unit && req.run ? { unitPage: unitLinkUrl(web.publicUrl, web.secret, { cycleId: req.cycle.id, unitId: unit.id, run: req.run, cutoffAt: req.cycle.cutoffAt }) } : {}),
  };
}

/** When the caller does not say: nodemailer's own default pool size. */
const DEFAULT_MAX_CONNECTIONS = 5;
/** Heartbeats while an SMTP transaction runs: well inside the activity's one-minute heartbeat timeout. */
const HEARTBEAT_EVERY_MS = 10_000;
/** How long an attempt waits for a free connection before it gives up and is retried. */
const SLOT_WAIT_MS = 60_000;
/**
 * How long a claim keeps other attempts from sending: longer than one SMTP transaction can take
 * (the transport's connection, greeting and socket timeouts bound it), so its holder has
 * certainly finished or failed by then.
 */
const CLAIM_TTL_MS = 90_000;
const CSV_TYPE = 'text/csv; charset=utf-8';
const overdueCsvFilename = { vi: 'don-vi-qua-han.csv', en: 'overdue-units.csv' } as const;
/** Mail that leaves this long after it was due says it is late. */
const LATE_AFTER_MS = 60 * 60 * 1000;

/** Kinds sent to a unit after its notice: they reference the notice so mail clients thread them. */
const threadedUnderNotice = new Set<EmailKind>(['reminder', 'overdue', 'receipt', 'extension', 'excuse', 'returned', 'cancellation']);

const toAddress = (r: Recipient): Mail.Address => ({ name: r.name, address: r.email });
const addressText = (a: string | Mail.Address): string => (typeof a === 'string' ? a : a.address);

/** An attempt's claim in the sent ledger while it prepares and sends the message. */
interface HeldClaim {
  /** Whether the claim is still this attempt's (renewed just now): asked right before sending. */
  stillHeld(): Promise<boolean>;
  /** Stops renewing; waits for a renewal under way. */
  stop(): Promise<void>;
}

/** The current activity's context, or undefined when called outside one (unit tests). */
function currentActivity(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/** A message that cannot be built will never be: a non-retryable failure, reported to staff like a refusal. */
function render(req: EmailRequest, late: LateNote | undefined, links: EmailLinks, about: { cycleId: string; kind: string; messageId: string }) {
  try {
    return renderEmail(req, late, links);
  } catch (err) {
    throw ApplicationFailure.create({
      message: `Cannot build ${about.kind} email ${about.messageId} of cycle "${about.cycleId}": ${(err as Error).message}`,
      type: 'EmailCannotBeBuilt',
      nonRetryable: true,
    });
  }
}

function transientFailure(reason: string, about: { cycleId: string; kind: string; messageId: string }): ApplicationFailure {
  return ApplicationFailure.create({
    message: `Cannot send ${about.kind} email ${about.messageId} of cycle "${about.cycleId}" now: ${reason} (transient: the activity is retried)`,
    type: DeliveryFailureType.transient,
    nonRetryable: false,
  });
}

export function createEmailActivities(deps: EmailActivityDeps) {
  const { transport, from } = deps;
  const slots = new Slots(deps.maxConnections ?? DEFAULT_MAX_CONNECTIONS, SLOT_WAIT_MS);
  const logger = deps.logger ?? activityLogger;
  const now = deps.now ?? (() => new Date());
  const domain = senderDomain(from);

  /**
   * The bytes of a document the cycle recorded (a store URI, or a host path of a cycle recorded
   * before), only from the cycle's own report folder. A document that is not there fails the
   * attempt (it is retried), as a missing file always did.
   */
  async function storedAttachment(cycleId: string, reference: string, filename: string, contentType: string): Promise<Mail.Attachment> {
    const store = deps.store;
    if (!store) throw new Error(`Cannot attach ${filename} to a letter of cycle "${cycleId}": the email activities were given no document store`);
    const key = reportKeyOf(store, cycleId, reference);
    const content = key ? await store.get(key) : undefined;
    if (!content) throw new Error(`Cannot attach ${filename} to a letter of cycle "${cycleId}": ${key ? `nothing is stored under ${key} in ${store.description}` : `${JSON.stringify(reference)} is not in the cycle's report folder`}`);
    return { filename, content, contentType };
  }

  /** The consolidated report as the letters carry it: the DOCX and its PDF; Markdown and HTML only for a report made before DOCX. */
  async function reportAttachments(req: EmailRequestOf<'consolidation' | 'approval-request' | 'approval-reminder' | 'upward-report'>): Promise<Mail.Attachment[]> {
    // A report on paper may be classified: nothing of it travels by email.
    if (travelsOnPaper(req.cycle)) return [];
    const cycleId = req.cycle.id;
    const names = consolidationFilenames[req.cycle.language];
    const keys = deps.store ? await consolidatedReportKeys(deps.store, cycleId, req.data.reportPaths) : {};
    const report: Mail.Attachment[] = keys.docx
      ? [
          await storedAttachment(cycleId, storeUri(keys.docx), reportFileNames[req.cycle.language].docx, DOCX_TYPE),
          ...(keys.pdf ? [await storedAttachment(cycleId, storeUri(keys.pdf), reportFileNames[req.cycle.language].pdf, PDF_TYPE)] : []),
        ]
      : [
          await storedAttachment(cycleId, req.data.reportPaths.markdown, names.markdown, 'text/markdown; charset=utf-8'),
          await storedAttachment(cycleId, req.data.reportPaths.html, names.html, 'text/html; charset=utf-8'),
        ];
    return [...report, ...(req.data.unitsCsv ? [await storedAttachment(cycleId, req.data.unitsCsv, names.csv, CSV_TYPE)] : [])];
  }

  async function attachmentsFor(req: EmailRequest): Promise<Mail.Attachment[]> {
    switch (req.kind) {
      case 'notice':
        return [
          {
            filename: ICS_FILENAME,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: dueEventCalendar({
              cycleId: req.cycle.id,
              dueAt: req.cycle.dueAt,
              summary: `${req.cycle.language === 'vi' ? 'Hạn nộp' : 'Due'}: ${reportName(req.cycle)}`,
              // A paper-only report's instructions are its letters' own: never the plan's email text.
              description: sendingInstructions(req.cycle),
              domain,
              createdAt: now(),
            }),
          },
        ];
      // The letters that carry the consolidated report: to staff and leaders, to the leaders again, up.
      case 'consolidation':
      case 'approval-request':
      case 'approval-reminder':
      case 'upward-report':
        return reportAttachments(req);
      case 'escalation':
        return req.data.attachment ? [await storedAttachment(req.cycle.id, req.data.attachment, overdueCsvFilename[req.cycle.language], CSV_TYPE)] : [];
      default:
        return [];
    }
  }

  /**
   * Renews `holder`'s claim every third of its lifetime until `stop` is called (which waits for a
   * renewal under way), so a slow attempt keeps what it holds. A renewal the ledger refuses means
   * another attempt took the claim over; one that fails past the claim's expiry means it may have.
   */
  function keepRenewing(ledger: SentLedger, messageId: string, holder: string, lifetimeMs: number): HeldClaim {
    let lost = false;
    // When the claim surely still lasts (on our clock): the ledger's expiry is at least this late.
    let heldUntil = now().getTime() + lifetimeMs;
    let renewing: Promise<unknown> = Promise.resolve();
    const renew = () => {
      const until = now().getTime() + lifetimeMs;
      return ledger.renew(messageId, holder, new Date(until)).then(
        (kept) => {
          if (kept) heldUntil = until;
          else if (!lost) {
            lost = true;
            logger.warn('Claim in the sent ledger lost while preparing or sending: another attempt took it over', { messageId });
          }
        },
        (err: unknown) => {
          logger.warn('Claim in the sent ledger not renewed', { messageId, error: (err as Error).message });
          if (now().getTime() >= heldUntil) lost = true;
        },
      );
    };
    const timer = setInterval(() => {
      renewing = renew();
    }, lifetimeMs / 3);
    return {
      async stillHeld() {
        await renewing;
        // Renewed once more right now: timers do not run while the event loop is stalled (a big
        // attachment rendered), so the claim may have lapsed and been taken since the last renewal.
        if (!lost) await (renewing = renew());
        return !lost;
      },
      async stop() {
        clearInterval(timer);
        await renewing;
      },
    };
  }

  /** Who this attempt is, for the ledger's claims: a plain call (a test) is its own holder. */
  function attemptId(messageId: string): string {
    const info = currentActivity()?.info;
    return info ? `${info.workflowExecution?.workflowId ?? info.workflowType}/${info.activityId}/${info.attempt}` : `${messageId}/${crypto.randomUUID()}`;
  }

  async function sendEmail(req: EmailRequest): Promise<EmailResult> {
    const messageId = messageIdFor({ cycleId: req.cycle.id, run: req.run, recipientKey: req.recipientKey, kind: req.kind, step: req.step }, domain);
    const noticeId = messageIdFor({ cycleId: req.cycle.id, run: req.run, recipientKey: req.recipientKey, kind: 'notice' }, domain);
    const recipients = [...req.to, ...(req.cc ?? [])].map((r) => r.email);
    const about = { cycleId: req.cycle.id, kind: req.kind, recipientKey: req.recipientKey, messageId };
    const activity = currentActivity();

    // Wait for a free SMTP connection here, where the wait can be abandoned, not in the pool's queue.
    const release = await slots.acquire(activity?.cancellationSignal).catch((err: unknown) => {
      throw transientFailure(`no SMTP connection free within ${SLOT_WAIT_MS / 1000} s (${String(err)})`, about);
    });
    const holder = attemptId(messageId);
    const claimLifetimeMs = deps.claimLifetimeMs ?? CLAIM_TTL_MS;
    let claimed = false;
    let held: HeldClaim | undefined;
    try {
      activity?.heartbeat();
      if (deps.sentLedger) {
        const claim = await deps.sentLedger.claim(messageId, holder, new Date(now().getTime() + claimLifetimeMs)).catch((err: unknown) => {
          // Without a claim no second attempt can be kept from sending too: hold the message.
          throw transientFailure(`the sent ledger cannot be written (${(err as Error).message})`, about);
        });
        if (claim.state === 'sent') {
          logger.info('Email already sent by an earlier attempt; not sent again', about);
          return { messageId, accepted: [], rejected: [], alreadySent: true };
        }
        if (claim.state === 'busy') throw transientFailure(`another attempt may be sending it until ${claim.until.toISOString()}`, about);
        claimed = true;
        held = keepRenewing(deps.sentLedger, messageId, holder, claimLifetimeMs);
      }
      // Temporal's clock, not ours: under time skipping the two differ by days.
      const attemptAt = activity?.info.currentAttemptScheduledTimestampMs ?? now().getTime();
      const late = req.intendedAt && attemptAt - Date.parse(req.intendedAt) >= LATE_AFTER_MS ? { intendedAt: req.intendedAt } : undefined;
      const { subject, html, text } = render(req, late, linksFor(req, deps.web), about);
      const attachments = await attachmentsFor(req);
      if (held && !(await held.stillHeld())) {
        // Another attempt holds it now and may be sending: this one must not, nor give up a claim that is not its own.
        claimed = false;
        throw transientFailure('its claim in the sent ledger lapsed while this attempt prepared it and another attempt may hold it now', about);
      }
      let info: SentMessageInfo;
      const beating = activity ? setInterval(() => activity.heartbeat(), HEARTBEAT_EVERY_MS) : undefined;
      try {
        info = await transport.sendMail({
          from,
          to: req.to.map(toAddress),
          cc: req.cc?.map(toAddress),
          subject,
          text,
          html,
          messageId,
          ...(threadedUnderNotice.has(req.kind) ? { inReplyTo: noticeId, references: [noticeId] } : {}),
          headers: { 'X-Kyhan-Cycle': req.cycle.id, 'X-Kyhan-Kind': req.kind, ...(late ? { 'X-Kyhan-Late': 'true' } : {}) },
          attachments,
        });
      } catch (error) {
        const failure = deliveryFailure(error, { ...about, recipients });
        logger.warn('Email not sent', { ...about, failureType: failure.type, error: failure.message });
        throw failure;
      } finally {
        clearInterval(beating);
      }
      claimed = false;
      await held?.stop();
      // The server has the message: a ledger that cannot be written now must not make a retry send it again.
      await deps.sentLedger?.markSent(messageId).catch((err: unknown) => {
        logger.warn('Email sent, but the sent ledger could not record it', { ...about, error: (err as Error).message });
      });
      const result: EmailResult = { messageId, accepted: info.accepted.map(addressText), rejected: info.rejected.map(addressText) };
      if (result.rejected.length) {
        // The message went to the others; retrying would send it to them twice. The caller sees `rejected`.
        logger.warn('Email sent, but some recipients were refused', { ...about, rejected: result.rejected });
      } else {
        logger.info('Email sent', { ...about, accepted: result.accepted.length, ...(late ? { late: true } : {}) });
      }
      return result;
    } finally {
      // No renewal may land after the claim is given up: it would hold the next attempt off.
      await held?.stop();
      if (claimed) await deps.sentLedger?.release(messageId, holder).catch(() => undefined);
      release();
    }
  }

  return { sendEmail };
}
