import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { safeSegment, storedFileName, storeSubmissionFile, submissionPath } from '../../storage/submission-store';

describe('submission file names', () => {
  it('keeps Vietnamese letters and replaces separators, spaces and leading dots', () => {
    expect(safeSegment('Báo cáo tháng 3.docx')).toBe('Báo_cáo_tháng_3.docx');
    expect(safeSegment('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeSegment('.hidden')).toBe('hidden');
    expect(safeSegment('///')).toBe('_');
  });
  it('puts each cycle in one directory and each version under its hash prefix', () => {
    expect(storedFileName('a'.repeat(64), '/home/u/Báo cáo.pdf')).toBe('aaaaaaaaaaaa-Báo_cáo.pdf');
    expect(submissionPath('/var/kyhan', 'demo/x/2026-11', 'mat-tran', 'b'.repeat(64), 'r.pdf')).toBe('/var/kyhan/submissions/demo%2Fx%2F2026-11/mat-tran/bbbbbbbbbbbb-r.pdf');
  });
});

describe('storeSubmissionFile', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('copies the file under its content hash and stores the same content only once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyhan-store-'));
    dirs.push(dir);
    const source = join(dir, 'Báo cáo.txt');
    await writeFile(source, 'nội dung báo cáo');
    const sha256 = createHash('sha256').update('nội dung báo cáo').digest('hex');

    const first = await storeSubmissionFile(join(dir, 'var'), 'demo/bao-cao-nhanh/p1', 'mat-tran', source);
    expect(first).toMatchObject({ copied: true, document: { name: 'Báo cáo.txt', sha256 } });
    expect(first.path).toBe(join(dir, 'var', 'submissions', 'demo%2Fbao-cao-nhanh%2Fp1', 'mat-tran', `${sha256.slice(0, 12)}-Báo_cáo.txt`));
    expect(fileURLToPath(first.document.uri)).toBe(first.path);
    expect(await readFile(first.path, 'utf8')).toBe('nội dung báo cáo');
    expect(await readFile(source, 'utf8')).toBe('nội dung báo cáo');

    const second = await storeSubmissionFile(join(dir, 'var'), 'demo/bao-cao-nhanh/p1', 'mat-tran', source);
    expect(second).toMatchObject({ copied: false, path: first.path });

    await writeFile(source, 'bản bổ sung');
    const revision = await storeSubmissionFile(join(dir, 'var'), 'demo/bao-cao-nhanh/p1', 'mat-tran', source);
    expect(revision.path).not.toBe(first.path);
    expect(await readFile(first.path, 'utf8')).toBe('nội dung báo cáo');
  });
});
