import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatProblem, validatePlan } from '../../domain/plan/validate';

const root = new URL('../../', import.meta.url).pathname;

/** A small valid plan; each test breaks one thing in it. */
const base = `
id: thu-nghiem
version: 1
title: Kế hoạch thử nghiệm
issuer: { name: Ban Dân vận, documentNumber: 1-KH/TEST, date: "2020-01-02" }
language: vi
roles:
  - { id: truong-ban, label: Trưởng ban }
  - { id: chuyen-vien, label: Chuyên viên }
people:
  - { id: nguyen-van-a, name: Nguyễn Văn A, email: a@example.org, roles: [truong-ban] }
  - { id: tran-thi-b, name: Trần Thị B, email: b@example.org, roles: [chuyen-vien] }
units:
  - id: mttq-tinh
    name: Ủy ban MTTQ Việt Nam tỉnh
    shortName: MTTQ tỉnh
    kind: front-committee
    level: provincial
    contacts: { to: [mttq@example.org] }
  - id: ham-thuan-nam
    name: Ban Dân vận Huyện ủy Hàm Thuận Nam
    shortName: BDV Hàm Thuận Nam
    kind: district-board
    level: district
    contacts: { to: [htn@example.org] }
defaults:
  opens: { workingDays: -5 }
  reminders: [{ workingDays: -1 }]
  escalation:
    - { workingDays: 1, at: "14:00", notify: [chuyen-vien] }
    - { workingDays: 2, at: "14:00", notify: [truong-ban] }
  consolidation: { by: [chuyen-vien], leaders: [truong-ban], cutoff: { workingDays: 3 } }
reportTypes:
  - id: hang-thang
    title: Báo cáo hằng tháng
    reporters: { units: [mttq-tinh, ham-thuan-nam] }
    recurrence: { type: monthly, from: "2020-01", to: "2020-03", due: { day: 17 } }
`;

/** `base` with each [from, to] replacement applied (each `from` must occur). */
function variant(...edits: Array<[string, string]>): string {
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`test setup: "${from}" not in the plan`);
    return text.replace(from, to);
  }, base);
}

/** The problems as the CLI prints them, one `path: message` per line. */
function problems(text: string): string {
  const result = validatePlan(text);
  if (result.ok) return '(valid)';
  return result.problems.map((p) => formatProblem(p, result.language)).join('\n');
}

