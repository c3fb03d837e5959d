/**
 * A unit's door: the signed link in its notice, no account.
 *   GET  /r/:token                  the report page (state, documents, form); `?received` adds the receipt
 *   POST /r/:token                  upload files with the document's number, date and signer
 *                                   (409, nothing read or stored, for a report that travels on paper only)
 *   GET  /r/:token/files/:sha256    one of the unit's own documents
 * The token is checked before anything else (before the body is read); a link that does not
 * hold changes nothing. Uploads are limited in size (per file and per request), in entries per
 * form (counted before the form is parsed) and in number per unit link (20 an hour).
 */
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CycleUpdateRejectedError, submitReport } from '../../client/cycles';
import { formatLetterDateTime } from '../../domain/dates';
import { travelsOnPaper } from '../../domain/document-facts';
import { rejections } from '../../domain/rejections';
import { hasStandingSubmission, type DocumentRef } from '../../domain/units';
import { storedKeyOf, storeSubmissionBytes } from '../../storage/submission-store';
import { documentStoreOf } from '../documents';
import type { WebEnv } from '../deps';
import { say } from '../html';
import { messagePage } from '../layout';
import { checkLimits, RateLimiter } from '../auth/rate-limit';
import { readForm, tooManyParts, tooManyPartsPage } from '../form-parts';
import { parseForm } from './form';
import { checkToken, lookUpUnit, type Refusal } from './lookup';
import { PAPER_ONLY, receiptLines, refusalPage, unitPage } from './page';
import { acceptedKind, checkFile, MAX_FILES, MAX_REQUEST_BYTES, type CheckedFile } from './upload';

const HOUR = 60 * 60 * 1000;
const MB = 1024 * 1024;
/** Entries the form may carry: its files, its five fields, and room for what a browser adds. */
const MAX_FORM_PARTS = MAX_FILES + 10;

/**
 * The language of a refusal: the plan's, when the link names a known plan and its signature
 * held (an expired link, a cycle or unit not found); otherwise the app's default.
 */
function refuse(c: Context<WebEnv>, token: string, refusal: Refusal) {
  if (refusal !== 'forged' && refusal !== 'malformed') {
    try {
      const claims = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { c?: unknown };
      const plan = typeof claims.c === 'string' ? c.get('deps').plans.get(claims.c.split('/')[0]!) : undefined;
      if (plan) c.set('language', plan.language);
    } catch {
      // The app's default language, then.
    }
  }
  return refusalPage(c, refusal);
}

async function look(c: Context<WebEnv>, token: string) {
  const deps = c.get('deps');
  const found = await lookUpUnit(deps.temporal, deps.secret, token, deps.now().getTime());
  if (found.ok) c.set('language', found.view.header.language);
  return found;
}

/** Every file field of the form, whatever the browser sent (one file, several, or none). */
function filesIn(body: Record<string, unknown>): File[] {
  const given = body.files;
  return (Array.isArray(given) ? given : [given]).filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''));
}

