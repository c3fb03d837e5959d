/**
 * Downloads follow only files inside their own folder of the state directory, as written and
 * once symbolic links are followed: a link planted in the store that leads elsewhere is refused.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cycleReportDir } from '../../activities/documents/paths';
import { storedPathOf, submissionPath } from '../../storage/submission-store';
import { reportPathOf } from '../../web/console/files';

const CYCLE = 'demo/chay-thu/2026-11-24';
const root = mkdtempSync(join(tmpdir(), 'kyhan-paths-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const varDir = join(root, 'var');
const outside = join(root, 'secret.txt');
writeFileSync(outside, 'not a report');

describe('downloads and symbolic links', () => {
  it('a stored document is served from the unit’s folder; a link in it that leads out is refused', () => {
    const real = submissionPath(varDir, CYCLE, 'mat-tran', 'a'.repeat(64), 'bao-cao.pdf');
    mkdirSync(join(real, '..'), { recursive: true });
    writeFileSync(real, '%PDF-1.4');
    const link = submissionPath(varDir, CYCLE, 'mat-tran', 'b'.repeat(64), 'evil.pdf');
    symlinkSync(outside, link);
    const missing = submissionPath(varDir, CYCLE, 'mat-tran', 'c'.repeat(64), 'gone.pdf');
    const doc = (path: string) => ({ uri: pathToFileURL(path).href, name: 'x.pdf' });
    expect(storedPathOf(varDir, CYCLE, 'mat-tran', doc(real))).toBe(realpathSync(real));
    expect(storedPathOf(varDir, CYCLE, 'mat-tran', doc(link))).toBeUndefined();
    expect(storedPathOf(varDir, CYCLE, 'mat-tran', doc(missing))).toBe(missing);
    expect(storedPathOf(varDir, CYCLE, 'hoi-nong-dan', doc(real))).toBeUndefined();
    expect(storedPathOf(varDir, CYCLE, 'mat-tran', doc(outside))).toBeUndefined();
  });

  it('a consolidated report is served from the cycle’s report folder; a link in it that leads out is refused', () => {
    const dir = cycleReportDir(varDir, CYCLE);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.html'), '<h1>report</h1>');
    symlinkSync(outside, join(dir, 'report.md'));
    expect(reportPathOf(varDir, CYCLE, join(dir, 'report.html'))).toBe(realpathSync(join(dir, 'report.html')));
    expect(reportPathOf(varDir, CYCLE, join(dir, 'report.md'))).toBeUndefined();
    expect(reportPathOf(varDir, CYCLE, outside)).toBeUndefined();
  });

  it('a state directory behind a link of its own is fine', () => {
    const alias = join(root, 'alias');
    symlinkSync(varDir, alias);
    const real = submissionPath(alias, CYCLE, 'mat-tran', 'a'.repeat(64), 'bao-cao.pdf');
    expect(storedPathOf(alias, CYCLE, 'mat-tran', { uri: pathToFileURL(real).href })).toBe(realpathSync(real));
  });
});
