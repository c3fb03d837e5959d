/**
 * The documents in kyhan's PostgreSQL database (tables of storage/migrations/0002-documents.sql),
 * for workers and web apps on several hosts: no shared volume. A document's content is kept in
 * chunks of `CHUNK_BYTES`, written as a stream is read and read as a download is sent, so a
 * 20 MB upload never travels in one message and a reader never holds a connection while a slow
 * client takes its bytes. Each write of a key is a new generation, committed at once with the
 * removal of the old chunks: a reader sees the old document or the new one, and a reader that
 * was half-way through a document replaced meanwhile fails rather than mixing the two.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type pg from 'pg';
import {
  checkKey,
  contentChunks,
  DocumentChangedError,
  listPrefix,
  resolveReference,
  type DocumentContent,
  type DocumentInfo,
  type DocumentStore,
  type OpenedDocument,
  type PutOptions,
  type PutResult,
} from './document-store';

/** About 1 MB: small enough for any message and any memory, large enough that a report is a few rows. */
export const CHUNK_BYTES = 1024 * 1024;

/** Thrown to a reader whose document was replaced while it read it. */
export class DocumentReplacedError extends Error {
  override name = 'DocumentReplacedError';
  constructor(readonly key: string) {
    super(`Document ${key} was replaced while it was being read: read it again`);
  }
}

export interface PostgresDocumentStoreOptions {
  /** For logs and errors, e.g. the database URL without its password. */
  where?: string;
  /** Called by `close()`: lets go of the pool when the store was opened for it. */
  close?: () => Promise<void>;
}

/** The content cut into pieces of exactly `size` bytes (the last one shorter), whatever sizes come in. */
async function* rechunk(content: DocumentContent, size: number): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of contentChunks(content)) {
    let rest = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (pendingBytes + rest.byteLength >= size) {
      const take = size - pendingBytes;
      pending.push(rest.subarray(0, take));
      yield Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      rest = rest.subarray(take);
    }
    if (rest.byteLength > 0) {
      // Copied: the caller may reuse its buffer once we ask for the next piece.
      pending.push(Buffer.from(rest));
      pendingBytes += rest.byteLength;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

interface DocumentRow {
  generation: string;
  size: string;
  sha256: string;
}

export function postgresDocumentStore(pool: pg.Pool, options: PostgresDocumentStoreOptions = {}): DocumentStore {
  const description = `postgres${options.where ? ` (${options.where})` : ''}`;

  async function row(key: string): Promise<DocumentRow | undefined> {
    const { rows } = await pool.query<DocumentRow>('SELECT generation, size, sha256 FROM documents WHERE key = $1', [checkKey(key)]);
    return rows[0];
  }

  async function put(key: string, content: DocumentContent, putOptions: PutOptions = {}): Promise<PutResult> {
    checkKey(key);
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // The row first: its lock makes a second writer of the key wait for this one to commit.
      const claimed = await client.query<{ generation: string }>(
        putOptions.ifAbsent
          ? `INSERT INTO documents (key, generation, size, sha256) VALUES ($1, nextval('document_generations'), 0, '')
             ON CONFLICT (key) DO NOTHING RETURNING generation`
          : `INSERT INTO documents (key, generation, size, sha256) VALUES ($1, nextval('document_generations'), 0, '')
             ON CONFLICT (key) DO UPDATE SET generation = EXCLUDED.generation RETURNING generation`,
        [key],
      );
      const generation = claimed.rows[0]?.generation;
      if (generation === undefined) {
        // ifAbsent, and a document is there (perhaps written a moment ago by another process).
        await client.query('ROLLBACK');
        const existing = await row(key);
        if (!existing) throw new Error(`Document ${key} vanished while it was being stored in ${description}: try again`);
        return { key, size: Number(existing.size), sha256: existing.sha256, written: false };
      }
      const hash = createHash('sha256');
      let size = 0;
      let index = 0;
      for await (const chunk of rechunk(content, CHUNK_BYTES)) {
        hash.update(chunk);
        size += chunk.byteLength;
        await client.query('INSERT INTO document_chunks (key, generation, index, bytes) VALUES ($1, $2, $3, $4)', [key, generation, index, chunk]);
        index += 1;
      }
      const sha256 = hash.digest('hex');
      if (putOptions.expectSha256 !== undefined && putOptions.expectSha256 !== sha256) throw new DocumentChangedError(key, putOptions.expectSha256, sha256);
      await client.query('UPDATE documents SET size = $2, sha256 = $3, stored_at = now() WHERE key = $1', [key, size, sha256]);
      await client.query('DELETE FROM document_chunks WHERE key = $1 AND generation <> $2', [key, generation]);
      await client.query('COMMIT');
      return { key, size, sha256, written: true };
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async function get(key: string): Promise<Buffer | undefined> {
    // One statement, one snapshot: the row and its chunks of the same generation.
    const { rows } = await pool.query<{ bytes: Buffer | null }>(
      `SELECT c.bytes FROM documents d LEFT JOIN document_chunks c ON c.key = d.key AND c.generation = d.generation
       WHERE d.key = $1 ORDER BY c.index`,
      [checkKey(key)],
    );
    if (rows.length === 0) return undefined;
    return Buffer.concat(rows.flatMap((r) => (r.bytes ? [r.bytes] : [])));
  }

  async function open(key: string): Promise<OpenedDocument | undefined> {
    const found = await row(key);
    if (!found) return undefined;
    const size = Number(found.size);
    const chunks = Math.ceil(size / CHUNK_BYTES);
    let index = 0;
    // One chunk per read, each its own short query: no connection is held between reads.
    const stream = new Readable({
      highWaterMark: 1,
      objectMode: false,
      read() {
        if (index >= chunks) {
          this.push(null);
          return;
        }
        const at = index++;
        pool
          .query<{ bytes: Buffer }>('SELECT bytes FROM document_chunks WHERE key = $1 AND generation = $2 AND index = $3', [key, found.generation, at])
          .then(({ rows }) => {
            const bytes = rows[0]?.bytes;
            if (!bytes) this.destroy(new DocumentReplacedError(key));
            else this.push(bytes);
          })
          .catch((err: Error) => this.destroy(err));
      },
    });
    return { size, stream };
  }

  async function stat(key: string): Promise<DocumentInfo | undefined> {
    const found = await row(key);
    return found ? { key, size: Number(found.size), sha256: found.sha256 } : undefined;
  }

  async function has(key: string): Promise<boolean> {
    return (await row(key)) !== undefined;
  }

  async function list(prefix: string): Promise<string[]> {
    const folder = listPrefix(prefix);
    if (folder === '') return (await pool.query<{ key: string }>('SELECT key FROM documents ORDER BY key')).rows.map((r) => r.key);
    checkKey(folder.slice(0, -1));
    // Keys sort byte by byte (COLLATE "C"): those below `a/b/` are the range from `a/b/` up to `a/b0` ('0' follows '/').
    const { rows } = await pool.query<{ key: string }>('SELECT key FROM documents WHERE key >= $1 AND key < $2 ORDER BY key', [folder, `${folder.slice(0, -1)}0`]);
    return rows.map((r) => r.key);
  }

  async function remove(key: string): Promise<void> {
    await pool.query('DELETE FROM documents WHERE key = $1', [checkKey(key)]);
  }

  return {
    description,
    put,
    get,
    open,
    stat,
    has,
    list,
    delete: remove,
    keyOf: (reference, folder, keyOptions = {}) => resolveReference(reference, folder, keyOptions.childOnly),
    close: async () => {
      await options.close?.();
    },
  };
}
