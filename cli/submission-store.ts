/**
 * Where `kyhan submit --file` keeps a submitted report:
 * `<state dir>/submissions/<cycle dir>/<unit>/<sha256 prefix>-<file name>`, the cycle directory
 * named by the one rule its consolidation documents use (`cycleDirName`). The file is copied,
 * never moved, and named by its content, so submitting the same file twice stores it once and
 * a revision with new content sits beside the first version. The workflow receives only a
 * reference (`file://` URI, name, SHA-256), never the bytes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentRef } from '../workflows/messages';
import { cycleDirName } from '../activities/documents/paths';

/** Hex digits of the SHA-256 in a stored file's name: enough to tell versions apart at a glance. */
export const HASH_PREFIX_LENGTH = 12;
const MAX_SEGMENT_LENGTH = 120;

/**
 * One path segment from any text: letters (Vietnamese included) and digits stay, so do `.`,
 * `_` and `-`; every other run of characters becomes `_`; no leading dot (no hidden files, no `..`).
 */
export function safeSegment(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')
    .replace(/^[.]+/, '');
  const cut = [...cleaned].slice(0, MAX_SEGMENT_LENGTH).join('');
  return cut === '' ? '_' : cut;
}

/** `<first 12 hex digits>-<safe file name>`. */
export function storedFileName(sha256: string, fileName: string): string {
  return `${sha256.slice(0, HASH_PREFIX_LENGTH)}-${safeSegment(basename(fileName))}`;
}

/** The absolute path a file with this hash and name is stored at. */
export function submissionPath(varDir: string, cycleId: string, unitId: string, sha256: string, fileName: string): string {
  return resolve(varDir, 'submissions', cycleDirName(cycleId), safeSegment(unitId), storedFileName(sha256, fileName));
}

/** The state directory: `KYHAN_VAR_DIR`, or `var` under the working directory. */
export function varDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.KYHAN_VAR_DIR || 'var');
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface StoredSubmission {
  path: string;
  document: DocumentRef & Required<Pick<DocumentRef, 'name' | 'sha256'>>;
  /** False when the same content was already stored under this name. */
  copied: boolean;
}

/**
 * Copies `source` into the store. The copy is hashed (not the source, which may change while
 * we read it) and then renamed into place, so a stored file is always whole and matches its name.
 */
export async function storeSubmissionFile(varDir: string, cycleId: string, unitId: string, source: string): Promise<StoredSubmission> {
  const dir = resolve(varDir, 'submissions', cycleDirName(cycleId), safeSegment(unitId));
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.incoming-${process.pid}-${Date.now()}`);
  await copyFile(source, temporary);
  try {
    const sha256 = await sha256OfFile(temporary);
    const name = basename(source);
    const path = submissionPath(varDir, cycleId, unitId, sha256, name);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) await rm(temporary, { force: true });
    else await rename(temporary, path);
    return { path, document: { uri: pathToFileURL(path).href, name, sha256 }, copied: !exists };
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}
