/**
 * The staff console through the whole web app (`createWebApp(...).request()`): sessions from an
 * in-memory store, Temporal replaced by a fake console source that records what it is asked.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CycleUpdateRejectedError } from '../../client/cycles';
import type { CycleSpec } from '../../domain/cycle';
import { validatePlan } from '../../domain/plan/validate';
import type { Plan } from '../../domain/plan/schema';
import { FailureType } from '../../domain/failures';
import { cycleReportFolder, submissionKey } from '../../storage/document-keys';
import { keyOfStoreUri, storeUri } from '../../storage/document-store';
import { fileDocumentStore } from '../../storage/document-store-files';
import type { AuthStore, SessionRecord } from '../../web/auth/store';
import type { WebDeps } from '../../web/deps';
import { PlanBook } from '../../web/plans';
import { createWebApp } from '../../web/server';
import { provideConsoleSource } from '../../web/console/routes';
import type { ConsoleSource } from '../../web/console/source';
import type { CycleHeader, CycleStatus, UnitStatus } from '../../workflows/messages';

const PUBLIC = 'http://kyhan.test';
const NOW = new Date('2026-11-24T10:30:00+07:00');
const CYCLE = 'demo/chay-thu/2026-11-24';
const CYCLE_PATH = `/cycles/${encodeURIComponent(CYCLE)}`;

function loadDemo(): Plan {
  const result = validatePlan(readFileSync('plans/demo.yaml', 'utf8'));
  if (!result.ok) throw new Error('demo plan invalid');
  return result.plan;
}
const demo = loadDemo();
/** A second plan in which `other@example.org` is staff and the demo's people are nobody. */
const other: Plan = { ...demo, id: 'other', title: 'Kế hoạch khác', people: [{ id: 'x', name: 'Cán bộ khác', email: 'other@example.org', roles: ['tong-hop'] }] };

const varDir = mkdtempSync(join(tmpdir(), 'kyhan-console-'));
afterAll(() => rmSync(varDir, { recursive: true, force: true }));

// A stored scan of mat-tran's report (recorded by its host path, as cycles before the document store did), and a record that points outside the store.
const documents = fileDocumentStore(varDir);
const storedPath = documents.pathOf(submissionKey(CYCLE, 'mat-tran', 'a'.repeat(64), 'bao-cao.pdf'));
mkdirSync(join(storedPath, '..'), { recursive: true });
writeFileSync(storedPath, '%PDF-1.4 test');

const header = {
  id: CYCLE,
  planId: 'demo',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  issuer: { name: demo.issuer.name, documentNumber: demo.issuer.documentNumber },
  reportType: { id: 'chay-thu', title: 'Báo cáo chạy thử (demo)' },
  period: { id: '2026-11-24', label: 'Ngày 24/11/2026' },
  opensAt: '2026-11-24T08:00:00+07:00',
  dueAt: '2026-11-24T10:00:00+07:00',
  cutoffAt: '2026-11-26T17:00:00+07:00',
  reminders: [{ at: '2026-11-24T09:00:00+07:00', relation: 'before' }],
  escalations: [{ step: 1, at: '2026-11-24T10:15:00+07:00', recipients: [], roleLabel: 'Trưởng phòng' }],
  consolidation: { by: [], leaders: [], upperLevels: [] },
  submissionInstructions: '',
} as CycleHeader;

const unit = (id: string, name: string, extra: Partial<UnitStatus>): UnitStatus => ({
  unitId: id,
  name,
  to: [{ key: id, name, email: `${id}@example.org` }],
  dueAt: header.dueAt,
  remindersSent: [0],
  escalations: [],
  deliveryFailures: [],
  noticeSentAt: '2026-11-24T08:00:05+07:00',
  state: 'pending',
  ...extra,
});

