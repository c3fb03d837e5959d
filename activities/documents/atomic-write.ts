import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes through a temporary file in the same directory, then renames it into place: a reader,
 * or an activity retried after a crash, sees the old file or the new one, never half of one.
 */
export async function writeFileAtomic(filePath: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const temporary = `${filePath}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, content, typeof content === 'string' ? 'utf8' : undefined);
  await rename(temporary, filePath);
}
