/**
 * `/cycles/:cycleId`: one cycle — its facts, each unit's state and documents, the timeline, the
 * consolidated report and its approval — and `/cycles/:cycleId/units/:unitId`: one unit with
 * its forms (record a paper submission, extend, excuse, return). Forms are shown to those who
 * may use them: staff act, leaders approve; each says next to its fields what is wrong.
 */
import type { Context } from 'hono';
import type { Access } from '../../domain/plan/access';
import type { Plan } from '../../domain/plan/schema';
import { LIMITS } from '../../domain/unit-requests';
import { documentDateText, hasFile, travelsOnPaper } from '../../domain/document-facts';
import type { DocumentStore } from '../../storage/document-store';
import { storedKeyOf } from '../../storage/submission-store';
import type { CycleHeader, CycleStatus, DocumentRef, UnitStatus } from '../../workflows/messages';
import type { Viewer, WebEnv } from '../deps';
import { html, say } from '../html';
import { page, type PageOptions } from '../layout';
import { csrfField, emptyForm, field, refusalNotice, type FormState } from './forms';
import { badge, cycleHref, doneNotice, planHref, reportTitle, timelineList, unitBadgeState, unitHref, when } from './render';
import { cycleTimeline } from './timeline';
import { approvalStateWords, phaseWords } from '../../domain/status-words';

export interface CycleView {
  plan: Plan;
  access: Access;
  viewer: Viewer;
  header: CycleHeader;
  status: CycleStatus;
  now: number;
  /** The document store: a document is linked only when its reference lies in its unit's folder of it. */
  documents: DocumentStore;
}

/** Which form is shown again with what was typed, its problems or the workflow's refusal. */
export interface OpenForm {
  name: 'submit' | 'extend' | 'excuse' | 'return' | 'cancel' | 'approve' | 'return-report' | 'resubmit' | 'sent-up';
  state: FormState;
}

const formState = (open: OpenForm | undefined, name: OpenForm['name']): FormState => (open?.name === name ? open.state : emptyForm());

/** Whether the cycle still takes decisions on its units. */
export const isOpen = (status: CycleStatus) => status.phase === 'open' || status.phase === 'loading';

/** Said next to the paper submission form of a paper-only report, and when a file is given for one anyway. */
export const PAPER_ONLY_FILE = {
  vi: 'Báo cáo này chỉ gửi bằng bản giấy qua đường văn thư: không đính kèm tệp; ghi nhận văn bản đã đến bằng số và ngày văn bản.',
  en: 'This report travels on paper only, through the clerical channel: attach no file; record the document’s arrival by its number and date.',
} as const;

/** Every document of a submission: the main one first, then its attachments. */
export function documentsOf(u: UnitStatus): DocumentRef[] {
  const s = u.submission;
  if (!s) return [];
  return [...(s.document ? [s.document] : []), ...(s.attachments ?? [])];
}

function documentLinks(v: CycleView, u: UnitStatus) {
  const cycleId = v.status.cycleId;
  const language = v.plan.language;
  const docs = documentsOf(u);
  if (docs.length === 0) return html`<span class="muted">—</span>`;
  return html`<ul class="docs">${docs.map((d, i) => {
    const facts = [d.number, d.date ? documentDateText(d.date, language) : undefined, d.signer].filter(Boolean).join(' · ');
    // A paper document's arrival has no file: it is named as what it is, never by its reference.
    const label = d.name ?? (hasFile(d) ? say(language, { vi: `Tệp ${i + 1}`, en: `File ${i + 1}` }) : say(language, { vi: 'Bản giấy', en: 'On paper' }));
    const stored = storedKeyOf(v.documents, cycleId, u.unitId, d) !== undefined;
    return html`<li>${stored ? html`<a href="${unitHref(cycleId, u.unitId)}/documents/${i}">${label}</a>` : label}${facts ? html` <span class="muted small">(${facts})</span>` : ''}</li>`;
  })}</ul>`;
}

