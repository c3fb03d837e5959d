import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyOfStoreUri } from '../../storage/document-store';
import { fileDocumentStore } from '../../storage/document-store-files';
import { safeSegment, storedFileName, storeSubmissionBytes, storeSubmissionFile, submissionKey, SubmissionKeyTakenError } from '../../storage/submission-store';

describe('submission file names', () => {
  it('keeps Vietnamese letters and replaces separators, spaces and leading dots', () => {
    expect(safeSegment('Báo cáo tháng 3.docx')).toBe('Báo_cáo_tháng_3.docx');
    expect(safeSegment('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeSegment('.hidden')).toBe('hidden');
    expect(safeSegment('///')).toBe('_');
  });
  it('puts each cycle in one directory and each version under its hash prefix', () => {
    expect(storedFileName('a'.repeat(64), '/home/u/Báo cáo.pdf')).toBe('aaaaaaaaaaaa-Báo_cáo.pdf');
    expect(submissionKey('demo/x/2026-11', 'mat-tran', 'b'.repeat(64), 'r.pdf')).toBe('submissions/demo%2Fx%2F2026-11/mat-tran/bbbbbbbbbbbb-r.pdf');
  });
});

describe('the store’s modes', () => {
  it('keeps folders 0700 and files 0600, whatever the source file’s mode', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyhan-modes-'));
    try {
      const source = join(dir, 'open.pdf');
      await writeFile(source, '%PDF-1.4 open', { mode: 0o644 });
      await chmod(source, 0o644);
      const store = fileDocumentStore(join(dir, 'var'));
      const copied = await storeSubmissionFile(store, 'demo/x/p1', 'mat-tran', source);
      const written = await storeSubmissionBytes(store, 'demo/x/p1', 'mat-tran', 'b.pdf', new TextEncoder().encode('%PDF-1.4 b'));
      for (const stored of [copied, written]) expect((await stat(store.pathOf(stored.key))).mode & 0o777).toBe(0o600);
      for (const folder of ['submissions', 'submissions/demo%2Fx%2Fp1', 'submissions/demo%2Fx%2Fp1/mat-tran']) expect((await stat(join(dir, 'var', folder))).mode & 0o777).toBe(0o700);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('storeSubmissionFile', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a key that already holds other content (the key names only a prefix of the hash), and keeps what is there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyhan-store-'));
    dirs.push(dir);
    const store = fileDocumentStore(join(dir, 'var'));
    const bytes = new TextEncoder().encode('%PDF-1.4 bản thật');
    const key = submissionKey('demo/x/p1', 'mat-tran', createHash('sha256').update(bytes).digest('hex'), 'r.pdf');
    await store.put(key, '%PDF-1.4 bản khác');
    await expect(storeSubmissionBytes(store, 'demo/x/p1', 'mat-tran', 'r.pdf', bytes)).rejects.toBeInstanceOf(SubmissionKeyTakenError);
    expect((await store.get(key))?.toString('utf8')).toBe('%PDF-1.4 bản khác');
  });

  it('copies the file under its content hash and stores the same content only once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyhan-store-'));
    dirs.push(dir);
    const source = join(dir, 'Báo cáo.txt');
    await writeFile(source, 'nội dung báo cáo');
    const sha256 = createHash('sha256').update('nội dung báo cáo').digest('hex');

    const store = fileDocumentStore(join(dir, 'var'));
    const first = await storeSubmissionFile(store, 'demo/bao-cao-nhanh/p1', 'mat-tran', source);
    expect(first).toMatchObject({ copied: true, document: { name: 'Báo cáo.txt', sha256 } });
    expect(first.key).toBe(`submissions/demo%2Fbao-cao-nhanh%2Fp1/mat-tran/${sha256.slice(0, 12)}-Báo_cáo.txt`);
    // The reference is the store's, never a host path: the same in every store.
    expect(first.document.uri).toBe(`kyhan-store:submissions/demo%252Fbao-cao-nhanh%252Fp1/mat-tran/${sha256.slice(0, 12)}-B%C3%A1o_c%C3%A1o.txt`);
    expect(keyOfStoreUri(first.document.uri)).toBe(first.key);
    expect(await readFile(join(dir, 'var', first.key), 'utf8')).toBe('nội dung báo cáo');
    expect(await readFile(source, 'utf8')).toBe('nội dung báo cáo');

    const second = await storeSubmissionFile(store, 'demo/bao-cao-nhanh/p1', 'mat-tran', source);
    expect(second).toMatchObject({ copied: false, key: first.key });

    await writeFile(source, 'bản bổ sung');
    const revision = await storeSubmissionFile(store, 'demo/bao-cao-nhanh/p1', 'mat-tran', source);
    expect(revision.key).not.toBe(first.key);
    expect((await store.get(first.key))?.toString('utf8')).toBe('nội dung báo cáo');
  });
});
