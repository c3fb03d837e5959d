/**
 * Sorting SMTP errors into "retry later" and "will never succeed". Temporal retries an activity
 * with backoff until its retry policy gives up, unless the failure is non-retryable: a refused
 * mailbox must stop the retries at once so the workflow can tell staff, while a busy or
 * unreachable server must be retried.
 */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../../domain/failures';

export const DeliveryFailureType = {
  /** The server refused the message or every recipient with a 5xx reply: retrying cannot help. */
  permanent: FailureType.PermanentDeliveryFailure,
  /** A 4xx reply, or the server could not be reached or dropped the connection: retried with backoff. */
  transient: 'TransientDeliveryFailure',
} as const;

export interface RefusedAddress {
  address: string;
  responseCode?: number;
  /** The server's reply, e.g. `550 5.1.1 <x@example.org>: Unknown mailbox`. */
  response: string;
}

/** `details[0]` of a delivery failure: which message, which addresses, what the server said. */
export interface DeliveryFailureDetails {
  cycleId: string;
  kind: string;
  recipientKey: string;
  messageId: string;
  refused: RefusedAddress[];
}

/** The fields nodemailer sets on the errors it raises. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  recipient?: string;
  rejectedErrors?: SmtpError[];
}

const isPermanentCode = (code: number | undefined): boolean => code !== undefined && code >= 500 && code < 600;

function refusedAddresses(error: SmtpError, recipients: string[]): RefusedAddress[] {
  const reply = (e: SmtpError) => ({ ...(e.responseCode ? { responseCode: e.responseCode } : {}), response: e.response ?? e.message });
  if (error.rejectedErrors?.length) {
    return error.rejectedErrors.map((e) => ({ address: e.recipient ?? '', ...reply(e) }));
  }
  // Refused at MAIL FROM or DATA: the whole message failed, for every recipient.
  return recipients.map((address) => ({ address, ...reply(error) }));
}

/**
 * Permanent when the server answered 5xx: at MAIL FROM or DATA, or to every recipient; and when
 * nodemailer itself refuses the envelope (no or malformed addresses). A 5xx on authentication is
 * the exception: a wrong password is fixed by the operator, after which the retries deliver.
 * Everything else (4xx, refused or reset connections, timeouts, DNS) is transient.
 */
export function isPermanentSmtpError(error: SmtpError): boolean {
  if (error.code === 'EAUTH') return false;
  // An attachment file that is gone (a report deleted from the state directory) will not come back.
  if (error.code === 'ENOENT') return true;
  if (error.code === 'EENVELOPE' && error.command === 'API') return true;
  if (error.rejectedErrors?.length) return error.rejectedErrors.every((e) => isPermanentCode(e.responseCode));
  return isPermanentCode(error.responseCode);
}

/** The failure to throw from the activity for an error raised by `sendMail`. */
export function deliveryFailure(error: unknown, context: Omit<DeliveryFailureDetails, 'refused'> & { recipients: string[] }): ApplicationFailure {
  const smtpError: SmtpError = error instanceof Error ? error : new Error(String(error));
  const { recipients, ...about } = context;
  const refused = refusedAddresses(smtpError, recipients);
  const details: DeliveryFailureDetails = { ...about, refused };
  const reason = smtpError.response ?? smtpError.message;
  if (isPermanentSmtpError(smtpError)) {
    const addresses = refused.map((r) => r.address).join(', ');
    return ApplicationFailure.create({
      message: `Cannot deliver ${about.kind} email for cycle "${about.cycleId}" to ${addresses}: the server refused it for good (${reason})`,
      type: DeliveryFailureType.permanent,
      nonRetryable: true,
      details: [details],
      cause: smtpError,
    });
  }
  return ApplicationFailure.create({
    message: `Cannot deliver ${about.kind} email for cycle "${about.cycleId}" to ${recipients.join(', ')} now: ${smtpError.code ? `${smtpError.code} ` : ''}${reason} (transient: the activity is retried)`,
    type: DeliveryFailureType.transient,
    nonRetryable: false,
    details: [details],
    cause: smtpError,
  });
}
