/**
 * The staff console's routes: the plans of the signed-in person (`/`), a plan's status matrix
 * and its CSV, starting a cycle, a cycle's page and a unit's, their documents and consolidated
 * report, and the actions (record a paper submission, extend, excuse, return, cancel; approve,
 * return, resubmit, mark sent up). Each is behind the sign-in guard; each action checks the
 * person's role in the plan, validates the form (422 with the problem next to the field), shows
 * the workflow's refusal next to the form (409), and records who took it.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ApprovalRejectedError } from '../../client/approval';
import { CycleUpdateRejectedError } from '../../client/cycles';
import { toCycleSpec } from '../../domain/schedule';
import { LIMITS } from '../../domain/unit-requests';
import { PAPER_URI, travelsOnPaper } from '../../domain/document-facts';
import { storedKeyOf, storeSubmissionBytes } from '../../storage/submission-store';
import { documentStoreOf } from '../documents';
import { requireCsrf, requireViewer } from '../auth/guard';
import type { WebDeps, WebEnv } from '../deps';
import { planAccess, isResponse, notFoundPage, byOf } from './access';
import { cyclePage, documentsOf, PAPER_ONLY_FILE, unitPage, type CycleView, type OpenForm } from './cycle-page';
import { checkUpload, consolidatedReportFile, sendFile, type ReportFormat } from './files';
import { fields, instantOfLocal, parseForm, typedValues, type FormState } from './forms';
import { parseFilters } from './filters';
import { loadMatrix } from './matrix-data';
import { matrixCsv, matrixPage } from './matrix-page';
import { overviewPage, type OverviewPlan } from './overview-page';
import { cycleHref, unitHref } from './render';
import { temporalSource, type ConsoleSource } from './source';
import { computeStart, parseStartForm } from './start-cycle';
import { startPage } from './start-page';

export interface ConsoleOptions {
  /** Where the console reads and acts; default: Temporal through the typed client (tests give a fake). */
  source?: (deps: WebDeps) => ConsoleSource;
}

const sources = new WeakMap<WebDeps, ConsoleSource>();

/** Gives the console of the app built with these deps its source (tests: a fake instead of Temporal). */
export function provideConsoleSource(deps: WebDeps, source: ConsoleSource): void {
  sources.set(deps, source);
}

function sourceOf(c: Context<WebEnv>, options: ConsoleOptions): ConsoleSource {
  const deps = c.get('deps');
  let source = sources.get(deps);
  if (!source) {
    source = options.source ? options.source(deps) : temporalSource(deps.temporal, { taskQueue: deps.taskQueue });
    sources.set(deps, source);
  }
  return source;
}

/** The workflow's refusal of a request, in the plan's language, or undefined for any other failure. */
function refusalOf(err: unknown): string | undefined {
  if (err instanceof CycleUpdateRejectedError || err instanceof ApprovalRejectedError) return err.message;
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.message;
  return undefined;
}

/** `<plan>/<report>/<period>`: three non-empty parts, or nothing. */
function planOfCycle(cycleId: string): string | undefined {
  const parts = cycleId.split('/');
  return parts.length === 3 && parts.every((p) => p !== '') && cycleId.length <= 300 ? parts[0] : undefined;
}

const reasonSchema = z.object({ reason: fields.reason() });
const extendSchema = z.object({ until: fields.localMoment(), reason: fields.reason() });
const submitSchema = z.object({ number: fields.shortLine(), date: fields.date(), signer: fields.shortLine(LIMITS.name), note: fields.note() });
const commentSchema = z.object({ comment: fields.note() });
const requiredCommentSchema = z.object({ comment: fields.reason() });
const noteSchema = z.object({ note: fields.note() });