function freshStatus(): CycleStatus {
  const units = [
    unit('mat-tran', 'Ủy ban Mặt trận (demo)', {
      state: 'submitted',
      submission: { at: '2026-11-24T09:30:00+07:00', by: 'Văn thư Mặt trận', onTime: true, revision: 0, document: { uri: pathToFileURL(storedPath).href, name: 'bao-cao.pdf', number: '45-BC/MTTQ' } },
    }),
    unit('hoi-nong-dan', 'Hội Nông dân (demo)', { state: 'overdue', escalations: [1] }),
    unit('doan-thanh-nien', 'Đoàn Thanh niên (demo)', {
      state: 'overdue',
      submission: { at: '2026-11-24T09:40:00+07:00', by: 'Đoàn', onTime: true, revision: 0, document: { uri: 'file:///etc/passwd', name: 'passwd' } },
      returned: { at: '2026-11-24T09:50:00+07:00', reason: 'Thiếu số liệu <b>mục II</b>', by: 'Chuyên viên (demo) <tong-hop@example.org>' },
    }),
  ];
  return {
    cycleId: CYCLE,
    language: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    phase: 'open',
    shardCount: 1,
    shardsLoaded: 1,
    unitCount: units.length,
    outstanding: 2,
    escalationsSent: [{ step: 1, at: '2026-11-24T10:15:00+07:00', overdueUnits: 2 }],
    counts: { pending: 0, overdue: 2, submitted: 1, excused: 0 },
    units,
  };
}

interface Call {
  what: string;
  cycleId?: string;
  args: unknown;
}

function fakeSource() {
  const calls: Call[] = [];
  const state = { status: freshStatus(), header, refuse: undefined as string | undefined, fail: false };
  const act = (what: string) => async (cycleId: string, input: unknown) => {
    if (state.fail) throw new Error('secret internal detail at /srv/kyhan');
    if (state.refuse) throw new CycleUpdateRejectedError({ type: FailureType.InvalidUnitState, message: state.refuse, unitId: 'x', cycleId });
    calls.push({ what, cycleId, args: input });
    return {};
  };
  const source: ConsoleSource = {
    listCycles: async (planId) =>
      planId === 'demo' ? [{ cycleId: CYCLE, workflowId: `kyhan-cycle:${CYCLE}`, runId: 'run-1', plan: 'demo', reportType: 'chay-thu', period: '2026-11-24', status: state.status.phase, startedAt: '2026-11-24T01:00:00.000Z' }] : [],
    cycleRun: async (cycleId) => (cycleId === CYCLE ? { status: 'RUNNING', startedAt: new Date('2026-11-24T01:00:00Z') } : undefined),
    cycleHeader: async () => state.header,
    cycleStatus: async () => state.status,
    campaignStatus: async () => undefined,
    startCycle: async (spec: CycleSpec) => {
      calls.push({ what: 'start', args: spec });
    },
    submitReport: act('submit'),
    grantExtension: act('extend'),
    excuseUnit: act('excuse'),
    returnForRevision: act('return'),
    cancelCycle: async (cycleId, reason, by) => {
      calls.push({ what: 'cancel', cycleId, args: { reason, by } });
    },
    approveReport: act('approve') as ConsoleSource['approveReport'],
    returnReport: act('return-report') as ConsoleSource['returnReport'],
    resubmitForApproval: act('resubmit') as ConsoleSource['resubmitForApproval'],
    markSentUp: act('mark-sent') as ConsoleSource['markSentUp'],
  };
  return { source, calls, state };
}

class MemoryStore implements AuthStore {
  sessions = new Map<string, SessionRecord>();
  async createSession(id: string, record: SessionRecord) {
    this.sessions.set(id, record);
  }
  async getSession(id: string) {
    return this.sessions.get(id);
  }
  async saveSession(id: string, record: SessionRecord) {
    this.sessions.set(id, record);
  }
  async deleteSession(id: string) {
    this.sessions.delete(id);
  }
  async useOnce() {
    return true;
  }
}

const PEOPLE = {
  staff: { email: 'tong-hop@example.org', name: 'Chuyên viên (demo)' },
  leader: { email: 'lanh-dao@example.org', name: 'Lãnh đạo Ban (demo)' },
  outsider: { email: 'other@example.org', name: 'Cán bộ khác' },
};

let fake: ReturnType<typeof fakeSource>;
let app: ReturnType<typeof createWebApp>;
const store = new MemoryStore();

