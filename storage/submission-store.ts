/**
 * Where a submitted report is kept, by `kyhan submit --file` and by the web app's upload forms:
 * in the document store under `submissions/<cycle dir>/<unit>/<sha256 prefix>-<file name>`
 * (`document-keys.ts`). The file is copied, never moved, and named by its content, so submitting
 * the same file twice stores it once and a revision with new content sits beside the first
 * version. The workflow receives only a reference (a store URI, the name, the SHA-256), never
 * the bytes or a host path. Shared by the CLI and the web app, so it lives outside both.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { DocumentRef } from '../domain/units';
import { DocumentChangedError, storeUri, type DocumentStore } from './document-store';
import { sha256OfFile } from './document-store-files';
import { submissionKey, unitSubmissionsFolder } from './document-keys';

export { HASH_PREFIX_LENGTH, safeSegment, storedFileName, submissionKey } from './document-keys';
export { sha256OfFile } from './document-store-files';

export interface StoredSubmission {
  /** The document's key in the store (never shown to anyone: the reference is `document.uri`). */
  key: string;
  document: DocumentRef & Required<Pick<DocumentRef, 'name' | 'sha256'>>;
  /** False when the same content was already stored under this name. */
  copied: boolean;
}

/** Thrown when a submission's key (named by a prefix of its SHA-256) already holds other content; nothing is recorded. */
export class SubmissionKeyTakenError extends Error {
  override name = 'SubmissionKeyTakenError';
  constructor(
    readonly key: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`Cannot store ${key}: a document with SHA-256 ${found} is already stored under that name, not this file's ${expected}; rename the file and submit it again`);
  }
}

/** A source that keeps changing while it is copied is refused after this many attempts. */
const COPY_ATTEMPTS = 3;

/**
 * Copies the file at `source` into the store, streamed. It is hashed first (its key holds the
 * hash), and the store checks that the bytes it wrote have that hash: a file that changed in
 * between is read again.
 */
export async function storeSubmissionFile(store: DocumentStore, cycleId: string, unitId: string, source: string): Promise<StoredSubmission> {
  const name = basename(source);
  for (let attempt = 1; ; attempt += 1) {
    const sha256 = await sha256OfFile(source);
    try {
      return await storeAs(store, cycleId, unitId, name, sha256, createReadStream(source));
    } catch (err) {
      if (!(err instanceof DocumentChangedError) || attempt >= COPY_ATTEMPTS) throw err;
    }
  }
}

/** Stores bytes received in a request (the web app's upload), under `name` as the sender gave it. */
export async function storeSubmissionBytes(store: DocumentStore, cycleId: string, unitId: string, name: string, bytes: Uint8Array): Promise<StoredSubmission> {
  return await storeAs(store, cycleId, unitId, name, createHash('sha256').update(bytes).digest('hex'), bytes);
}

async function storeAs(store: DocumentStore, cycleId: string, unitId: string, name: string, sha256: string, content: Uint8Array | AsyncIterable<Uint8Array>): Promise<StoredSubmission> {
  const key = submissionKey(cycleId, unitId, sha256, name);
  const put = await store.put(key, content, { ifAbsent: true, expectSha256: sha256 });
  // The key holds only a prefix of the hash: a document already under it must be this very content.
  if (!put.written && put.sha256 !== sha256) throw new SubmissionKeyTakenError(key, sha256, put.sha256);
  return { key, document: { uri: storeUri(key), name, sha256 }, copied: put.written };
}

/**
 * The key of a document the cycle recorded for this unit, only when its reference points into
 * this unit's own folder of the store (a reference is data from workflow state: it is never
 * followed anywhere else). Old `file://` references resolve too. Undefined for other URIs
 * (a paper arrival's, a URL).
 */
export function storedKeyOf(store: DocumentStore, cycleId: string, unitId: string, document: DocumentRef): string | undefined {
  return store.keyOf(document.uri, unitSubmissionsFolder(cycleId, unitId), { childOnly: true });
}
