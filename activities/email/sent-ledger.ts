/**
 * A record of the Message-IDs already handed to the SMTP server. Temporal retries an activity
 * whose worker died before reporting it done (a SIGKILL right after the server said "250 OK"),
 * and that retry would mail the same letter again; the ledger lets it see the message was sent
 * and stop. The window left is between the server's OK and the ledger write: milliseconds,
 * instead of everything up to the activity's completion reaching Temporal.
 * Kept as one empty file per Message-ID under the state directory, which all workers share.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SentLedger {
  has(messageId: string): Promise<boolean>;
  record(messageId: string): Promise<void>;
}

export function fileSentLedger(stateDir: string): SentLedger {
  const dir = join(stateDir, 'sent');
  const fileOf = (messageId: string) => join(dir, createHash('sha256').update(messageId).digest('hex').slice(0, 40));
  return {
    async has(messageId) {
      return await access(fileOf(messageId)).then(
        () => true,
        () => false,
      );
    },
    async record(messageId) {
      await mkdir(dir, { recursive: true });
      await writeFile(fileOf(messageId), `${messageId}\n`);
    },
  };
}
