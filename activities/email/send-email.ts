/** The `sendEmail` activity: renders a request and hands it to the SMTP transport. */
import type { Logger } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Recipient } from '../../domain/cycle';
import { activityLogger } from '../logger';
import { deliveryFailure } from './delivery-failure';
import { dueEventCalendar } from './ics';
import { messageIdFor, senderDomain } from './message-id';
import { consolidationFilenames, ICS_FILENAME, renderEmail } from './templates';
import { reportName } from './templates/phrases';
import type { SentLedger } from './sent-ledger';
import type { EmailKind, EmailRequest, EmailResult } from './types';

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
  /** Message-IDs already sent: a retried activity does not mail them again. */
  sentLedger?: SentLedger;
}

/** Kinds sent to a unit after its notice: they reference the notice so mail clients thread them. */
const threadedUnderNotice = new Set<EmailKind>(['reminder', 'overdue', 'receipt', 'extension', 'excuse', 'returned', 'cancellation']);

const toAddress = (r: Recipient): Mail.Address => ({ name: r.name, address: r.email });
const addressText = (a: string | Mail.Address): string => (typeof a === 'string' ? a : a.address);

export function createEmailActivities(deps: EmailActivityDeps) {
  const { transport, from } = deps;
  const logger = deps.logger ?? activityLogger;
  const now = deps.now ?? (() => new Date());
  const domain = senderDomain(from);

  function attachmentsFor(req: EmailRequest): Mail.Attachment[] {
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
              description: req.cycle.submissionInstructions,
              domain,
              createdAt: now(),
            }),
          },
        ];
      case 'consolidation': {
        const names = consolidationFilenames[req.cycle.language];
        return [
          { filename: names.markdown, path: req.data.reportPaths.markdown, contentType: 'text/markdown; charset=utf-8' },
          { filename: names.html, path: req.data.reportPaths.html, contentType: 'text/html; charset=utf-8' },
        ];
      }
      default:
        return [];
    }
  }

  async function sendEmail(req: EmailRequest): Promise<EmailResult> {
    const messageId = messageIdFor({ cycleId: req.cycle.id, recipientKey: req.recipientKey, kind: req.kind, step: req.step }, domain);
    const noticeId = messageIdFor({ cycleId: req.cycle.id, recipientKey: req.recipientKey, kind: 'notice' }, domain);
    const { subject, html, text } = renderEmail(req);
    const recipients = [...req.to, ...(req.cc ?? [])].map((r) => r.email);
    const about = { cycleId: req.cycle.id, kind: req.kind, recipientKey: req.recipientKey, messageId };
    if (await deps.sentLedger?.has(messageId)) {
      logger.info('Email already sent by an earlier attempt; not sent again', about);
      return { messageId, accepted: [], rejected: [], alreadySent: true };
    }
    try {
      const info = await transport.sendMail({
        from,
        to: req.to.map(toAddress),
        cc: req.cc?.map(toAddress),
        subject,
        text,
        html,
        messageId,
        ...(threadedUnderNotice.has(req.kind) ? { inReplyTo: noticeId, references: [noticeId] } : {}),
        headers: { 'X-Kyhan-Cycle': req.cycle.id, 'X-Kyhan-Kind': req.kind },
        attachments: attachmentsFor(req),
      });
      const result: EmailResult = { messageId, accepted: info.accepted.map(addressText), rejected: info.rejected.map(addressText) };
      await deps.sentLedger?.record(messageId);
      if (result.rejected.length) {
        // The message went to the others; retrying would send it to them twice. The caller sees `rejected`.
        logger.warn('Email sent, but some recipients were refused', { ...about, rejected: result.rejected });
      } else {
        logger.info('Email sent', { ...about, accepted: result.accepted.length });
      }
      return result;
    } catch (error) {
      const failure = deliveryFailure(error, { ...about, recipients });
      logger.warn('Email not sent', { ...about, failureType: failure.type, error: failure.message });
      throw failure;
    }
  }

  return { sendEmail };
}
