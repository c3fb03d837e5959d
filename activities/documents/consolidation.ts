/**
 * The consolidation activities. A cycle may hold 10,000 units and Temporal payloads must stay
 * well under 2 MB, so the workflow hands the rows over in parts, each written to its own file
 * by one activity call; a last call assembles the parts into the report. Every write replaces
 * a whole file atomically, so a retried call rewrites the same content and leaves no torn file.
 * `stateDir` must be shared by all workers that run these activities.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@temporalio/common';
import type { Instant } from '../../domain/cycle';
import { safeHeartbeat } from '../cycle/read-shards';
import { activityLogger } from '../logger';
import { writeFileAtomic } from './atomic-write';
import { consolidationDocument, type ConsolidationCycle } from './consolidation-document';
import { consolidationDocx } from './consolidation-docx';
import { consolidationHtml } from './consolidation-html';
import { consolidationMarkdown } from './consolidation-markdown';
import { cycleReportDir, partPath } from './paths';
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
  stateDir: string;
  /** The LibreOffice program that makes the PDF; default: KYHAN_SOFFICE or `soffice` on PATH; `null`: no PDF. */
  soffice?: string | null;
  logger?: Logger;
}

export function createDocumentActivities(deps: DocumentActivityDeps) {
  const { stateDir } = deps;
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
    const file = partPath(stateDir, input.cycleId, input.part);
    await writeFileAtomic(file, `${JSON.stringify(input, null, 1)}\n`);
    return { path: file, units: input.units.length };
  }

  async function readPart(cycleId: string, part: number): Promise<ConsolidationUnitRow[]> {
    const file = partPath(stateDir, cycleId, part);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`Cannot assemble the consolidation of cycle "${cycleId}": part ${part} was not written (${file})`, { cause: error });
    }
    const stored = JSON.parse(text) as ConsolidationPart;
    if (stored.cycleId !== cycleId) {
      throw new Error(`Cannot assemble the consolidation of cycle "${cycleId}": ${file} belongs to cycle "${stored.cycleId}"`);
    }
    return stored.units;
  }

  async function assembleConsolidation(input: AssembleConsolidationInput): Promise<AssembledConsolidation> {
    assertPartNumber(input.parts, 'number of parts');
    const rows: ConsolidationUnitRow[] = [];
    for (let part = 1; part <= input.parts; part += 1) rows.push(...(await readPart(input.cycle.id, part)));
    const { document, counts } = consolidationDocument(input.cycle, rows, input.consolidatedAt);
    const dir = cycleReportDir(stateDir, input.cycle.id);
    const markdownPath = path.join(dir, 'consolidated.md');
    const htmlPath = path.join(dir, 'consolidated.html');
    const docxPath = path.join(dir, 'consolidated.docx');
    const pdfPath = path.join(dir, 'consolidated.pdf');
    await writeFileAtomic(markdownPath, consolidationMarkdown(document));
    await writeFileAtomic(htmlPath, consolidationHtml(document));
    await writeFileAtomic(docxPath, await consolidationDocx(document.report));
    // A PDF from an earlier attempt would no longer match the DOCX.
    await rm(pdfPath, { force: true });
    const program = await sofficeProgram();
    let pdf: string | undefined;
    if (program) {
      // The cycle's activity heartbeats every 2 minutes at most: keep it alive while LibreOffice works.
      const beating = setInterval(() => safeHeartbeat({ pdf: 'converting' }), 20_000);
      try {
        await convertDocxToPdf(program, docxPath, pdfPath);
        pdf = pdfPath;
      } catch (error) {
        // The DOCX is the report; a PDF that fails to appear is not worth failing the cycle for.
        logger.warn('Consolidated report: no PDF', { cycleId: input.cycle.id, error: error instanceof Error ? error.message : String(error) });
      } finally {
        clearInterval(beating);
      }
    }
    return { markdownPath, htmlPath, docxPath, ...(pdf ? { pdfPath: pdf } : {}), counts };
  }

  return { writeConsolidationPart, assembleConsolidation };
}
