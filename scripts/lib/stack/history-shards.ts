/**
 * Temporal's numHistoryShards is fixed when its database is first set up: a server started later
 * with another value refuses to run. The stack records the value chosen at the first start in the
 * state directory and refuses a different one itself, with the fix in the message.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class HistoryShardsError extends Error {
  override name = 'HistoryShardsError';
}

/** Returns the shard count to use: the recorded one, or `requested` recorded now on a first start. */
export function settleHistoryShards(recordFile: string, requested: number | undefined, defaultShards: number): number {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1)) {
    throw new HistoryShardsError(`numHistoryShards must be a whole number of 1 or more (received ${requested}). Fix: set KYHAN_TEMPORAL_SHARDS to, e.g., 4.`);
  }
  if (existsSync(recordFile)) {
    const recorded = Number(readFileSync(recordFile, 'utf8').trim());
    if (!Number.isInteger(recorded) || recorded < 1) {
      throw new HistoryShardsError(`${recordFile} holds no shard count. Fix: write the number the cluster was created with into it (Temporal's cluster_metadata table has it).`);
    }
    if (requested !== undefined && requested !== recorded) {
      throw new HistoryShardsError(
        `This stack's Temporal cluster was created with ${recorded} history shards (recorded in ${recordFile}); it cannot change to ${requested}. ` +
          `Fix: unset KYHAN_TEMPORAL_SHARDS (or set it to ${recorded}), or start a new stack in another state directory.`,
      );
    }
    return recorded;
  }
  const chosen = requested ?? defaultShards;
  mkdirSync(dirname(recordFile), { recursive: true });
  writeFileSync(recordFile, `${chosen}\n`);
  return chosen;
}
