/**
 * A unit's door through `app.request()`: the real app and the real unit rule, over a stand-in
 * Temporal client (test/helpers/fake-cycle-client.ts). Links that do not hold change nothing;
 * uploads are checked by content, size and fields; the receipt and downloads follow.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { unitLinkToken } from '../../auth/unit-link';
import { signToken } from '../../auth/tokens';
import { parseUnitRequest } from '../../domain/unit-requests';
import { checkUpload } from '../../web/console/files';
import { loggablePath } from '../../web/server';
import { cleanFileName, MAX_FILES } from '../../web/unit/upload';
import { fakeCycleClient } from '../helpers/fake-cycle-client';
import { sampleDocx, sampleExe, sampleOdt, samplePdf, samplePng, sampleText, sampleXlsx } from '../helpers/sample-files';
import { loadPlan, testWebApp } from '../helpers/web-test-deps';

const NOW = new Date('2026-11-20T03:00:00Z'); // 10:00 in Hà Nội
const DUE = '2026-11-24T10:00:00Z';
const CUTOFF = '2026-11-28T10:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
let runs = 0;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanups.splice(0)) f();
});

function setUp(options: { language?: 'vi' | 'en' } = {}) {
  const runId = `run-${++runs}-${Date.now()}`;
  const cycleId = `demo/bao-cao-nhanh/t${runs}`;
  // The fake cycle reads the app's clock, and the app is built with the fake: tie them through a box.
  const box: { t?: ReturnType<typeof testWebApp> } = {};
  const fake = fakeCycleClient({
    cycleId,
    runId,
    language: options.language ?? 'vi',
    dueAt: DUE,
    cutoffAt: CUTOFF,
    units: [
      { id: 'mat-tran', name: 'Ủy ban Mặt trận (demo)' },
      { id: 'hoi-nong-dan', name: 'Hội Nông dân (demo)' },
    ],
    now: () => box.t!.clock.now,
  });
  const t = (box.t = testWebApp({ temporal: fake.client, now: NOW, plans: options.language === 'en' ? [{ ...loadPlan('plans/demo.yaml'), language: 'en' }] : undefined }));
  cleanups.push(() => t.cleanup());
  const link = (unitId = 'mat-tran', extra: { run?: string; cycleId?: string; cutoffAt?: string } = {}) =>
    `/r/${unitLinkToken(t.deps.secret, { cycleId: extra.cycleId ?? cycleId, unitId, run: extra.run ?? runId, cutoffAt: extra.cutoffAt ?? CUTOFF })}`;
  return { t, fake, cycleId, link };
}

type Upload = [name: string, bytes: Buffer];
const FIELDS = { number: '45-BC/MTTQ-BTT', date: '2026-11-19', signer: 'Nguyễn Văn A', submittedBy: 'Trần Thị B', note: 'Kèm phụ lục số liệu.' };

function upload(files: Upload[], fields: Record<string, string> = FIELDS): RequestInit {
  const form = new FormData();
  for (const [name, bytes] of files) form.append('files', new File([new Uint8Array(bytes)], name));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return { method: 'POST', body: form, headers: { Origin: 'http://kyhan.test' } };
}

function storedFiles(varDir: string): string[] {
  const root = join(varDir, 'submissions');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('the unit page', () => {
  it('shows the report, the period, the due moment in the plan’s time zone, the state and the form', async () => {
    const { t, link } = setUp();
    const res = await t.app.request(link());
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<html lang="vi">');
    expect(body).toContain('Báo cáo nhanh');
    expect(body).toContain('Kỳ thử nghiệm');
    expect(body).toContain('Ủy ban Mặt trận (demo)');
    expect(body).toContain('17 giờ 00 ngày 24/11/2026 (thứ Ba)');
    // A Board does not tell units the grace period after the due date (the cut-off, 28/11).
    expect(body).not.toContain('28/11/2026');
    expect(body).not.toMatch(/khóa sổ/i);
    expect(body).toContain('state-pending');
    expect(body).toContain('enctype="multipart/form-data"');
    expect(body).toContain('name="number"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('speaks English when the plan does', async () => {
    const { t, link } = setUp({ language: 'en' });
    const body = await (await t.app.request(link())).text();
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('17:00 on Tuesday, 24 November 2026');
    expect(body).toContain('Send the report');
  });

  it('after the due date (before the cut-off) the link still works, the unit is overdue and a submission is late', async () => {
    const { t, fake, link } = setUp();
    t.advance(5 * DAY);
    const page = await (await t.app.request(link())).text();
    expect(page).toContain('Quá hạn, chưa nộp');
    const res = await t.app.request(link(), upload([['bao-cao.pdf', samplePdf()]]));
    expect(res.status).toBe(303);
    expect(fake.submits).toHaveLength(1);
    const receipt = await (await t.app.request(res.headers.get('location')!)).text();
    expect(receipt).toContain('muộn so với hạn nộp');
    expect(receipt).toContain('state-late');
  });
});

describe('failures', () => {
  it('a failure is logged without the link’s token, and shown as a plain page', async () => {
    const t = testWebApp({ temporal: { workflow: { getHandle: () => { throw new Error('14 UNAVAILABLE'); } } } as unknown as Client });
    cleanups.push(() => t.cleanup());
    const logged: unknown[] = [];
    t.deps.logger = { error: (...args: unknown[]) => logged.push(args), info: () => {}, warn: () => {} } as unknown as typeof t.deps.logger;
    const token = unitLinkToken(t.deps.secret, { cycleId: 'demo/bao-cao-nhanh/x', unitId: 'mat-tran', run: 'r', cutoffAt: CUTOFF });
    const res = await t.app.request(`/r/${token}/files/${'a'.repeat(64)}`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('UNAVAILABLE');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify((logged[0] as [{ path: string }])[0].path)).toBe(JSON.stringify(`/r/…/files/${'a'.repeat(64)}`));
    expect(JSON.stringify(logged)).not.toContain(token.split('.')[1]);
    expect(loggablePath('/sign-in/abc.def')).toBe('/sign-in/…');
    expect(loggablePath('/cycles/x')).toBe('/cycles/x');
  });
  it('a form that cannot be read gets 400, logged as no failure', async () => {
    const { t, fake, link } = setUp();
    const errors: unknown[] = [];
    t.deps.logger = { error: (...args: unknown[]) => errors.push(args), info: () => {}, warn: () => {} } as unknown as typeof t.deps.logger;
    const res = await t.app.request(link(), { method: 'POST', headers: { Origin: 'http://kyhan.test', 'Content-Type': 'multipart/form-data; boundary=XYZ' }, body: '--XYZ\r\nContent-Disposition: form-data; name="number"\r\n\r\nabc' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Không đọc được biểu mẫu gửi lên');
    expect(errors).toEqual([]);
    expect(fake.submits).toHaveLength(0);
  });
});

describe('links that do not hold change nothing', () => {
  it('tampered, forged and malformed links get 403; no cycle is asked', async () => {
    const { t, fake, link } = setUp();
    const [payload, signature] = link().slice(3).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const otherUnit = Buffer.from(JSON.stringify({ ...claims, u: 'hoi-nong-dan' })).toString('base64url');
    const longer = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 86_400 })).toString('base64url');
    const forged = signToken('another-secret-of-at-least-32-characters', 'unit-link', claims);
    const signIn = signToken(t.deps.secret, 'sign-in', claims);
    for (const path of [`/r/${otherUnit}.${signature}`, `/r/${longer}.${signature}`, `/r/${forged}`, `/r/${signIn}`, '/r/garbage', `/r/${payload}`]) {
      for (const init of [undefined, upload([['a.pdf', samplePdf()]])]) {
        const res = await t.app.request(path, init);
        expect(res.status, path).toBe(403);
        expect(await res.text()).toContain('Liên kết không hợp lệ');
      }
    }
    expect(fake.submits).toHaveLength(0);
    expect(storedFiles(t.varDir)).toEqual([]);
  });

  it('a link past the cut-off gets 410 in the plan’s language', async () => {
    const { t, fake, link } = setUp({ language: 'en' });
    t.advance(9 * DAY);
    for (const init of [undefined, upload([['a.pdf', samplePdf()]])]) {
      const res = await t.app.request(link(), init);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('This link has expired');
    }
    expect(fake.submits).toHaveLength(0);
  });

  it('a link of an earlier run gets 410; of an unknown cycle or unit 404', async () => {
    const { t, fake, link } = setUp();
    const cases: [string, number, string][] = [
      [link('mat-tran', { run: 'an-earlier-run' }), 410, 'Liên kết thuộc lần mở kỳ trước'],
      [link('mat-tran', { cycleId: 'demo/bao-cao-nhanh/khong-co' }), 404, 'Không tìm thấy kỳ báo cáo'],
      [link('doan-thanh-nien'), 404, 'Không tìm thấy đơn vị'],
    ];
    for (const [path, status, text] of cases) {
      for (const init of [undefined, upload([['a.pdf', samplePdf()]])]) {
        const res = await t.app.request(path, init);
        expect(res.status, path).toBe(status);
        expect(await res.text()).toContain(text);
      }
    }
    expect(fake.submits).toHaveLength(0);
    expect(storedFiles(t.varDir)).toEqual([]);
  });
});

describe('uploading the report', () => {
  it('stores the files by content, submits once with the number, date and signer, and shows the receipt', async () => {
    const { t, fake, link, cycleId } = setUp();
    const res = await t.app.request(link(), upload([['Báo cáo tháng 11.pdf', samplePdf()], ['Phụ lục.docx', sampleDocx()], ['So lieu.xlsx', sampleXlsx()]]));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${link()}?received`);
    expect(fake.submits).toHaveLength(1);
    const sent = fake.submits[0]!;
    expect(sent).toMatchObject({ unitId: 'mat-tran', submittedBy: 'Trần Thị B', note: 'Kèm phụ lục số liệu.', document: { name: 'Báo cáo tháng 11.pdf', number: '45-BC/MTTQ-BTT', date: '2026-11-19', signer: 'Nguyễn Văn A' } });
    expect(sent.revision).toBeUndefined();
    expect(sent.attachments?.map((a) => a.name)).toEqual(['Phụ lục.docx', 'So lieu.xlsx']);
    // The cycle keeps them with the submission (domain/units.ts), the first file as `document`.
    expect(fake.book.get('mat-tran').submission).toMatchObject({ document: { name: 'Báo cáo tháng 11.pdf' }, attachments: [{ name: 'Phụ lục.docx' }, { name: 'So lieu.xlsx' }] });
    expect(sent.document!.uri).toContain(encodeURIComponent(cycleId).replace(/%2F/g, '%252F'));
    expect(storedFiles(t.varDir)).toHaveLength(3);

    const receipt = await t.app.request(res.headers.get('location')!);
    const body = await receipt.text();
    expect(body).toContain('notice ok');
    expect(body).toContain('Đã nhận báo cáo của Ủy ban Mặt trận (demo), văn bản số 45-BC/MTTQ-BTT ngày 19/11/2026.');
    expect(body).toContain('Thời điểm nhận: 10 giờ 00 ngày 20/11/2026 — đúng hạn.');
    expect(body).toContain('state-on-time');
    expect(body).not.toContain('enctype="multipart/form-data"'); // no second form while the report stands

    // Sending again while it stands records nothing.
    const again = await t.app.request(link(), upload([['b.pdf', samplePdf('other')]]));
    expect(again.status).toBe(409);
    expect(fake.submits).toHaveLength(1);
  });

  it('accepts ODT and images; refuses what the bytes say is not a document, whatever the name', async () => {
    const { t, fake, link } = setUp();
    for (const [name, bytes] of [
      ['bao-cao.pdf', sampleExe()],
      ['bao-cao.pdf', sampleText()],
    ] as Upload[]) {
      const res = await t.app.request(link(), upload([[name, bytes]]));
      expect(res.status).toBe(415);
      const body = await res.text();
      expect(body).toMatch(/<p class="field-error" id="files-error">Tệp &quot;bao-cao.pdf&quot; không phải loại được nhận/);
      expect(body).toContain('value="45-BC/MTTQ-BTT"'); // what was typed is kept
    }
    expect(fake.submits).toHaveLength(0);
    expect(storedFiles(t.varDir)).toEqual([]);
    const ok = await t.app.request(link(), upload([['bao-cao.odt', sampleOdt()], ['anh chup', samplePng()]]));
    expect(ok.status).toBe(303);
    expect(fake.submits[0]!.attachments![0]!.name).toBe('anh chup.png');
  });

  it('refuses missing or bad fields next to each field with 422, keeping what was typed', async () => {
    const { t, fake, link } = setUp();
    const res = await t.app.request(link(), upload([['a.pdf', samplePdf()]], { number: '', date: '2026-11-31', signer: 'A\u0007B', submittedBy: 'x'.repeat(201), note: '' }));
    expect(res.status).toBe(422);
    const body = await res.text();
    expect(body).toContain('<p class="field-error" id="number-error">Xin nhập số, ký hiệu văn bản.</p>');
    expect(body).toContain('id="date-error">Ngày văn bản không hợp lệ');
    expect(body).toContain('id="signer-error">Người ký chứa ký tự không in được');
    expect(body).toContain('id="submittedBy-error">Người nộp (họ tên) dài 201 ký tự, vượt giới hạn 200 ký tự');
    expect(body).toContain('value="2026-11-31"');
    expect(body).toContain('aria-invalid="true"');
    const future = await t.app.request(link(), upload([['a.pdf', samplePdf()]], { ...FIELDS, date: '2026-11-21' }));
    expect(future.status).toBe(422);
    const none = await t.app.request(link(), upload([], FIELDS));
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Xin chọn ít nhất một tệp báo cáo.');
    const many = await t.app.request(link(), upload(Array.from({ length: 11 }, (_, i) => [`${i}.pdf`, samplePdf(String(i))] as Upload)));
    expect(many.status).toBe(422);
    expect(fake.submits).toHaveLength(0);
    expect(storedFiles(t.varDir)).toEqual([]);
  });

  it('a file over 20 MB or a request over 50 MB gets 413 and nothing is stored', async () => {
    const { t, fake, link } = setUp();
    const big = Buffer.concat([samplePdf(), Buffer.alloc(21 * 1024 * 1024)]);
    const res = await t.app.request(link(), upload([['lon.pdf', big]]));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('vượt giới hạn 20 MB cho mỗi tệp');
    const huge = await t.app.request(link(), upload([['1.pdf', big], ['2.pdf', big], ['3.pdf', big]]));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Tệp gửi lên quá lớn');
    expect(fake.submits).toHaveLength(0);
    expect(storedFiles(t.varDir)).toEqual([]);
  });

  it('a form with more entries than the upload form has gets 413 before it is parsed, and nothing is stored', async () => {
    const { t, fake, link } = setUp();
    // ~750,000 empty parts fit in 50 MB and took 82 s to parse; a few thousand show the rule.
    const many = upload([['a.pdf', samplePdf()]]);
    for (let i = 0; i < 5000; i++) (many.body as FormData).append('files', new File([], ''));
    const res = await t.app.request(link(), many);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Biểu mẫu có quá nhiều mục');
    const fields = await t.app.request(link(), { method: 'POST', headers: { Origin: 'http://kyhan.test', 'Content-Type': 'application/x-www-form-urlencoded' }, body: `number=1${'&'.repeat(5000)}` });
    expect(fields.status).toBe(413);
    expect(fake.submits).toHaveLength(0);
    expect(storedFiles(t.varDir)).toEqual([]);
    // The most files the form takes, with every field, still go through.
    const full = await t.app.request(link(), upload(Array.from({ length: MAX_FILES }, (_, i) => [`${i}.pdf`, samplePdf(String(i))] as Upload)));
    expect(full.status).toBe(303);
  });

  it('a report returned for revision is sent again through the same link as a revision', async () => {
    const { t, fake, link } = setUp();
    expect((await t.app.request(link(), upload([['v1.pdf', samplePdf('v1')]]))).status).toBe(303);
    fake.book.returnForRevision({ unitId: 'mat-tran', reason: 'Thiếu số liệu mục II.5', returnedBy: 'Chuyên viên' }, '2026-11-20T04:00:00Z');
    const page = await (await t.app.request(link())).text();
    expect(page).toContain('Bị trả lại để bổ sung');
    expect(page).toContain('Thiếu số liệu mục II.5');
    expect(page).toContain('Gửi bản bổ sung');
    const res = await t.app.request(link(), upload([['v2.pdf', samplePdf('v2')]], { ...FIELDS, number: '46-BC/MTTQ-BTT' }));
    expect(res.status).toBe(303);
    expect(fake.submits[1]).toMatchObject({ revision: true, document: { number: '46-BC/MTTQ-BTT' } });
    expect(await (await t.app.request(res.headers.get('location')!)).text()).toContain('(bản bổ sung lần 1), văn bản số 46-BC/MTTQ-BTT ngày 19/11/2026');
  });

  it('after the cycle closed, the page says so and a submission gets the cycle’s refusal', async () => {
    const { t, fake, link } = setUp();
    // Closed between the page's look-up and the Update: the cycle's validator refuses.
    fake.book.close({ kind: 'cancelled', at: '2026-11-20T02:00:00Z', reason: 'Mở nhầm kỳ' });
    const refused = await t.app.request(link(), upload([['a.pdf', samplePdf()]]));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Không thể nộp báo cáo cho đơn vị &quot;mat-tran&quot;');
    // Closed as the shard reports it: no form, and the same refusal.
    fake.close({ kind: 'cancelled', at: '2026-11-20T02:00:00Z', reason: 'Mở nhầm kỳ' });
    const page = await (await t.app.request(link())).text();
    expect(page).toContain('Kỳ báo cáo đã kết thúc');
    expect(page).not.toContain('enctype="multipart/form-data"');
    const again = await t.app.request(link(), upload([['a.pdf', samplePdf()]]));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('kỳ báo cáo đã bị hủy lúc 09:00 ngày 20/11/2026 (Mở nhầm kỳ)');
    expect(fake.submits).toHaveLength(0);
  });

  it('uploads are limited to 20 an hour per unit link', async () => {
    const { t, link } = setUp();
    for (let i = 0; i < 20; i++) expect((await t.app.request(link(), upload([], FIELDS))).status).toBe(422);
    const limited = await t.app.request(link(), upload([], FIELDS));
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Quá nhiều yêu cầu');
    expect((await t.app.request(link('hoi-nong-dan'), upload([], FIELDS))).status).toBe(422); // another unit is not held up
    t.advance(60 * 60 * 1000 + 1);
    expect((await t.app.request(link(), upload([], FIELDS))).status).toBe(422);
  });
});

describe('a report that travels on paper only', () => {
  function paperCycle() {
    const setup = setUp();
    (setup.fake.header.reportType as { delivery?: string }).delivery = 'paper';
    return setup;
  }

  it('the page says it goes on paper through the clerical channel and offers no upload', async () => {
    const { t, link } = paperCycle();
    const res = await t.app.request(link());
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('chỉ gửi bằng bản giấy qua đường văn thư');
    expect(body).toContain('Bản giấy, qua đường văn thư');
    expect(body).not.toContain('<form');
    expect(body).not.toContain('type="file"');
  });

  it('an upload is refused with 409 and a page that says why; nothing is read, stored or recorded', async () => {
    const { t, fake, link } = paperCycle();
    const res = await t.app.request(link(), upload([['Báo cáo mật.pdf', samplePdf('secret')]]));
    expect(res.status).toBe(409);
    const body = await res.text();
    expect(body).toContain('chỉ gửi bằng bản giấy qua đường văn thư');
    expect(body).toContain('Không có gì được lưu hoặc ghi nhận.');
    expect(fake.submits).toHaveLength(0);
    expect(storedFiles(t.varDir)).toEqual([]);
  });

  it('once staff record its arrival, the page shows its number, date and signer, and no path', async () => {
    const { t, fake, link } = paperCycle();
    fake.book.submit({ unitId: 'mat-tran', submittedBy: 'Văn thư Ban', document: { uri: 'paper:', number: '45-BC/MTTQ-BTT', date: '2026-11-19', signer: 'Nguyễn Văn An' } }, '2026-11-20T03:00:00Z');
    const body = await (await t.app.request(link())).text();
    expect(body).toContain('<strong>45-BC/MTTQ-BTT</strong> · ngày 19/11/2026 · người ký Nguyễn Văn An');
    expect(body).toContain('Văn bản (bản giấy) của đơn vị đã được ghi nhận.');
    expect(body).toContain('<ul class="documents"><li>Bản giấy</li></ul>');
    expect(body).not.toContain('paper:');
    expect(body).not.toContain('<form');
  });
});

describe('the document shown after an upload', () => {
  it('is named by its number, date and signer and its file names, never where it is stored', async () => {
    const { t, link } = setUp();
    expect((await t.app.request(link(), upload([['Báo cáo.pdf', samplePdf('shown')]]))).status).toBe(303);
    const body = await (await t.app.request(link())).text();
    expect(body).toContain('<strong>45-BC/MTTQ-BTT</strong> · ngày 19/11/2026 · người ký Nguyễn Văn A');
    expect(body).toContain('>Báo cáo.pdf</a>');
    expect(body).not.toContain('file:');
    expect(body).not.toContain(t.varDir);
  });

  it('a document dated after today is refused next to its field, saying so', async () => {
    const { t, fake, link } = setUp();
    const res = await t.app.request(link(), upload([['a.pdf', samplePdf()]], { ...FIELDS, date: '2026-11-21' }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('id="date-error">Ngày văn bản là một ngày trong tương lai; xin ghi ngày ký văn bản.');
    expect(fake.submits).toHaveLength(0);
  });
});

describe('downloads', () => {
  it('a unit downloads its own documents only', async () => {
    const { t, link } = setUp();
    expect((await t.app.request(link(), upload([['Báo cáo.pdf', samplePdf('mine')], ['Phụ lục.docx', sampleDocx()]]))).status).toBe(303);
    const page = await (await t.app.request(link())).text();
    const hrefs = [...page.matchAll(/href="(\/r\/[^"]+\/files\/([0-9a-f]{64}))"/g)];
    expect(hrefs).toHaveLength(2);
    const pdf = await t.app.request(hrefs[0]![1]!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="B_o c_o.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo.pdf')}`);
    expect(Buffer.from(await pdf.arrayBuffer()).equals(samplePdf('mine'))).toBe(true);
    const docx = await t.app.request(hrefs[1]![1]!);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');

    // Another unit's link cannot fetch them, nor can a made-up hash or a tampered link.
    const sha = hrefs[0]![2]!;
    expect((await t.app.request(`${link('hoi-nong-dan')}/files/${sha}`)).status).toBe(404);
    expect((await t.app.request(`${link()}/files/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await t.app.request(`${link()}/files/..%2F..%2Fsecret.key`)).status).toBe(404);
    expect((await t.app.request(`/r/x${link().slice(3)}/files/${sha}`)).status).toBe(403);
  });
});

describe('attachments in the submit request', () => {
  it('are optional, checked like the document, and at most nine', () => {
    const ctx = { cycleId: 'demo/x/p', language: 'vi' as const, timeZone: 'Asia/Ho_Chi_Minh' };
    const doc = (i: number) => ({ uri: `file:///var/kyhan/submissions/x/${i}.pdf`, name: `${i}.pdf`, sha256: 'a'.repeat(64) });
    const base = { unitId: 'mat-tran', submittedBy: 'B', document: doc(0) };
    expect(parseUnitRequest('submit', base, ctx).ok).toBe(true);
    expect(parseUnitRequest('submit', { ...base, attachments: Array.from({ length: 9 }, (_, i) => doc(i + 1)) }, ctx).ok).toBe(true);
    expect(parseUnitRequest('submit', { ...base, attachments: Array.from({ length: 10 }, (_, i) => doc(i + 1)) }, ctx).ok).toBe(false);
    expect(parseUnitRequest('submit', { ...base, attachments: [{ ...doc(1), sha256: 'nope' }] }, ctx).ok).toBe(false);
    expect(parseUnitRequest('submit', { ...base, attachments: [{ ...doc(1), extra: 1 }] }, ctx).ok).toBe(false);
  });
});

describe('file names', () => {
  it('keep the sender’s name, lose paths and control characters, and end in the real kind', () => {
    expect(cleanFileName('C:\\Users\\a\\Báo cáo.pdf', 'pdf')).toBe('Báo cáo.pdf');
    expect(cleanFileName('bao-cao.docx', 'pdf')).toBe('bao-cao.docx.pdf');
    expect(cleanFileName('anh.JPEG', 'jpg')).toBe('anh.JPEG');
    expect(cleanFileName('a\u202Efdp.exe', 'pdf')).toBe('afdp.exe.pdf');
    expect(cleanFileName('', 'png')).toBe('tep.png');
    expect([...cleanFileName('x'.repeat(300), 'pdf')]).toHaveLength(200);
  });

  it('a scan staff attach to a paper submission is named by the same rule', async () => {
    const checked = await checkUpload(new File([new Uint8Array(samplePdf())], 'scan\u202Efdp.docx'), 'vi');
    expect(checked).toMatchObject({ ok: true, name: 'scanfdp.docx.pdf' });
  });
});
