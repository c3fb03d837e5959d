/**
 * The consolidation activities. A cycle may hold 10,000 units and Temporal payloads must stay
 * well under 2 MB, so the workflow hands the rows over in parts, each written to the document
 * store by one activity call; a last call assembles the parts into the report. Every write
 * replaces a whole document atomically, so a retried call rewrites the same content and leaves
 * no torn one. The store is what all workers share (PostgreSQL, or the state directory of a
 * single machine): any worker may run any of these calls.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '@temporalio/common';
import type { Instant } from '../../domain/cycle';
import { partKey, reportFileKey } from '../../storage/document-keys';
import { storeUri, type DocumentStore } from '../../storage/document-store';
import { safeHeartbeat } from '../cycle/read-shards';
import { activityLogger } from '../logger';
import { consolidationDocument, type ConsolidationCycle } from './consolidation-document';
import { consolidationDocx } from './consolidation-docx';
import { consolidationHtml } from './consolidation-html';
import { consolidationMarkdown } from './consolidation-markdown';
import { convertDocxToPdf, findSoffice } from './soffice';
import type { ConsolidationCounts, ConsolidationUnitRow } from './types';

export type { ConsolidationCycle } from './consolidation-document';

export interface ConsolidationPart {
  cycleId: string;
  /** 1-based; parts may be written in any order. */
  part: number;
  units: ConsolidationUnitRow[];
}

export interface AssembleConsolidationInput {
  cycle: ConsolidationCycle;
  /** How many parts were written: `part-0001.json` … this one. */
  parts: number;
  consolidatedAt: Instant;
}

/**
 * Each `…Path` is a reference to a stored document (`kyhan-store:reports/<cycle>/consolidated.md`);
 * the names stay those of the results cycles recorded when they were host paths.
 */
export interface AssembledConsolidation {
  /** Pass both as the consolidation email's `reportPaths`. */
  markdownPath: string;
  htmlPath: string;
  /** The report in the Party format, beside them (`consolidated.docx`): what the letters attach. */
  docxPath: string;
  /** Its PDF, when LibreOffice is installed. */
  pdfPath?: string;
  counts: ConsolidationCounts;
}

function assertPartNumber(part: number, what: string): void {
  if (!Number.isInteger(part) || part < 1) throw new RangeError(`Invalid ${what}: expected an integer from 1, received ${part}`);
}

export interface DocumentActivityDeps {
  /** Where parts and reports are kept; shared by every worker. */
  store: DocumentStore;
  /** The LibreOffice program that makes the PDF; default: KYHAN_SOFFICE or `soffice` on PATH; `null`: no PDF. */
  soffice?: string | null;
  logger?: Logger;
}

export function createDocumentActivities(deps: DocumentActivityDeps) {
  const { store } = deps;
  const logger = deps.logger ?? activityLogger;
  let soffice: Promise<string | undefined> | undefined;
  const sofficeProgram = () =>
    (soffice ??= (deps.soffice === null ? Promise.resolve(undefined) : deps.soffice ? Promise.resolve(deps.soffice) : findSoffice()).then((program) => {
      // Said once per worker: every later report is made the same way.
      if (!program) logger.info('LibreOffice (soffice) not found: consolidated reports get no PDF; set KYHAN_SOFFICE or install libreoffice-writer-nogui');
      return program;
    }));

  async function writeConsolidationPart(input: ConsolidationPart): Promise<{ path: string; units: number }> {
    assertPartNumber(input.part, 'part number');
    const key = partKey(input.cycleId, input.part);
    await store.put(key, `${JSON.stringify(input, null, 1)}\n`);
    return { path: storeUri(key), units: input.units.length };
  }

  async function readPart(cycleId: string, part: number): Promise<ConsolidationUnitRow[]> {
    const key = partKey(cycleId, part);
    const bytes = await store.get(key);
    if (!bytes) throw new Error(`Cannot assemble the consolidation of cycle "${cycleId}": part ${part} was not written (${storeUri(key)} in ${store.description})`);
    const stored = JSON.parse(bytes.toString('utf8')) as ConsolidationPart;
    if (stored.cycleId !== cycleId) {
      throw new Error(`Cannot assemble the consolidation of cycle "${cycleId}": ${storeUri(key)} belongs to cycle "${stored.cycleId}"`);
    }
    return stored.units;
  }

  /** The PDF of `docx` by LibreOffice, which works on files: a folder of its own, removed after. */
  async function storePdf(program: string, docx: Uint8Array, pdfKey: string): Promise<void> {
    const work = await mkdtemp(path.join(tmpdir(), 'kyhan-report-'));
    try {
      const docxFile = path.join(work, 'consolidated.docx');
      const pdfFile = path.join(work, 'consolidated.pdf');
      await writeFile(docxFile, docx, { mode: 0o600 });
      await convertDocxToPdf(program, docxFile, pdfFile);
      await store.put(pdfKey, createReadStream(pdfFile));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  async function assembleConsolidation(input: AssembleConsolidationInput): Promise<AssembledConsolidation> {
    assertPartNumber(input.parts, 'number of parts');
    const rows: ConsolidationUnitRow[] = [];
    for (let part = 1; part <= input.parts; part += 1) rows.push(...(await readPart(input.cycle.id, part)));
    const { document, counts } = consolidationDocument(input.cycle, rows, input.consolidatedAt);
    const key = (name: string) => reportFileKey(input.cycle.id, name);
    const docx = await consolidationDocx(document.report);
    await store.put(key('consolidated.md'), consolidationMarkdown(document));
    await store.put(key('consolidated.html'), consolidationHtml(document));
    await store.put(key('consolidated.docx'), docx);
    // A PDF from an earlier attempt would no longer match the DOCX.
    await store.delete(key('consolidated.pdf'));
    const program = await sofficeProgram();
    let pdf = false;
    if (program) {
      // The cycle's activity heartbeats every 2 minutes at most: keep it alive while LibreOffice works.
      const beating = setInterval(() => safeHeartbeat({ pdf: 'converting' }), 20_000);
      try {
        await storePdf(program, docx, key('consolidated.pdf'));
        pdf = true;
      } catch (error) {
        // The DOCX is the report; a PDF that fails to appear is not worth failing the cycle for.
        logger.warn('Consolidated report: no PDF', { cycleId: input.cycle.id, error: error instanceof Error ? error.message : String(error) });
      } finally {
        clearInterval(beating);
      }
    }
    return {
      markdownPath: storeUri(key('consolidated.md')),
      htmlPath: storeUri(key('consolidated.html')),
      docxPath: storeUri(key('consolidated.docx')),
      ...(pdf ? { pdfPath: storeUri(key('consolidated.pdf')) } : {}),
      counts,
    };
  }

  return { writeConsolidationPart, assembleConsolidation };
}
