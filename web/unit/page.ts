/**
 * A unit's report page: what is asked (report, period, due moment), where the unit stands,
 * the documents it sent (by number, date and signer; each file downloadable), a receipt right
 * after a submission, and the upload form while the cycle still accepts one — none for a report
 * that travels on paper only: the page says how it goes instead. Refusal pages for links that
 * do not hold.
 */
import type { Context } from 'hono';
// The letters' one date style (17 giờ 00 ngày 17/3/2020): the unit reads the page beside the letter that links to it.
import { formatLetterDateTime, formatLetterDeadline } from '../../domain/dates';
import type { Language } from '../../domain/cycle';
import { documentDateText, documentPhrase, travelsOnPaper } from '../../domain/document-facts';
import { hasStandingSubmission, type DocumentRef } from '../../domain/units';
import type { WebEnv } from '../deps';
import { html, say, type Bilingual } from '../html';
import { messagePage, page, type PageOptions } from '../layout';
import { FIELDS, LABELS, type FormErrors, type FormValues } from './form';
import type { Refusal, UnitView } from './lookup';
import { ACCEPT_ATTRIBUTE, ACCEPTED_WORDS, MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES } from './upload';

const MB = 1024 * 1024;

/** The unit's state as a word with its class (colour and pattern in app.css). */
export function stateOf(view: UnitView): { css: string; word: { vi: string; en: string } } {
  const { unit } = view;
  if (hasStandingSubmission(unit)) {
    return unit.submission!.onTime ? { css: 'on-time', word: { vi: 'Đã nộp đúng hạn', en: 'Submitted on time' } } : { css: 'late', word: { vi: 'Đã nộp muộn', en: 'Submitted late' } };
  }
  if (unit.excused) return { css: 'excused', word: { vi: 'Được miễn nộp', en: 'Excused' } };
  if (unit.returned) return { css: 'returned', word: { vi: 'Bị trả lại để bổ sung', en: 'Returned for revision' } };
  if (unit.state === 'overdue') return { css: 'overdue', word: { vi: 'Quá hạn, chưa nộp', en: 'Overdue, not submitted' } };
  return { css: 'pending', word: { vi: 'Chưa nộp', en: 'Not yet submitted' } };
}

function documentsOf(view: UnitView): DocumentRef[] {
  const s = view.unit.submission;
  return s ? [...(s.document ? [s.document] : []), ...(s.attachments ?? [])] : [];
}

/** What a unit is told of a report that travels on paper only: on its page, and when an upload is refused. */
export const PAPER_ONLY: Bilingual = {
  vi: 'Văn bản của kỳ báo cáo này chỉ gửi bằng bản giấy qua đường văn thư, không gửi qua mạng; trang này không nhận tệp tải lên.',
  en: 'The document for this reporting cycle travels on paper only, through the clerical channel, not over the Internet; this page takes no upload.',
};

export function fileUrl(token: string, sha256: string): string {
  return `/r/${token}/files/${sha256}`;
}

export interface UnitPageOptions {
  status?: PageOptions['status'];
  /** Shown above everything: the receipt after a submission, or why it was refused. */
  notice?: { ok: boolean; lines: string[] };
  values?: FormValues;
  errors?: FormErrors;
}

