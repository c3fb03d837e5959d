/**
 * Pieces of HTML the console's pages share: a state badge (colour, pattern and word, so grey
 * print reads), moments in the plan's zone, the timeline, links to cycles.
 */
import type { Instant, Language } from '../../domain/cycle';
import type { Plan } from '../../domain/plan/schema';
import { formatDateTime } from '../../domain/dates';
import type { UnitState } from '../../workflows/messages';
import { html, say } from '../html';
import type { CellState } from './matrix';
import type { TimelineEvent } from './timeline';
import { approvalStepWords, cellWords } from './words';

/** `/cycles/<encoded id>` (the worker's emails link there too). */
export const cycleHref = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;
export const unitHref = (cycleId: string, unitId: string) => `${cycleHref(cycleId)}/units/${encodeURIComponent(unitId)}`;
export const planHref = (planId: string) => `/plans/${encodeURIComponent(planId)}`;

/** A report type's title as the plan gives it (the id when the plan no longer has it). */
export const reportTitle = (plan: Pick<Plan, 'reportTypes'>, reportTypeId: string, fallback?: string) => plan.reportTypes.find((r) => r.id === reportTypeId)?.title ?? fallback ?? reportTypeId;

export const when = (instant: Instant | undefined, timeZone: string, language: Language) => (instant ? formatDateTime(instant, timeZone, language) : '—');

/** A matrix cell's or a unit's state: the word, with its mark and pattern. */
export function badge(state: CellState, language: Language, extra?: string) {
  const w = cellWords[state];
  return html`<span class="state state-${state}"><span aria-hidden="true">${w.mark}</span> ${say(language, w)}${extra ? ` ${extra}` : ''}</span>`;
}

/** A unit's state in a cycle as a badge (submitted late or on time, returned…). */
export function unitBadgeState(u: { state: UnitState; submission?: { onTime: boolean }; returned?: unknown; excused?: unknown }, cycleCancelled: boolean): CellState {
  if (u.state === 'submitted') return u.submission?.onTime ? 'on-time' : 'late';
  if (u.state === 'excused') return 'excused';
  if (cycleCancelled) return 'cancelled';
  if (u.returned) return 'returned';
  return u.state;
}

function eventText(e: TimelineEvent, language: Language): string {
  const vi = language === 'vi';
  switch (e.kind) {
    case 'opened':
      return vi ? `Mở kỳ báo cáo (${e.units} đơn vị phải nộp)` : `Cycle opened (${e.units} units to report)`;
    case 'notice':
      return e.unitId ? (vi ? 'Gửi thông báo kỳ báo cáo' : 'Notice sent') : vi ? `Gửi thông báo tới ${e.units} đơn vị` : `Notice sent to ${e.units} units`;
    case 'reminder': {
      const after = e.detail === 'after';
      return vi
        ? `Nhắc nhở lần ${e.index}${after ? ' (sau hạn nộp)' : ''} tới ${e.units} đơn vị`
        : `Reminder ${e.index}${after ? ' (after the due date)' : ''} to ${e.units} units`;
    }
    case 'escalation':
      return vi
        ? `Báo cáo lãnh đạo bậc ${e.index}${e.detail ? ` (${e.detail})` : ''}: ${e.units} đơn vị quá hạn${e.failed ? ` — không gửi được: ${e.failed}` : ''}`
        : `Escalation step ${e.index}${e.detail ? ` (${e.detail})` : ''}: ${e.units} overdue units${e.failed ? ` — failed: ${e.failed}` : ''}`;
    case 'submitted': {
      const how = e.onTime ? (vi ? 'đúng hạn' : 'on time') : vi ? 'trễ hạn' : 'late';
      const revision = e.revision ? (vi ? ` (bản bổ sung lần ${e.revision})` : ` (revision ${e.revision})`) : '';
      return vi ? `${e.unitName} nộp báo cáo${revision}, ${how}` : `${e.unitName} submitted${revision}, ${how}`;
    }
    case 'extended':
      return vi ? `${e.unitName} được gia hạn` : `${e.unitName} granted an extension`;
    case 'excused':
      return vi ? `${e.unitName} được miễn nộp` : `${e.unitName} excused`;
    case 'returned':
      return vi ? `Trả lại báo cáo của ${e.unitName} để bổ sung` : `${e.unitName}'s report returned for revision`;
    case 'consolidated':
      return e.detail === 'cutoff'
        ? vi
          ? 'Đã chốt tổng hợp (đến hạn chốt)'
          : 'Cut-off reached: consolidated'
        : vi
          ? 'Tổng hợp (mọi đơn vị đã nộp hoặc được miễn)'
          : 'Consolidated (every unit reported or excused)';
    case 'cancelled':
      return vi ? 'Hủy kỳ báo cáo' : 'Cycle cancelled';
    case 'approval':
      return `${say(language, approvalStepWords[e.detail ?? ''] ?? { vi: e.detail ?? '', en: e.detail ?? '' })}${e.upperLevel ? `: ${e.upperLevel}` : ''}`;
  }
}

