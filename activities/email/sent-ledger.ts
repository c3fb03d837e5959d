/**
 * The record of every message handed to the SMTP server, so that a retried or concurrent
 * attempt never mails a letter twice. Temporal retries an activity whose worker died, or whose
 * attempt timed out, and that retry would otherwise send again.
 *
 * Two steps per message: a **claim** (exclusive create) before talking to SMTP, a **sent** mark
 * after the server accepted it. An attempt that finds the message sent stops; one that finds a
 * live claim of another attempt waits (a transient failure, retried later); a claim whose
 * holder can no longer be sending (it expired) is taken over.
 *
 * The one duplicate left: a worker that dies after the server accepted the message and before
 * the sent mark is written (a few milliseconds) leaves only a claim, and the retry sends again.
 *
 * Kept as files under the state directory, which all workers of one host share.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ClaimOutcome =
  /** This attempt holds the claim: send, then `markSent`. */
  | { state: 'claimed' }
  /** An earlier attempt sent it: do not send. */
  | { state: 'sent' }
  /** Another attempt may be sending it right now: try again after `until`. */
  | { state: 'busy'; until: Date };

export interface SentLedger {
  /** Claims `messageId` for `holder` until `until` (after which the holder is surely no longer sending). */
  claim(messageId: string, holder: string, until: Date): Promise<ClaimOutcome>;
  /**
   * Moves the expiry of `holder`'s claim on while it is still at work on the message (large
   * attachments, a slow server), so no other attempt takes it over meanwhile. False when the claim
   * is not (or no longer) `holder`'s.
   */
  renew(messageId: string, holder: string, until: Date): Promise<boolean>;
  markSent(messageId: string): Promise<void>;
  /** Gives the claim up after a failed send, so the next attempt need not wait for it to expire. */
  release(messageId: string, holder: string): Promise<void>;
}

interface ClaimFile {
  holder: string;
  until: string;
}

const isCode = (err: unknown, code: string) => (err as NodeJS.ErrnoException | undefined)?.code === code;

export function fileSentLedger(stateDir: string, now: () => Date = () => new Date()): SentLedger {
  const dir = join(stateDir, 'sent');
  // The sent mark keeps the name earlier versions used, so their ledgers stay valid.
  const sentFile = (messageId: string) => join(dir, createHash('sha256').update(messageId).digest('hex').slice(0, 40));
  const claimFile = (messageId: string) => `${sentFile(messageId)}.claim`;

  async function isSent(messageId: string): Promise<boolean> {
    try {
      await readFile(sentFile(messageId));
      return true;
    } catch (err) {
      if (isCode(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async function readClaim(messageId: string): Promise<ClaimFile | undefined> {
    try {
      return JSON.parse(await readFile(claimFile(messageId), 'utf8')) as ClaimFile;
    } catch (err) {
      if (isCode(err, 'ENOENT')) return undefined;
      if (err instanceof SyntaxError) return { holder: '', until: new Date(0).toISOString() }; // A torn write: expired.
      throw err;
    }
  }

  return {
    async claim(messageId, holder, until) {
      await mkdir(dir, { recursive: true });
      for (let tries = 0; tries < 3; tries++) {
        if (await isSent(messageId)) return { state: 'sent' };
        try {
          await writeFile(claimFile(messageId), JSON.stringify({ holder, until: until.toISOString() } satisfies ClaimFile), { flag: 'wx' });
          return { state: 'claimed' };
        } catch (err) {
          if (!isCode(err, 'EEXIST')) throw err;
        }
        const existing = await readClaim(messageId);
        if (!existing) continue; // Released meanwhile: try to create it again.
        if (existing.holder !== holder && Date.parse(existing.until) > now().getTime()) return { state: 'busy', until: new Date(existing.until) };
        // Our own earlier claim, or an expired one: its holder is no longer sending. Take it
        // over by moving it aside: of two attempts doing so at once only one rename succeeds,
        // and whichever then creates the claim first holds it; the other finds it live.
        const aside = `${claimFile(messageId)}.${randomUUID()}.stale`;
        const moved = await rename(claimFile(messageId), aside).then(
          () => true,
          (err: unknown) => {
            if (isCode(err, 'ENOENT')) return false;
            throw err;
          },
        );
        if (!moved) continue;
        const taken = await readFile(aside, 'utf8').then((t) => JSON.parse(t) as ClaimFile, () => undefined);
        if (taken && (taken.holder !== existing.holder || taken.until !== existing.until)) {
          // Another attempt took it over first and its claim is live: put it back and wait.
          await rename(aside, claimFile(messageId)).catch(() => undefined);
          return { state: 'busy', until: new Date(taken.until) };
        }
        await rm(aside, { force: true });
      }
      return { state: 'busy', until: now() };
    },
    async renew(messageId, holder, until) {
      const existing = await readClaim(messageId);
      if (existing?.holder !== holder) return false;
      // Written aside, then renamed over it: a reader never sees half a claim.
      const renewed = `${claimFile(messageId)}.${randomUUID()}.renew`;
      await writeFile(renewed, JSON.stringify({ holder, until: until.toISOString() } satisfies ClaimFile));
      await rename(renewed, claimFile(messageId));
      return true;
    },
    async markSent(messageId) {
      await writeFile(sentFile(messageId), `${messageId}\n`);
      await rm(claimFile(messageId), { force: true });
    },
    async release(messageId, holder) {
      const existing = await readClaim(messageId).catch(() => undefined);
      if (existing?.holder === holder) await rm(claimFile(messageId), { force: true });
    },
  };
}
