/** Who gets what in the web app comes from the plan's roles: the seed plan and the demo plan. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessOf } from '../../domain/plan/access';
import { validatePlan } from '../../domain/plan/validate';

function plan(file: string) {
  const result = validatePlan(readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(`${file} is not valid`);
  return result.plan;
}

describe('access from the plan', () => {
  const seed = plan('plans/129-KH-BDVTU.yaml');

  it('the consolidating staff and the division head are staff; the head and deputy head are leaders', () => {
    const roles = (email: string) => {
      const a = accessOf(seed, email);
      return a ? { staff: a.staff, leader: a.leader } : undefined;
    };
    const staffEmail = seed.people.find((p) => p.roles.includes('consolidating-staff'))!.email;
    expect(roles(staffEmail)).toEqual({ staff: true, leader: false });
    expect(roles('truong-phong-doan-the@example.org')).toEqual({ staff: true, leader: false });
    expect(roles('dang-hong-sy@example.org')).toEqual({ staff: false, leader: true });
    expect(roles('pho-truong-ban@example.org')).toEqual({ staff: false, leader: true });
  });

  it('addresses are compared without case or surrounding spaces; anyone else gets nothing, units included', () => {
    expect(accessOf(seed, '  Dang-Hong-Sy@Example.org ')?.leader).toBe(true);
    expect(accessOf(seed, 'stranger@example.org')).toBeUndefined();
    const unitAddress = seed.units[0]!.contacts.to[0]!;
    expect(accessOf(seed, unitAddress)).toBeUndefined();
  });

  it('the demo plan: consolidating staff and division head are staff, the Board leader a leader', () => {
    const demo = plan('plans/demo.yaml');
    expect(accessOf(demo, 'tong-hop@example.org')).toMatchObject({ staff: true, leader: false });
    expect(accessOf(demo, 'truong-phong@example.org')).toMatchObject({ staff: true, leader: false });
    expect(accessOf(demo, 'lanh-dao@example.org')).toMatchObject({ staff: false, leader: true });
  });
});
