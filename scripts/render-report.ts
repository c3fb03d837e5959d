/**
 * `npm run report:render -- FILE.docx [OUTDIR]`: a DOCX as PNG pages, for a person to look at
 * (LibreOffice makes the PDF, `pdftoppm` from poppler-utils the pages). Prints the PNG paths.
 * OUTDIR defaults to the DOCX's own folder. Neither tool is needed to run kyhan itself.
 */
import { execFile } from 'node:child_process';
import { access, constants, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { convertDocxToPdf, findSoffice } from '../activities/documents/soffice';
import { runMain, UserFacingError } from '../workers/process';

const run = promisify(execFile);

async function onPath(program: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, program);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

runMain(async () => {
  const [docx, outArg] = process.argv.slice(2);
  if (!docx || !docx.endsWith('.docx')) throw new UserFacingError('usage: npm run report:render -- FILE.docx [OUTDIR]', 2);
  await access(docx).catch(() => {
    throw new UserFacingError(`report:render: no file "${docx}"`, 2);
  });
  const soffice = await findSoffice();
  const pdftoppm = await onPath('pdftoppm');
  const missing = [
    ...(soffice ? [] : ['LibreOffice (Debian/Ubuntu package libreoffice-writer-nogui; or set KYHAN_SOFFICE to its soffice program)']),
    ...(pdftoppm ? [] : ['pdftoppm (Debian/Ubuntu package poppler-utils)']),
  ];
  if (!soffice || !pdftoppm) {
    throw new UserFacingError(`report:render needs ${missing.join(' and ')}.\nInstall them with: apt-get install -y libreoffice-writer-nogui poppler-utils`, 2);
  }
  const outDir = outArg ?? path.dirname(docx);
  await mkdir(outDir, { recursive: true });
  const base = path.basename(docx, '.docx');
  const pdf = path.join(outDir, `${base}.pdf`);
  await convertDocxToPdf(soffice, docx, pdf);
  const prefix = path.join(outDir, `${base}-page`);
  await run(pdftoppm, ['-r', '80', '-png', pdf, prefix]);
  const pages = (await readdir(outDir)).filter((name) => name.startsWith(`${base}-page`) && name.endsWith('.png')).sort();
  for (const page of pages) process.stdout.write(`${path.join(outDir, page)}\n`);
});
