/**
 * `/plans/:planId/cycles/new`: the start form. First the report type (a plain GET, so it works
 * without script); then, for that type, a scheduled period or an ad-hoc due moment, and the units.
 */
import type { Context } from 'hono';
import type { Plan } from '../../domain/plan/schema';
import type { Viewer, WebEnv } from '../deps';
import { html, say } from '../html';
import { page, type PageOptions } from '../layout';
import { csrfField, field, refusalNotice, type FormState } from './forms';
import { planHref, when } from './render';
import { scheduledCyclesOf } from './start-cycle';
import { computeAdhocCycle, type ScheduledCycle } from '../../domain/schedule';

/** The units the plan makes report this type (of its next scheduled cycle, or of an ad-hoc one opened now). */
function defaultReporters(plan: Plan, reportTypeId: string, scheduled: ScheduledCycle[], now: Date): Set<string> {
  const next = scheduled.find((c) => Date.parse(c.dueAt) >= now.getTime()) ?? scheduled.at(-1);
  if (next) return new Set(next.units.map((u) => u.id));
  try {
    return new Set(computeAdhocCycle(plan, reportTypeId, { periodId: 'preview', opensAt: now }).units.map((u) => u.id));
  } catch {
    // No default due moment: the due date given decides, unknown yet.
    return new Set();
  }
}

export function startPage(c: Context<WebEnv>, o: { plan: Plan; viewer: Viewer; now: Date; reportTypeId?: string | undefined; state: FormState; status?: PageOptions['status'] }) {
  const { plan, state } = o;
  const language = plan.language;
  const vi = language === 'vi';
  const reportType = plan.reportTypes.find((r) => r.id === o.reportTypeId);
  const chooser = html`<form method="get" action="${planHref(plan.id)}/cycles/new">
${field({ form: 'choose', name: 'reportType', label: vi ? 'Loại báo cáo' : 'Report type', state: { values: { reportType: reportType?.id ?? '' }, errors: o.reportTypeId !== undefined && !reportType ? { reportType: vi ? 'Kế hoạch không có loại báo cáo này.' : 'The plan has no such report type.' } : {} }, type: 'select', options: plan.reportTypes.map((r) => ({ value: r.id, label: r.title })) })}
<p><button type="submit">${vi ? 'Chọn' : 'Choose'}</button></p></form>`;

  let form: ReturnType<typeof html> | string = '';
  if (reportType) {
    const scheduled = scheduledCyclesOf(plan, reportType.id);
    const values = { ...state.values, mode: state.values.mode ?? (scheduled.length > 0 ? 'scheduled' : 'adhoc') };
    const s: FormState = { ...state, values };
    const chosenUnits = new Set((state.values.units ?? '').split(',').filter(Boolean));
    const reporters = defaultReporters(plan, reportType.id, scheduled, o.now);
    form = html`<form method="post" action="${planHref(plan.id)}/cycles" class="action">${csrfField(o.viewer.csrfToken)}
<input type="hidden" name="reportType" value="${reportType.id}">
<h2>${reportType.title}</h2>
${
  scheduled.length > 0
    ? html`<fieldset><legend>${vi ? 'Kỳ theo lịch hay kỳ đột xuất' : 'Scheduled period or ad-hoc'}</legend>
<label class="choice"><input type="radio" name="mode" value="scheduled" ${values.mode === 'scheduled' ? 'checked' : ''}> ${vi ? 'Kỳ theo lịch của kế hoạch' : 'A period of the plan’s schedule'}</label>
${field({ form: 'start', name: 'period', label: vi ? 'Kỳ' : 'Period', state: s, type: 'select', options: [{ value: '', label: vi ? '— chọn kỳ —' : '— choose —' }, ...scheduled.map((c) => ({ value: c.period.id, label: `${c.period.label} — ${vi ? 'hạn' : 'due'} ${when(c.dueAt, plan.timeZone, language)}` }))] })}
<label class="choice"><input type="radio" name="mode" value="adhoc" ${values.mode === 'adhoc' ? 'checked' : ''}> ${vi ? 'Kỳ đột xuất với hạn nộp riêng' : 'An ad-hoc cycle with its own due moment'}</label>
</fieldset>`
    : html`<input type="hidden" name="mode" value="adhoc"><p>${vi ? 'Loại báo cáo đột xuất: nhập hạn nộp.' : 'An ad-hoc report type: give its due moment.'}</p>`
}
${field({ form: 'start', name: 'due', label: vi ? 'Hạn nộp (kỳ đột xuất)' : 'Due (ad-hoc cycle)', state: s, type: 'datetime-local', hint: vi ? `Giờ ${plan.timeZone}. Kỳ mở ngay khi bấm nút.` : `${plan.timeZone} time. The cycle opens at once.` })}
${field({ form: 'start', name: 'periodId', label: vi ? 'Mã kỳ (kỳ đột xuất, không bắt buộc)' : 'Period id (ad-hoc, optional)', state: s, hint: vi ? 'Mặc định là ngày hạn nộp, ví dụ 2026-11-24.' : 'Defaults to the due date, e.g. 2026-11-24.' })}
<fieldset class="units${state.errors.units ? ' has-error' : ''}"><legend>${vi ? 'Đơn vị phải nộp (để trống: tất cả đơn vị theo kế hoạch)' : 'Units (none ticked: every reporter the plan names)'}</legend>
${plan.units.map((u) => html`<label class="choice"><input type="checkbox" name="units" value="${u.id}" ${chosenUnits.has(u.id) ? 'checked' : ''}> ${u.name}${reporters.has(u.id) ? html` <span class="muted small">(${vi ? 'phải nộp theo kế hoạch' : 'reports under the plan'})</span>` : ''}</label>`)}
${state.errors.units ? html`<p class="field-error" id="start-units-error">${state.errors.units}</p>` : ''}
</fieldset>
${refusalNotice(state)}
<p><button type="submit" class="primary">${vi ? 'Mở kỳ báo cáo' : 'Start the cycle'}</button></p></form>`;
  }
  return page(c, {
    title: say(language, { vi: 'Mở kỳ báo cáo', en: 'Start a cycle' }),
    ...(o.status ? { status: o.status } : {}),
    body: html`<p class="crumbs"><a href="${planHref(plan.id)}">${plan.title}</a> › ${vi ? 'Mở kỳ báo cáo' : 'Start a cycle'}</p>
<h1>${vi ? 'Mở kỳ báo cáo' : 'Start a reporting cycle'}</h1>
${chooser}${form}`,
  });
}
