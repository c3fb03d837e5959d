/**
 * Checks across entries of a plan: ids unique, references resolve, ranges and lifetimes run
 * forwards.
 * They read the raw parsed YAML leniently (skipping whatever has the wrong shape, which the
 * schema reports) so that one run reports schema and reference problems together.
 * Checks that need computed dates live with the schedule (`scheduleProblems`). Pure.
 */
import { isValidTimeZone, parseIsoDuration } from '../time';
import { formatPath, problem, quote, quoteList, type Bilingual, type Language, type PathSegment, type PlanProblem } from './problems';
import { closest, editDistance } from './suggest';

type Loose = Record<string, unknown>;
type Path = readonly PathSegment[];

const asRecord = (v: unknown): Loose | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : undefined);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isYearMonth = (v: string | undefined): v is string => v !== undefined && /^\d{4}-\d{2}$/.test(v);
const isLocalDate = (v: string | undefined): v is string => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);
const stringsAt = (v: unknown): Array<[number, string]> =>
  asList(v).flatMap((item, i): Array<[number, string]> => (typeof item === 'string' ? [[i, item]] : []));

/** What each list holds, for messages. */
const listNames: Record<string, Bilingual> = {
  roles: { vi: 'vai trò', en: 'role' },
  people: { vi: 'người', en: 'person' },
  units: { vi: 'đơn vị', en: 'unit' },
  reportTypes: { vi: 'loại báo cáo', en: 'report type' },
  milestones: { vi: 'mốc', en: 'milestone' },
};

export function crossEntryProblems(raw: unknown, language: Language): PlanProblem[] {
  const plan = asRecord(raw);
  if (!plan) return [];
  const out: PlanProblem[] = [];
  const push = (path: Path, code: string, message: Bilingual): void => {
    out.push(problem(path, code, message, language));
  };

  const roles = idsOf(plan.roles);
  const units = idsOf(plan.units);
  for (const list of ['roles', 'people', 'units', 'reportTypes'] as const) duplicateIds(plan[list], [list], list, push);

  checkTimeZone(plan.timeZone, push);

  // People hold roles; policies name roles; a role nobody holds would mail nobody.
  const heldRoles = new Set<string>();
  asList(plan.people).forEach((person, i) => {
    for (const [j, role] of stringsAt(asRecord(person)?.roles)) {
      heldRoles.add(role);
      unknownReference(role, roles, ['people', i, 'roles', j], 'roles', push);
    }
  });

  asList(plan.people).forEach((entry, i) => {
    const person = asRecord(entry);
    if (person) lifetimeForwards(person, ['people', i], 'person-lifetime-reversed', { vi: `người ${quote(person.id)}`, en: `person ${quote(person.id)}` }, push);
  });

  asList(plan.units).forEach((entry, i) => {
    const unit = asRecord(entry);
    if (!unit) return;
    const parent = asString(unit.parent);
    if (parent !== undefined) unknownReference(parent, units, ['units', i, 'parent'], 'units', push);
    lifetimeForwards(unit, ['units', i], 'unit-lifetime-reversed', { vi: `đơn vị ${quote(unit.id)}`, en: `unit ${quote(unit.id)}` }, push);
    checkSuccessor(unit, ['units', i], units, push);
  });

  checkIssuerLifetime(asRecord(plan.issuer), push);

  const notifyAt = asString(asRecord(plan.calendar)?.notifyAt) ?? '08:00';
  const policyRoles = { roles, heldRoles, notifyAt };
  checkPolicies(plan.defaults, ['defaults'], policyRoles, push);

  asList(plan.reportTypes).forEach((entry, i) => {
    const reportType = asRecord(entry);
    if (!reportType) return;
    const at = (...rest: PathSegment[]): Path => ['reportTypes', i, ...rest];
    const reporters = asRecord(reportType.reporters);
    for (const field of ['units', 'exclude'] as const) {
      for (const [j, id] of stringsAt(reporters?.[field])) unknownReference(id, units, at('reporters', field, j), 'units', push);
    }
    if (reporters) checkSomeoneReports(reportType, reporters, plan.units, at('reporters'), push);
    checkRecurrence(reportType, asRecord(reportType.recurrence), at('recurrence'), push);
    checkPolicies(reportType.policies, at('policies'), policyRoles, push);
  });
  return out;
}