/** The timeline as a list: when, what, who, and what they wrote. */
export function timelineList(events: TimelineEvent[], timeZone: string, language: Language) {
  if (events.length === 0) return html`<p class="muted">${say(language, { vi: 'Chưa có sự kiện nào.', en: 'Nothing has happened yet.' })}</p>`;
  const vi = language === 'vi';
  return html`<ol class="timeline">${events.map(
    (e) => html`<li class="ev ev-${e.kind}${e.failed !== undefined ? ' ev-failed' : ''}"><time datetime="${e.at}">${when(e.at, timeZone, language)}</time>
<span class="what">${eventText(e, language)}</span>${e.until ? html` <span>${vi ? 'đến' : 'until'} ${when(e.until, timeZone, language)}</span>` : ''}${e.by ? html` <span class="by">— ${vi ? 'bởi' : 'by'} ${e.by}</span>` : ''}${e.text ? html`<div class="said">${e.text}</div>` : ''}</li>`,
  )}</ol>`;
}

/** A short notice after an action (`?done=…`). */
export function doneNotice(done: string | undefined, language: Language) {
  const words: Record<string, { vi: string; en: string }> = {
    submit: { vi: 'Đã ghi nhận báo cáo nộp bản giấy.', en: 'The paper submission is recorded.' },
    extend: { vi: 'Đã gia hạn.', en: 'Extension granted.' },
    excuse: { vi: 'Đã miễn nộp cho đơn vị.', en: 'The unit is excused.' },
    return: { vi: 'Đã trả lại báo cáo để bổ sung; đơn vị nhận thư kèm đường dẫn nộp lại.', en: 'The report is returned for revision; the unit gets an email with its link to resubmit.' },
    cancel: { vi: 'Đã hủy kỳ báo cáo; các đơn vị chưa nộp được thông báo.', en: 'The cycle is cancelled; the units that had not reported are told.' },
    start: { vi: 'Đã mở kỳ báo cáo.', en: 'The cycle is started.' },
    running: { vi: 'Kỳ báo cáo này đã đang chạy; không mở thêm.', en: 'This cycle was already running; nothing new was started.' },
    approve: { vi: 'Đã phê duyệt báo cáo tổng hợp.', en: 'The consolidated report is approved.' },
    'return-report': { vi: 'Đã trả lại báo cáo tổng hợp cho bộ phận tổng hợp.', en: 'The consolidated report is returned to the staff.' },
    resubmit: { vi: 'Đã trình lại lãnh đạo.', en: 'Resubmitted to the leaders.' },
    'sent-up': { vi: 'Đã ghi nhận gửi lên cấp trên.', en: 'Marked as sent up.' },
  };
  const w = done ? words[done] : undefined;
  return w ? html`<p class="notice ok" role="status">${say(language, w)}</p>` : '';
}