function factsList(v: CycleView) {
  const { header, status, plan } = v;
  const language = plan.language;
  const vi = language === 'vi';
  const c = status.counts;
  return html`<dl class="facts">
<dt>${vi ? 'Trạng thái' : 'Phase'}</dt><dd><span class="phase phase-${status.phase}">${say(language, phaseWords[status.phase])}</span></dd>
<dt>${vi ? 'Mở kỳ' : 'Opens'}</dt><dd>${when(header.opensAt, header.timeZone, language)}</dd>
<dt>${vi ? 'Hạn nộp' : 'Due'}</dt><dd>${when(header.dueAt, header.timeZone, language)}</dd>
${travelsOnPaper(header) ? html`<dt>${vi ? 'Cách gửi' : 'How it is sent'}</dt><dd>${vi ? 'Chỉ bản giấy, qua đường văn thư (không nhận tệp)' : 'On paper only, through the clerical channel (no files)'}</dd>
` : ''}<dt>${vi ? 'Chốt tổng hợp' : 'Cut-off'}</dt><dd>${when(header.cutoffAt, header.timeZone, language)}</dd>
<dt>${vi ? 'Đơn vị' : 'Units'}</dt><dd>${status.units.length}: ${vi ? `đã nộp ${c.submitted}, chưa nộp ${c.pending}, quá hạn ${c.overdue}, miễn nộp ${c.excused}` : `submitted ${c.submitted}, pending ${c.pending}, overdue ${c.overdue}, excused ${c.excused}`}</dd>
${
  status.nextEvent
    ? html`<dt>${vi ? 'Sự kiện tiếp theo' : 'Next'}</dt><dd>${
        status.nextEvent.kind === 'opening'
          ? vi
            ? 'mở kỳ'
            : 'opening'
          : status.nextEvent.kind === 'escalation'
            ? vi
              ? `báo cáo lãnh đạo bậc ${status.nextEvent.step}`
              : `escalation step ${status.nextEvent.step}`
            : vi
              ? 'chốt tổng hợp'
              : 'cut-off and consolidation'
      } — ${when(status.nextEvent.at, header.timeZone, language)}</dd>`
    : ''
}
</dl>`;
}

function unitsTable(v: CycleView) {
  const { status, header, plan, access } = v;
  const language = plan.language;
  const vi = language === 'vi';
  const cancelled = status.phase === 'cancelled';
  return html`<div class="scroll"><table class="units">
<thead><tr><th>${vi ? 'Đơn vị' : 'Unit'}</th><th>${vi ? 'Trạng thái' : 'State'}</th><th>${vi ? 'Hạn nộp' : 'Due'}</th><th>${vi ? 'Nộp lúc' : 'Submitted'}</th><th>${vi ? 'Người nộp' : 'By'}</th><th>${vi ? 'Văn bản' : 'Documents'}</th><th>${vi ? 'Nhắc / Báo cáo LĐ' : 'Reminders / escalations'}</th>${access.staff ? html`<th></th>` : ''}</tr></thead>
<tbody>${status.units.map(
    (u) => html`<tr><th scope="row"><a href="${unitHref(status.cycleId, u.unitId)}">${u.name}</a></th>
<td>${badge(unitBadgeState(u, cancelled), language)}${u.deliveryFailures.length > 0 ? html`<br><span class="state state-overdue">${vi ? 'Thư không gửi được' : 'Mail undelivered'}</span>` : ''}</td>
<td>${when(u.dueAt, header.timeZone, language)}${u.extended ? html`<br><span class="muted small">${vi ? 'đã gia hạn' : 'extended'}</span>` : ''}</td>
<td>${when(u.submission?.at, header.timeZone, language)}</td>
<td>${u.submission?.by ?? ''}</td>
<td>${documentLinks(v, u)}</td>
<td>${u.remindersSent.length} / ${u.escalations.length}</td>
${access.staff ? html`<td><a href="${unitHref(status.cycleId, u.unitId)}">${isOpen(status) ? (vi ? 'Xử lý' : 'Act') : vi ? 'Xem' : 'View'}</a></td>` : ''}</tr>`,
  )}</tbody></table></div>`;
}

function consolidationSection(v: CycleView) {
  const { status, header, plan } = v;
  const language = plan.language;
  const vi = language === 'vi';
  if (!status.consolidation) return '';
  return html`<h2>${vi ? 'Báo cáo tổng hợp' : 'Consolidated report'}</h2>
<p>${vi ? 'Tổng hợp lúc' : 'Consolidated at'} ${when(status.consolidation.at, header.timeZone, language)}:
<a href="${cycleHref(status.cycleId)}/report.docx" download>${vi ? 'tải dự thảo báo cáo (Word)' : 'download the draft report (Word)'}</a> ·
<a href="${cycleHref(status.cycleId)}/report.html">${vi ? 'xem bảng theo dõi' : 'open the tracking sheet'}</a> ·
<a href="${cycleHref(status.cycleId)}/report.md" download>${vi ? 'tải bản Markdown' : 'download Markdown'}</a></p>`;
}