type Push = (path: Path, code: string, message: Bilingual) => void;

function idsOf(list: unknown): Set<string> {
  return new Set(asList(list).flatMap((entry) => asString(asRecord(entry)?.id) ?? []));
}

function duplicateIds(list: unknown, path: Path, kind: string, push: Push): void {
  const firstAt = new Map<string, number>();
  const name = listNames[kind] ?? { vi: kind, en: kind };
  asList(list).forEach((entry, i) => {
    const id = asString(asRecord(entry)?.id);
    if (id === undefined) return;
    const first = firstAt.get(id);
    if (first === undefined) {
      firstAt.set(id, i);
      return;
    }
    const where = formatPath([...path, first]);
    push([...path, i, 'id'], 'duplicate-id', {
      vi: `id ${quote(id)} đã được dùng cho ${name.vi} ${where} — mỗi ${name.vi} cần một id riêng; đổi id của một trong hai`,
      en: `id ${quote(id)} is already used by ${name.en} ${where} — each ${name.en} needs its own id; rename one of them`,
    });
  });
}

function unknownReference(id: string, known: ReadonlySet<string>, path: Path, list: 'units' | 'roles', push: Push): void {
  if (known.has(id)) return;
  const name = listNames[list] ?? { vi: list, en: list };
  const nearest = closest(id, known);
  const hint: Bilingual =
    nearest === undefined ? { vi: '', en: '' } : { vi: ` (gần nhất: ${quote(nearest)})`, en: ` (closest: ${quote(nearest)})` };
  push(path, list === 'units' ? 'unknown-unit' : 'unknown-role', {
    vi: `${name.vi} ${quote(id)} không có trong danh sách ${list} — sửa thành một id có trong ${list}${hint.vi}`,
    en: `${name.en} ${quote(id)} is not in the ${list} list — change it to an id listed in ${list}${hint.en}`,
  });
}

function checkTimeZone(timeZone: unknown, push: Push): void {
  if (typeof timeZone !== 'string' || isValidTimeZone(timeZone)) return;
  // ICU lists canonical names only ("Asia/Saigon"): add the name plans are told to use. Time
  // zone names are alike, so only a near miss is suggested ("Asia/Hanoi" is not "Asia/Aden").
  const nearest = closest(timeZone, [...Intl.supportedValuesOf('timeZone'), 'Asia/Ho_Chi_Minh']);
  const meant = nearest !== undefined && editDistance(timeZone, nearest) <= 2 ? nearest : undefined;
  push(['timeZone'], 'unknown-time-zone', meant !== undefined
    ? {
        vi: `múi giờ ${quote(timeZone)} không tồn tại — có phải là ${quote(meant)}?`,
        en: `unknown time zone ${quote(timeZone)} — did you mean ${quote(meant)}?`,
      }
    : {
        vi: `múi giờ ${quote(timeZone)} không tồn tại — dùng tên múi giờ IANA, ví dụ "Asia/Ho_Chi_Minh"`,
        en: `unknown time zone ${quote(timeZone)} — use an IANA time zone name such as "Asia/Ho_Chi_Minh"`,
      });
}

interface PolicyRoles {
  roles: ReadonlySet<string>;
  heldRoles: ReadonlySet<string>;
  notifyAt: string;
}

