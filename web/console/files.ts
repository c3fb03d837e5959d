/**
 * Files through the console: a scanned paper report staff attach (checked by its content, not
 * its name, and size-limited), and downloads of stored files — only a submission's document
 * under `<varDir>/submissions/<cycle>/<unit>/` (storage/submission-store.ts `storedPathOf`) and
 * the cycle's consolidated report under `<varDir>/reports/<cycle>/`; never any other path a
 * workflow's state might name.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { Context } from 'hono';
import { cycleReportDir } from '../../activities/documents/paths';
import { consolidatedReportFiles, reportFileNames } from '../../activities/documents/report-files';
import { realPathWithin } from '../../storage/submission-store';
import type { Language } from '../../domain/cycle';
import type { WebEnv } from '../deps';
import { say } from '../html';
import { cleanFileName } from '../unit/upload';

/** Largest file staff may attach to a paper submission. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What an office sends: PDF, Word, Excel, OpenDocument text, images. Keyed by file-type's extension. */
const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  jpg: 'image/jpeg',
  png: 'image/png',
};

export type UploadCheck = { ok: true; bytes: Uint8Array; name: string } | { ok: false; problem: string };

/** An attached file's bytes if it is one of the allowed kinds (by content) and not too large. */
export async function checkUpload(file: File, language: Language): Promise<UploadCheck> {
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, problem: say(language, { vi: 'Tệp lớn hơn 20 MB; hãy nén hoặc chụp lại với độ phân giải thấp hơn.', en: 'The file is over 20 MB; compress it or scan at a lower resolution.' }) };
  if (file.size === 0) return { ok: false, problem: say(language, { vi: 'Tệp rỗng.', en: 'The file is empty.' }) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ALLOWED[type.ext]) {
    return { ok: false, problem: say(language, { vi: 'Chỉ nhận PDF, DOCX, XLSX, ODT hoặc ảnh JPG/PNG (kiểm tra theo nội dung tệp).', en: 'Only PDF, DOCX, XLSX, ODT or JPG/PNG images are accepted (checked by content).' }) };
  }
  // As the unit door names an upload: no folder part or control characters, the extension of what it really is.
  const name = cleanFileName(file.name, type.ext);
  return { ok: true, bytes, name };
}

/** The consolidated report file the cycle names, if it lies in that cycle's own report folder (symbolic links followed). */
export function reportPathOf(varDir: string, cycleId: string, recorded: string): string | undefined {
  return realPathWithin(varDir, (dir) => cycleReportDir(dir, cycleId), resolve(recorded), false);
}

export type ReportFormat = 'docx' | 'pdf' | 'html' | 'md';

/**
 * A consolidated report's file in one format, checked to lie in the cycle's report folder, with
 * the name a reader sees; undefined when the cycle has none in that format (no PDF without
 * LibreOffice, no DOCX for a report made before it existed).
 */
export async function consolidatedReportFile(
  varDir: string,
  cycleId: string,
  recorded: { markdownPath: string; htmlPath: string },
  format: ReportFormat,
  language: Language,
): Promise<{ path: string; name: string } | undefined> {
  const files = format === 'docx' || format === 'pdf' ? await consolidatedReportFiles({ markdown: recorded.markdownPath, html: recorded.htmlPath }) : {};
  const file = format === 'docx' ? files.docx : format === 'pdf' ? files.pdf : format === 'html' ? recorded.htmlPath : recorded.markdownPath;
  const path = file ? reportPathOf(varDir, cycleId, file) : undefined;
  if (!path) return undefined;
  const name = format === 'docx' || format === 'pdf' ? reportFileNames[language][format] : `${cycleId.replaceAll('/', '_')}.${format}`;
  return { path, name };
}

/** RFC 6266 `filename*` for any name (Vietnamese included), with an ASCII fallback. */
function disposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const TYPES_BY_EXTENSION: Record<string, string> = { ...ALLOWED, jpeg: 'image/jpeg', html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8' };

/** Streams a file already known to be allowed; undefined when it is not there (any more). */
export async function sendFile(c: Context<WebEnv>, path: string, name: string, kind: 'attachment' | 'inline' = 'attachment'): Promise<Response | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  const type = kind === 'inline' ? (TYPES_BY_EXTENSION[ext] ?? 'application/octet-stream') : 'application/octet-stream';
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return c.body(stream, 200, {
    'Content-Type': type,
    'Content-Length': String(info.size),
    'Content-Disposition': disposition(kind, name),
    'Cache-Control': 'private, no-store',
  });
}
