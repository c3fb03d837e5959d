/** A plan's campaign as the console shows it: running or stopped, its next openings, cycles that failed to open. */
import type { Language } from '../../domain/cycle';
import type { Plan } from '../../domain/plan/schema';
import type { CampaignStatus } from '../../workflows/messages';
import { html, say } from '../html';
import { reportTitle, when } from './render';
import { campaignWords } from './words';

/** How many of the campaign's next openings the plan page lists. */
const NEXT_OPENINGS = 5;

export function campaignSection(status: CampaignStatus | undefined, plan: Plan, language: Language, now: number) {
  const vi = language === 'vi';
  if (!status) {
    return html`<p class="muted">${vi ? 'Kế hoạch chưa được khởi chạy theo lịch (các kỳ có thể được mở từng kỳ một).' : 'The plan’s campaign has not been started (cycles can still be started one by one).'}</p>`;
  }
  const next = status.cycles.filter((c) => c.state === 'scheduled' && Date.parse(c.opensAt) >= now).slice(0, NEXT_OPENINGS);
  const failed = status.cycles.filter((c) => c.state === 'failed');
  return html`<p><span class="campaign campaign-${status.phase}">${say(language, campaignWords[status.phase] ?? { vi: status.phase, en: status.phase })}</span>
${status.stopped ? html` — ${vi ? 'dừng lúc' : 'stopped at'} ${when(status.stopped.at, plan.timeZone, language)}: ${status.stopped.reason}` : ''}
${vi ? ` · phiên bản ${status.version}` : ` · version ${status.version}`}</p>
${
  next.length > 0
    ? html`<div class="scroll"><table><caption>${vi ? 'Các kỳ sắp mở' : 'Next openings'}</caption><thead><tr><th>${vi ? 'Kỳ báo cáo' : 'Cycle'}</th><th>${vi ? 'Mở' : 'Opens'}</th><th>${vi ? 'Hạn nộp' : 'Due'}</th></tr></thead>
<tbody>${next.map((c) => html`<tr><td>${reportTitle(plan, c.reportType)} — ${c.period}</td><td>${when(c.opensAt, plan.timeZone, language)}</td><td>${when(c.dueAt, plan.timeZone, language)}</td></tr>`)}</tbody></table></div>`
    : html`<p class="muted">${vi ? 'Không còn kỳ nào chờ mở.' : 'No cycle is waiting to open.'}</p>`
}
${failed.length > 0 ? html`<p class="notice bad">${vi ? 'Không mở được:' : 'Failed to open:'} ${failed.map((c) => `${c.reportType}/${c.period}${c.reason ? ` (${c.reason})` : ''}`).join('; ')}</p>` : ''}`;
}
