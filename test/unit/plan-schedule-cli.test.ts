import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPlanSchedule, type PlanScheduleOptions, type ScheduleOutput } from '../../cli/commands/plan-schedule';

const SEED_PLAN = fileURLToPath(new URL('../../plans/129-KH-BDVTU.yaml', import.meta.url));
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

async function run(options: PlanScheduleOptions, file = SEED_PLAN, language: 'vi' | 'en' = 'vi') {
  let stdout = '';
  let stderr = '';
  const out: ScheduleOutput = {
    log: (line) => (stdout += `${line}\n`),
    error: (line) => (stderr += `${line}\n`),
    write: (text) => (stdout += text),
  };
  const code = await runPlanSchedule(file, options, language, out);
  return { code, stdout, stderr };
}

interface JsonSchedule {
  plan: { id: string; title: string };
  cycles: Array<{
    id: string;
    reportType: string;
    period: string;
    opensAt: string;
    dueAt: string;
    cutoffAt: string;
    dataWindow?: { from: string; to: string };
    focus?: string;
    units: string[];
    reminders: Array<{ at: string; units: string[] }>;
    escalations: Array<{ at: string; step: number; recipients: string[] }>;
  }>;
}

describe('kyhan plan schedule', () => {
  it('prints JSON with the documented shape, every instant with its offset', async () => {
    const { code, stdout } = await run({ format: 'json' });
    expect(code).toBe(0);
    const schedule = JSON.parse(stdout) as JsonSchedule;
    expect(schedule.plan).toMatchObject({ id: 'kh-129-bdvtu', title: expect.any(String) });
    expect(schedule.cycles).toHaveLength(16);
    for (const cycle of schedule.cycles) {
      expect(cycle.id).toBe(`kh-129-bdvtu/${cycle.reportType}/${cycle.period}`);
      for (const instant of [cycle.opensAt, cycle.dueAt, cycle.cutoffAt, ...cycle.reminders.map((r) => r.at), ...cycle.escalations.map((s) => s.at)]) {
        expect(instant).toMatch(ISO_WITH_OFFSET);
      }
      expect(cycle.units.length).toBeGreaterThan(0);
      for (const reminder of cycle.reminders) expect(reminder.units).toEqual(cycle.units);
      expect(cycle.escalations.map((s) => s.step)).toEqual([1, 2, 3]);
      for (const step of cycle.escalations) for (const email of step.recipients) expect(email).toMatch(/@example\.org$/);
    }
    const january = schedule.cycles.find((c) => c.period === '2020-01');
    expect(january).toMatchObject({
      dueAt: '2020-01-17T17:00:00+07:00',
      cutoffAt: '2020-01-30T17:00:00+07:00',
      dataWindow: { from: '2019-12-15', to: '2020-01-14' },
      focus: 'Đại hội cấp cơ sở',
    });
    // Every monthly cycle states its data window; the others have none.
    for (const cycle of schedule.cycles) {
      expect(cycle.dataWindow !== undefined, cycle.id).toBe(cycle.reportType === 'tinh-hinh-nhan-dan-hang-thang');
    }
    expect(january?.escalations[0]).toEqual({
      at: '2020-01-20T14:00:00+07:00',
      step: 1,
      roleLabel: 'Trưởng phòng Đoàn thể và các hội',
      recipients: ['truong-phong-doan-the@example.org'],
      units: january?.units,
    });
  });

  it('keeps the cycles whose period lies between --from and --to', async () => {
    const { stdout } = await run({ format: 'json', from: '2020-06', to: '2020-08' });
    const periods = (JSON.parse(stdout) as JsonSchedule).cycles.map((c) => c.period);
    expect(periods).toEqual(['2020-06', 'cap-co-so', '2020-07', '2020-08', 'cap-huyen']);
  });

  it('writes an iCalendar file with one event per cycle and CRLF line ends', async () => {
    const { code, stdout } = await run({ format: 'ics' });
    expect(code).toBe(0);
    expect(stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(stdout.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(stdout.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(stdout.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(16);
    expect(stdout).toContain('UID:kh-129-bdvtu/tinh-hinh-nhan-dan-hang-thang/2020-01@kyhan\r\n');
    expect(stdout).toContain('DTSTART:20200117T100000Z\r\n');
    for (const line of stdout.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = stdout.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Hạn nộp: Báo cáo tình hình nhân dân đối với Đại hội đảng các cấp tháng 1/2020\r\n');
    // The description of a monthly cycle states its data window, as the Board's letters write dates.
    const january = unfolded.split('BEGIN:VEVENT').find((event) => event.includes('UID:kh-129-bdvtu/tinh-hinh-nhan-dan-hang-thang/2020-01@kyhan'));
    expect(january).toContain('\\nSố liệu tính từ ngày 15/12/2019 đến ngày 14/1/2020\\n');
    expect(january).toContain('Trọng tâm: Đại hội cấp cơ sở');
    // Deterministic: stamped with the plan's issue date, not the clock.
    expect(new Set(unfolded.match(/^DTSTAMP:.*$/gm))).toEqual(new Set(['DTSTAMP:20191112T000000Z']));
  });

  it('prints a table with Vietnamese headers, or English ones with --lang en', async () => {
    const vi = await run({ from: '2020-01', to: '2020-01' });
    expect(vi.stdout).toContain('Hạn nộp');
    expect(vi.stdout).toContain('Số liệu');
    expect(vi.stdout).toMatch(
      /tháng 1\/2020 \(Đại hội cấp cơ sở\) +10\/01\/2020 08:00 +17\/01\/2020 17:00 +15\/12\/2019–14\/01\/2020 +3 +3: 20\/01 14:00, 21\/01 14:00, 22\/01 14:00 +30\/01\/2020 17:00 +6/,
    );
    const en = await run({ from: '2020-01', to: '2020-01' }, SEED_PLAN, 'en');
    expect(en.stdout).toContain('Escalation steps');
    expect(en.stdout).toContain('Data window');
  });

  it('shows the data window of every monthly cycle in the table, and a dash for the others', async () => {
    const { stdout } = await run({});
    const rows = stdout.split('\n').filter((line) => line.startsWith('tinh-hinh-nhan-dan-hang-thang · '));
    expect(rows).toHaveLength(13);
    for (const row of rows) expect(row).toMatch(/ 15\/\d{2}\/\d{4}–14\/\d{2}\/\d{4} /);
    expect(stdout).toMatch(/tháng 1\/2021 \(Đại hội XIII của Đảng\) .* 15\/12\/2020–14\/01\/2021 /);
    const others = stdout.split('\n').filter((line) => line.startsWith('can-bo-mat-tran') || line.startsWith('ke-hoach-thuc-hien'));
    expect(others).toHaveLength(3);
    for (const row of others) expect(row).toMatch(/ 17:00 +– +3 /);
  });

  it('prints the plan problems and exits 1, like plan validate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyhan-schedule-'));
    const file = join(dir, 'plan.yaml');
    const text = readFileSync(SEED_PLAN, 'utf8').replace('cutoff: { workingDays: 4, at: "17:00" }', 'cutoff: { workingDays: 2, at: "17:00" }');
    writeFileSync(file, text);
    const { code, stdout } = await run({ format: 'json' }, file);
    expect(code).toBe(1);
    expect(stdout).toContain('defaults.escalation[2]: ');
  });

  it('refuses a malformed month and an unreadable file with exit 2', async () => {
    expect((await run({ from: '2020-1' })).code).toBe(2);
    const missing = await run({}, '/nonexistent/plan.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('không có tệp này');
  });
});
