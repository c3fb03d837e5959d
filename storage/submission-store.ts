/**
 * Where a submitted report is kept, by `kyhan submit --file` and by the web app's upload form:
 * `<state dir>/submissions/<cycle dir>/<unit>/<sha256 prefix>-<file name>`, the cycle directory
 * named by the one rule its consolidation documents use (`cycleDirName`). The file is copied,
 * never moved, and named by its content, so submitting the same file twice stores it once and
 * a revision with new content sits beside the first version. The workflow receives only a
 * reference (`file://` URI, name, SHA-256), never the bytes. Shared by the CLI and the web app,
 * so it lives outside both.
 */
import { createHash } from 'node:crypto';
import { createReadStream, realpathSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DocumentRef } from '../domain/units';
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
  return await storeVia(varDir, cycleId, unitId, basename(source), (temporary) => copyFile(source, temporary));
}

/** Stores bytes received in a request (the web app's upload), under `name` as the sender gave it. */
export async function storeSubmissionBytes(varDir: string, cycleId: string, unitId: string, name: string, bytes: Uint8Array): Promise<StoredSubmission> {
  return await storeVia(varDir, cycleId, unitId, name, (temporary) => writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 }));
}

let incoming = 0;

async function storeVia(varDir: string, cycleId: string, unitId: string, name: string, write: (temporary: string) => Promise<void>): Promise<StoredSubmission> {
  const dir = unitDir(varDir, cycleId, unitId);
  // Reports are for the people of the plan: only the kyhan user reads the store (folders 0700, files 0600).
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // pid and a counter: two uploads in the same millisecond of one process must not share it.
  const temporary = join(dir, `.incoming-${process.pid}-${Date.now()}-${++incoming}`);
  try {
    await write(temporary);
    await chmod(temporary, 0o600); // a copy keeps its source's mode otherwise
    const sha256 = await sha256OfFile(temporary);
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

function unitDir(varDir: string, cycleId: string, unitId: string): string {
  return resolve(varDir, 'submissions', cycleDirName(cycleId), safeSegment(unitId));
}

/**
 * The local path of a document the cycle recorded for this unit, only when its `file://` URI
 * points inside this unit's own folder of the store (a reference is data from workflow state:
 * it is never followed anywhere else), and is still there once symbolic links are followed
 * (`realPathWithin`). Undefined for other URIs.
 */
export function storedPathOf(varDir: string, cycleId: string, unitId: string, document: DocumentRef): string | undefined {
  if (!document.uri.startsWith('file:')) return undefined;
  let path: string;
  try {
    path = resolve(fileURLToPath(document.uri));
  } catch {
    return undefined;
  }
  return realPathWithin(varDir, (dir) => unitDir(dir, cycleId, unitId), path, true);
}

/** Whether `path` lies in `dir` (as a direct child only, with `childOnly`), by the text of both. */
function lies(dir: string, path: string, childOnly: boolean): boolean {
  const inside = relative(dir, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) && !(childOnly && inside.includes(sep));
}

/**
 * `path` if it lies in the folder `folderOf(varDir)`, both as written and as it really is on
 * disk: symbolic links are followed (`realpath`) before the check, below the state directory
 * itself (which may sit behind a link of its own, e.g. /tmp on macOS), so a link in the store
 * that leads elsewhere is refused (undefined). Returns the real path; a path that does not exist
 * is returned as written (reading it fails, as it would have).
 */
export function realPathWithin(varDir: string, folderOf: (varDir: string) => string, path: string, childOnly: boolean): string | undefined {
  if (!lies(resolve(folderOf(resolve(varDir))), path, childOnly)) return undefined;
  let real: string;
  let realFolder: string;
  try {
    realFolder = resolve(folderOf(realpathSync(resolve(varDir))));
    real = realpathSync(path);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? path : undefined;
  }
  return lies(realFolder, real, childOnly) ? real : undefined;
}