export function unitPage(c: Context<WebEnv>, view: UnitView, options: UnitPageOptions = {}) {
  const language = view.header.language;
  const { header, unit } = view;
  const when = (instant: string) => formatLetterDateTime(instant, header.timeZone, language);
  const state = stateOf(view);
  const submission = unit.submission;
  const documents = documentsOf(view);
  const standing = hasStandingSubmission(unit);
  const title = `${header.reportType.title} · ${header.period.label}`;
  const paper = travelsOnPaper(header);

  const facts = html`<dl class="facts">
<dt>${say(language, { vi: 'Đơn vị', en: 'Unit' })}</dt><dd>${unit.name}</dd>
<dt>${say(language, { vi: 'Báo cáo', en: 'Report' })}</dt><dd>${header.reportType.title}</dd>
<dt>${say(language, { vi: 'Kỳ báo cáo', en: 'Period' })}</dt><dd>${header.period.label}</dd>
<dt>${say(language, { vi: 'Hạn nộp', en: 'Due' })}</dt><dd>${formatLetterDeadline(unit.dueAt, header.timeZone, language)}${
    unit.extended ? html` <span class="muted">(${say(language, { vi: `đã gia hạn: ${unit.extended.reason}`, en: `extended: ${unit.extended.reason}` })})</span>` : ''
  }</dd>
${paper ? html`<dt>${say(language, { vi: 'Cách gửi', en: 'How it is sent' })}</dt><dd>${say(language, { vi: 'Bản giấy, qua đường văn thư', en: 'On paper, through the clerical channel' })}</dd>
` : ''}<dt>${say(language, { vi: 'Tình trạng', en: 'Status' })}</dt><dd><span class="state state-${state.css}">${say(language, state.word)}</span>${
    standing ? ` ${say(language, { vi: `lúc ${when(submission!.at)}`, en: `at ${when(submission!.at)}` })}` : ''
  }</dd>
</dl>`;

  const returned = unit.returned
    ? html`<div class="notice bad"><p><strong>${say(language, { vi: 'Báo cáo đã bị trả lại để bổ sung', en: 'The report was returned for revision' })}</strong> (${when(unit.returned.at)})</p>
<p>${say(language, { vi: 'Lý do', en: 'Reason' })}: ${unit.returned.reason}</p>
<p>${say(language, { vi: 'Xin nộp lại bản đã bổ sung bằng biểu mẫu dưới đây.', en: 'Please send the revised report with the form below.' })}</p></div>`
    : '';
  const excused = unit.excused && !standing
    ? html`<p class="notice">${say(language, { vi: `Đơn vị được miễn nộp kỳ này (${unit.excused.reason}). Đơn vị vẫn có thể gửi báo cáo nếu muốn.`, en: `The unit is excused from this period (${unit.excused.reason}). It may still send a report.` })}</p>`
    : '';

  const documentList =
    documents.length > 0
      ? html`<h2>${say(language, { vi: 'Tài liệu đã nộp', en: 'Documents sent' })}</h2>
<p>${submission?.document?.number ? html`${say(language, { vi: 'Số, ký hiệu', en: 'Number' })}: <strong>${submission.document.number}</strong>` : ''}${
          submission?.document?.date ? html` · ${say(language, { vi: 'ngày', en: 'dated' })} ${documentDateText(submission.document.date, language)}` : ''
        }${submission?.document?.signer ? html` · ${say(language, { vi: 'người ký', en: 'signed by' })} ${submission.document.signer}` : ''}${
          submission ? html` · ${say(language, { vi: 'người nộp', en: 'submitted by' })} ${submission.by}` : ''
        }</p>
<ul class="documents">${documents.map((d) =>
          d.sha256 ? html`<li><a href="${fileUrl(view.token, d.sha256)}">${d.name ?? d.sha256.slice(0, 12)}</a></li>` : html`<li>${d.name ?? say(language, { vi: 'Bản giấy', en: 'On paper' })}</li>`,
        )}</ul>`
      : '';

  const notice = options.notice ? html`<div class="notice ${options.notice.ok ? 'ok' : 'bad'}" role="status">${options.notice.lines.map((l) => html`<p>${l}</p>`)}</div>` : '';

  let action;
  if (view.closed) {
    action = html`<p class="notice">${say(language, { vi: 'Kỳ báo cáo đã kết thúc; không nhận thêm báo cáo qua liên kết này.', en: 'The cycle has ended; this link takes no more reports.' })}</p>`;
  } else if (paper) {
    action = standing
      ? html`<p class="muted">${say(language, { vi: 'Văn bản (bản giấy) của đơn vị đã được ghi nhận.', en: 'The unit’s paper document has been recorded.' })}</p>`
      : html`<p class="notice">${say(language, PAPER_ONLY)} ${say(language, {
          vi: 'Khi văn bản đến, cơ quan đã gửi thông báo sẽ ghi nhận số, ngày văn bản và trang này sẽ hiển thị.',
          en: 'When the document arrives, the office that sent the notice records its number and date, and this page shows them.',
        })}</p>`;
  } else if (standing) {
    action = html`<p class="muted">${say(language, {
      vi: 'Báo cáo của đơn vị đã được ghi nhận. Nếu cần sửa đổi, xin liên hệ cơ quan đã gửi thông báo để được trả lại và nộp bổ sung qua liên kết này.',
      en: 'The unit’s report has been recorded. To change it, ask the office that sent the notice to return it; then send the revision through this link.',
    })}</p>`;
  } else {
    action = uploadForm(view, language, options.values, options.errors ?? {});
  }

  return page(c, {
    status: options.status ?? 200,
    title,
    body: html`<h1>${title}</h1>
<p class="muted">${header.issuer.name}</p>
${notice}${returned}${excused}${facts}${documentList}${action}`,
  });
}

