/**
 * The document store in PostgreSQL: the same behavioural suite as the files store
 * (test/helpers/document-store-suite.ts), then what only a shared database makes possible —
 * workers on different hosts (here, separate pools) writing and reading each other's documents,
 * a consolidation whose parts are written by one worker and assembled by another, with no shared
 * volume.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../../activities/documents/consolidation';
import { consolidatedReportKeys } from '../../activities/documents/report-files';
import type { ConsolidationCycle } from '../../activities/documents/consolidation-document';
import { databaseFromUrl, type Database } from '../../storage/database';
import { keyOfStoreUri } from '../../storage/document-store';
import { documentStoreConfigFromEnv, documentStoreFromConfig, documentStoreIn } from '../../storage/document-store-from-config';
import { postgresDocumentStore } from '../../storage/document-store-postgres';
import { storedKeyOf, storeSubmissionBytes, storeSubmissionFile } from '../../storage/submission-store';
import { consolidatedReportFile, sendFile } from '../../web/console/files';
import type { WebEnv } from '../../web/deps';
import { documentStoreSuite, patterned } from '../helpers/document-store-suite';
import { freshDatabase, pools } from './databases';

documentStoreSuite('PostgreSQL', async () => documentStoreFromConfig({ KYHAN_VAR_DIR: '/nonexistent', KYHAN_DATABASE_URL: await freshDatabase('documents') }));

const opened: Database[] = [];
afterAll(async () => {
  await Promise.all(opened.map((d) => d.close()));
});

async function migrated(prefix: string): Promise<string> {
  const url = await freshDatabase(prefix);
  const database = databaseFromUrl(url);
  opened.push(database);
  await database.migrate();
  return url;
}

const cycle: ConsolidationCycle = {
  id: 'demo/bao-cao-thang/2026-11',
  planId: 'demo',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  issuer: { name: 'Ban Dân vận Tỉnh ủy', documentNumber: '129-KH/BDVTU' },
  reportType: { id: 'bao-cao-thang', title: 'Báo cáo tháng' },
  period: { id: '2026-11', label: 'tháng 11/2026' },
  dueAt: '2026-11-25T17:00:00+07:00',
  cutoffAt: '2026-11-28T17:00:00+07:00',
  submissionInstructions: 'Gửi qua trang của đơn vị.',
  consolidationDueAt: '2026-12-02T17:00:00+07:00',
  upperLevels: ['Ban Thường vụ Tỉnh ủy'],
};

describe('documents shared by workers on several hosts (one pool each)', () => {
  it('a file uploaded through one web app is found, streamed, by another and by a worker', async () => {
    const url = await migrated('documents_hosts');
    const [web1, web2, worker] = pools(url, 3).map((pool) => postgresDocumentStore(pool, { close: () => pool.end() }));
    try {
      const upload = patterned(5 * 1024 * 1024 + 11, 9);
      const stored = await storeSubmissionBytes(web1!, cycle.id, 'mat-tran', 'Báo cáo tháng 11.pdf', upload);
      expect(stored.copied).toBe(true);
      expect(stored.document.uri.startsWith('kyhan-store:submissions/')).toBe(true);
      // The same upload through the other web app at the same time stores nothing new.
      expect((await storeSubmissionBytes(web2!, cycle.id, 'mat-tran', 'Báo cáo tháng 11.pdf', upload)).copied).toBe(false);

      const key = storedKeyOf(web2!, cycle.id, 'mat-tran', stored.document)!;
      const download = await web2!.open(key);
      const parts: Buffer[] = [];
      for await (const part of download!.stream) parts.push(part as Buffer);
      expect(Buffer.concat(parts).equals(upload)).toBe(true);
      expect((await worker!.stat(key))?.sha256).toBe(stored.document.sha256);
      expect(storedKeyOf(worker!, cycle.id, 'tinh-doan', stored.document)).toBeUndefined();
    } finally {
      await Promise.all([web1, web2, worker].map((s) => s!.close()));
    }
  });

  it('a consolidation whose parts are written by two workers is assembled by a third', async () => {
    const url = await migrated('documents_consolidation');
    const [a, b, c] = pools(url, 3).map((pool) => postgresDocumentStore(pool, { close: () => pool.end() }));
    try {
      const row = (unitId: string, name: string) => ({ unitId, name, shortName: name, state: 'submitted' as const, submittedAt: '2026-11-24T09:00:00+07:00', submittedBy: 'Văn thư' });
      await createDocumentActivities({ store: a!, soffice: null }).writeConsolidationPart({ cycleId: cycle.id, part: 1, units: [row('mat-tran', 'Ủy ban MTTQ tỉnh')] });
      await createDocumentActivities({ store: b!, soffice: null }).writeConsolidationPart({ cycleId: cycle.id, part: 2, units: [row('tinh-doan', 'Tỉnh đoàn')] });
      const report = await createDocumentActivities({ store: c!, soffice: null }).assembleConsolidation({ cycle, parts: 2, consolidatedAt: '2026-11-28T17:00:00+07:00' });

      expect(report.counts).toMatchObject({ submitted: 2, total: 2 });
      expect(report.markdownPath).toBe('kyhan-store:reports/demo%252Fbao-cao-thang%252F2026-11/consolidated.md');
      const markdown = (await a!.get(keyOfStoreUri(report.markdownPath)!))!.toString('utf8');
      expect(markdown).toContain('Ủy ban MTTQ tỉnh');
      expect(markdown).toContain('Tỉnh đoàn');
      expect(await consolidatedReportKeys(b!, cycle.id, { markdown: report.markdownPath, html: report.htmlPath })).toEqual({
        markdown: 'reports/demo%2Fbao-cao-thang%2F2026-11/consolidated.md',
        html: 'reports/demo%2Fbao-cao-thang%2F2026-11/consolidated.html',
        docx: 'reports/demo%2Fbao-cao-thang%2F2026-11/consolidated.docx',
      });
    } finally {
      await Promise.all([a, b, c].map((s) => s!.close()));
    }
  });

  it('the store on a database already open does not close it', async () => {
    const url = await migrated('documents_borrowed');
    const database = databaseFromUrl(url);
    opened.push(database);
    const store = documentStoreIn(database);
    await store.put('reports/x/units.csv', 'STT\n');
    await store.close();
    expect((await database.pool.query<{ count: string }>('SELECT count(*) FROM documents')).rows[0]!.count).toBe('1');
  });

  it('the console streams a consolidated report from the database, with its length, by the reference the cycle recorded', async () => {
    const url = await migrated('documents_download');
    const [worker, web] = pools(url, 2).map((pool) => postgresDocumentStore(pool, { close: () => pool.end() }));
    try {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), patterned(2.5 * 1024 * 1024, 11)]);
      await worker!.put('reports/demo%2Fbao-cao-thang%2F2026-11/consolidated.md', '# Báo cáo\n');
      await worker!.put('reports/demo%2Fbao-cao-thang%2F2026-11/consolidated.pdf', pdf);
      const recorded = { markdownPath: 'kyhan-store:reports/demo%252Fbao-cao-thang%252F2026-11/consolidated.md', htmlPath: 'kyhan-store:reports/demo%252Fbao-cao-thang%252F2026-11/consolidated.html' };
      const app = new Hono<WebEnv>().get('/report.pdf', async (c) => {
        const file = await consolidatedReportFile(web!, cycle.id, recorded, 'pdf', 'vi');
        return (file && (await sendFile(c, web!, file.key, file.name))) ?? c.notFound();
      });
      const res = await app.request('/report.pdf');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(pdf.byteLength));
      expect(res.headers.get('content-disposition')).toContain('bao-cao-tong-hop.pdf');
      expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
      expect(await consolidatedReportFile(web!, 'demo/khac/2026-11', recorded, 'pdf', 'vi')).toBeUndefined();
    } finally {
      await Promise.all([worker, web].map((s) => s!.close()));
    }
  });

  it('kyhan submit --file with KYHAN_DATABASE_URL copies the file into the database (its own KYHAN_VAR_DIR stays empty)', async () => {
    const url = await migrated('documents_cli');
    const dir = await mkdtemp(join(tmpdir(), 'kyhan-cli-'));
    try {
      const source = join(dir, 'Báo cáo tháng 11.docx');
      const content = patterned(1.2 * 1024 * 1024, 13);
      await writeFile(source, content);
      const cli = await documentStoreFromConfig(documentStoreConfigFromEnv({ KYHAN_DATABASE_URL: url, KYHAN_VAR_DIR: join(dir, 'var') }));
      const stored = await storeSubmissionFile(cli, cycle.id, 'mat-tran', source);
      expect(stored.copied).toBe(true);
      expect((await storeSubmissionFile(cli, cycle.id, 'mat-tran', source)).copied).toBe(false);
      await cli.close();
      const [pool] = pools(url, 1);
      const web = postgresDocumentStore(pool!, { close: () => pool!.end() });
      expect((await web.get(storedKeyOf(web, cycle.id, 'mat-tran', stored.document)!))?.equals(content)).toBe(true);
      await web.close();
      await expect(readdir(join(dir, 'var'))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
