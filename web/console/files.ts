/**
 * Files through the console: a scanned paper report staff attach (checked by its content, not
 * its name, and size-limited), and downloads of stored documents — only a submission's document
 * in `submissions/<cycle>/<unit>/` of the document store (storage/submission-store.ts
 * `storedKeyOf`) and the cycle's consolidated report in `reports/<cycle>/`; never anything else
 * a workflow's state might name.
 */
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { Context } from 'hono';
import { consolidatedReportKeys, reportFileNames } from '../../activities/documents/report-files';
import type { DocumentStore } from '../../storage/document-store';
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

export type ReportFormat = 'docx' | 'pdf' | 'html' | 'md';

/**
 * A consolidated report's document in one format, only from the cycle's report folder, with
 * the name a reader sees; undefined when the cycle has none in that format (no PDF without
 * LibreOffice, no DOCX for a report made before it existed).
 */
export async function consolidatedReportFile(
  store: DocumentStore,
  cycleId: string,
  recorded: { markdownPath: string; htmlPath: string },
  format: ReportFormat,
  language: Language,
): Promise<{ key: string; name: string } | undefined> {
  const keys = await consolidatedReportKeys(store, cycleId, { markdown: recorded.markdownPath, html: recorded.htmlPath });
  const key = format === 'docx' ? keys.docx : format === 'pdf' ? keys.pdf : format === 'html' ? keys.html : keys.markdown;
  if (!key) return undefined;
  const name = format === 'docx' || format === 'pdf' ? reportFileNames[language][format] : `${cycleId.replaceAll('/', '_')}.${format}`;
  return { key, name };
}

/** RFC 6266 `filename*` for any name (Vietnamese included), with an ASCII fallback. */
function disposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const TYPES_BY_EXTENSION: Record<string, string> = { ...ALLOWED, jpeg: 'image/jpeg', html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8' };

/** Streams a stored document already known to be allowed; undefined when it is not there (any more). */
export async function sendFile(c: Context<WebEnv>, store: DocumentStore, key: string, name: string, kind: 'attachment' | 'inline' = 'attachment'): Promise<Response | undefined> {
  const opened = await store.open(key);
  if (!opened) return undefined;
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  const type = kind === 'inline' ? (TYPES_BY_EXTENSION[ext] ?? 'application/octet-stream') : 'application/octet-stream';
  const stream = Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>;
  return c.body(stream, 200, {
    'Content-Type': type,
    'Content-Length': String(opened.size),
    'Content-Disposition': disposition(kind, name),
    'Cache-Control': 'private, no-store',
  });
}