function uploadForm(view: UnitView, language: Language, values: FormValues | undefined, errors: FormErrors) {
  const v = values ?? { number: '', date: '', signer: '', submittedBy: '', note: '' };
  const errorOf = (field: keyof FormErrors) => (errors[field] ? html`<p class="field-error" id="${field}-error">${errors[field]}</p>` : '');
  const invalid = (field: keyof FormErrors) => (errors[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : '');
  const input = (field: Exclude<(typeof FIELDS)[number], 'note'>, type: string, max: number) =>
    html`<label for="${field}">${say(language, LABELS[field])}</label>
<input type="${type}" id="${field}" name="${field}" value="${v[field]}" required${type === 'text' ? html` maxlength="${max}"` : ''}${invalid(field)}>
${errorOf(field)}`;
  const revision = view.unit.returned !== undefined;
  return html`<h2>${revision ? say(language, { vi: 'Nộp bản bổ sung', en: 'Send the revision' }) : say(language, { vi: 'Nộp báo cáo', en: 'Send the report' })}</h2>
<form method="post" action="/r/${view.token}" enctype="multipart/form-data">
<label for="files">${say(language, LABELS.files)}</label>
<input type="file" id="files" name="files" multiple required accept="${ACCEPT_ATTRIBUTE}"${invalid('files')}>
<p class="muted">${say(language, {
    vi: `${ACCEPTED_WORDS.vi}; tối đa ${MAX_FILES} tệp, mỗi tệp không quá ${MAX_FILE_BYTES / MB} MB, tổng cộng không quá ${MAX_REQUEST_BYTES / MB} MB. Tệp đầu tiên là văn bản báo cáo, các tệp sau là phụ lục.`,
    en: `${ACCEPTED_WORDS.en}; at most ${MAX_FILES} files, each up to ${MAX_FILE_BYTES / MB} MB, ${MAX_REQUEST_BYTES / MB} MB in all. The first file is the report, any others its annexes.`,
  })}</p>
${errorOf('files')}
${input('number', 'text', 100)}
${input('date', 'date', 10)}
${input('signer', 'text', 200)}
${input('submittedBy', 'text', 200)}
<label for="note">${say(language, LABELS.note)}</label>
<textarea id="note" name="note" maxlength="2000"${invalid('note')}>${v.note}</textarea>
${errorOf('note')}
<p><button type="submit" class="primary">${revision ? say(language, { vi: 'Gửi bản bổ sung', en: 'Send the revision' }) : say(language, { vi: 'Gửi báo cáo', en: 'Send the report' })}</button></p>
</form>`;
}

/** The receipt lines shown after a submission was recorded. */
export function receiptLines(view: UnitView): string[] {
  const language = view.header.language;
  const s = view.unit.submission;
  if (!s) return [];
  const when = formatLetterDateTime(s.at, view.header.timeZone, language);
  const timing = s.onTime ? say(language, { vi: 'đúng hạn', en: 'on time' }) : say(language, { vi: 'muộn so với hạn nộp', en: 'late' });
  const revision = s.revision > 0 ? say(language, { vi: ` (bản bổ sung lần ${s.revision})`, en: ` (revision ${s.revision})` }) : '';
  const phrase = s.document ? documentPhrase({ ...(s.document.number ? { number: s.document.number } : {}), ...(s.document.date ? { date: s.document.date } : {}) }, language) : '';
  const number = phrase ? say(language, { vi: `, văn bản ${phrase}`, en: `, document ${phrase}` }) : '';
  return [
    say(language, { vi: `Đã nhận báo cáo của ${view.unit.name}${revision}${number}.`, en: `Received the report of ${view.unit.name}${revision}${number}.` }),
    say(language, { vi: `Thời điểm nhận: ${when} — ${timing}.`, en: `Received at ${when}: ${timing}.` }),
    say(language, { vi: 'Giấy biên nhận cũng được gửi qua email tới địa chỉ của đơn vị.', en: 'A receipt is also emailed to the unit’s address.' }),
  ];
}

/** The page of a link that does not hold, in the plan's language when the link names a known plan. */
export function refusalPage(c: Context<WebEnv>, refusal: Refusal) {
  const language = c.get('language');
  const contact = say(language, {
    vi: 'Xin mở lại liên kết trong thư thông báo mới nhất của kỳ báo cáo, hoặc liên hệ cơ quan đã gửi thông báo.',
    en: 'Open the link in the latest notice of the reporting cycle again, or contact the office that sent it.',
  });
  switch (refusal) {
    case 'expired':
      return messagePage(
        c,
        410,
        say(language, { vi: 'Liên kết đã hết hiệu lực', en: 'This link has expired' }),
        say(language, { vi: 'Kỳ báo cáo đã chốt tổng hợp: liên kết nộp báo cáo không còn hiệu lực.', en: 'The reporting cycle has been closed for consolidation: the report link no longer works.' }),
        say(language, { vi: 'Nếu cần gửi báo cáo, xin liên hệ trực tiếp cơ quan đã gửi thông báo.', en: 'To send a report now, contact the office that sent the notice.' }),
      );
    case 'other-run':
      return messagePage(c, 410, say(language, { vi: 'Liên kết thuộc lần mở kỳ trước', en: 'This link belongs to an earlier run of the cycle' }), say(language, { vi: 'Kỳ báo cáo này đã được mở lại; liên kết cũ không còn dùng được.', en: 'This reporting cycle was started again; the old link no longer works.' }), contact);
    case 'no-cycle':
      return messagePage(c, 404, say(language, { vi: 'Không tìm thấy kỳ báo cáo', en: 'No such reporting cycle' }), say(language, { vi: 'Kỳ báo cáo của liên kết này không có trong hệ thống.', en: 'The reporting cycle of this link is not in the system.' }), contact);
    case 'no-unit':
      return messagePage(c, 404, say(language, { vi: 'Không tìm thấy đơn vị', en: 'No such unit' }), say(language, { vi: 'Đơn vị của liên kết này không thuộc kỳ báo cáo.', en: 'The unit of this link is not part of the reporting cycle.' }), contact);
    default:
      return messagePage(c, 403, say(language, { vi: 'Liên kết không hợp lệ', en: 'This link is not valid' }), say(language, { vi: 'Liên kết nộp báo cáo không đúng hoặc đã bị sửa đổi.', en: 'The report link is wrong or has been altered.' }), contact);
  }
}
