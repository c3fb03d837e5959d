/**
 * The plans the web app knows: every `.yaml`/`.yml` file in `KYHAN_PLANS_DIR`, validated as
 * `kyhan plan validate` does. A file with problems is skipped and logged (its path and first
 * problems), never half-loaded; the others still serve. Read at start: restart to pick up edits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { accessOf, type Access } from '../domain/plan/access';
import type { Plan } from '../domain/plan/schema';
import { formatProblem, validatePlan } from '../domain/plan/validate';

export interface KnownPlan {
  plan: Plan;
  file: string;
}

export class PlanBook {
  private readonly byId = new Map<string, KnownPlan>();

  constructor(plans: KnownPlan[]) {
    for (const known of plans) if (!this.byId.has(known.plan.id)) this.byId.set(known.plan.id, known);
  }

  static load(dir: string, logger?: Logger): PlanBook {
    const root = resolve(dir);
    let files: string[];
    try {
      files = readdirSync(root).filter((f) => /\.ya?ml$/i.test(f)).sort();
    } catch (err) {
      logger?.warn({ dir: root, err: (err as Error).message }, 'plans folder cannot be read: the web app knows no plan (set KYHAN_PLANS_DIR)');
      return new PlanBook([]);
    }
    const plans: KnownPlan[] = [];
    for (const name of files) {
      const file = join(root, name);
      const result = validatePlan(readFileSync(file, 'utf8'));
      if (result.ok) plans.push({ plan: result.plan, file });
      else logger?.warn({ file, problems: result.problems.slice(0, 5).map((p) => formatProblem(p, result.language)) }, 'plan skipped: it has problems (run `npx kyhan plan validate` on it)');
    }
    return new PlanBook(plans);
  }

  all(): Plan[] {
    return [...this.byId.values()].map((k) => k.plan);
  }

  get(planId: string): Plan | undefined {
    return this.byId.get(planId)?.plan;
  }

  fileOf(planId: string): string | undefined {
    return this.byId.get(planId)?.file;
  }

  /** Every plan in which this address has staff or leader access. */
  accessFor(email: string): { plan: Plan; access: Access }[] {
    return this.all().flatMap((plan) => {
      const access = accessOf(plan, email);
      return access ? [{ plan, access }] : [];
    });
  }

  /** The language pages speak when no plan is in question: Vietnamese unless every plan is in English. */
  language(): 'vi' | 'en' {
    const plans = this.all();
    return plans.length > 0 && plans.every((p) => p.language === 'en') ? 'en' : 'vi';
  }
}
