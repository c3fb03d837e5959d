/**
 * PDF from a DOCX through LibreOffice, where it is installed (`soffice` on PATH, or the program
 * named by KYHAN_SOFFICE). Optional: without LibreOffice there is no PDF, and that is no error.
 */
import { execFile } from 'node:child_process';
import { access, constants, copyFile, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A conversion that takes longer is abandoned (a hung LibreOffice must not hold an activity). */
export const SOFFICE_TIMEOUT_MS = 90_000;

/** The LibreOffice program to run, or undefined when there is none. */
export async function findSoffice(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const named = env.KYHAN_SOFFICE?.trim();
  const candidates = named ? [named] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((dir) => ['soffice', 'libreoffice'].map((name) => path.join(dir, name)));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}

function run(program: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(program)} failed${error.killed ? ` (no answer in ${timeoutMs / 1000} s)` : ''}: ${String(stderr).trim() || error.message}`));
      else resolve();
    });
  });
}

/**
 * Converts `docx` to a PDF at `pdf` (replaced whole: written beside it, then renamed). Each call
 * has its own LibreOffice profile, so conversions at once do not wait on one another's lock.
 */
export async function convertDocxToPdf(soffice: string, docx: string, pdf: string, timeoutMs = SOFFICE_TIMEOUT_MS): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'kyhan-soffice-'));
  try {
    const outDir = path.join(work, 'out');
    await run(soffice, [`-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, docx], timeoutMs);
    const made = path.join(outDir, `${path.basename(docx, path.extname(docx))}.pdf`);
    await access(made).catch(() => {
      throw new Error(`${path.basename(soffice)} made no PDF of ${path.basename(docx)}`);
    });
    // Same file system for an atomic rename: move it beside the target first.
    const temporary = `${pdf}.${process.pid}.tmp`;
    await rm(temporary, { force: true });
    await copyFile(made, temporary);
    await rename(temporary, pdf);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