function checkPolicies(value: unknown, path: Path, ctx: PolicyRoles, push: Push): void {
  const policies = asRecord(value);
  if (!policies) return;
  const roleRef = (role: string, at: Path): void => {
    if (!ctx.roles.has(role)) unknownReference(role, ctx.roles, at, 'roles', push);
    else if (!ctx.heldRoles.has(role)) {
      push(at, 'role-without-holder', {
        vi: `vai trò ${quote(role)} chưa được giao cho ai trong people — thêm vai trò này vào roles của một người, nếu không sẽ không có ai nhận thư`,
        en: `role ${quote(role)} is held by nobody in people — add it to someone's roles, or nobody will receive this mail`,
      });
    }
  };
  const steps = asList(policies.escalation);
  steps.forEach((step, k) => {
    for (const [m, role] of stringsAt(asRecord(step)?.notify)) roleRef(role, [...path, 'escalation', k, 'notify', m]);
  });
  checkEscalationOrder(steps, [...path, 'escalation'], ctx.notifyAt, push);
  const consolidation = asRecord(policies.consolidation);
  for (const field of ['by', 'leaders'] as const) {
    for (const [m, role] of stringsAt(consolidation?.[field])) roleRef(role, [...path, 'consolidation', field, m]);
  }
  asList(consolidation?.upperLevels).forEach((entry, k) => {
    const level = asRecord(entry);
    if (level) lifetimeForwards(level, [...path, 'consolidation', 'upperLevels', k], 'upper-level-lifetime-reversed', { vi: `cấp trên ${quote(level.name)}`, en: `upper level ${quote(level.name)}` }, push);
  });
}

/** An entry (unit, person, upper level) cannot stop existing before it starts. */
function lifetimeForwards(entry: Loose, path: Path, code: string, what: Bilingual, push: Push): void {
  const from = asString(entry.existsFrom);
  const until = asString(entry.existsUntil);
  // Malformed dates are the schema's to report; only well-formed ones compare as strings.
  if (!isLocalDate(from) || !isLocalDate(until) || from <= until) return;
  push([...path, 'existsUntil'], code, {
    vi: `${what.vi} ngừng tồn tại (${until}) trước ngày bắt đầu tồn tại (${from}) — kiểm tra lại existsFrom và existsUntil`,
    en: `${what.en} stops existing (${until}) before it starts (${from}) — check existsFrom and existsUntil`,
  });
}

/** An issuer that ceased before the plan's date cannot have issued it. */
function checkIssuerLifetime(issuer: Loose | undefined, push: Push): void {
  const date = asString(issuer?.date);
  const until = asString(issuer?.existsUntil);
  if (!isLocalDate(date) || !isLocalDate(until) || date <= until) return;
  push(['issuer', 'existsUntil'], 'issuer-lifetime-reversed', {
    vi: `cơ quan ban hành ngừng tồn tại (${until}) trước ngày ban hành kế hoạch (${date}) — kiểm tra lại issuer.existsUntil và issuer.date`,
    en: `the issuer stops existing (${until}) before the plan's date (${date}) — check issuer.existsUntil and issuer.date`,
  });
}

/**
 * A merged unit's successor: another unit of the plan, named only by a unit that ends (the
 * day after is when the successor takes over; whether it exists then is a warning).
 */
function checkSuccessor(unit: Loose, path: Path, units: ReadonlySet<string>, push: Push): void {
  const successor = asString(unit.successor);
  if (successor === undefined) return;
  if (successor === unit.id) {
    push([...path, 'successor'], 'successor-is-self', {
      vi: `đơn vị ${quote(unit.id)} ghi chính nó là đơn vị kế nhiệm — successor phải là id của đơn vị khác nhận lại nhiệm vụ sau existsUntil`,
      en: `unit ${quote(unit.id)} names itself as its successor — successor must be the id of the other unit that takes over after existsUntil`,
    });
  } else {
    unknownReference(successor, units, [...path, 'successor'], 'units', push);
  }
  if (unit.existsUntil === undefined) {
    push([...path, 'successor'], 'successor-without-end', {
      vi: `đơn vị ${quote(unit.id)} có đơn vị kế nhiệm ${quote(successor)} nhưng không có existsUntil — thêm existsUntil (ngày cuối cùng đơn vị còn tồn tại), hoặc bỏ successor`,
      en: `unit ${quote(unit.id)} has a successor ${quote(successor)} but no existsUntil — add existsUntil (its last day), or remove successor`,
    });
  }
}