function approvalSection(v: CycleView, open: OpenForm | undefined) {
  const { status, header, plan, access, viewer } = v;
  const language = plan.language;
  const vi = language === 'vi';
  const approval = status.approval;
  if (!approval) return '';
  const base = `${cycleHref(status.cycleId)}/approval`;
  const leaderForms =
    access.leader && approval.state === 'awaiting'
      ? html`<div class="forms">
<form method="post" action="${base}/approve" class="action">${csrfField(viewer.csrfToken)}<h3>${vi ? 'Phê duyệt' : 'Approve'}</h3>
${field({ form: 'approve', name: 'comment', label: vi ? 'Ý kiến (không bắt buộc)' : 'Comment (optional)', state: formState(open, 'approve'), type: 'textarea' })}
${refusalNotice(formState(open, 'approve'))}<p><button type="submit" class="primary">${vi ? 'Phê duyệt và gửi lên cấp trên' : 'Approve and send up'}</button></p></form>
<form method="post" action="${base}/return" class="action">${csrfField(viewer.csrfToken)}<h3>${vi ? 'Trả lại bộ phận tổng hợp' : 'Return to staff'}</h3>
${field({ form: 'return-report', name: 'comment', label: vi ? 'Nội dung cần sửa' : 'What to change', state: formState(open, 'return-report'), type: 'textarea', required: true })}
${refusalNotice(formState(open, 'return-report'))}<p><button type="submit">${vi ? 'Trả lại' : 'Return'}</button></p></form></div>`
      : '';
  const staffForms = access.staff
    ? html`${
        approval.state === 'returned'
          ? html`<form method="post" action="${base}/resubmit" class="action">${csrfField(viewer.csrfToken)}<h3>${vi ? 'Trình lại lãnh đạo' : 'Send again for approval'}</h3>
${field({ form: 'resubmit', name: 'note', label: vi ? 'Ghi chú (không bắt buộc)' : 'Note (optional)', state: formState(open, 'resubmit'), type: 'textarea' })}
${refusalNotice(formState(open, 'resubmit'))}<p><button type="submit">${vi ? 'Trình lại' : 'Send again for approval'}</button></p></form>`
          : ''
      }${
        approval.state === 'approved'
          ? html`<form method="post" action="${base}/mark-sent" class="action">${csrfField(viewer.csrfToken)}<h3>${vi ? 'Ghi nhận đã gửi lên cấp trên (gửi tay)' : 'Mark as sent up (by hand)'}</h3>
${field({ form: 'sent-up', name: 'note', label: vi ? 'Gửi bằng cách nào (không bắt buộc)' : 'How it went (optional)', state: formState(open, 'sent-up'), type: 'textarea', hint: vi ? 'Ví dụ: gửi bản giấy qua văn thư, số 45-BC/BDVTU' : 'E.g. paper copy through the registry, no. 45-BC/BDVTU' })}
${refusalNotice(formState(open, 'sent-up'))}<p><button type="submit">${vi ? 'Ghi nhận' : 'Mark sent up'}</button></p></form>`
          : ''
      }`
    : '';
  return html`<h2>${vi ? 'Phê duyệt của lãnh đạo' : "Leaders' approval"}</h2>
<p><span class="approval approval-${approval.state}">${say(language, approvalStateWords[approval.state])}</span>
${header.consolidation.dueAt ? html` · ${vi ? 'hạn gửi lên cấp trên' : 'due upwards'} ${when(header.consolidation.dueAt, header.timeZone, language)}` : ''}</p>
${leaderForms}${staffForms}`;
}

function cancelForm(v: CycleView, open: OpenForm | undefined) {
  const { status, plan, access, viewer } = v;
  const vi = plan.language === 'vi';
  if (!access.staff || !isOpen(status)) return '';
  const state = formState(open, 'cancel');
  return html`<details class="danger" ${open?.name === 'cancel' ? 'open' : ''}><summary>${vi ? 'Hủy kỳ báo cáo' : 'Cancel the cycle'}</summary>
<form method="post" action="${cycleHref(status.cycleId)}/cancel" class="action">${csrfField(viewer.csrfToken)}
<p>${vi ? 'Các đơn vị chưa nộp sẽ nhận thư báo hủy kèm lý do. Không thể hoàn tác.' : 'The units that have not reported get a cancellation email with the reason. This cannot be undone.'}</p>
${field({ form: 'cancel', name: 'reason', label: vi ? 'Lý do hủy' : 'Reason', state, type: 'textarea', required: true })}
${refusalNotice(state)}<p><button type="submit" class="primary">${vi ? 'Hủy kỳ báo cáo' : 'Cancel the cycle'}</button></p></form></details>`;
}

