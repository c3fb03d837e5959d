/**
 * The sent ledger in PostgreSQL (table `sent_messages`, storage/migrations/0001-…): the same
 * claim → send → sent mark as the file ledger (sent-ledger.ts), for workers on any number of
 * hosts that share no directory.
 *
 * A claim is one statement: insert the message's row, or, if it exists, take it over only when
 * it is not sent and its claim is ours or expired. PostgreSQL locks the row for the update and
 * re-checks that condition against the latest version, so of two workers claiming at once
 * exactly one gets the row back; the other reads who holds it and waits.
 *
 * Expiry is judged by the database's clock alone: workers on several hosts have clocks that
 * differ, and one running ahead would take over a live claim (and send too). A caller's `until`
 * only says how long the claim lasts (`until - now()`, both on the caller's clock); the row's
 * `claimed_until` is the database's `now()` plus that lifetime, and a `busy` answer's `until` is
 * translated back onto the caller's clock.
 */
import type pg from 'pg';
import type { ClaimOutcome, SentLedger } from './sent-ledger';

export function postgresSentLedger(pool: pg.Pool, now: () => Date = () => new Date()): SentLedger {
  /** The claim's lifetime in seconds, measured on the caller's clock (a duration: the clocks' offset cancels). */
  const lifetimeSeconds = (until: Date) => Math.max(0, until.getTime() - now().getTime()) / 1000;

  return {
    async claim(messageId, holder, until): Promise<ClaimOutcome> {
      // Our own earlier claim counts as takeable: a claim renewed by its holder moves `until` on.
      const taken = await pool.query(
        `INSERT INTO sent_messages AS m (message_id, holder, claimed_until) VALUES ($1, $2, now() + make_interval(secs => $3))
         ON CONFLICT (message_id) DO UPDATE SET holder = excluded.holder, claimed_until = excluded.claimed_until
           WHERE m.sent_at IS NULL AND (m.holder = excluded.holder OR m.claimed_until <= now())
         RETURNING message_id`,
        [messageId, holder, lifetimeSeconds(until)],
      );
      if (taken.rowCount === 1) return { state: 'claimed' };
      const { rows } = await pool.query<{ sent_at: Date | null; remaining_ms: number | null }>(
        `SELECT sent_at, greatest(0, extract(epoch FROM claimed_until - now()) * 1000)::float8 AS remaining_ms FROM sent_messages WHERE message_id = $1`,
        [messageId],
      );
      const row = rows[0];
      if (row?.sent_at) return { state: 'sent' };
      // Released between our two statements (no row), or held by another attempt: try again later.
      return { state: 'busy', until: new Date(now().getTime() + (row?.remaining_ms ?? 0)) };
    },

    async renew(messageId, holder, until) {
      const renewed = await pool.query('UPDATE sent_messages SET claimed_until = now() + make_interval(secs => $3) WHERE message_id = $1 AND holder = $2 AND sent_at IS NULL', [
        messageId,
        holder,
        lifetimeSeconds(until),
      ]);
      return renewed.rowCount === 1;
    },

    async markSent(messageId) {
      await pool.query(
        `INSERT INTO sent_messages AS m (message_id, sent_at) VALUES ($1, now())
         ON CONFLICT (message_id) DO UPDATE SET sent_at = coalesce(m.sent_at, now()), holder = NULL, claimed_until = NULL`,
        [messageId],
      );
    },

    async release(messageId, holder) {
      await pool.query('DELETE FROM sent_messages WHERE message_id = $1 AND holder = $2 AND sent_at IS NULL', [messageId, holder]);
    },
  };
}