describe('validatePlan accepts the shipped plans', () => {
  it('accepts the seed plan 129-KH/BDVTU with its 21 units and 7 report types', async () => {
    const result = validatePlan(await readFile(join(root, 'plans/129-KH-BDVTU.yaml'), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.plan.issuer.documentNumber).toBe('129-KH/BDVTU');
    expect(result.plan.units).toHaveLength(21);
    expect(result.plan.reportTypes.map((r) => r.planItem)).toEqual(['II.5', 'II.5', 'II.6', 'III.1', 'II.3', 'II.4', 'II.2']);
    expect(result.warnings).toEqual([]);
  });

  it('accepts the demo plan', async () => {
    const result = validatePlan(await readFile(join(root, 'plans/demo.yaml'), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('accepts the small test plan the other cases break', () => {
    expect(problems(base)).toBe('(valid)');
  });
});

describe('validatePlan explains each bad input in Vietnamese', () => {
  it('reports a YAML syntax error with its line and column', () => {
    const text = variant(['    shortName: MTTQ tỉnh\n', '   shortName: MTTQ tỉnh\n']);
    expect(problems(text)).toMatchInlineSnapshot(`"dòng 16, cột 1: một phần tử danh sách thiếu dấu "- " ở đầu — kiểm tra thụt lề (chỉ dùng dấu cách), dấu ":" sau mỗi khóa, dấu "- " trước mỗi phần tử danh sách, và các dấu nháy, ngoặc đã đóng"`);
  });

  it('reports a key written twice with its line and column', () => {
    const text = variant(['    level: provincial\n', '    level: provincial\n    level: district\n']);
    expect(problems(text)).toMatchInlineSnapshot(`"dòng 19, cột 5: khóa "level" được viết hai lần trong cùng một mục — xóa hoặc đổi tên một trong hai"`);
  });

  it('names an unknown field and suggests the closest known one', () => {
    const text = variant(['reportTypes:', 'reportTyps:'], ['reminders: [{ workingDays: -1 }]', 'reminders: [{ workingDay: -1 }]']);
    expect(problems(text)).toMatchInlineSnapshot(`
      "defaults.reminders[0].workingDay: trường "workingDay" không có trong định dạng kế hoạch — có phải là "workingDays"?
      reportTyps: trường "reportTyps" không có trong định dạng kế hoạch — có phải là "reportTypes"?"
    `);
  });

  it('reports a duplicate unit id and where it was first used', () => {
    const text = variant(
      ['  - id: ham-thuan-nam', '  - id: mttq-tinh'],
      ['reporters: { units: [mttq-tinh, ham-thuan-nam] }', 'reporters: { units: [mttq-tinh] }'],
    );
    expect(problems(text)).toMatchInlineSnapshot(`"units[1].id: id "mttq-tinh" đã được dùng cho đơn vị units[0] — mỗi đơn vị cần một id riêng; đổi id của một trong hai"`);
  });

  it('reports reporters naming a unit that is not in units, with the closest id', () => {
    const text = variant(['reporters: { units: [mttq-tinh, ham-thuan-nam] }', 'reporters: { units: [mttq-tinh, ht-nam] }']);
    expect(problems(text)).toMatchInlineSnapshot(`"reportTypes[0].reporters.units[1]: đơn vị "ht-nam" không có trong danh sách units — sửa thành một id có trong units (gần nhất: "ham-thuan-nam")"`);
  });

  it('reports an escalation step naming a role that is not in roles', () => {
    const text = variant(['notify: [truong-ban] }', 'notify: [pho-ban] }']);
    expect(problems(text)).toMatchInlineSnapshot(`"defaults.escalation[1].notify[0]: vai trò "pho-ban" không có trong danh sách roles — sửa thành một id có trong roles (gần nhất: "truong-ban")"`);
  });

  it('reports an invalid email address', () => {
    const text = variant(['email: b@example.org', 'email: b-at-example.org']);
    expect(problems(text)).toMatchInlineSnapshot(`"people[1].email: "b-at-example.org" phải là một địa chỉ email, ví dụ "van-phong@example.org""`);
  });

  it('reports an unknown time zone and suggests the closest one', () => {
    const text = variant(['language: vi', 'language: vi\ntimeZone: Asia/Ho_Chi_Min']);
    expect(problems(text)).toMatchInlineSnapshot(`"timeZone: múi giờ "Asia/Ho_Chi_Min" không tồn tại — có phải là "Asia/Ho_Chi_Minh"?"`);
  });

  it('reports every problem at once, schema and cross-entry checks together', () => {
    const text = variant(
      ['version: 1', 'version: 2'],
      ['kind: district-board', 'kind: district-bord'],
      ['    level: district\n', '    level: district\n    existsFrom: "2021-01-01"\n    existsUntil: "2020-01-01"\n'],
      ['{ workingDays: 2, at: "14:00", notify: [truong-ban] }', '{ workingDays: 1, at: "09:00", notify: [truong-ban] }'],
      ['roles: [chuyen-vien]', 'roles: [truong-ban]'],
      ['from: "2020-01", to: "2020-03"', 'from: "2020-03", to: "2020-01"'],
    );
    expect(problems(text)).toMatchInlineSnapshot(`
      "version: phải là 1 (đang là 2)
      units[1].kind: phải là một trong "front-committee", "socio-political-organisation", "mass-association", "district-board", "affiliated-party-committee", "board-division", "other" (đang là "district-bord") — có phải là "district-board"?
      units[1].existsUntil: đơn vị "ham-thuan-nam" ngừng tồn tại (2020-01-01) trước ngày bắt đầu tồn tại (2021-01-01) — kiểm tra lại existsFrom và existsUntil
      defaults.escalation[0].notify[0]: vai trò "chuyen-vien" chưa được giao cho ai trong people — thêm vai trò này vào roles của một người, nếu không sẽ không có ai nhận thư
      defaults.escalation[1]: bước chuyển cấp 2 (1 ngày làm việc, lúc 09:00) không muộn hơn bước 1 (1 ngày làm việc, lúc 14:00) — các bước phải xếp theo thời gian tăng dần, mỗi bước muộn hơn bước trước
      defaults.consolidation.by[0]: vai trò "chuyen-vien" chưa được giao cho ai trong people — thêm vai trò này vào roles của một người, nếu không sẽ không có ai nhận thư
      reportTypes[0].recurrence.to: tháng cuối "2020-01" đứng trước tháng đầu "2020-03" của loại báo cáo "hang-thang" — from phải là tháng đầu tiên, to là tháng cuối cùng"
    `);
  });

  it('reports a report type whose reporters match no unit', () => {
    const text = variant(['reporters: { units: [mttq-tinh, ham-thuan-nam] }', 'reporters: { kinds: [affiliated-party-committee] }']);
    expect(problems(text)).toMatchInlineSnapshot(`"reportTypes[0].reporters: không đơn vị nào phải nộp loại báo cáo "hang-thang": không có đơn vị nào khớp "affiliated-party-committee" (sau khi trừ exclude) — sửa kinds, levels, units hoặc bớt exclude"`);
  });
});

describe('validatePlan speaks the plan language', () => {
  it('explains problems in English when the plan says language: en', () => {
    const text = variant(
      ['language: vi', 'language: en\ntimeZone: Asia/Hanoi'],
      ['reportTypes:', 'reportTyps:'],
      ['email: b@example.org', 'email: b-at-example.org'],
      ['notify: [truong-ban] }', 'notify: [pho-ban] }'],
    );
    expect(problems(text)).toMatchInlineSnapshot(`
      "people[1].email: "b-at-example.org" must be an email address, e.g. "van-phong@example.org"
      reportTyps: unknown field "reportTyps" — did you mean "reportTypes"?
      timeZone: unknown time zone "Asia/Hanoi" — use an IANA time zone name such as "Asia/Ho_Chi_Minh"
      defaults.escalation[1].notify[0]: role "pho-ban" is not in the roles list — change it to an id listed in roles (closest: "truong-ban")"
    `);
  });

  it('words a syntax error in English when a language: en line is readable', () => {
    const text = variant(['language: vi', 'language: en'], ['title: Kế hoạch thử nghiệm', 'title: "Kế hoạch thử nghiệm']);
    expect(problems(text)).toMatchInlineSnapshot(`"line 4, column 28: a string is missing its closing " quote — check the indentation (spaces only), the ":" after each key, the "- " before each list item, and that quotes and brackets are closed"`);
  });
});

describe('kyhan plan validate', () => {
  const run = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'cli/cli.ts', 'plan', 'validate', ...args], { cwd: root });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const withTempPlan = async <T>(text: string, use: (file: string) => Promise<T>): Promise<T> => {
    const dir = await mkdtemp(join(tmpdir(), 'kyhan-plan-'));
    try {
      const file = join(dir, 'plan.yaml');
      await writeFile(file, text);
      return await use(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  it('exits 0 with a one-line summary for a valid plan', async () => {
    const { code, stdout } = await run(['plans/129-KH-BDVTU.yaml']);
    expect(code).toBe(0);
    expect(stdout).toBe('Kế hoạch 129-KH/BDVTU hợp lệ: 21 đơn vị, 7 loại báo cáo, 4 người, 4 vai trò.\n');
  });

  it('exits 1 and prints every problem as path: message lines', async () => {
    const text = variant(['email: b@example.org', 'email: b-at-example.org'], ['notify: [truong-ban] }', 'notify: [pho-ban] }']);
    const { code, stdout } = await withTempPlan(text, (file) => run([file]));
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([
      'people[1].email: "b-at-example.org" phải là một địa chỉ email, ví dụ "van-phong@example.org"',
      'defaults.escalation[1].notify[0]: vai trò "pho-ban" không có trong danh sách roles — sửa thành một id có trong roles (gần nhất: "truong-ban")',
    ]);
  });

  it('exits 2 with one clear line and no stack trace when the file is missing', async () => {
    const { code, stdout, stderr } = await run(['plans/khong-co.yaml']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('kyhan: không đọc được tệp kế hoạch "plans/khong-co.yaml": không có tệp này\n');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