function cycleTitle(v: CycleView) {
  return `${reportTitle(v.plan, v.header.reportType.id, v.header.reportType.title)} — ${v.header.period.label}`;
}

function breadcrumbs(v: CycleView, unit?: UnitStatus) {
  return html`<p class="crumbs"><a href="${planHref(v.plan.id)}">${v.plan.title}</a> › ${unit ? html`<a href="${cycleHref(v.status.cycleId)}">${cycleTitle(v)}</a> › ${unit.name}` : cycleTitle(v)}</p>`;
}

export function cyclePage(c: Context<WebEnv>, v: CycleView, o: { open?: OpenForm; done?: string; status?: PageOptions['status'] } = {}) {
  const language = v.plan.language;
  const vi = language === 'vi';
  const { status, header } = v;
  return page(c, {
    title: cycleTitle(v),
    ...(o.status ? { status: o.status } : {}),
    body: html`${breadcrumbs(v)}
<h1>${cycleTitle(v)}</h1>
<p class="muted small">${status.cycleId}</p>
${doneNotice(o.done, language)}
${status.cancelled ? html`<p class="notice bad">${vi ? 'Kỳ báo cáo đã bị hủy lúc' : 'Cancelled at'} ${when(status.cancelled.at, header.timeZone, language)}${status.cancelled.by ? html` ${vi ? 'bởi' : 'by'} ${status.cancelled.by}` : ''}: ${status.cancelled.reason}</p>` : ''}
${factsList(v)}
<h2>${vi ? 'Các đơn vị' : 'Units'}</h2>
${
  isOpen(status)
    ? // While the cycle is open, htmx refreshes the table in place (without script, reload the page).
      html`<div id="units" hx-get="${cycleHref(status.cycleId)}" hx-trigger="every 30s" hx-select="#units" hx-swap="outerHTML">${unitsTable(v)}</div>`
    : html`<div id="units">${unitsTable(v)}</div>`
}
${consolidationSection(v)}
${approvalSection(v, o.open)}
<h2>${vi ? 'Diễn biến' : 'Timeline'}</h2>
${timelineList(cycleTimeline(header, status), header.timeZone, language)}
${cancelForm(v, o.open)}`,
  });
}

function unitForms(v: CycleView, u: UnitStatus, open: OpenForm | undefined) {
  const { status, plan, viewer } = v;
  const vi = plan.language === 'vi';
  const action = (name: string) => `${unitHref(status.cycleId, u.unitId)}/${name}`;
  const standing = u.submission !== undefined && u.returned === undefined;
  const outstanding = !standing && !u.excused;
  const forms = [];
  if (!standing) {
    const s = formState(open, 'submit');
    forms.push(html`<form method="post" action="${action('submit')}" enctype="multipart/form-data" class="action">${csrfField(viewer.csrfToken)}
<h3>${u.returned ? (vi ? 'Ghi nhận báo cáo bổ sung (bản giấy)' : 'Record the revised report (paper)') : vi ? 'Ghi nhận báo cáo nộp bản giấy' : 'Record a paper submission'}</h3>
${field({ form: 'submit', name: 'number', label: vi ? 'Số văn bản' : 'Document number', state: s, maxlength: LIMITS.documentField, hint: vi ? 'Ví dụ: 45-BC/MTTQ-BTT' : 'E.g. 45-BC/MTTQ-BTT' })}
${field({ form: 'submit', name: 'date', label: vi ? 'Ngày văn bản' : 'Document date', state: s, type: 'date' })}
${field({ form: 'submit', name: 'signer', label: vi ? 'Người ký' : 'Signed by', state: s, maxlength: LIMITS.name })}
${
  travelsOnPaper(v.header)
    ? html`<p class="muted">${PAPER_ONLY_FILE[plan.language]}</p>${s.errors.file ? html`<p class="field-error" id="submit-file-error">${s.errors.file}</p>` : ''}`
    : field({ form: 'submit', name: 'file', label: vi ? 'Bản chụp hoặc bản điện tử (không bắt buộc)' : 'Scan or electronic copy (optional)', state: s, type: 'file', hint: vi ? 'PDF, DOCX, XLSX, ODT, ảnh JPG/PNG; tối đa 20 MB.' : 'PDF, DOCX, XLSX, ODT, JPG/PNG images; at most 20 MB.' })
}
${field({ form: 'submit', name: 'note', label: vi ? 'Ghi chú' : 'Note', state: s, type: 'textarea' })}
${refusalNotice(s)}<p><button type="submit" class="primary">${vi ? 'Ghi nhận đã nộp' : 'Record the submission'}</button></p></form>`);
  }
  if (outstanding) {
    const s = formState(open, 'extend');
    forms.push(html`<form method="post" action="${action('extend')}" class="action">${csrfField(viewer.csrfToken)}<h3>${vi ? 'Gia hạn' : 'Extend'}</h3>
${field({ form: 'extend', name: 'until', label: vi ? 'Hạn mới' : 'New due moment', state: s, type: 'datetime-local', required: true, hint: vi ? `Giờ ${v.header.timeZone}; không muộn hơn hạn chốt ${when(v.header.cutoffAt, v.header.timeZone, 'vi')}.` : `${v.header.timeZone} time; not after the cut-off, ${when(v.header.cutoffAt, v.header.timeZone, 'en')}.` })}
${field({ form: 'extend', name: 'reason', label: vi ? 'Lý do' : 'Reason', state: s, type: 'textarea', required: true })}
${refusalNotice(s)}<p><button type="submit">${vi ? 'Gia hạn' : 'Extend'}</button></p></form>`);
    const e = formState(open, 'excuse');
    forms.push(html`<form method="post" action="${action('excuse')}" class="action">${csrfField(viewer.csrfToken)}<h3>${vi ? 'Miễn nộp' : 'Excuse'}</h3>
${field({ form: 'excuse', name: 'reason', label: vi ? 'Lý do' : 'Reason', state: e, type: 'textarea', required: true })}
${refusalNotice(e)}<p><button type="submit">${vi ? 'Miễn nộp kỳ này' : 'Excuse from this cycle'}</button></p></form>`);
  }
  if (standing) {
    const s = formState(open, 'return');
    forms.push(html`<form method="post" action="${action('return')}" class="action">${csrfField(viewer.csrfToken)}<h3>${vi ? 'Trả lại để bổ sung' : 'Return for revision'}</h3>
${field({ form: 'return', name: 'reason', label: vi ? 'Nội dung cần bổ sung' : 'What to revise', state: s, type: 'textarea', required: true })}
${refusalNotice(s)}<p><button type="submit">${vi ? 'Trả lại' : 'Return'}</button></p></form>`);
  }
  return html`<h2>${vi ? 'Xử lý' : 'Actions'}</h2><div class="forms">${forms}</div>`;
}

