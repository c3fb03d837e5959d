/**
 * Downloads follow only documents inside their own folder of the store, as referenced and, in
 * the files store, once symbolic links are followed: a link planted in the store that leads
 * elsewhere is refused. References recorded before the store (host paths, `file://` URIs)
 * still resolve, by the layout they were written in.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { reportKeyOf } from '../../activities/documents/report-files';
import { cycleReportFolder, submissionKey } from '../../storage/document-keys';
import { storeUri } from '../../storage/document-store';
import { fileDocumentStore } from '../../storage/document-store-files';
import { storedKeyOf } from '../../storage/submission-store';

const CYCLE = 'demo/chay-thu/2026-11-24';
const root = mkdtempSync(join(tmpdir(), 'kyhan-paths-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const varDir = join(root, 'var');
const store = fileDocumentStore(varDir);
const outside = join(root, 'secret.txt');
writeFileSync(outside, 'not a report');

describe('downloads and symbolic links', () => {
  it('a stored document is served from the unit’s folder; a link in it that leads out is refused', () => {
    const real = submissionKey(CYCLE, 'mat-tran', 'a'.repeat(64), 'bao-cao.pdf');
    mkdirSync(dirname(store.pathOf(real)), { recursive: true });
    writeFileSync(store.pathOf(real), '%PDF-1.4');
    const link = submissionKey(CYCLE, 'mat-tran', 'b'.repeat(64), 'evil.pdf');
    symlinkSync(outside, store.pathOf(link));
    const missing = submissionKey(CYCLE, 'mat-tran', 'c'.repeat(64), 'gone.pdf');
    const doc = (uri: string) => ({ uri, name: 'x.pdf' });
    for (const reference of [storeUri(real), pathToFileURL(store.pathOf(real)).href]) {
      expect(storedKeyOf(store, CYCLE, 'mat-tran', doc(reference))).toBe(real);
    }
    expect(storedKeyOf(store, CYCLE, 'mat-tran', doc(storeUri(link)))).toBeUndefined();
    expect(storedKeyOf(store, CYCLE, 'mat-tran', doc(pathToFileURL(store.pathOf(link)).href))).toBeUndefined();
    expect(storedKeyOf(store, CYCLE, 'mat-tran', doc(storeUri(missing)))).toBe(missing);
    expect(storedKeyOf(store, CYCLE, 'hoi-nong-dan', doc(storeUri(real)))).toBeUndefined();
    expect(storedKeyOf(store, CYCLE, 'hoi-nong-dan', doc(pathToFileURL(store.pathOf(real)).href))).toBeUndefined();
    expect(storedKeyOf(store, CYCLE, 'mat-tran', doc(pathToFileURL(outside).href))).toBeUndefined();
    expect(storedKeyOf(store, CYCLE, 'mat-tran', doc(`kyhan-store:submissions/${encodeURIComponent(encodeURIComponent(CYCLE))}/mat-tran/../../x`))).toBeUndefined();
    expect(storedKeyOf(store, CYCLE, 'mat-tran', doc('paper:'))).toBeUndefined();
  });

  it('a consolidated report is served from the cycle’s report folder; a link in it that leads out is refused', () => {
    const dir = store.pathOf(cycleReportFolder(CYCLE));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.html'), '<h1>report</h1>');
    symlinkSync(outside, join(dir, 'report.md'));
    const html = `${cycleReportFolder(CYCLE)}/report.html`;
    // As cycles recorded before the store hold it: the host path.
    expect(reportKeyOf(store, CYCLE, join(dir, 'report.html'))).toBe(html);
    expect(reportKeyOf(store, CYCLE, storeUri(html))).toBe(html);
    expect(reportKeyOf(store, CYCLE, join(dir, 'report.md'))).toBeUndefined();
    expect(reportKeyOf(store, CYCLE, outside)).toBeUndefined();
    expect(reportKeyOf(store, 'demo/other/2026-11-24', join(dir, 'report.html'))).toBeUndefined();
  });

  it('a state directory behind a link of its own is fine, and so is one that moved since the reference was recorded', () => {
    const alias = join(root, 'alias');
    symlinkSync(varDir, alias);
    const key = submissionKey(CYCLE, 'mat-tran', 'a'.repeat(64), 'bao-cao.pdf');
    const aliased = fileDocumentStore(alias);
    expect(storedKeyOf(aliased, CYCLE, 'mat-tran', { uri: pathToFileURL(aliased.pathOf(key)).href })).toBe(key);
    expect(storedKeyOf(aliased, CYCLE, 'mat-tran', { uri: storeUri(key) })).toBe(key);
    expect(storedKeyOf(store, CYCLE, 'mat-tran', { uri: pathToFileURL(join('/srv/old-kyhan', key)).href })).toBe(key);
  });
});
