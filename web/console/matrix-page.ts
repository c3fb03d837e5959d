/**
 * `/plans/:planId`: the plan's status matrix (units × cycles) with its filters, per-unit rates,
 * the on-time rate per period as CSS bars (no script), the campaign's status (campaign.ts);
 * `/plans/:planId/matrix.csv`: the same matrix, same filters, for Excel.
 */
import type { Context } from 'hono';
import type { Language } from '../../domain/cycle';
import { toCsv } from '../../domain/csv';
import type { Plan } from '../../domain/plan/schema';
import type { CampaignStatus } from '../../workflows/messages';
import type { WebEnv } from '../deps';
import { html, say } from '../html';
import { page } from '../layout';
import { filtersQuery, type ParsedFilters } from './filters';
import type { LoadedMatrix } from './matrix-data';
import { MATRIX_CYCLE_LIMIT } from './matrix-data';
import type { Matrix } from './matrix';
import { badge, cycleHref, planHref, reportTitle, when } from './render';
import { campaignSection } from './campaign';
import { cellWords, decimal, levelWords, percent } from './words';
import { field } from './forms';

function filterForm(plan: Plan, parsed: ParsedFilters, language: Language) {
  const vi = language === 'vi';
  const state = { values: parsed.typed as Record<string, string>, errors: parsed.problems as Record<string, string> };
  return html`<form method="get" action="${planHref(plan.id)}" class="filters">
${field({ form: 'filter', name: 'reportType', label: vi ? 'Loại báo cáo' : 'Report type', state, type: 'select', options: [{ value: '', label: vi ? 'Tất cả' : 'All' }, ...plan.reportTypes.map((r) => ({ value: r.id, label: r.title }))] })}
${field({ form: 'filter', name: 'level', label: vi ? 'Cấp' : 'Level', state, type: 'select', options: [{ value: '', label: vi ? 'Tất cả' : 'All' }, ...Object.entries(levelWords).map(([value, w]) => ({ value, label: say(language, w) }))] })}
${field({ form: 'filter', name: 'from', label: vi ? 'Từ tháng (hạn nộp)' : 'From month (due)', state, type: 'month', hint: vi ? 'NNNN-TT, ví dụ 2020-01' : 'YYYY-MM, e.g. 2020-01' })}
${field({ form: 'filter', name: 'to', label: vi ? 'Đến tháng' : 'To month', state, type: 'month', hint: vi ? 'NNNN-TT' : 'YYYY-MM' })}
<p><button type="submit">${vi ? 'Lọc' : 'Filter'}</button> <a href="${planHref(plan.id)}">${vi ? 'Bỏ lọc' : 'Clear'}</a></p>
</form>`;
}

function legend(language: Language) {
  const states = ['on-time', 'late', 'returned', 'overdue', 'pending', 'excused', 'not-required', 'cancelled'] as const;
  return html`<p class="legend">${states.map((s) => html`${badge(s, language)} `)}</p>`;
}

function chart(matrix: Matrix, language: Language) {
  const vi = language === 'vi';
  const measured = matrix.periods.filter((p) => p.rate !== undefined);
  if (measured.length === 0) return '';
  return html`<h2>${vi ? 'Tỷ lệ nộp đúng hạn theo kỳ' : 'On-time rate per period'}</h2>
<table class="bars"><tbody>${measured.map(
    (p) => html`<tr><th scope="row">${p.label}</th><td class="bar-cell"><span class="bar" style="width: ${Math.round((p.rate ?? 0) * 100)}%"></span></td><td class="num">${percent(p.rate)} <span class="muted">(${p.onTime}/${p.expected})</span></td></tr>`,
  )}</tbody></table>`;
}