export function unitPage(c: Context<WebEnv>, v: CycleView, u: UnitStatus, o: { open?: OpenForm; done?: string; status?: PageOptions['status'] } = {}) {
  const language = v.plan.language;
  const vi = language === 'vi';
  const { status, header } = v;
  const cancelled = status.phase === 'cancelled';
  return page(c, {
    title: `${u.name} — ${cycleTitle(v)}`,
    ...(o.status ? { status: o.status } : {}),
    body: html`${breadcrumbs(v, u)}
<h1>${u.name}</h1>
<p>${cycleTitle(v)}</p>
${doneNotice(o.done, language)}
<dl class="facts">
<dt>${vi ? 'Trạng thái' : 'State'}</dt><dd>${badge(unitBadgeState(u, cancelled), language)}</dd>
<dt>${vi ? 'Hạn nộp' : 'Due'}</dt><dd>${when(u.dueAt, header.timeZone, language)}${u.extended ? html` (${vi ? 'đã gia hạn' : 'extended'})` : ''}</dd>
${u.submission ? html`<dt>${vi ? 'Nộp lúc' : 'Submitted'}</dt><dd>${when(u.submission.at, header.timeZone, language)} — ${u.submission.by}</dd>` : ''}
<dt>${vi ? 'Văn bản' : 'Documents'}</dt><dd>${documentLinks(v, u)}</dd>
<dt>${vi ? 'Địa chỉ nhận thư' : 'Mailboxes'}</dt><dd>${u.to.map((r) => r.email).join(', ')}</dd>
${u.deliveryFailures.length > 0 ? html`<dt>${vi ? 'Thư không gửi được' : 'Undelivered mail'}</dt><dd>${u.deliveryFailures.map((f) => html`<div>${f.address}: ${f.error}</div>`)}</dd>` : ''}
</dl>
${v.access.staff && isOpen(status) ? unitForms(v, u, o.open) : ''}
<h2>${vi ? 'Diễn biến' : 'Timeline'}</h2>
${timelineList(cycleTimeline(header, status, u.unitId), header.timeZone, language)}
<p><a href="${cycleHref(status.cycleId)}">${vi ? '← Về kỳ báo cáo' : '← Back to the cycle'}</a></p>`,
  });
}
