/** The document store's behaviour, files under a state directory (the same suite runs on PostgreSQL in test/postgres). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { fileDocumentStore } from '../../storage/document-store-files';
import { documentStoreSuite } from '../helpers/document-store-suite';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

documentStoreSuite('files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kyhan-document-store-'));
  dirs.push(dir);
  return fileDocumentStore(join(dir, 'var'));
});