function sessionFor(who: keyof typeof PEOPLE): { cookie: string; csrf: string } {
  const id = `${who}`.padEnd(43, 'x');
  const csrf = `csrf-${who}`;
  const now = NOW.getTime();
  store.sessions.set(id, { ...PEOPLE[who], csrfToken: csrf, createdAt: now, lastSeenAt: now, expiresAt: now + 3_600_000 });
  return { cookie: `kyhan_session=${id}`, csrf };
}

beforeEach(() => {
  fake = fakeSource();
  const deps = {
    temporal: undefined,
    plans: new PlanBook([
      { plan: demo, file: 'plans/demo.yaml' },
      { plan: other, file: 'other.yaml' },
    ]),
    secret: 's'.repeat(64),
    publicUrl: PUBLIC,
    varDir,
    mail: { transport: undefined, from: 'kyhan@example.org' },
    authStore: store,
    secureCookies: false,
    logger: pino({ level: process.env.TEST_LOG ? 'debug' : 'silent' }),
    now: () => NOW,
  } as unknown as WebDeps;
  provideConsoleSource(deps, fake.source);
  app = createWebApp(deps);
});

const get = (path: string, who?: keyof typeof PEOPLE) => app.request(`${PUBLIC}${path}`, { headers: who ? { cookie: sessionFor(who).cookie } : {} });