/** A comparable position of an escalation step after the due moment, if its kind allows. */
function stepPosition(step: Loose, notifyAt: string): { kind: 'working-days' | 'duration'; value: number; text: Bilingual } | undefined {
  if (typeof step.workingDays === 'number') {
    const at = asString(step.at) ?? notifyAt;
    const [h = 0, m = 0] = at.split(':').map(Number);
    return {
      kind: 'working-days',
      value: step.workingDays * 24 * 60 + h * 60 + m,
      text: { vi: `${step.workingDays} ngày làm việc, lúc ${at}`, en: `${step.workingDays} working days, at ${at}` },
    };
  }
  if (typeof step.duration === 'string') {
    try {
      const ms = parseIsoDuration(step.duration);
      return { kind: 'duration', value: ms, text: { vi: step.duration, en: step.duration } };
    } catch {
      return undefined; // the schema reports a malformed duration
    }
  }
  return undefined;
}

function checkEscalationOrder(steps: unknown[], path: Path, notifyAt: string, push: Push): void {
  for (let k = 1; k < steps.length; k++) {
    const prev = asRecord(steps[k - 1]);
    const step = asRecord(steps[k]);
    if (!prev || !step) continue;
    const a = stepPosition(prev, notifyAt);
    const b = stepPosition(step, notifyAt);
    // Working days and exact durations only compare once dates are computed (schedule checks).
    if (!a || !b || a.kind !== b.kind || b.value > a.value) continue;
    push([...path, k], 'escalation-not-increasing', {
      vi: `bước chuyển cấp ${k + 1} (${b.text.vi}) không muộn hơn bước ${k} (${a.text.vi}) — các bước phải xếp theo thời gian tăng dần, mỗi bước muộn hơn bước trước`,
      en: `escalation step ${k + 1} (${b.text.en}) is not later than step ${k} (${a.text.en}) — order the steps by time, each later than the one before`,
    });
  }
}

function checkRecurrence(reportType: Loose, recurrence: Loose | undefined, path: Path, push: Push): void {
  if (!recurrence) return;
  if (recurrence.type === 'monthly') {
    const from = asString(recurrence.from);
    const to = asString(recurrence.to);
    if (isYearMonth(from) && isYearMonth(to) && to < from) {
      push([...path, 'to'], 'month-range-reversed', {
        vi: `tháng cuối ${quote(to)} đứng trước tháng đầu ${quote(from)} của loại báo cáo ${quote(reportType.id)} — from phải là tháng đầu tiên, to là tháng cuối cùng`,
        en: `last month ${quote(to)} comes before first month ${quote(from)} of report type ${quote(reportType.id)} — from is the first month, to the last`,
      });
    }
  }
  if (recurrence.type === 'milestones') duplicateIds(recurrence.milestones, [...path, 'milestones'], 'milestones', push);
}

/**
 * A report type nobody has to submit. Read generously (a unit matching any of kinds, levels
 * or units counts) so this never disagrees with however the schedule combines them.
 */
function checkSomeoneReports(reportType: Loose, reporters: Loose, unitList: unknown, path: Path, push: Push): void {
  const kinds = new Set(stringsAt(reporters.kinds).map(([, k]) => k));
  const levels = new Set(stringsAt(reporters.levels).map(([, l]) => l));
  const listed = new Set(stringsAt(reporters.units).map(([, u]) => u));
  const excluded = new Set(stringsAt(reporters.exclude).map(([, u]) => u));
  if (kinds.size + levels.size + listed.size === 0) return; // the schema reports missing criteria
  const ids = new Set(asList(unitList).flatMap((entry) => asString(asRecord(entry)?.id) ?? []));
  if ([...listed].some((id) => !ids.has(id))) return; // an unknown unit is reported already
  const anyone = asList(unitList).some((entry) => {
    const unit = asRecord(entry);
    const id = asString(unit?.id);
    if (!unit || id === undefined || excluded.has(id)) return false;
    return listed.has(id) || kinds.has(String(unit.kind)) || levels.has(String(unit.level));
  });
  if (anyone) return;
  const criteria = [...kinds, ...levels, ...listed];
  push(path, 'no-reporters', {
    vi: `không đơn vị nào phải nộp loại báo cáo ${quote(reportType.id)}: không có đơn vị nào khớp ${quoteList(criteria)} (sau khi trừ exclude) — sửa kinds, levels, units hoặc bớt exclude`,
    en: `nobody has to submit report type ${quote(reportType.id)}: no unit matches ${quoteList(criteria)} (after exclude) — fix kinds, levels or units, or shorten exclude`,
  });
}
