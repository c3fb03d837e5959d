/**
 * Where kyhan keeps its documents: the files units submit, the parts and files of a consolidated
 * report, the CSV lists its letters attach. One small interface with two implementations: files
 * under the state directory (the embedded default, `document-store-files.ts`) and a table in
 * PostgreSQL (`document-store-postgres.ts`), so workers and the web app on different machines
 * share documents without sharing a volume. Keys are `/`-separated relative names laid out as
 * the state directory always was (`submissions/<cycle>/<unit>/<file>`, `reports/<cycle>/…`;
 * `document-keys.ts`).
 *
 * Workflow state records a document by a reference, never by its bytes: new references are
 * store URIs (`kyhan-store:submissions/…`), which mean the same in either store; cycles recorded
 * before hold host paths (`file:///var/kyhan/…` for a submission, `/var/kyhan/reports/…` for a
 * report), which `keyOf` still resolves.
 */
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The scheme of a reference to a stored document: `kyhan-store:<key>`. */
export const STORE_URI_SCHEME = 'kyhan-store:';

/** What can be stored: bytes, text (UTF-8), or a stream of chunks (a file being copied, an upload). */
export type DocumentContent = Uint8Array | string | AsyncIterable<Uint8Array>;

/** Any content as the chunks of bytes it is made of. */
export async function* contentChunks(content: DocumentContent): AsyncIterable<Uint8Array> {
  if (typeof content === 'string') yield Buffer.from(content, 'utf8');
  else if (content instanceof Uint8Array) yield content;
  else yield* content;
}

export interface DocumentInfo {
  key: string;
  /** Bytes. */
  size: number;
  /** Lower-case hex SHA-256 of the content. */
  sha256: string;
}

export interface PutOptions {
  /** Keep a document already stored under the key (content-addressed keys): then nothing is written. */
  ifAbsent?: boolean;
  /** The content must have this SHA-256 (a file hashed before being copied): otherwise nothing is stored. */
  expectSha256?: string;
}

export interface PutResult extends DocumentInfo {
  /** False when `ifAbsent` found a document there already (its info is returned). */
  written: boolean;
}

export interface OpenedDocument {
  size: number;
  /** The content, read as it is consumed (a report of a few MB is never held whole). */
  stream: Readable;
}

export interface DocumentStore {
  /** For logs and errors: `files (/var/kyhan)` or `postgres`. */
  readonly description: string;
  /** Stores `content` under `key`, replacing a document there: a reader sees the old or the new, never a part. */
  put(key: string, content: DocumentContent, options?: PutOptions): Promise<PutResult>;
  /** The whole content; undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** The content as a stream, with its size; undefined when nothing is stored under the key. */
  open(key: string): Promise<OpenedDocument | undefined>;
  /** Size and SHA-256 (the files store reads the file to hash it). */
  stat(key: string): Promise<DocumentInfo | undefined>;
  /** Whether a document is stored under the key (cheap: nothing is read). */
  has(key: string): Promise<boolean>;
  /** Keys under a folder (`reports/<cycle>` lists everything below it), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes a document; no error when there is none. */
  delete(key: string): Promise<void>;
  /**
   * The key a reference recorded in workflow state names, only when it lies in `folder` (a
   * direct child of it with `childOnly`): a reference is data, never followed anywhere else.
   * Store URIs resolve in every store; host paths and `file:` URIs of cycles recorded before
   * the store existed resolve as the files store laid them out. Undefined for anything else.
   */
  keyOf(reference: string, folder: string, options?: { childOnly?: boolean }): string | undefined;
  /** Releases what the store holds (a pool it opened); the files store holds nothing. */
  close(): Promise<void>;
}

/** Thrown for a key that is not a safe relative name; names the key and the rule. */
export class InvalidDocumentKeyError extends Error {
  override name = 'InvalidDocumentKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid document key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** Thrown by `put` with `expectSha256` when the content read differs (the source changed while it was copied). */
export class DocumentChangedError extends Error {
  override name = 'DocumentChangedError';
  constructor(
    readonly key: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`Cannot store ${key}: expected content with SHA-256 ${expected}, read ${received} (the file changed while it was being copied; try again)`);
  }
}

const MAX_KEY_LENGTH = 1024;

/**
 * Checks a key: `/`-separated segments, none empty, none starting with a dot (no `.`, `..` or
 * hidden files), no backslash or control character. Returns it unchanged.
 */
export function checkKey(key: string): string {
  if (key === '' || key.length > MAX_KEY_LENGTH) throw new InvalidDocumentKeyError(key, `expected 1 to ${MAX_KEY_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(key)) throw new InvalidDocumentKeyError(key, 'backslashes and control characters are not allowed');
  for (const segment of key.split('/')) {
    if (segment === '') throw new InvalidDocumentKeyError(key, 'no empty segment (leading, trailing or double /)');
    if (segment.startsWith('.')) throw new InvalidDocumentKeyError(key, 'no segment may start with a dot');
  }
  return key;
}

export function isValidKey(key: string): boolean {
  try {
    checkKey(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * The reference recorded for a stored document: `kyhan-store:` and the key, each segment
 * percent-encoded as in any URI (a cycle's folder `demo%2Fx` is written `demo%252Fx`, as a
 * `file:` URI wrote it), so the reference survives every tool that decodes URIs.
 */
export function storeUri(key: string): string {
  return `${STORE_URI_SCHEME}${checkKey(key).split('/').map(encodeURIComponent).join('/')}`;
}

/** The key of a store URI; undefined for any other reference (or a URI whose key is not valid). */
export function keyOfStoreUri(reference: string): string | undefined {
  if (!reference.startsWith(STORE_URI_SCHEME)) return undefined;
  const segments: string[] = [];
  for (const encoded of reference.slice(STORE_URI_SCHEME.length).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
    // An encoded slash would make two segments of one: not a key this store wrote.
    if (segment.includes('/')) return undefined;
    segments.push(segment);
  }
  const key = segments.join('/');
  return isValidKey(key) ? key : undefined;
}

/** Whether `key` lies below `folder` (as its direct child only, with `childOnly`). */
export function keyLiesIn(key: string, folder: string, childOnly = false): boolean {
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  if (!key.startsWith(prefix)) return false;
  const rest = key.slice(prefix.length);
  return rest !== '' && !(childOnly && rest.includes('/'));
}

/** The folder prefix `list` matches: `a/b` and `a/b/` both list what lies below `a/b`. */
export function listPrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

/**
 * The key a reference names in `folder`: a store URI, or a host path (`/var/kyhan/reports/…`,
 * `file:///var/kyhan/submissions/…`) recorded before the store existed, read by the layout it was
 * written in: the part from `folder` on is the key (so a state directory that moved, or was
 * imported into PostgreSQL, still answers). Only ever a key inside `folder`.
 */
export function resolveReference(reference: string, folder: string, childOnly = false): string | undefined {
  const key = keyOfStoreUri(reference) ?? legacyKeyOf(reference, folder);
  return key !== undefined && keyLiesIn(key, folder, childOnly) ? key : undefined;
}

function legacyKeyOf(reference: string, folder: string): string | undefined {
  let path: string;
  if (reference.startsWith('file:')) {
    try {
      path = fileURLToPath(reference);
    } catch {
      return undefined;
    }
  } else if (reference.startsWith('/')) path = reference;
  else return undefined;
  const marker = `/${folder.replace(/\/+$/, '')}/`;
  const at = path.lastIndexOf(marker);
  if (at < 0) return undefined;
  const key = path.slice(at + 1);
  return isValidKey(key) ? key : undefined;
}
