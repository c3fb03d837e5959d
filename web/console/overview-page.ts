/** `/`: the plans the signed-in person has a role in, each with its campaign's status and a link to its matrix. */
import type { Context } from 'hono';
import type { Access } from '../../domain/plan/access';
import type { Plan } from '../../domain/plan/schema';
import type { CampaignStatus } from '../../workflows/messages';
import type { WebEnv } from '../deps';
import { html, say } from '../html';
import { page } from '../layout';
import { campaignSection } from './campaign';
import { planHref } from './render';

export interface OverviewPlan {
  plan: Plan;
  access: Access;
  campaign: CampaignStatus | undefined;
  /** The campaign could not be read (Temporal unreachable…). */
  unreadable?: boolean;
}

export function overviewPage(c: Context<WebEnv>, plans: OverviewPlan[], now: number) {
  const language = c.get('language');
  const vi = language === 'vi';
  return page(c, {
    title: say(language, { vi: 'Các kế hoạch', en: 'Plans' }),
    body: html`<h1>${say(language, { vi: 'Các kế hoạch được giao', en: 'Your plans' })}</h1>
${
  plans.length === 0
    ? html`<p>${say(language, { vi: 'Địa chỉ của đồng chí chưa được giao việc trong kế hoạch nào.', en: 'Your address has no role in any plan.' })}</p>`
    : plans.map(
        (p) => html`<section class="plan">
<h2><a href="${planHref(p.plan.id)}">${p.plan.title}</a></h2>
<p class="muted">${p.plan.issuer.name} · ${p.plan.issuer.documentNumber} · ${
          p.access.staff ? (p.plan.language === 'vi' ? 'cán bộ tổng hợp' : 'staff') : p.plan.language === 'vi' ? 'lãnh đạo' : 'leader'
        }</p>
${p.unreadable ? html`<p class="notice bad">${vi ? 'Chưa đọc được tiến độ của kế hoạch; hãy thử lại sau ít phút.' : 'The campaign could not be read; try again in a few minutes.'}</p>` : campaignSection(p.campaign, p.plan, p.plan.language, now)}
<p><a href="${planHref(p.plan.id)}">${p.plan.language === 'vi' ? 'Xem bảng theo dõi' : 'Open the status matrix'}</a></p>
</section>`,
      )
}`,
  });
}