function matrixTable(matrix: Matrix, plan: Plan, language: Language) {
  const vi = language === 'vi';
  if (matrix.columns.length === 0) return html`<p class="muted">${vi ? 'Chưa có kỳ báo cáo nào khớp bộ lọc.' : 'No reporting cycle matches the filters.'}</p>`;
  return html`<div class="scroll"><table class="matrix">
<thead><tr><th scope="col">${vi ? 'Đơn vị' : 'Unit'}</th>${matrix.columns.map(
    (c) => html`<th scope="col"><a href="${cycleHref(c.cycleId)}">${c.periodLabel}</a><br><span class="muted small">${reportTitle(plan, c.reportTypeId)}</span><br><span class="muted small">${vi ? 'hạn' : 'due'} ${when(c.dueAt, plan.timeZone, language)}</span></th>`,
  )}<th scope="col">${vi ? 'Tỷ lệ đúng hạn' : 'On-time rate'}</th><th scope="col">${vi ? 'Trễ trung bình (ngày làm việc)' : 'Average delay (working days)'}</th></tr></thead>
<tbody>${matrix.rows.map(
    (row) => html`<tr><th scope="row" title="${row.unit.name}">${row.unit.shortName}</th>${row.cells.map((cell, i) => {
      const col = matrix.columns[i]!;
      const extra = cell.state === 'late' && cell.delay !== undefined ? `(${cell.delay} ${vi ? 'ngày' : cell.delay === 1 ? 'day' : 'days'})` : undefined;
      return html`<td class="cell">${cell.state === 'not-required' ? badge(cell.state, language) : html`<a href="${cycleHref(col.cycleId)}/units/${encodeURIComponent(row.unit.id)}">${badge(cell.state, language, extra)}</a>`}</td>`;
    })}<td class="num">${percent(row.stats.onTimeRate)} <span class="muted small">(${row.stats.onTime}/${row.stats.expected})</span></td><td class="num">${decimal(row.stats.averageDelay, language)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function matrixPage(c: Context<WebEnv>, o: { plan: Plan; parsed: ParsedFilters; loaded: LoadedMatrix; campaign: CampaignStatus | undefined; staff: boolean; now: number }) {
  const language = o.plan.language;
  const vi = language === 'vi';
  const { matrix } = o.loaded;
  const hasProblems = Object.keys(o.parsed.problems).length > 0;
  return page(c, {
    title: o.plan.title,
    status: hasProblems ? 422 : 200,
    body: html`<h1>${o.plan.title}</h1>
<p class="muted">${o.plan.issuer.name} · ${o.plan.issuer.documentNumber}</p>
<h2>${vi ? 'Tiến độ kế hoạch' : 'Campaign'}</h2>
${campaignSection(o.campaign, o.plan, language, o.now)}
${o.staff ? html`<p><a class="button" href="${planHref(o.plan.id)}/cycles/new">${vi ? 'Mở một kỳ báo cáo' : 'Start a cycle'}</a></p>` : ''}
<h2>${vi ? 'Bảng theo dõi nộp báo cáo' : 'Status matrix'}</h2>
${filterForm(o.plan, o.parsed, language)}
${legend(language)}
${matrixTable(matrix, o.plan, language)}
<p class="muted small">${
      vi
        ? `Hiển thị tối đa ${MATRIX_CYCLE_LIMIT} kỳ báo cáo gần nhất theo hạn nộp${matrix.omitted > 0 ? `; ${matrix.omitted} kỳ cũ hơn không hiển thị (thu hẹp khoảng thời gian để xem)` : ''}. Tỷ lệ đúng hạn = số báo cáo đúng hạn / số báo cáo đã đến hạn (không tính kỳ đã hủy và đơn vị được miễn). Trễ trung bình tính theo ngày làm việc trên các báo cáo đã nộp (đúng hạn tính 0).`
        : `Showing at most the ${MATRIX_CYCLE_LIMIT} most recent cycles by due date${matrix.omitted > 0 ? `; ${matrix.omitted} older ones are not shown (narrow the period to see them)` : ''}. On-time rate = reports on time / reports due so far (cancelled cycles and excused units not counted). Average delay in working days over submitted reports (on time counts 0).`
    }</p>
${o.loaded.unreadable.length > 0 ? html`<p class="notice bad">${vi ? 'Không đọc được các kỳ:' : 'Could not read these cycles:'} ${o.loaded.unreadable.join(', ')}</p>` : ''}
<p><a href="${planHref(o.plan.id)}/matrix.csv${filtersQuery(o.parsed.filters)}" download>${vi ? 'Tải bảng (CSV, mở bằng Excel)' : 'Download (CSV for Excel)'}</a></p>
${chart(matrix, language)}`,
  });
}

/** The matrix as CSV: one row per unit, one column per cycle (its word), then the rates. */
export function matrixCsv(matrix: Matrix, plan: Plan): string {
  const language = plan.language;
  const vi = language === 'vi';
  const columns = [
    vi ? 'Mã đơn vị' : 'Unit id',
    vi ? 'Đơn vị' : 'Unit',
    vi ? 'Cấp' : 'Level',
    ...matrix.columns.map((c) => `${reportTitle(plan, c.reportTypeId)} — ${c.periodLabel}`),
    vi ? 'Đã đến hạn' : 'Due so far',
    vi ? 'Đúng hạn' : 'On time',
    vi ? 'Tỷ lệ đúng hạn (%)' : 'On-time rate (%)',
    vi ? 'Trễ trung bình (ngày làm việc)' : 'Average delay (working days)',
  ];
  const rows = matrix.rows.map((row) => [
    row.unit.id,
    row.unit.name,
    row.unit.level ? say(language, levelWords[row.unit.level]!) : '',
    ...row.cells.map((cell) => `${say(language, cellWords[cell.state])}${cell.state === 'late' && cell.delay !== undefined ? ` (${cell.delay})` : ''}`),
    row.stats.expected,
    row.stats.onTime,
    row.stats.onTimeRate === undefined ? undefined : Math.round(row.stats.onTimeRate * 1000) / 10,
    row.stats.averageDelay === undefined ? undefined : Math.round(row.stats.averageDelay * 10) / 10,
  ]);
  return toCsv(columns, rows);
}
