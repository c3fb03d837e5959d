import { readFileSync } from 'node:fs';
import { validatePlan, formatProblem } from './domain/plan/validate';
for (const f of ['plans/129-KH-BDVTU.yaml', 'plans/demo.yaml']) {
  const r = validatePlan(readFileSync(f, 'utf8'));
  if (r.ok) console.log(f, 'OK', r.plan.units.length, r.warnings);
  else console.log(f, r.problems.map(p => formatProblem(p, r.language)).join('\n'));
}
