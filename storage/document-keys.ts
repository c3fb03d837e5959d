/**
 * The one layout of kyhan's documents, in every store (the state directory's layout as it always
 * was, so a files store keeps the folders of existing deployments):
 *   submissions/<cycle dir>/<unit>/<sha256 prefix>-<file name>   a unit's submitted file
 *   reports/<cycle dir>/parts/part-0001.json                     a consolidation part
 *   reports/<cycle dir>/consolidated.{md,html,docx,pdf}          the consolidated report
 *   reports/<cycle dir>/units.csv, escalation-<step>.csv         the lists letters attach
 * The cycle directory is named by `cycleDirName` (a cycle id holds slashes).
 */
import { basename } from 'node:path';
import { cycleDirName } from '../activities/documents/paths';

/** Hex digits of the SHA-256 in a stored file's name: enough to tell versions apart at a glance. */
export const HASH_PREFIX_LENGTH = 12;
const MAX_SEGMENT_LENGTH = 120;

/**
 * One key segment from any text: letters (Vietnamese included) and digits stay, so do `.`,
 * `_` and `-`; every other run of characters becomes `_`; no leading dot (no hidden files, no `..`).
 */
export function safeSegment(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')
    .replace(/^[.]+/, '');
  const cut = [...cleaned].slice(0, MAX_SEGMENT_LENGTH).join('');
  return cut === '' ? '_' : cut;
}

/** `<first 12 hex digits>-<safe file name>`. */
export function storedFileName(sha256: string, fileName: string): string {
  return `${sha256.slice(0, HASH_PREFIX_LENGTH)}-${safeSegment(basename(fileName))}`;
}

/** The folder of one unit's submitted files in one cycle. */
export function unitSubmissionsFolder(cycleId: string, unitId: string): string {
  return `submissions/${cycleDirName(cycleId)}/${safeSegment(unitId)}`;
}

/** The key a submitted file with this hash and name is stored under. */
export function submissionKey(cycleId: string, unitId: string, sha256: string, fileName: string): string {
  return `${unitSubmissionsFolder(cycleId, unitId)}/${storedFileName(sha256, fileName)}`;
}

/** The folder of a cycle's consolidated report, its parts and lists. */
export function cycleReportFolder(cycleId: string): string {
  return `reports/${cycleDirName(cycleId)}`;
}

/** `part-0001.json`: zero-padded so a listing sorts in part order. */
export function partKey(cycleId: string, part: number): string {
  return `${cycleReportFolder(cycleId)}/parts/part-${String(part).padStart(4, '0')}.json`;
}

/** A file of the cycle's report folder: `consolidated.md`, `units.csv`, `escalation-1.csv`… */
export function reportFileKey(cycleId: string, fileName: string): string {
  return `${cycleReportFolder(cycleId)}/${fileName}`;
}
