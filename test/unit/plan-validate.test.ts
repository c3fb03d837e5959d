import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatProblem, validatePlan } from '../../domain/plan/validate';
import { isReservedAddress, looksLikePlaceholder } from '../../domain/plan/warnings';

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
  it('accepts the seed plan 129-KH/BDVTU with its 21 units and 6 report types, warning of its invented names and addresses', async () => {
    const result = validatePlan(await readFile(join(root, 'plans/129-KH-BDVTU.yaml'), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.plan.issuer.documentNumber).toBe('129-KH/BDVTU');
    expect(result.plan.units).toHaveLength(21);
    expect(result.plan.reportTypes.map((r) => r.planItem)).toEqual(['II.5', 'II.6', 'III.1', 'II.3', 'II.4', 'II.2']);
    // The seed's people other than the head are invented, and every address is under example.org.
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      'placeholder-name people[1].name',
      'placeholder-name people[2].name',
      'placeholder-name people[3].name',
      'example-address people[0].email',
      // The plan names its division but no one to call.
      'contact-without-phone defaults.contact',
    ]);
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

// Each case starts the CLI in a new process: seconds on a busy machine.
describe('kyhan plan validate', { timeout: 60_000 }, () => {
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

  it('exits 0 with a one-line summary for a valid plan, and its warnings on stderr', async () => {
    const { code, stdout, stderr } = await run(['plans/129-KH-BDVTU.yaml']);
    expect(code).toBe(0);
    expect(stdout).toBe('Kế hoạch 129-KH/BDVTU hợp lệ: 21 đơn vị, 6 loại báo cáo, 4 người, 4 vai trò.\n');
    const lines = stderr.split('\n').filter((line) => line.startsWith('cảnh báo: '));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('cảnh báo: people[1].name: "(Tên giả định) Phó Trưởng ban phụ trách khối đoàn thể" có vẻ là tên tạm, chưa phải tên thật — thay bằng tên thật trước khi chạy kế hoạch: tên này được in trong thư và báo cáo');
    expect(lines[3]).toMatch(/^cảnh báo: people\[0\]\.email: \d+ địa chỉ thư điện tử thuộc tên miền dành cho ví dụ và thử nghiệm \(example\.org\), thư gửi tới đó không đến ai: people\[0\]\.email, people\[1\]\.email, people\[2\]\.email và \d+ chỗ khác — thay bằng địa chỉ thật trước khi chạy kế hoạch$/);
  });

  it('exits 0 on a plan with only warnings, and 1 with its errors and no warnings when it also has problems', async () => {
    const warned = variant(['date: "2020-01-02" }', 'date: "2020-01-02", existsUntil: "2020-02-10" }']);
    const ok = await withTempPlan(warned, (file) => run([file]));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('Kế hoạch 1-KH/TEST hợp lệ: 2 đơn vị, 1 loại báo cáo, 2 người, 2 vai trò.\n');
    expect(ok.stderr).toContain('cảnh báo: issuer.existsUntil: "Ban Dân vận" ngừng tồn tại sau ngày 2020-02-10, nhưng kế hoạch còn kỳ có hạn nộp sau ngày đó: tháng 2/2020 (hang-thang), tháng 3/2020 (hang-thang)');
    const broken = await withTempPlan(`${warned.replace('email: b@example.org', 'email: b-at-example.org')}`, (file) => run([file]));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('people[1].email: "b-at-example.org" phải là một địa chỉ email');
    expect(broken.stdout + broken.stderr).not.toContain('cảnh báo');
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

/** The warnings of a valid plan as the CLI prints them, leaving out those every variant of `base` has. */
function warnings(text: string, keep: (code: string) => boolean = (code) => !['placeholder-name', 'example-address'].includes(code)): string {
  const result = validatePlan(text);
  if (!result.ok) return `(invalid)\n${result.problems.map((p) => formatProblem(p, result.language)).join('\n')}`;
  return result.warnings.filter((w) => keep(w.code)).map((w) => formatProblem(w, result.plan.language)).join('\n');
}

const unitLines = (id: string, extra: string): [string, string] => {
  const at = `  - id: ${id}\n`;
  return [at, `${at}${extra}`];
};

describe('validatePlan checks lifetimes and successors', () => {
  it('refuses a person, an issuer or an upper level that stops existing before it starts', () => {
    const text = variant(
      ['email: a@example.org, roles: [truong-ban] }', 'email: a@example.org, roles: [truong-ban], existsFrom: "2020-05-01", existsUntil: "2020-04-30" }'],
      ['date: "2020-01-02" }', 'date: "2020-01-02", existsUntil: "2019-12-31" }'],
      ['cutoff: { workingDays: 3 } }', 'cutoff: { workingDays: 3 }, upperLevels: [Ban Thường vụ Tỉnh ủy, { name: Ban Dân vận Trung ương, existsFrom: "2021-01-01", existsUntil: "2020-12-31" }] }'],
    );
    expect(problems(text)).toMatchInlineSnapshot(`
      "people[0].existsUntil: người "nguyen-van-a" ngừng tồn tại (2020-04-30) trước ngày bắt đầu tồn tại (2020-05-01) — kiểm tra lại existsFrom và existsUntil
      issuer.existsUntil: cơ quan ban hành ngừng tồn tại (2019-12-31) trước ngày ban hành kế hoạch (2020-01-02) — kiểm tra lại issuer.existsUntil và issuer.date
      defaults.consolidation.upperLevels[1].existsUntil: cấp trên "Ban Dân vận Trung ương" ngừng tồn tại (2020-12-31) trước ngày bắt đầu tồn tại (2021-01-01) — kiểm tra lại existsFrom và existsUntil"
    `);
  });

  it('refuses a successor that is not in units, the unit itself, or named by a unit that never ends', () => {
    const text = variant(
      unitLines('mttq-tinh', '    successor: mttq-tinh\n'),
      unitLines('ham-thuan-nam', '    existsUntil: "2025-06-30"\n    successor: ham-tan\n'),
    );
    expect(problems(text)).toMatchInlineSnapshot(`
      "units[0].successor: đơn vị "mttq-tinh" ghi chính nó là đơn vị kế nhiệm — successor phải là id của đơn vị khác nhận lại nhiệm vụ sau existsUntil
      units[0].successor: đơn vị "mttq-tinh" có đơn vị kế nhiệm "mttq-tinh" nhưng không có existsUntil — thêm existsUntil (ngày cuối cùng đơn vị còn tồn tại), hoặc bỏ successor
      units[1].successor: đơn vị "ham-tan" không có trong danh sách units — sửa thành một id có trong units (gần nhất: "ham-thuan-nam")"
    `);
  });

  it('warns when the successor does not exist the day after its predecessor ends', () => {
    const text = variant(
      unitLines('mttq-tinh', '    existsFrom: "2020-03-01"\n'),
      unitLines('ham-thuan-nam', '    existsUntil: "2020-01-31"\n    successor: mttq-tinh\n'),
      ['reporters: { units: [mttq-tinh, ham-thuan-nam] }', 'reporters: { levels: [provincial, district] }'],
    );
    expect(warnings(text)).toMatchInlineSnapshot(`
      "units[1].successor: đơn vị kế nhiệm "mttq-tinh" không tồn tại vào ngày 2020-02-01, ngày sau khi "ham-thuan-nam" ngừng tồn tại (2020-01-31): nó chỉ tồn tại từ 2020-03-01 đến (không giới hạn) — sửa existsFrom/existsUntil của "mttq-tinh" để nó tồn tại từ ngày 2020-02-01, hoặc sửa existsUntil của "ham-thuan-nam"
      reportTypes[0].reporters: kỳ tháng 2/2020 (hang-thang) không có đơn vị nào phải báo cáo: không đơn vị nào trong 2 đơn vị được chọn trong reporters tồn tại vào hạn nộp, nên kỳ sẽ mở rồi chốt tổng hợp với 0 đơn vị — sửa reporters, recurrence, hoặc existsFrom/existsUntil của các đơn vị"
    `);
  });
});

describe('validatePlan warns about what is probably not meant, and still accepts the plan', () => {
  it('names each placeholder name, and counts example addresses in one warning', () => {
    const text = variant(
      ['label: Chuyên viên }', 'label: TODO }'],
      ['    shortName: MTTQ tỉnh\n', '    shortName: MTTQ tỉnh\n    addressee: (Tên giả định) Ban Thường trực\n'],
      ['contacts: { to: [htn@example.org] }', 'contacts: { to: [htn@bdv.test], cc: [vp@bdv.vn] }'],
      ['cutoff: { workingDays: 3 } }', 'cutoff: { workingDays: 3 }, upperLevels: [Ban Thường vụ Tỉnh ủy, { name: "TODO: cấp trên", email: ttu@bdv.invalid }] }\n  contact: { division: Phòng Đoàn thể, person: "(giả định) Chuyên viên", email: pdt@example.net }'],
    );
    const result = validatePlan(text);
    expect(result.ok).toBe(true);
    expect(warnings(text, () => true)).toMatchInlineSnapshot(`
      "roles[1].label: "TODO" có vẻ là tên tạm, chưa phải tên thật — thay bằng tên thật trước khi chạy kế hoạch: tên này được in trong thư và báo cáo
      people[0].name: "Nguyễn Văn A" có vẻ là tên tạm, chưa phải tên thật — thay bằng tên thật trước khi chạy kế hoạch: tên này được in trong thư và báo cáo
      people[1].name: "Trần Thị B" có vẻ là tên tạm, chưa phải tên thật — thay bằng tên thật trước khi chạy kế hoạch: tên này được in trong thư và báo cáo
      units[0].addressee: "(Tên giả định) Ban Thường trực" có vẻ là tên tạm, chưa phải tên thật — thay bằng tên thật trước khi chạy kế hoạch: tên này được in trong thư và báo cáo
      defaults.contact.person: "(giả định) Chuyên viên" có vẻ là tên tạm, chưa phải tên thật — thay bằng tên thật trước khi chạy kế hoạch: tên này được in trong thư và báo cáo
      defaults.consolidation.upperLevels[1].name: "TODO: cấp trên" có vẻ là tên tạm, chưa phải tên thật — thay bằng tên thật trước khi chạy kế hoạch: tên này được in trong thư và báo cáo
      people[0].email: 6 địa chỉ thư điện tử thuộc tên miền dành cho ví dụ và thử nghiệm (example.org, bdv.test, example.net, bdv.invalid), thư gửi tới đó không đến ai: people[0].email, people[1].email, units[0].contacts.to[0] và 3 chỗ khác — thay bằng địa chỉ thật trước khi chạy kế hoạch
      defaults.contact: nơi liên hệ "Phòng Đoàn thể" không có số điện thoại, nên thư gửi đơn vị không cho biết gọi ai — thêm phone (số điện thoại của phòng)"
    `);
  });

  it('tells placeholder names and reserved domains from real ones', () => {
    const placeholders = ['(Tên giả định) Trưởng phòng', 'TODO', 'Ông XXX', 'Placeholder', 'Phòng …', 'Nguyễn Văn A', 'Lê Thị B (Chuyên viên)', 'Nguyễn Văn A'.normalize('NFD')];
    const names = ['Nguyễn Văn An', 'Lê Thị Bích', 'Hội Nhà văn A', 'Ban Dân vận Thị ủy La Gi', 'Ông Xuân', 'Ủy ban MTTQ Việt Nam tỉnh'];
    expect(placeholders.filter((name) => !looksLikePlaceholder(name))).toEqual([]);
    expect(names.filter(looksLikePlaceholder)).toEqual([]);
    const reserved = ['a@example.org', 'a@mail.example.com', 'a@EXAMPLE.NET', 'a@bdv.example', 'a@bdv.test', 'a@sub.bdv.invalid'];
    const real = ['a@example.com.vn', 'a@testing.vn', 'a@bdv.binhthuan.gov.vn', 'a@invalid.vn'];
    expect(reserved.filter((email) => !isReservedAddress(email))).toEqual([]);
    expect(real.filter(isReservedAddress)).toEqual([]);
  });

  it('takes real names and addresses for real ones', () => {
    const text = variant(
      ['name: Nguyễn Văn A, email: a@example.org', 'name: Nguyễn Văn An, email: an@bdvtu.vn'],
      ['name: Trần Thị B, email: b@example.org', 'name: Trần Thị Bích, email: bich@mail.example.com.vn'],
      ['contacts: { to: [mttq@example.org] }', 'contacts: { to: [mttq@mttq.binhthuan.gov.vn] }'],
      ['contacts: { to: [htn@example.org] }', 'contacts: { to: [htn@testing.vn] }'],
    );
    expect(warnings(text, () => true)).toBe('');
  });

  it('names the cycles nobody has to report in because every reporter has ceased, and the successor to add', () => {
    const text = variant(
      unitLines('ham-thuan-nam', '    existsUntil: "2020-01-31"\n    successor: mttq-tinh\n'),
      ['reporters: { units: [mttq-tinh, ham-thuan-nam] }', 'reporters: { kinds: [district-board] }'],
    );
    expect(warnings(text)).toMatchInlineSnapshot(`"reportTypes[0].reporters: kỳ tháng 2/2020 (hang-thang), tháng 3/2020 (hang-thang) không có đơn vị nào phải báo cáo: đơn vị duy nhất được chọn trong reporters ("ham-thuan-nam") đã ngừng tồn tại trước hạn nộp (tồn tại đến 2020-01-31), nên kỳ sẽ mở rồi chốt tổng hợp với 0 đơn vị — thêm đơn vị kế nhiệm "mttq-tinh" vào reporters.units, hoặc sửa recurrence để loại báo cáo kết thúc trước ngày đó"`);
  });

  it('names the cycles nobody has to report in because no reporter exists yet', () => {
    const text = variant(unitLines('mttq-tinh', '    existsFrom: "2020-03-01"\n'), ['reporters: { units: [mttq-tinh, ham-thuan-nam] }', 'reporters: { levels: [provincial] }']);
    expect(warnings(text)).toMatchInlineSnapshot(`"reportTypes[0].reporters: kỳ tháng 1/2020 (hang-thang), tháng 2/2020 (hang-thang) không có đơn vị nào phải báo cáo: đơn vị duy nhất được chọn trong reporters ("mttq-tinh") chưa tồn tại vào hạn nộp (tồn tại từ 2020-03-01), nên kỳ sẽ mở rồi chốt tổng hợp với 0 đơn vị — sửa recurrence để loại báo cáo bắt đầu từ ngày đó, hoặc sửa existsFrom"`);
  });

  it('warns of cycles due after the issuer has ceased, naming its successor', () => {
    const text = variant(['date: "2020-01-02" }', 'date: "2020-01-02", existsUntil: "2020-02-10", successor: Ban Tuyên giáo và Dân vận Tỉnh ủy }']);
    expect(warnings(text)).toMatchInlineSnapshot(`"issuer.existsUntil: "Ban Dân vận" ngừng tồn tại sau ngày 2020-02-10 (nhiệm vụ chuyển cho "Ban Tuyên giáo và Dân vận Tỉnh ủy"), nhưng kế hoạch còn kỳ có hạn nộp sau ngày đó: tháng 2/2020 (hang-thang), tháng 3/2020 (hang-thang) — sửa recurrence để các loại báo cáo kết thúc trước ngày đó, và đưa các kỳ sau vào kế hoạch mới của "Ban Tuyên giáo và Dân vận Tỉnh ủy""`);
  });

  it('warns of consolidated reports due to an upper level that no longer exists', () => {
    const text = variant(['cutoff: { workingDays: 3 } }', 'cutoff: { workingDays: 3 }, reportDue: { workingDays: 2 }, upperLevels: [Ban Thường vụ Tỉnh ủy, { name: Ban Thường vụ Huyện ủy, existsUntil: "2020-02-20" }] }']);
    expect(warnings(text)).toMatchInlineSnapshot(`"defaults.consolidation.upperLevels[1]: báo cáo tổng hợp kỳ tháng 2/2020 (hang-thang), tháng 3/2020 (hang-thang) đến hạn gửi khi cấp trên "Ban Thường vụ Huyện ủy" không tồn tại (chỉ tồn tại từ (không giới hạn) đến 2020-02-20) — thêm cấp trên nhận thay (với existsFrom), hoặc sửa existsFrom/existsUntil"`);
  });

  it('warns of cycles with no consolidating staff or no leader holding the role on the due date', () => {
    const text = variant(
      ['email: a@example.org, roles: [truong-ban] }', 'email: a@example.org, roles: [truong-ban], existsUntil: "2020-02-29" }'],
      ['email: b@example.org, roles: [chuyen-vien] }', 'email: b@example.org, roles: [chuyen-vien], existsFrom: "2020-02-01" }'],
    );
    expect(warnings(text)).toMatchInlineSnapshot(`
      "defaults.escalation[0].notify: vào ngày hạn nộp của kỳ tháng 1/2020 (hang-thang), không ai giữ vai trò "chuyen-vien" để nhận báo cáo bậc 1 về đơn vị chưa nộp (theo existsFrom/existsUntil của từng người) — thêm người giữ vai trò này trong thời gian đó, hoặc sửa existsFrom/existsUntil
      defaults.consolidation.by: vào ngày hạn nộp của kỳ tháng 1/2020 (hang-thang), không ai giữ vai trò "chuyen-vien" để tổng hợp (theo existsFrom/existsUntil của từng người) — thêm người giữ vai trò này trong thời gian đó, hoặc sửa existsFrom/existsUntil
      defaults.escalation[1].notify: vào ngày hạn nộp của kỳ tháng 3/2020 (hang-thang), không ai giữ vai trò "truong-ban" để nhận báo cáo bậc 2 về đơn vị chưa nộp (theo existsFrom/existsUntil của từng người) — thêm người giữ vai trò này trong thời gian đó, hoặc sửa existsFrom/existsUntil
      defaults.consolidation.leaders: vào ngày hạn nộp của kỳ tháng 3/2020 (hang-thang), không ai giữ vai trò "truong-ban" để nhận và duyệt báo cáo tổng hợp (theo existsFrom/existsUntil của từng người) — thêm người giữ vai trò này trong thời gian đó, hoặc sửa existsFrom/existsUntil"
    `);
  });

  it('words warnings in English when the plan says language: en', () => {
    const text = variant(
      ['language: vi', 'language: en'],
      ['date: "2020-01-02" }', 'date: "2020-01-02", existsUntil: "2020-02-10" }'],
      unitLines('ham-thuan-nam', '    existsUntil: "2020-01-31"\n'),
      ['reporters: { units: [mttq-tinh, ham-thuan-nam] }', 'reporters: { kinds: [district-board] }'],
    );
    expect(warnings(text, () => true)).toMatchInlineSnapshot(`
      "people[0].name: "Nguyễn Văn A" looks like a placeholder, not a real name — replace it before running the plan: letters and reports print it
      people[1].name: "Trần Thị B" looks like a placeholder, not a real name — replace it before running the plan: letters and reports print it
      people[0].email: 4 email addresses are at a domain reserved for examples and tests (example.org), where mail reaches nobody: people[0].email, people[1].email, units[0].contacts.to[0] and 1 more — replace them with real addresses before running the plan
      reportTypes[0].reporters: February 2020 (hang-thang), March 2020 (hang-thang): no unit has to report — the only unit reporters names ("ham-thuan-nam") ceased before the due date (it existed until 2020-01-31), so the cycle would open and close with no unit — end the recurrence by then, or add the units that took over to reporters
      issuer.existsUntil: "Ban Dân vận" ceases after 2020-02-10, but the plan still has cycles due after that: February 2020 (hang-thang), March 2020 (hang-thang) — end the report types' recurrence by then, and put the later cycles in a new plan of its successor"
    `);
  });
});

describe('kyhan plan start --rebase-to', { timeout: 60_000 }, () => {
  it('warns, before it starts anything, of the bodies a replayed plan outlives (here Temporal is not even reachable)', async () => {
    const { runKyhan } = await import('../helpers/kyhan-cli');
    const { code, stderr } = await runKyhan(['plan', 'start', 'plans/129-KH-BDVTU.yaml', '--rebase-to', '2026-12-01', '--address', '127.0.0.1:1']);
    expect(code).toBe(3);
    expect(stderr).toContain('cảnh báo: issuer.existsUntil: "Ban Dân vận Tỉnh ủy Bình Thuận" ngừng tồn tại sau ngày 2025-02-02');
    expect(stderr).toContain('cấp trên "Ban Dân vận Trung ương" không tồn tại');
  });
});
