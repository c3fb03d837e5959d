/**
 * What every document store must do (storage/document-store.ts), as one suite run against each
 * implementation: files under a state directory (test/unit/document-store.test.ts) and PostgreSQL
 * (test/postgres/document-store.test.ts). `open()` gives a fresh, empty store per test.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentChangedError, InvalidDocumentKeyError, keyOfStoreUri, storeUri, type DocumentStore } from '../../storage/document-store';

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Bytes that differ at every position, so a piece out of place shows. */
export function patterned(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i += 1) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >>> 16;
  }
  return bytes;
}

async function* pieces(bytes: Buffer, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
}

async function readAll(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

const CYCLE_DIR = 'demo%2Fchay-thu%2F2026-11';

export function documentStoreSuite(name: string, open: () => Promise<DocumentStore>) {
  describe(`the document store (${name})`, () => {
    const opened: DocumentStore[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('keeps bytes and text under a key, with their size and SHA-256', async () => {
      const store = await fresh();
      const key = `reports/${CYCLE_DIR}/consolidated.md`;
      expect(await store.has(key)).toBe(false);
      expect(await store.get(key)).toBeUndefined();
      expect(await store.stat(key)).toBeUndefined();
      expect(await store.open(key)).toBeUndefined();

      const text = '# Báo cáo tổng hợp\n';
      expect(await store.put(key, text)).toEqual({ key, size: Buffer.byteLength(text), sha256: sha(text), written: true });
      expect((await store.get(key))?.toString('utf8')).toBe(text);
      expect(await store.stat(key)).toEqual({ key, size: Buffer.byteLength(text), sha256: sha(text) });
      expect(await store.has(key)).toBe(true);

      const bytes = new Uint8Array([0, 1, 2, 255]);
      await store.put(`submissions/${CYCLE_DIR}/mat-tran/a.pdf`, bytes);
      expect([...(await store.get(`submissions/${CYCLE_DIR}/mat-tran/a.pdf`))!]).toEqual([0, 1, 2, 255]);
    });

    it('keeps an empty document as one', async () => {
      const store = await fresh();
      await store.put('reports/x/empty.csv', '');
      expect(await store.has('reports/x/empty.csv')).toBe(true);
      expect((await store.get('reports/x/empty.csv'))?.byteLength).toBe(0);
      const opened = await store.open('reports/x/empty.csv');
      expect(opened?.size).toBe(0);
      expect((await readAll(opened!.stream)).byteLength).toBe(0);
    });

    it('replaces a document whole, and keeps the first under `ifAbsent`', async () => {
      const store = await fresh();
      const key = `reports/${CYCLE_DIR}/parts/part-0001.json`;
      await store.put(key, 'first');
      await store.put(key, 'second, longer');
      expect((await store.get(key))?.toString()).toBe('second, longer');
      expect(await store.put(key, 'third', { ifAbsent: true })).toEqual({ key, size: 14, sha256: sha('second, longer'), written: false });
      expect((await store.get(key))?.toString()).toBe('second, longer');
      expect(await store.list(`reports/${CYCLE_DIR}`)).toEqual([key]);
    });

    it('refuses content whose SHA-256 is not the one expected, and stores nothing', async () => {
      const store = await fresh();
      const key = `submissions/${CYCLE_DIR}/mat-tran/abc-r.pdf`;
      const error = await store.put(key, 'changed while copied', { ifAbsent: true, expectSha256: sha('what was hashed') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentChangedError);
      expect((error as Error).message).toContain(key);
      expect(await store.has(key)).toBe(false);
      expect(await store.list('submissions')).toEqual([]);
      expect(await store.put(key, 'what was hashed', { ifAbsent: true, expectSha256: sha('what was hashed') })).toMatchObject({ written: true });
    });

    it('writes a stream of odd-sized pieces and reads it back as a stream, byte for byte (a 3.5 MB report)', async () => {
      const store = await fresh();
      const content = patterned(3.5 * 1024 * 1024 + 7);
      const key = `reports/${CYCLE_DIR}/consolidated.pdf`;
      expect(await store.put(key, pieces(content, 65_537))).toMatchObject({ size: content.byteLength, sha256: sha(content), written: true });
      const opened = await store.open(key);
      expect(opened?.size).toBe(content.byteLength);
      const read = await readAll(opened!.stream);
      expect(read.equals(content)).toBe(true);
      expect((await store.get(key))?.equals(content)).toBe(true);
      expect(await store.stat(key)).toEqual({ key, size: content.byteLength, sha256: sha(content) });
    });

    it('lists a folder’s keys in order, and only that folder’s (keys hold % and _)', async () => {
      const store = await fresh();
      const keys = [
        `reports/${CYCLE_DIR}/units.csv`,
        `reports/${CYCLE_DIR}/parts/part-0002.json`,
        `reports/${CYCLE_DIR}/parts/part-0001.json`,
        `reports/${CYCLE_DIR}_b/consolidated.md`,
        `reports/${CYCLE_DIR}0/consolidated.md`,
        `submissions/${CYCLE_DIR}/mat-tran/0123456789ab-Báo_cáo.pdf`,
      ];
      for (const key of keys) await store.put(key, key);
      expect(await store.list(`reports/${CYCLE_DIR}`)).toEqual([`reports/${CYCLE_DIR}/parts/part-0001.json`, `reports/${CYCLE_DIR}/parts/part-0002.json`, `reports/${CYCLE_DIR}/units.csv`]);
      expect(await store.list(`reports/${CYCLE_DIR}/parts/`)).toEqual([`reports/${CYCLE_DIR}/parts/part-0001.json`, `reports/${CYCLE_DIR}/parts/part-0002.json`]);
      expect(await store.list('submissions')).toEqual([`submissions/${CYCLE_DIR}/mat-tran/0123456789ab-Báo_cáo.pdf`]);
      expect(await store.list('reports/nothing-here')).toEqual([]);
      expect(await store.list('')).toEqual([...keys].sort());
    });

    it('deletes a document, and deleting one that is not there is no error', async () => {
      const store = await fresh();
      await store.put('reports/x/consolidated.pdf', '%PDF-1.7');
      await store.delete('reports/x/consolidated.pdf');
      await store.delete('reports/x/consolidated.pdf');
      expect(await store.has('reports/x/consolidated.pdf')).toBe(false);
      expect(await store.list('reports')).toEqual([]);
    });

    it('refuses keys that are not safe relative names, naming the key', async () => {
      const store = await fresh();
      for (const key of ['', '../etc/passwd', '/etc/passwd', 'reports//x', 'reports/x/', 'reports/.hidden', 'reports/x\\y', 'reports/\u0000']) {
        const error = await store.put(key, 'x').catch((e: unknown) => e);
        expect(error, key).toBeInstanceOf(InvalidDocumentKeyError);
        expect((error as Error).message).toContain(JSON.stringify(key));
      }
      expect(await store.list('')).toEqual([]);
    });

    it('resolves a store URI, and a host path or file: URI recorded before the store, only inside the folder asked', async () => {
      const store = await fresh();
      const folder = `submissions/${CYCLE_DIR}/mat-tran`;
      const key = `${folder}/0123456789ab-Báo_cáo.pdf`;
      await store.put(key, '%PDF-1.4');
      const uri = storeUri(key);
      expect(uri).toBe('kyhan-store:submissions/demo%252Fchay-thu%252F2026-11/mat-tran/0123456789ab-B%C3%A1o_c%C3%A1o.pdf');
      expect(keyOfStoreUri(uri)).toBe(key);
      expect(store.keyOf(uri, folder, { childOnly: true })).toBe(key);
      expect(store.keyOf(pathToFileURL(`/var/kyhan/${key}`).href, folder, { childOnly: true })).toBe(key);
      expect(store.keyOf(`/var/kyhan/${key}`, folder, { childOnly: true })).toBe(key);
      // Another unit's folder, a deeper path, a way out, something else altogether: nothing.
      expect(store.keyOf(uri, `submissions/${CYCLE_DIR}/tinh-doan`)).toBeUndefined();
      expect(store.keyOf(storeUri(`${folder}/sub/x.pdf`), folder, { childOnly: true })).toBeUndefined();
      expect(store.keyOf(`kyhan-store:${folder}/..%2F..%2Fx`, folder)).toBeUndefined();
      expect(store.keyOf(`kyhan-store:${folder}/../../x`, folder)).toBeUndefined();
      expect(store.keyOf('/etc/passwd', folder)).toBeUndefined();
      expect(store.keyOf('paper:', folder)).toBeUndefined();
      expect(store.keyOf('https://example.org/a.pdf', folder)).toBeUndefined();
    });

    it('two writers of one key at once: the document is one of theirs, whole; under `ifAbsent` exactly one writes', async () => {
      const store = await fresh();
      const a = patterned(1.5 * 1024 * 1024, 2);
      const b = patterned(1.5 * 1024 * 1024 + 3, 3);
      await Promise.all([store.put('reports/x/consolidated.docx', pieces(a, 100_000)), store.put('reports/x/consolidated.docx', pieces(b, 70_000))]);
      const stored = (await store.get('reports/x/consolidated.docx'))!;
      expect(stored.equals(a) || stored.equals(b)).toBe(true);

      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => store.put('submissions/x/u/same.pdf', `version ${i}`, { ifAbsent: true })));
      expect(results.filter((r) => r.written)).toHaveLength(1);
      const kept = (await store.get('submissions/x/u/same.pdf'))!.toString();
      expect(results.every((r) => r.sha256 === sha(kept))).toBe(true);
    });

    it('a reader of a document replaced meanwhile gets the old one whole, or an error: never a mixture', async () => {
      const store = await fresh();
      const before = patterned(3 * 1024 * 1024, 4);
      const after = patterned(3 * 1024 * 1024, 5);
      await store.put('reports/x/consolidated.pdf', before);
      const opened = (await store.open('reports/x/consolidated.pdf'))!;
      const iterator = opened.stream[Symbol.asyncIterator]();
      const first = await iterator.next();
      await store.put('reports/x/consolidated.pdf', after);
      const read = await (async () => {
        const parts = [Buffer.from(first.value as Buffer)];
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) parts.push(Buffer.from(next.value as Buffer));
        return Buffer.concat(parts);
      })().catch((e: unknown) => e);
      if (read instanceof Buffer) expect(read.equals(before)).toBe(true);
      else expect(String(read)).toMatch(/replaced/);
      expect((await store.get('reports/x/consolidated.pdf'))?.equals(after)).toBe(true);
    });
  });
}
