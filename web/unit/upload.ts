/**
 * What a unit may upload, decided by the bytes (the `file-type` package reads the signature
 * and, for office files, the archive's entries), never by the name or the browser's claim:
 * PDF, Word (DOCX), Excel (XLSX), OpenDocument text and spreadsheet (ODT, ODS) and images.
 * Old binary DOC/XLS, macro-enabled files and anything else are refused with the reason.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { Language } from '../../domain/cycle';
import { LIMITS } from '../../domain/unit-requests';
import type { Bilingual } from '../html';

/** Per file, and per request (the whole form, checked by `bodyLimit` before anything is read). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_REQUEST_BYTES = 50 * 1024 * 1024;
/** Files in one submission: the document and its attachments. */
export const MAX_FILES = 1 + LIMITS.attachments;

/** Accepted kinds by the extension `file-type` reports, with the MIME type files are served with. */
export const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tif: 'image/tiff',
  heic: 'image/heic',
};

/** For the file input's `accept` attribute: a hint to the browser's picker only. */
export const ACCEPT_ATTRIBUTE = ['.pdf', '.docx', '.xlsx', '.odt', '.ods', '.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.heic', 'image/*'].join(',');

export const ACCEPTED_WORDS: Bilingual = {
  vi: 'PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods) hoặc ảnh (JPEG, PNG, WebP, TIFF, HEIC)',
  en: 'PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods) or an image (JPEG, PNG, WebP, TIFF, HEIC)',
};

export interface CheckedFile {
  /** The name to store and show: the sender's, cleaned, ending in the extension of its real kind. */
  name: string;
  ext: string;
  mime: string;
  bytes: Uint8Array;
}

export type FileCheck = { ok: true; file: CheckedFile } | { ok: false; status: 413 | 415 | 422; problem: Bilingual };

const MB = 1024 * 1024;

/** The kind of these bytes if a unit may upload it. */
export async function acceptedKind(bytes: Uint8Array): Promise<{ ext: string; mime: string } | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return undefined;
  const mime = ACCEPTED[detected.ext];
  return mime ? { ext: detected.ext, mime } : undefined;
}

/**
 * A file name fit to show and store: no path, no control or bidirectional characters, at most
 * `LIMITS.name` characters, and the extension of what the file really is (a PDF named
 * `bao-cao.docx` is stored as `bao-cao.docx.pdf`, so whoever opens it gets the right program).
 */
export function cleanFileName(given: string, ext: string): string {
  const base = (given.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, '')
    .normalize('NFC')
    .trim();
  const lower = base.toLowerCase();
  const sameKind = lower.endsWith(`.${ext}`) || (ext === 'jpg' && lower.endsWith('.jpeg')) || (ext === 'tif' && lower.endsWith('.tiff'));
  const suffix = sameKind ? '' : `.${ext}`;
  const room = LIMITS.name - suffix.length;
  const stem = [...(base === '' ? 'tep' : base)].slice(0, sameKind ? LIMITS.name : room).join('');
  return `${stem}${suffix}`;
}

export async function checkFile(file: File, language: Language): Promise<FileCheck> {
  const shown = file.name.slice(0, 80);
  if (file.size === 0) return { ok: false, status: 422, problem: { vi: `Tệp "${shown}" rỗng.`, en: `The file "${shown}" is empty.` } };
  if (file.size > MAX_FILE_BYTES) {
    const size = (file.size / MB).toFixed(1).replace('.', language === 'vi' ? ',' : '.');
    return {
      ok: false,
      status: 413,
      problem: { vi: `Tệp "${shown}" nặng ${size} MB, vượt giới hạn ${MAX_FILE_BYTES / MB} MB cho mỗi tệp.`, en: `The file "${shown}" is ${size} MB, over the limit of ${MAX_FILE_BYTES / MB} MB per file.` },
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = await acceptedKind(bytes);
  if (!kind) {
    return {
      ok: false,
      status: 415,
      problem: {
        vi: `Tệp "${shown}" không phải loại được nhận. Chỉ nhận ${ACCEPTED_WORDS.vi}; tệp .doc, .xls cũ xin lưu lại thành .docx, .xlsx hoặc PDF.`,
        en: `The file "${shown}" is not of an accepted kind. Accepted: ${ACCEPTED_WORDS.en}; save old .doc and .xls files as .docx, .xlsx or PDF.`,
      },
    };
  }
  return { ok: true, file: { name: cleanFileName(file.name, kind.ext), ...kind, bytes } };
}
