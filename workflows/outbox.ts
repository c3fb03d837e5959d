/**
 * The one delivery road for kyhan's email: every message a workflow owes somebody waits in an
 * outbox that lives in workflow state, leaves through the `sendEmail` activity under one
 * failure policy, and is taken out only when that activity has finished. A crash, a restart or
 * a continue-as-new (only with nothing in flight) therefore neither loses nor repeats a message.
 *
 * The policy: a transient failure (4xx, refused connection, timeout) is retried, at most every
 * 30 minutes, for up to a week; a permanent one (5xx), or a week of transient ones, is handed
 * to `onRefused` per refused address, and the other recipients still get their message.
 * Nothing here throws: no email problem ever fails a cycle.
 */
import { ActivityFailure, ApplicationFailure, condition, log, proxyActivities } from '@temporalio/workflow';
import type { Activities, DeliveryFailureDetails, EmailRequest, EmailResult, RefusedAddress } from '../activities';
import type { Instant } from '../domain/cycle';
import { FailureType } from '../domain/failures';

/**
 * `startToCloseTimeout` covers a wait for a free SMTP connection plus one SMTP transaction,
 * both bounded inside the activity well below it, so an attempt that timed out is no longer
 * sending when its retry starts. The heartbeat lets a retry start soon after a worker dies.
 */
const { sendEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  // A message still refused after a week is given up and reported to staff as undelivered,
  // so one address that answers 4xx for ever cannot keep its shard and cycle open for ever.
  scheduleToCloseTimeout: '7 days',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    // Capped, and no maximum number of attempts within the week: held mail goes out once the server is back.
    maximumInterval: '30 minutes',
    nonRetryableErrorTypes: [FailureType.PermanentDeliveryFailure],
  },
});

/** Messages in flight at once per workflow: well under Temporal's 2,000 pending activities. */
export const MAX_EMAILS_IN_FLIGHT = 50;
/** Mail whose attempts failed for this long was "held" by the SMTP server: staff are told. */
export const HELD_MAIL_AFTER_MS = 60 * 60 * 1000;

/** What every outbox item carries besides its own data. */
export interface QueuedItem {
  /** When it entered the outbox (workflow time); absent on items queued before this field existed. */
  queuedAt?: Instant;
}

/** Stamps an item with the moment it entered the outbox. */
export const queued = <T extends object>(item: T, at: Instant): T & QueuedItem => ({ ...item, queuedAt: at });

export interface OutboxHandlers<Item extends QueuedItem> {
  /**
   * The request to send for an item; called when it leaves, so it reflects the state then.
   * Undefined: the message no longer applies (a reminder to a unit that reported meanwhile).
   */
  request(item: Item): EmailRequest | undefined;
  /** The server accepted the message (for some or all recipients). */
  onSent?(item: Item, result: EmailResult): void;
  /** The server refused these addresses for good (5xx): the message will not reach them. */
  onRefused(item: Item, refused: RefusedAddress[], error: string): void;
  /** The message left, but only after its attempts had been failing for `HELD_MAIL_AFTER_MS` or more. */
  onHeld?(item: Item, queuedAt: Instant): void;
}

export class Outbox<Item extends QueuedItem> {
  private inFlight = 0;
  private paused = false;

  constructor(
    private readonly queue: Item[],
    private readonly handlers: OutboxHandlers<Item>,
    /** Report addresses the server refused while accepting the others (off for workflows recorded before). */
    private readonly reportPartialRefusals = true,
  ) {}

  push(item: Item): void {
    this.queue.push(item);
  }

  /** Messages waiting or in flight. */
  get size(): number {
    return this.queue.length + this.inFlight;
  }

  /** The items not yet sent, to carry across continue-as-new (call once nothing is in flight). */
  waiting(): Item[] {
    return this.queue;
  }

  /** Stops taking new items out (before continue-as-new); those in flight finish. */
  pause(): void {
    this.paused = true;
  }

  /** Takes items out again after `pause`. */
  resume(): void {
    this.paused = false;
  }

  get idle(): boolean {
    return this.inFlight === 0;
  }

  /** The sending loop: start it once with `void outbox.run()`. */
  async run(): Promise<never> {
    for (;;) {
      await condition(() => this.queue.length > 0 && this.inFlight < MAX_EMAILS_IN_FLIGHT && !this.paused);
      const item = this.queue.shift()!;
      let req: EmailRequest | undefined;
      try {
        req = this.handlers.request(item);
      } catch (err) {
        // A bug, not a delivery problem: recorded on the item like a refusal, never a failed workflow task.
        log.error('Could not build an email', { kind: (item as { kind?: string }).kind, error: String(err) });
        this.handlers.onRefused(item, [], String(err));
        continue;
      }
      if (!req) continue;
      this.inFlight++;
      void this.deliver(item, req);
    }
  }

  private async deliver(item: Item, req: EmailRequest): Promise<void> {
    const leftQueueAt = Date.now();
    try {
      // The message says it is late when it leaves long after it was due (see `sendEmail`).
      const result = await sendEmail({ ...req, ...(item.queuedAt ? { intendedAt: item.queuedAt } : {}) });
      this.handlers.onSent?.(item, result);
      if (this.reportPartialRefusals && result.rejected?.length) this.handlers.onRefused(item, result.rejected.map((address) => ({ address, response: 'refused' })), 'refused by the server');
      // Held: its own attempts were refused for an hour or more (a long queue alone is not a fault).
      if (Date.now() - leftQueueAt >= HELD_MAIL_AFTER_MS) this.handlers.onHeld?.(item, item.queuedAt ?? new Date(leftQueueAt).toISOString());
    } catch (err) {
      // Only a permanent refusal (or a bug no retry can mend) ends here: transient failures retry.
      const cause = err instanceof ActivityFailure ? err.cause : err;
      const permanent = cause instanceof ApplicationFailure && cause.type === FailureType.PermanentDeliveryFailure;
      const refused = permanent ? ((cause.details?.[0] as DeliveryFailureDetails | undefined)?.refused ?? []) : [];
      const message = cause instanceof Error ? cause.message : String(cause);
      log.warn('Email not delivered', { kind: (item as { kind?: string }).kind, permanent, error: message });
      this.handlers.onRefused(item, refused, message);
    } finally {
      this.inFlight--;
    }
  }
}
