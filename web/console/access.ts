/**
 * Who may see and do what in the console, per plan, from the sign-in guard (web/auth/guard.ts):
 * an unknown plan is 404, a signed-in person without a role in it 403; leaders see, staff act.
 * Pages of a plan speak the plan's language. Every action records who took it: `byOf`.
 */
import type { Context } from 'hono';
import type { Access } from '../../domain/plan/access';
import type { Plan } from '../../domain/plan/schema';
import { LIMITS } from '../../domain/unit-requests';
import { accessToPlan } from '../auth/guard';
import type { Viewer, WebEnv } from '../deps';
import { say } from '../html';
import { messagePage } from '../layout';

export interface PlanAccess {
  plan: Plan;
  access: Access;
  viewer: Viewer;
}

export function notFoundPage(c: Context<WebEnv>) {
  const language = c.get('language');
  return messagePage(c, 404, say(language, { vi: 'Không tìm thấy', en: 'Not found' }), say(language, { vi: 'Không có kế hoạch hoặc kỳ báo cáo này.', en: 'There is no such plan or reporting cycle.' }));
}

export function forbiddenPage(c: Context<WebEnv>, staffOnly = false) {
  const language = c.get('language');
  return messagePage(
    c,
    403,
    say(language, { vi: 'Không có quyền truy cập', en: 'Access denied' }),
    staffOnly
      ? say(language, { vi: 'Chỉ cán bộ tổng hợp được thực hiện việc này; lãnh đạo Ban xem và phê duyệt.', en: 'Only the consolidating staff may do this; leaders see and approve.' })
      : say(language, { vi: 'Tài khoản của đồng chí không được giao việc trong kế hoạch này.', en: 'Your address has no role in this plan.' }),
  );
}

/**
 * The plan and the viewer's access to it, or the page that refuses (404 unknown plan, 403 no
 * role, or not staff when `staff` is asked). Sets the page language to the plan's.
 * Runs behind `requireViewer()`, so a viewer is present.
 */
export function planAccess(c: Context<WebEnv>, planId: string, need: 'see' | 'staff' | 'leader' = 'see'): PlanAccess | Response | Promise<Response> {
  const plan = c.get('deps').plans.get(planId);
  if (!plan) return notFoundPage(c);
  c.set('language', plan.language);
  const access = accessToPlan(c, planId);
  const viewer = c.get('viewer');
  if (!access || !viewer) return forbiddenPage(c);
  if (need === 'staff' && !access.staff) return forbiddenPage(c, true);
  if (need === 'leader' && !access.leader) return forbiddenPage(c);
  return { plan, access, viewer };
}

export const isResponse = (value: unknown): value is Response | Promise<Response> => value instanceof Response || value instanceof Promise;

/** Who took an action, as the cycle keeps it: `Name <email>`, within the requests' name limit. */
export function byOf(viewer: Viewer): string {
  const email = ` <${viewer.email}>`;
  const name = viewer.name.replace(/\s+/g, ' ').trim() || viewer.email;
  return email.length + name.length <= LIMITS.name ? `${name}${email}` : `${name.slice(0, Math.max(1, LIMITS.name - email.length - 1))}…${email}`.slice(0, LIMITS.name);
}