export function unitRoutes(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const uploads = new RateLimiter(20, HOUR);
  // A unit's page names the unit and carries its link: not kept by a shared office PC's browser or a proxy.
  app.use('/r/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'private, no-store');
  });

  app.get('/r/:token', async (c) => {
    const token = c.req.param('token');
    const found = await look(c, token);
    if (!found.ok) return refuse(c, token, found.refusal);
    const view = found.view;
    const received = c.req.query('received') !== undefined && hasStandingSubmission(view.unit);
    return unitPage(c, view, received ? { notice: { ok: true, lines: receiptLines(view) } } : {});
  });

  app.post(
    '/r/:token',
    bodyLimit({
      maxSize: MAX_REQUEST_BYTES,
      onError: (c) => {
        const language = c.get('language');
        return messagePage(
          c as Context<WebEnv>,
          413,
          say(language, { vi: 'Tệp gửi lên quá lớn', en: 'The upload is too large' }),
          say(language, {
            vi: `Tổng dung lượng các tệp gửi một lần không được quá ${MAX_REQUEST_BYTES / MB} MB. Không có gì được ghi nhận.`,
            en: `All the files sent at once may not exceed ${MAX_REQUEST_BYTES / MB} MB. Nothing was recorded.`,
          }),
          say(language, { vi: 'Xin quay lại trang trước, nén hoặc chia nhỏ tệp rồi gửi lại.', en: 'Go back, compress or split the files, and send again.' }),
        );
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const token = c.req.param('token');
      const checked = checkToken(deps.secret, token, deps.now().getTime());
      if (!checked.ok) return refuse(c, token, checked.refusal);
      const limited = checkLimits(c, [[uploads, `${checked.claims.c}\n${checked.claims.u}`]]);
      if (limited) return limited;
      const found = await look(c, token);
      if (!found.ok) return refuse(c, token, found.refusal);
      const view = found.view;
      const language = view.header.language;
      const ctx = { cycleId: view.header.id, language, timeZone: view.header.timeZone };
      if (view.closed) return unitPage(c, view, { status: 409, notice: { ok: false, lines: [rejections.closed(ctx, 'submit', view.unit.unitId, view.closed).message] } });
      // A paper-only report (it may be classified) is never received here: the body is not even read.
      if (travelsOnPaper(view.header)) {
        deps.logger.info({ cycleId: view.header.id, unitId: view.unit.unitId }, 'upload refused: the report travels on paper only');
        return unitPage(c, view, { status: 409, notice: { ok: false, lines: [say(language, PAPER_ONLY), say(language, { vi: 'Không có gì được lưu hoặc ghi nhận.', en: 'Nothing was stored or recorded.' })] } });
      }
      if (hasStandingSubmission(view.unit)) {
        const at = formatLetterDateTime(view.unit.submission!.at, view.header.timeZone, language);
        return unitPage(c, view, { status: 409, notice: { ok: false, lines: [say(language, { vi: `Báo cáo của đơn vị đã được ghi nhận lúc ${at}; lần gửi này không được ghi nhận.`, en: `The unit’s report was recorded at ${at}; this upload was not recorded.` })] } });
      }

      // Counted before it is parsed: a body of many tiny parts costs far more to parse than its size says.
      if (await tooManyParts(c, MAX_FORM_PARTS)) return tooManyPartsPage(c, MAX_FORM_PARTS);
      const body = await readForm(c, { all: true });
      const { values, errors } = parseForm(body, view.header.timeZone, deps.now(), language);
      const files = filesIn(body);
      const checkedFiles: CheckedFile[] = [];
      let status: 413 | 415 | 422 = 422;
      if (files.length === 0) errors.files = say(language, { vi: 'Xin chọn ít nhất một tệp báo cáo.', en: 'Choose at least one report file.' });
      else if (files.length > MAX_FILES) errors.files = say(language, { vi: `Tối đa ${MAX_FILES} tệp một lần; đã chọn ${files.length} tệp.`, en: `At most ${MAX_FILES} files at once; ${files.length} were chosen.` });
      else {
        for (const file of files) {
          const result = await checkFile(file, language);
          if (result.ok) checkedFiles.push(result.file);
          else if (!errors.files) {
            errors.files = say(language, result.problem);
            status = result.status;
          }
        }
      }
      if (Object.keys(errors).length > 0) {
        return unitPage(c, view, {
          status: errors.files ? status : 422,
          values,
          errors,
          notice: { ok: false, lines: [say(language, { vi: 'Báo cáo chưa được gửi: xin sửa các mục được đánh dấu dưới đây và chọn lại tệp.', en: 'The report was not sent: correct the marked fields below and choose the files again.' })] },
        });
      }

      const stored: DocumentRef[] = [];
      for (const file of checkedFiles) stored.push((await storeSubmissionBytes(documentStoreOf(deps), view.header.id, view.unit.unitId, file.name, file.bytes)).document);
      const [first, ...rest] = stored;
      try {
        await submitReport(deps.temporal, view.header.id, {
          unitId: view.unit.unitId,
          submittedBy: values.submittedBy,
          ...(values.note.trim() ? { note: values.note } : {}),
          document: { ...first!, number: values.number, date: values.date, signer: values.signer },
          ...(rest.length > 0 ? { attachments: rest } : {}),
          ...(view.unit.returned ? { revision: true } : {}),
        });
      } catch (err) {
        // The cycle refused (closed meanwhile, say): its message is already in the plan's language.
        const message =
          err instanceof CycleUpdateRejectedError
            ? err.message
            : err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type
              ? err.cause.message
              : undefined;
        if (message === undefined) throw err;
        deps.logger.info({ cycleId: view.header.id, unitId: view.unit.unitId, refused: message }, 'unit upload refused by the cycle');
        return unitPage(c, view, { status: 409, notice: { ok: false, lines: [message] } });
      }
      deps.logger.info({ cycleId: view.header.id, unitId: view.unit.unitId, files: stored.length }, 'unit report received through its link');
      return c.redirect(`/r/${token}?received`, 303);
    },
  );

  app.get('/r/:token/files/:sha256', async (c) => {
    const deps = c.get('deps');
    const token = c.req.param('token');
    const sha256 = c.req.param('sha256');
    const found = await look(c, token);
    if (!found.ok) return refuse(c, token, found.refusal);
    const view = found.view;
    const submission = view.unit.submission;
    // Only a document of this unit's current submission, found by its full hash.
    const document = /^[0-9a-f]{64}$/.test(sha256) ? [submission?.document, ...(submission?.attachments ?? [])].find((d) => d?.sha256 === sha256) : undefined;
    const store = documentStoreOf(deps);
    const key = document ? storedKeyOf(store, view.header.id, view.unit.unitId, document) : undefined;
    const bytes = key ? await store.get(key) : undefined;
    if (!document || !bytes) {
      const language = view.header.language;
      return messagePage(c, 404, say(language, { vi: 'Không tìm thấy tệp', en: 'No such file' }), say(language, { vi: 'Tệp này không thuộc báo cáo hiện tại của đơn vị.', en: 'This file is not part of the unit’s current report.' }));
    }
    const kind = await acceptedKind(bytes);
    const name = document.name ?? `${sha256.slice(0, 12)}.${kind?.ext ?? 'bin'}`;
    return c.body(new Uint8Array(bytes), 200, {
      // The type from the bytes, and always a download: a stored file is never rendered as a page of this app.
      'Content-Type': kind?.mime ?? 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7E]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    });
  });

  return app;
}