function post(path: string, who: keyof typeof PEOPLE, fields: Record<string, string | string[]>, options: { csrf?: boolean } = {}) {
  const session = sessionFor(who);
  const body = new URLSearchParams();
  if (options.csrf !== false) body.set('_csrf', session.csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of ([] as string[]).concat(v)) body.append(k, one);
  return app.request(`${PUBLIC}${path}`, { method: 'POST', body, headers: { cookie: session.cookie, origin: PUBLIC, 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('who reaches the console', () => {
  it('sends a signed-out visitor to the sign-in page', async () => {
    for (const path of ['/', '/plans/demo', CYCLE_PATH, '/plans/demo/matrix.csv']) {
      const res = await get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
  });

  it('lists the plans the person has a role in, with the campaign’s next openings', async () => {
    fake.source.campaignStatus = async () => ({
      planId: 'demo',
      timeZone: 'Asia/Ho_Chi_Minh',
      version: 2,
      startedAt: '2026-11-01T08:00:00+07:00',
      phase: 'running',
      cycles: [
        { cycleId: 'demo/chay-thu/2026-11', reportType: 'chay-thu', period: '2026-11', opensAt: '2026-11-01T08:00:00+07:00', dueAt: '2026-11-05T17:00:00+07:00', state: 'opened', workflowId: 'w1' },
        { cycleId: 'demo/chay-thu/2026-12', reportType: 'chay-thu', period: '2026-12', opensAt: '2026-12-01T08:00:00+07:00', dueAt: '2026-12-07T17:00:00+07:00', state: 'scheduled', workflowId: 'w2' },
      ],
    });
    const res = await get('/', 'staff');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('href="/plans/demo"');
    expect(page).not.toContain('/plans/other');
    expect(page).toContain('đang chạy');
    expect(page).toContain('Các kỳ sắp mở');
    expect(page).toContain('08:00 ngày 01/12/2026');
    expect(page).not.toContain('05/11/2026');
  });

  it('refuses a plan the person has no role in (403) and an unknown plan or cycle (404)', async () => {
    expect((await get('/plans/demo', 'outsider')).status).toBe(403);
    expect((await get(CYCLE_PATH, 'outsider')).status).toBe(403);
    expect((await get('/plans/nope', 'staff')).status).toBe(404);
    expect((await get(`/cycles/${encodeURIComponent('demo/chay-thu/2000-01-01')}`, 'staff')).status).toBe(404);
    expect((await get('/cycles/garbage', 'staff')).status).toBe(404);
  });

  it('lets leaders see but not act', async () => {
    const page = await (await get(CYCLE_PATH, 'leader')).text();
    expect(page).toContain('Hội Nông dân (demo)');
    expect(page).not.toContain('/cancel');
    const res = await post(`${CYCLE_PATH}/units/hoi-nong-dan/excuse`, 'leader', { reason: 'Đơn vị sáp nhập' });
    expect(res.status).toBe(403);
    expect((await get('/plans/demo/cycles/new', 'leader')).status).toBe(403);
    expect(fake.calls).toEqual([]);
  });
});

describe('the matrix', () => {
  it('shows each unit in each cycle with its word, rates and the CSV link', async () => {
    const res = await get('/plans/demo', 'staff');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Đúng hạn');
    expect(page).toContain('Quá hạn, chưa nộp');
    expect(page).toContain('Trả lại để bổ sung');
    expect(page).toContain('/plans/demo/matrix.csv');
    expect(page).toContain('Tỷ lệ nộp đúng hạn theo kỳ');
  });

  it('names a bad filter next to its field, keeps what was typed, and still shows the matrix', async () => {
    const res = await get('/plans/demo?from=2026-13&level=district', 'staff');
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toMatch(/id="filter-from-error">Tháng phải có dạng NNNN-TT/);
    expect(page).toContain('value="2026-13"');
    // The level filter still applies: only the district board is listed.
    expect(page).toContain('BDV Huyện ủy');
    expect(page).not.toContain('>Mặt trận<');
  });

  it('exports the same matrix as CSV for Excel', async () => {
    const res = await get('/plans/demo/matrix.csv?level=provincial', 'staff');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('mat-tran,Ủy ban Mặt trận (demo),Cấp tỉnh,Đúng hạn');
    expect(text).not.toContain('ban-dan-van-huyen');
  });
});

describe('a cycle', () => {
  it('shows units, documents and the timeline with who decided, text escaped', async () => {
    const page = await (await get(CYCLE_PATH, 'staff')).text();
    expect(page).toContain(`${CYCLE_PATH}/units/mat-tran/documents/0`);
    // A document recorded outside the store is named, not linked.
    expect(page).toContain('passwd');
    expect(page).not.toContain(`${CYCLE_PATH}/units/doan-thanh-nien/documents/0`);
    expect(page).toContain('Gửi thông báo tới 3 đơn vị');
    expect(page).toContain('Nhắc nhở lần 1 tới 3 đơn vị');
    expect(page).toContain('Báo cáo lãnh đạo bậc 1 (Trưởng phòng): 2 đơn vị quá hạn');
    expect(page).toContain('Trả lại báo cáo của Đoàn Thanh niên (demo) để bổ sung');
    expect(page).toContain('Chuyên viên (demo) &lt;tong-hop@example.org&gt;');
    expect(page).toContain('Thiếu số liệu &lt;b&gt;mục II&lt;/b&gt;');
    expect(page).toContain(`action="${CYCLE_PATH}/cancel"`);
    // While open, htmx refreshes the units in place.
    expect(page).toContain('hx-trigger="every 30s"');
  });

  it('serves a stored document, and never a path outside the unit’s folder', async () => {
    const res = await get(`${CYCLE_PATH}/units/mat-tran/documents/0`, 'leader');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(await res.text()).toBe('%PDF-1.4 test');
    expect((await get(`${CYCLE_PATH}/units/doan-thanh-nien/documents/0`, 'staff')).status).toBe(404);
    expect((await get(`${CYCLE_PATH}/units/mat-tran/documents/7`, 'staff')).status).toBe(404);
  });
});

describe('actions', () => {
  const unitPath = (id: string, action: string) => `${CYCLE_PATH}/units/${id}/${action}`;

  it('excuses a unit, recording who did it, then goes back to the unit', async () => {
    const res = await post(unitPath('hoi-nong-dan', 'excuse'), 'staff', { reason: 'Đơn vị đang hợp nhất' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${unitPath('hoi-nong-dan', '').slice(0, -1)}?done=excuse`);
    expect(fake.calls).toEqual([{ what: 'excuse', cycleId: CYCLE, args: { unitId: 'hoi-nong-dan', reason: 'Đơn vị đang hợp nhất', excusedBy: 'Chuyên viên (demo) <tong-hop@example.org>' } }]);
  });

  it('shows what is wrong next to the field and keeps what was typed (422)', async () => {
    const res = await post(unitPath('hoi-nong-dan', 'extend'), 'staff', { until: '26/11/2026', reason: '   ' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toMatch(/id="extend-until-error">Thời điểm phải có ngày và giờ/);
    expect(page).toMatch(/id="extend-reason-error">Không được để trống/);
    expect(page).toContain('value="26/11/2026"');
    const long = await post(unitPath('hoi-nong-dan', 'excuse'), 'staff', { reason: 'x'.repeat(2001) });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('Dài 2.001 ký tự, tối đa 2.000');
    expect(fake.calls).toEqual([]);
  });

  it('extends to a moment read in the plan’s zone', async () => {
    const res = await post(unitPath('hoi-nong-dan', 'extend'), 'staff', { until: '2026-11-26T17:00', reason: 'Mất điện' });
    expect(res.status).toBe(303);
    expect(fake.calls[0]!.args).toMatchObject({ unitId: 'hoi-nong-dan', until: '2026-11-26T17:00:00+07:00', grantedBy: 'Chuyên viên (demo) <tong-hop@example.org>' });
  });

  it('shows the workflow’s refusal next to the form (409)', async () => {
    fake.state.refuse = 'Không thể trả lại báo cáo của đơn vị "hoi-nong-dan": đơn vị chưa nộp.';
    const res = await post(unitPath('mat-tran', 'return'), 'staff', { reason: 'Thiếu phụ lục' });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('đơn vị chưa nộp.');
    expect(page).toContain('Thiếu phụ lục');
  });

  it('records a paper submission with its document facts, as a revision after a return', async () => {
    const res = await post(unitPath('doan-thanh-nien', 'submit'), 'staff', { number: '12-BC/ĐTN', date: '2026-11-24', signer: 'Bí thư', note: '' });
    expect(res.status).toBe(303);
    expect(fake.calls[0]).toMatchObject({ what: 'submit', args: { unitId: 'doan-thanh-nien', submittedBy: 'Chuyên viên (demo) <tong-hop@example.org>', revision: true, document: { number: '12-BC/ĐTN', date: '2026-11-24', signer: 'Bí thư' } } });
  });

  it('checks an attached scan by its content', async () => {
    const session = sessionFor('staff');
    const form = new FormData();
    form.set('_csrf', session.csrf);
    form.set('file', new File(['MZ not a document'], 'bao-cao.pdf'));
    const res = await app.request(`${PUBLIC}${unitPath('hoi-nong-dan', 'submit')}`, { method: 'POST', body: form, headers: { cookie: session.cookie, origin: PUBLIC } });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/id="submit-file-error">Chỉ nhận PDF/);
    expect(fake.calls).toEqual([]);
  });

  it('stores an attached scan in the unit’s folder and records it with the submission', async () => {
    const session = sessionFor('staff');
    const form = new FormData();
    form.set('_csrf', session.csrf);
    form.set('number', '07-BC/HND');
    form.set('file', new File(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'], 'Báo cáo tháng.pdf', { type: 'application/pdf' }));
    const res = await app.request(`${PUBLIC}${unitPath('hoi-nong-dan', 'submit')}`, { method: 'POST', body: form, headers: { cookie: session.cookie, origin: PUBLIC } });
    expect(res.status).toBe(303);
    const args = fake.calls[0]!.args as { document: { uri: string; name: string; number: string; sha256: string }; revision?: boolean };
    expect(args.revision).toBeUndefined();
    expect(args.document).toMatchObject({ name: 'Báo cáo tháng.pdf', number: '07-BC/HND' });
    // A store URI, never a host path.
    expect(keyOfStoreUri(args.document.uri)).toMatch(/^submissions\/demo%2Fchay-thu%2F[^/]+\/hoi-nong-dan\/[0-9a-f]{12}-Báo_cáo_tháng\.pdf$/);
    expect((await documents.get(keyOfStoreUri(args.document.uri)!))?.toString('utf8')).toContain('%PDF-1.4');
  });

  it('shows a document by its number, date and signer, a paper one as on paper, never by where it is stored', async () => {
    fake.state.status.units[1] = { ...fake.state.status.units[1]!, state: 'submitted', submission: { at: '2026-11-24T09:45:00+07:00', by: 'Văn thư Ban', onTime: true, revision: 0, document: { uri: 'paper:', number: '07-BC/HND', date: '2026-11-23', signer: 'Nguyễn Văn An' } } };
    for (const path of [CYCLE_PATH, unitPath('hoi-nong-dan', '').slice(0, -1)]) {
      const page = await (await get(path, 'staff')).text();
      expect(page).toContain('Bản giấy <span class="muted small">(07-BC/HND · 23/11/2026 · Nguyễn Văn An)</span>');
      expect(page).not.toContain('paper:');
      expect(page).not.toContain('file:');
      expect(page).not.toContain(varDir);
    }
  });

  it('for a paper-only report: says so, offers no scan, and records the arrival by number and date', async () => {
    fake.state.header = { ...header, reportType: { ...header.reportType, delivery: 'paper' } };
    const cycle = await (await get(CYCLE_PATH, 'staff')).text();
    expect(cycle).toContain('Chỉ bản giấy, qua đường văn thư (không nhận tệp)');
    const page = await (await get(unitPath('hoi-nong-dan', '').slice(0, -1), 'staff')).text();
    expect(page).toContain('Báo cáo này chỉ gửi bằng bản giấy qua đường văn thư: không đính kèm tệp');
    expect(page).not.toContain('type="file"');

    const res = await post(unitPath('hoi-nong-dan', 'submit'), 'staff', { number: '07-BC/HND', date: '2026-11-23', signer: 'Nguyễn Văn An', note: '' });
    expect(res.status).toBe(303);
    expect(fake.calls[0]).toMatchObject({ what: 'submit', args: { unitId: 'hoi-nong-dan', document: { uri: 'paper:', number: '07-BC/HND', date: '2026-11-23', signer: 'Nguyễn Văn An' } } });
  });

  it('for a paper-only report, a scan sent anyway is refused next to the form and nothing is stored', async () => {
    fake.state.header = { ...header, reportType: { ...header.reportType, delivery: 'paper' } };
    const storedFiles = () => readdirSync(join(varDir, 'submissions'), { recursive: true }).length;
    const before = storedFiles();
    const session = sessionFor('staff');
    const form = new FormData();
    form.set('_csrf', session.csrf);
    form.set('number', '07-BC/HND');
    form.set('file', new File(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'], 'Mật.pdf', { type: 'application/pdf' }));
    const res = await app.request(`${PUBLIC}${unitPath('hoi-nong-dan', 'submit')}`, { method: 'POST', body: form, headers: { cookie: session.cookie, origin: PUBLIC } });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('id="submit-file-error">Báo cáo này chỉ gửi bằng bản giấy qua đường văn thư');
    expect(fake.calls).toEqual([]);
    expect(storedFiles()).toBe(before);
  });

  it('cancels the cycle with a reason and who did it', async () => {
    expect((await post(`${CYCLE_PATH}/cancel`, 'staff', { reason: '' })).status).toBe(422);
    const res = await post(`${CYCLE_PATH}/cancel`, 'staff', { reason: 'Mở nhầm kỳ' });
    expect(res.status).toBe(303);
    expect(fake.calls).toEqual([{ what: 'cancel', cycleId: CYCLE, args: { reason: 'Mở nhầm kỳ', by: 'Chuyên viên (demo) <tong-hop@example.org>' } }]);
  });

  it('refuses a form without the session’s token', async () => {
    const res = await post(`${CYCLE_PATH}/cancel`, 'staff', { reason: 'Mở nhầm kỳ' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(fake.calls).toEqual([]);
  });

  it('shows a plain error page, never a stack trace', async () => {
    fake.state.fail = true;
    const res = await post(unitPath('hoi-nong-dan', 'excuse'), 'staff', { reason: 'x' });
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).not.toContain('/srv/kyhan');
    expect(page).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('starting a cycle', () => {
  it('starts an ad-hoc cycle with its due moment', async () => {
    const form = await (await get('/plans/demo/cycles/new?reportType=bao-cao-nhanh', 'staff')).text();
    expect(form).toContain('name="due"');
    // The plan's reporters of this type are marked; the district board is not one.
    expect(form).toMatch(/Hội Nông dân \(demo\) <span class="muted small">\(phải nộp theo kế hoạch\)/);
    expect(form).not.toMatch(/Ban Dân vận Huyện ủy \(demo\) <span/);
    const res = await post('/plans/demo/cycles', 'staff', { reportType: 'bao-cao-nhanh', mode: 'adhoc', due: '2026-11-27T17:00', units: ['mat-tran', 'hoi-nong-dan'] });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cycles/${encodeURIComponent('demo/bao-cao-nhanh/2026-11-27')}?done=start`);
    const spec = fake.calls[0]!.args as CycleSpec;
    expect(spec.dueAt).toBe('2026-11-27T17:00:00+07:00');
    expect(spec.units.map((u) => u.id)).toEqual(['mat-tran', 'hoi-nong-dan']);
  });

  it('names the missing due moment and an unknown unit', async () => {
    const res = await post('/plans/demo/cycles', 'staff', { reportType: 'bao-cao-nhanh', mode: 'adhoc', due: '' });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/id="start-due-error">Hãy nhập hạn nộp/);
    const unknown = await post('/plans/demo/cycles', 'staff', { reportType: 'bao-cao-nhanh', mode: 'adhoc', due: '2026-11-27T17:00', units: ['khong-co'] });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('Kế hoạch không có đơn vị khong-co');
    expect(fake.calls).toEqual([]);
  });
});

describe('the leaders’ approval on the cycle page', () => {
  const consolidated = (state: 'awaiting' | 'returned' | 'approved'): CycleStatus => ({
    ...freshStatus(),
    phase: 'consolidated',
    consolidation: { at: '2026-11-26T17:00:00+07:00', reason: 'cutoff', counts: {}, markdownPath: join(varDir, 'reports', 'x.md'), htmlPath: '/etc/passwd' },
    approval: {
      state,
      steps: [
        { kind: 'requested', at: '2026-11-26T17:00:05+07:00' },
        ...(state === 'returned' ? [{ kind: 'returned' as const, at: '2026-11-26T18:00:00+07:00', by: 'Lãnh đạo Ban (demo) <lanh-dao@example.org>', comment: 'Bổ sung phần đánh giá' }] : []),
      ],
    },
  });

  it('offers leaders approve and return, and records who approved', async () => {
    fake.state.status = consolidated('awaiting');
    const page = await (await get(CYCLE_PATH, 'leader')).text();
    expect(page).toContain('chờ lãnh đạo phê duyệt');
    expect(page).toContain(`action="${CYCLE_PATH}/approval/approve"`);
    expect(page).toContain(`action="${CYCLE_PATH}/approval/return"`);
    expect(page).toContain(`${CYCLE_PATH}/report.html`);
    const res = await post(`${CYCLE_PATH}/approval/approve`, 'leader', { comment: '' });
    expect(res.status).toBe(303);
    expect(fake.calls).toEqual([{ what: 'approve', cycleId: CYCLE, args: { by: 'Lãnh đạo Ban (demo) <lanh-dao@example.org>' } }]);
  });

  it('a return needs a comment, next to its field; staff cannot approve', async () => {
    fake.state.status = consolidated('awaiting');
    const res = await post(`${CYCLE_PATH}/approval/return`, 'leader', { comment: ' ' });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/id="return-report-comment-error">Không được để trống/);
    expect((await post(`${CYCLE_PATH}/approval/approve`, 'staff', {})).status).toBe(403);
    const staffPage = await (await get(CYCLE_PATH, 'staff')).text();
    expect(staffPage).not.toContain('/approval/approve');
    expect(fake.calls).toEqual([]);
  });

  it('offers staff to send a returned report again, with the leader’s comment in the timeline', async () => {
    fake.state.status = consolidated('returned');
    const page = await (await get(CYCLE_PATH, 'staff')).text();
    expect(page).toContain('Lãnh đạo trả lại báo cáo tổng hợp');
    expect(page).toContain('Bổ sung phần đánh giá');
    expect(page).toContain(`action="${CYCLE_PATH}/approval/resubmit"`);
    const res = await post(`${CYCLE_PATH}/approval/resubmit`, 'staff', { note: 'Đã bổ sung' });
    expect(res.status).toBe(303);
    expect(fake.calls[0]).toEqual({ what: 'resubmit', cycleId: CYCLE, args: { by: 'Chuyên viên (demo) <tong-hop@example.org>', note: 'Đã bổ sung' } });
  });

  it('serves the consolidated report only from the cycle’s own report folder', async () => {
    fake.state.status = consolidated('approved');
    expect((await get(`${CYCLE_PATH}/report.html`, 'leader')).status).toBe(404);
    expect((await get(`${CYCLE_PATH}/report.md`, 'leader')).status).toBe(404);
    const dir = documents.pathOf(cycleReportFolder(CYCLE));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bao-cao-tong-hop.html'), '<h1>Báo cáo tổng hợp</h1>');
    // As a cycle recorded before the document store holds it: a host path.
    fake.state.status = { ...fake.state.status, consolidation: { ...fake.state.status.consolidation!, htmlPath: join(dir, 'bao-cao-tong-hop.html') } };
    const res = await get(`${CYCLE_PATH}/report.html`, 'leader');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Báo cáo tổng hợp');
    // As new cycles hold it: a store URI.
    await documents.put(`${cycleReportFolder(CYCLE)}/consolidated.md`, '# Báo cáo tổng hợp\n');
    fake.state.status = { ...fake.state.status, consolidation: { ...fake.state.status.consolidation!, markdownPath: storeUri(`${cycleReportFolder(CYCLE)}/consolidated.md`) } };
    const md = await get(`${CYCLE_PATH}/report.md`, 'leader');
    expect(md.status).toBe(200);
    expect(md.headers.get('content-length')).toBe(String(Buffer.byteLength('# Báo cáo tổng hợp\n')));
    expect(await md.text()).toBe('# Báo cáo tổng hợp\n');
  });
});

describe('robustness and language', () => {
  it('a cycle that cannot be read is named, and the others still show', async () => {
    fake.source.listCycles = async () => [
      { cycleId: CYCLE, workflowId: `kyhan-cycle:${CYCLE}`, runId: 'run-1', plan: 'demo', reportType: 'chay-thu', period: '2026-11-24', status: 'open', startedAt: '2026-11-24T01:00:00.000Z' },
      { cycleId: 'demo/chay-thu/hong', workflowId: 'kyhan-cycle:demo/chay-thu/hong', runId: 'run-2', plan: 'demo', reportType: 'chay-thu', period: 'hong', status: 'terminated', startedAt: '2026-11-23T01:00:00.000Z' },
    ];
    const header = fake.source.cycleHeader;
    fake.source.cycleHeader = async (cycleId, runId) => {
      if (cycleId.endsWith('/hong')) throw new Error('query failed');
      return await header(cycleId, runId);
    };
    const res = await get('/plans/demo', 'staff');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Không đọc được các kỳ: demo/chay-thu/hong');
    expect(page).toContain('Quá hạn, chưa nộp');
  });

  it('speaks English when the plan does', async () => {
    const english: Plan = { ...demo, language: 'en' };
    const deps = {
      plans: new PlanBook([{ plan: english, file: 'demo.yaml' }]),
      secret: 's'.repeat(64),
      publicUrl: PUBLIC,
      varDir,
      authStore: store,
      secureCookies: false,
      logger: pino({ level: 'silent' }),
      now: () => NOW,
    } as unknown as WebDeps;
    provideConsoleSource(deps, fake.source);
    app = createWebApp(deps);
    const matrix = await (await get('/plans/demo', 'staff')).text();
    expect(matrix).toContain('<html lang="en">');
    expect(matrix).toContain('Status matrix');
    expect(matrix).toContain('On time');
    const cycle = await (await get(CYCLE_PATH, 'staff')).text();
    expect(cycle).toContain('Timeline');
    expect(cycle).toContain('Notice sent to 3 units');
    const bad = await post(`${CYCLE_PATH}/units/hoi-nong-dan/excuse`, 'staff', { reason: '' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('This is required.');
  });
});