export function consoleRoutes(options: ConsoleOptions = {}): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const guard = [requireViewer(), requireCsrf()] as const;
  app.use('/plans/*', ...guard);
  app.use('/cycles/*', ...guard);

  /** The cycle, its plan and the viewer's access to it; or the page that refuses. */
  async function loadCycle(c: Context<WebEnv>, need: 'see' | 'staff' | 'leader'): Promise<CycleView | Response> {
    const cycleId = c.req.param('cycleId') ?? '';
    const planId = planOfCycle(cycleId);
    if (!planId) return notFoundPage(c);
    const pa = planAccess(c, planId, need);
    if (isResponse(pa)) return await pa;
    const source = sourceOf(c, options);
    const run = await source.cycleRun(cycleId);
    if (!run) return notFoundPage(c);
    const [header, status] = await Promise.all([source.cycleHeader(cycleId), source.cycleStatus(cycleId)]);
    return { ...pa, header, status, now: c.get('deps').now().getTime(), documents: documentStoreOf(c.get('deps')) };
  }

  app.get('/', requireViewer(), async (c) => {
    const viewer = c.get('viewer')!;
    const deps = c.get('deps');
    const source = sourceOf(c, options);
    const plans: OverviewPlan[] = await Promise.all(
      deps.plans.accessFor(viewer.email).map(async ({ plan, access }) => {
        try {
          return { plan, access, campaign: await source.campaignStatus(plan.id) };
        } catch (err) {
          deps.logger.warn({ err, plan: plan.id }, 'campaign status unreadable');
          return { plan, access, campaign: undefined, unreadable: true };
        }
      }),
    );
    return overviewPage(c, plans, deps.now().getTime());
  });

  // ---- A plan: its matrix, its CSV, starting a cycle. ----

  app.get('/plans/:planId', async (c) => {
    const pa = planAccess(c, c.req.param('planId'));
    if (isResponse(pa)) return await pa;
    const parsed = parseFilters(c.req.query(), pa.plan, pa.plan.language);
    const now = c.get('deps').now().getTime();
    const source = sourceOf(c, options);
    const [loaded, campaign] = await Promise.all([loadMatrix(source, pa.plan, parsed.filters, now), source.campaignStatus(pa.plan.id)]);
    return matrixPage(c, { plan: pa.plan, parsed, loaded, campaign, staff: pa.access.staff, now });
  });

  app.get('/plans/:planId/matrix.csv', async (c) => {
    const pa = planAccess(c, c.req.param('planId'));
    if (isResponse(pa)) return await pa;
    const parsed = parseFilters(c.req.query(), pa.plan, pa.plan.language);
    const loaded = await loadMatrix(sourceOf(c, options), pa.plan, parsed.filters, c.get('deps').now().getTime());
    const day = c.get('deps').now().toISOString().slice(0, 10);
    return c.body(matrixCsv(loaded.matrix, pa.plan), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${pa.plan.id}-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    });
  });

  app.get('/plans/:planId/cycles/new', (c) => {
    const pa = planAccess(c, c.req.param('planId'), 'staff');
    if (isResponse(pa)) return pa;
    return startPage(c, { plan: pa.plan, viewer: pa.viewer, now: c.get('deps').now(), reportTypeId: c.req.query('reportType'), state: { values: {}, errors: {} } });
  });

  app.post('/plans/:planId/cycles', async (c) => {
    const pa = planAccess(c, c.req.param('planId'), 'staff');
    if (isResponse(pa)) return await pa;
    const { plan, viewer } = pa;
    const body = await c.req.parseBody({ all: true });
    const values = typedValues(body);
    const units = body.units === undefined ? [] : ([] as unknown[]).concat(body.units).filter((u): u is string => typeof u === 'string');
    values.units = units.join(',');
    const again = (state: FormState, status: 409 | 422) => startPage(c, { plan, viewer, now: c.get('deps').now(), reportTypeId: values.reportType, state, status });
    const parsed = parseStartForm({ ...values, units }, plan.language);
    if (!parsed.ok) return again({ values, errors: parsed.errors }, 422);
    const now = c.get('deps').now();
    const computed = computeStart(plan, parsed.form, now, plan.language);
    if (!computed.ok) return again({ values, errors: computed.errors }, 422);
    const cycle = computed.cycle;
    const source = sourceOf(c, options);
    const run = await source.cycleRun(cycle.id);
    if (run && run.status !== 'RUNNING') {
      const vi = plan.language === 'vi';
      return again({ values, errors: {}, refusal: vi ? `Kỳ báo cáo "${cycle.id}" đã kết thúc; để mở một kỳ mới hãy chọn kỳ đột xuất với mã kỳ khác.` : `Cycle "${cycle.id}" has already ended; to open a new one choose an ad-hoc cycle with another period id.` }, 409);
    }
    // Also when running: a second start delivers any units a first one did not (harmless otherwise).
    await source.startCycle(toCycleSpec(cycle));
    c.get('deps').logger.info({ cycleId: cycle.id, by: viewer.email, alreadyRunning: Boolean(run) }, 'cycle started from the console');
    return c.redirect(`${cycleHref(cycle.id)}?done=${run ? 'running' : 'start'}`, 303);
  });

  // ---- A cycle and its units. ----

  app.get('/cycles/:cycleId', async (c) => {
    const v = await loadCycle(c, 'see');
    if (v instanceof Response) return v;
    return cyclePage(c, v, { done: c.req.query('done') });
  });

  app.get('/cycles/:cycleId/units/:unitId', async (c) => {
    const v = await loadCycle(c, 'see');
    if (v instanceof Response) return v;
    const unit = v.status.units.find((u) => u.unitId === c.req.param('unitId'));
    if (!unit) return notFoundPage(c);
    return unitPage(c, v, unit, { done: c.req.query('done') });
  });

  app.get('/cycles/:cycleId/units/:unitId/documents/:index', async (c) => {
    const v = await loadCycle(c, 'see');
    if (v instanceof Response) return v;
    const unit = v.status.units.find((u) => u.unitId === c.req.param('unitId'));
    const index = Number(c.req.param('index'));
    const document = unit && Number.isInteger(index) && index >= 0 ? documentsOf(unit)[index] : undefined;
    const store = documentStoreOf(c.get('deps'));
    const key = document && unit ? storedKeyOf(store, v.status.cycleId, unit.unitId, document) : undefined;
    const sent = key ? await sendFile(c, store, key, document!.name ?? key.split('/').pop()!) : undefined;
    return sent ?? notFoundPage(c);
  });

  app.get('/cycles/:cycleId/report.:format{docx|pdf|html|md}', async (c) => {
    const v = await loadCycle(c, 'see');
    if (v instanceof Response) return v;
    const consolidation = v.status.consolidation;
    const format = c.req.param('format') as ReportFormat;
    const store = documentStoreOf(c.get('deps'));
    const file = consolidation ? await consolidatedReportFile(store, v.status.cycleId, consolidation, format, v.plan.language) : undefined;
    const sent = file ? await sendFile(c, store, file.key, file.name, format === 'html' ? 'inline' : 'attachment') : undefined;
    return sent ?? notFoundPage(c);
  });

  /** A per-unit action: validate, ask the cycle, show the refusal or go back to the unit's page. */
  function unitAction(name: 'extend' | 'excuse' | 'return', schema: z.ZodType, run: (source: ConsoleSource, v: CycleView, unitId: string, data: Record<string, string | undefined>, by: string) => Promise<unknown>) {
    return async (c: Context<WebEnv>) => {
      const v = await loadCycle(c, 'staff');
      if (v instanceof Response) return v;
      const unit = v.status.units.find((u) => u.unitId === c.req.param('unitId'));
      if (!unit) return notFoundPage(c);
      const body = await c.req.parseBody();
      const parsed = parseForm(schema, body, v.plan.language);
      if (!parsed.ok) return unitPage(c, v, unit, { open: { name, state: parsed.state }, status: 422 });
      try {
        await run(sourceOf(c, options), v, unit.unitId, parsed.data as Record<string, string | undefined>, byOf(v.viewer));
      } catch (err) {
        const refusal = refusalOf(err);
        if (refusal === undefined) throw err;
        return unitPage(c, v, unit, { open: { name, state: { values: typedValues(body), errors: {}, refusal } }, status: 409 });
      }
      return c.redirect(`${unitHref(v.status.cycleId, unit.unitId)}?done=${name}`, 303);
    };
  }

  app.post(
    '/cycles/:cycleId/units/:unitId/extend',
    unitAction('extend', extendSchema, (s, v, unitId, d, by) => s.grantExtension(v.status.cycleId, { unitId, until: instantOfLocal(d.until!, v.header.timeZone), reason: d.reason!, grantedBy: by })),
  );
  app.post('/cycles/:cycleId/units/:unitId/excuse', unitAction('excuse', reasonSchema, (s, v, unitId, d, by) => s.excuseUnit(v.status.cycleId, { unitId, reason: d.reason!, excusedBy: by })));
  app.post('/cycles/:cycleId/units/:unitId/return', unitAction('return', reasonSchema, (s, v, unitId, d, by) => s.returnForRevision(v.status.cycleId, { unitId, reason: d.reason!, returnedBy: by })));

  // A paper submission, with an optional scan (multipart; its size is checked with its content).
  app.post(
    '/cycles/:cycleId/units/:unitId/submit',
    async (c) => {
      const v = await loadCycle(c, 'staff');
      if (v instanceof Response) return v;
      const unit = v.status.units.find((u) => u.unitId === c.req.param('unitId'));
      if (!unit) return notFoundPage(c);
      const body = await c.req.parseBody();
      const language = v.plan.language;
      const parsed = parseForm(submitSchema, body, language);
      const file = body.file instanceof File && body.file.size > 0 ? body.file : undefined;
      // A paper-only report (it may be classified) keeps no copy here: its arrival is recorded by number and date.
      const paperOnly = file !== undefined && travelsOnPaper(v.header);
      const upload = file && !paperOnly ? await checkUpload(file, language) : undefined;
      if (!parsed.ok || paperOnly || (upload && !upload.ok)) {
        const state = parsed.ok ? { values: typedValues(body), errors: {} as Record<string, string> } : parsed.state;
        if (paperOnly) state.errors.file = PAPER_ONLY_FILE[language];
        if (upload && !upload.ok) state.errors.file = upload.problem;
        return unitPage(c, v, unit, { open: { name: 'submit', state }, status: 422 });
      }
      const data = parsed.data;
      const by = byOf(v.viewer);
      const facts = { ...(data.number ? { number: data.number } : {}), ...(data.date ? { date: data.date } : {}), ...(data.signer ? { signer: data.signer } : {}) };
      const document = upload?.ok ? (await storeSubmissionBytes(documentStoreOf(c.get('deps')), v.status.cycleId, unit.unitId, upload.name, upload.bytes)).document : undefined;
      const paper = language === 'vi' ? 'Nộp bản giấy' : 'Submitted on paper';
      try {
        await sourceOf(c, options).submitReport(v.status.cycleId, {
          unitId: unit.unitId,
          submittedBy: by,
          note: data.note ? `${paper}. ${data.note}`.slice(0, LIMITS.text) : `${paper}.`,
          ...(document || Object.keys(facts).length > 0 ? { document: { ...(document ?? { uri: PAPER_URI }), ...facts } } : {}),
          ...(unit.returned ? { revision: true } : {}),
        });
      } catch (err) {
        const refusal = refusalOf(err);
        if (refusal === undefined) throw err;
        return unitPage(c, v, unit, { open: { name: 'submit', state: { values: typedValues(body), errors: {}, refusal } }, status: 409 });
      }
      return c.redirect(`${unitHref(v.status.cycleId, unit.unitId)}?done=submit`, 303);
    },
  );

  app.post('/cycles/:cycleId/cancel', async (c) => {
    const v = await loadCycle(c, 'staff');
    if (v instanceof Response) return v;
    const body = await c.req.parseBody();
    const parsed = parseForm(reasonSchema, body, v.plan.language);
    if (!parsed.ok) return cyclePage(c, v, { open: { name: 'cancel', state: parsed.state }, status: 422 });
    if (v.status.phase !== 'open' && v.status.phase !== 'loading') {
      const vi = v.plan.language === 'vi';
      const refusal = vi ? `Kỳ báo cáo "${v.status.cycleId}" không còn mở nên không hủy được.` : `Cycle "${v.status.cycleId}" is no longer open and cannot be cancelled.`;
      return cyclePage(c, v, { open: { name: 'cancel', state: { values: typedValues(body), errors: {}, refusal } }, status: 409 });
    }
    await sourceOf(c, options).cancelCycle(v.status.cycleId, parsed.data.reason, byOf(v.viewer));
    return c.redirect(`${cycleHref(v.status.cycleId)}?done=cancel`, 303);
  });

  // ---- The leaders' approval of the consolidated report. ----

  function approvalAction(name: OpenForm['name'], need: 'staff' | 'leader', schema: z.ZodType, run: (source: ConsoleSource, cycleId: string, data: Record<string, string | undefined>, by: string) => Promise<unknown>) {
    return async (c: Context<WebEnv>) => {
      const v = await loadCycle(c, need);
      if (v instanceof Response) return v;
      const body = await c.req.parseBody();
      const parsed = parseForm(schema, body, v.plan.language);
      if (!parsed.ok) return cyclePage(c, v, { open: { name, state: parsed.state }, status: 422 });
      try {
        await run(sourceOf(c, options), v.status.cycleId, parsed.data as Record<string, string | undefined>, byOf(v.viewer));
      } catch (err) {
        const refusal = refusalOf(err);
        if (refusal === undefined) throw err;
        return cyclePage(c, v, { open: { name, state: { values: typedValues(body), errors: {}, refusal } }, status: 409 });
      }
      return c.redirect(`${cycleHref(v.status.cycleId)}?done=${name}`, 303);
    };
  }
  const opt = (key: string, value: string | undefined) => (value ? { [key]: value } : {});
  app.post('/cycles/:cycleId/approval/approve', approvalAction('approve', 'leader', commentSchema, (s, id, d, by) => s.approveReport(id, { by, ...opt('comment', d.comment) })));
  app.post('/cycles/:cycleId/approval/return', approvalAction('return-report', 'leader', requiredCommentSchema, (s, id, d, by) => s.returnReport(id, { by, comment: d.comment! })));
  app.post('/cycles/:cycleId/approval/resubmit', approvalAction('resubmit', 'staff', noteSchema, (s, id, d, by) => s.resubmitForApproval(id, { by, ...opt('note', d.note) })));
  app.post('/cycles/:cycleId/approval/mark-sent', approvalAction('sent-up', 'staff', noteSchema, (s, id, d, by) => s.markSentUp(id, { by, ...opt('note', d.note) })));

  return app;
}
