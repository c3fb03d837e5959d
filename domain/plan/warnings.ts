/**
 * Warnings on a valid plan: not wrong, but probably not meant — a role nobody uses, a name or
 * an address left as a placeholder (people, units, roles, the contact person, upper levels), a merged unit whose successor does not take over the day
 * after. The plan still runs; `kyhan plan validate` prints them after its summary.
 * Warnings that need computed dates live with the schedule (`scheduleChecks`). Pure.
 */
import { addDays } from '../time';
import { firstFew, formatPath, problem, quote, type Language, type PathSegment, type PlanProblem } from './problems';
import type { Plan, Policies } from './schema';

export function planWarnings(plan: Plan, language: Language): PlanProblem[] {
  return [
    ...unusedRoles(plan, language),
    ...placeholderNames(plan, language),
    ...exampleAddresses(plan, language),
    ...contactsWithoutPhone(plan, language),
    ...successorGaps(plan, language),
  ];
}

function unusedRoles(plan: Plan, language: Language): PlanProblem[] {
  const used = new Set<string>(plan.people.flatMap((p) => p.roles));
  for (const { policies } of policySources(plan)) {
    for (const step of policies.escalation ?? []) step.notify.forEach((r) => used.add(r));
    for (const r of [...(policies.consolidation?.by ?? []), ...(policies.consolidation?.leaders ?? [])]) used.add(r);
  }
  return plan.roles.flatMap((role, i) =>
    used.has(role.id)
      ? []
      : [
          problem(['roles', i], 'unused-role', {
            vi: `vai trò "${role.id}" không ai giữ và không chính sách nào dùng — có thể xóa`,
            en: `role "${role.id}" is held by nobody and used by no policy — it can be removed`,
          }, language),
        ],
  );
}

/**
 * What a name left for someone to fill in looks like: the seed's "(Tên giả định)", a TODO, an
 * ellipsis, "xxx", or the textbook "Nguyễn Văn A" (a family name, Văn or Thị, one capital).
 */
const PLACEHOLDER = /giả định|\bTODO\b|placeholder|\bx{3,}\b|…|\.\.\./iu;
/** Case matters here: "Nguyễn Văn A" is the textbook name, "nhà văn A" a writer. */
const TEXTBOOK_NAME = /\p{Lu}\p{Ll}+ (?:Văn|Thị) \p{Lu}(?!\p{L})/u;

export function looksLikePlaceholder(name: string): boolean {
  const text = name.normalize('NFC');
  return PLACEHOLDER.test(text) || TEXTBOOK_NAME.test(text);
}

function placeholderNames(plan: Plan, language: Language): PlanProblem[] {
  const names: Array<[PathSegment[], string]> = [
    ...plan.roles.map((role, i): [PathSegment[], string] => [['roles', i, 'label'], role.label]),
    ...plan.people.map((person, i): [PathSegment[], string] => [['people', i, 'name'], person.name]),
    ...plan.units.flatMap((unit, i): Array<[PathSegment[], string]> => [
      [['units', i, 'name'], unit.name],
      [['units', i, 'shortName'], unit.shortName],
      ...(unit.addressee !== undefined ? [[['units', i, 'addressee'], unit.addressee] as [PathSegment[], string]] : []),
    ]),
    // Every letter ends with the contact person; the consolidated report names its upper levels.
    ...policySources(plan).flatMap(({ path, policies }): Array<[PathSegment[], string]> => [
      ...(policies.contact?.person !== undefined ? [[[...path, 'contact', 'person'], policies.contact.person] as [PathSegment[], string]] : []),
      ...(policies.consolidation?.upperLevels ?? []).map((level, k): [PathSegment[], string] =>
        typeof level === 'string' ? [[...path, 'consolidation', 'upperLevels', k], level] : [[...path, 'consolidation', 'upperLevels', k, 'name'], level.name],
      ),
    ]),
  ];
  return names
    .filter(([, name]) => looksLikePlaceholder(name))
    .map(([path, name]) =>
      problem(path, 'placeholder-name', {
        vi: `${quote(name)} có vẻ là tên tạm, chưa phải tên thật — thay bằng tên thật trước khi chạy kế hoạch: tên này được in trong thư và báo cáo`,
        en: `${quote(name)} looks like a placeholder, not a real name — replace it before running the plan: letters and reports print it`,
      }, language),
    );
}

/** Domains reserved for examples and tests (RFC 2606, RFC 6761): mail sent there reaches nobody. */
const RESERVED_DOMAIN = /@(?:[^@]+\.)?(?:example\.(?:org|com|net)|[^@.]+\.example|[^@.]+\.test|[^@.]+\.invalid)$/i;

export function isReservedAddress(email: string): boolean {
  return RESERVED_DOMAIN.test(email);
}

function exampleAddresses(plan: Plan, language: Language): PlanProblem[] {
  const addresses: Array<[PathSegment[], string]> = [
    ...plan.people.map((person, i): [PathSegment[], string] => [['people', i, 'email'], person.email]),
    ...plan.units.flatMap((unit, i) =>
      (['to', 'cc'] as const).flatMap((field) => unit.contacts[field].map((email, j): [PathSegment[], string] => [['units', i, 'contacts', field, j], email])),
    ),
    ...policySources(plan).flatMap(({ path, policies }): Array<[PathSegment[], string]> => [
      ...(policies.contact?.email !== undefined ? [[[...path, 'contact', 'email'], policies.contact.email] as [PathSegment[], string]] : []),
      ...(policies.consolidation?.upperLevels ?? []).flatMap((level, k): Array<[PathSegment[], string]> =>
        typeof level !== 'string' && level.email !== undefined ? [[[...path, 'consolidation', 'upperLevels', k, 'email'], level.email]] : [],
      ),
    ]),
  ];
  const reserved = addresses.filter(([, email]) => isReservedAddress(email));
  const [first] = reserved;
  if (!first) return [];
  const where = firstFew(reserved.map(([path]) => formatPath(path)), 'chỗ');
  const n = reserved.length;
  const domains = [...new Set(reserved.map(([, email]) => email.slice(email.lastIndexOf('@') + 1).toLowerCase()))].join(', ');
  return [
    problem(first[0], 'example-address', {
      vi: `${n} địa chỉ thư điện tử thuộc tên miền dành cho ví dụ và thử nghiệm (${domains}), thư gửi tới đó không đến ai: ${where.vi} — thay bằng địa chỉ thật trước khi chạy kế hoạch`,
      en: `${n} email address${n === 1 ? ' is' : 'es are'} at a domain reserved for examples and tests (${domains}), where mail reaches nobody: ${where.en} — replace them with real addresses before running the plan`,
    }, language),
  ];
}

/**
 * Every letter to a unit ends with whom to contact: a division alone gives the unit nobody to
 * call (DOMAIN: the division, the person, a phone number).
 */
function contactsWithoutPhone(plan: Plan, language: Language): PlanProblem[] {
  return policySources(plan).flatMap(({ path, policies }) => {
    const contact = policies.contact;
    if (!contact || contact.phone !== undefined) return [];
    const nobody = contact.person === undefined;
    return [
      problem([...path, 'contact'], 'contact-without-phone', {
        vi: `nơi liên hệ ${quote(contact.division)} không có số điện thoại${nobody ? ' và người liên hệ' : ''}, nên thư gửi đơn vị không cho biết gọi ai — thêm phone${nobody ? ' và person' : ''} (số điện thoại${nobody ? ', cán bộ đầu mối' : ''} của phòng)`,
        en: `the contact ${quote(contact.division)} has no phone${nobody ? ' and no person' : ''}, so the letters to units do not say whom to call — add phone${nobody ? ' and person' : ''}`,
      }, language),
    ];
  });
}

/** A merged unit's successor should exist the day after it ends, or its duties fall between them. */
function successorGaps(plan: Plan, language: Language): PlanProblem[] {
  const units = new Map(plan.units.map((unit) => [unit.id, unit]));
  return plan.units.flatMap((unit, i) => {
    const successor = unit.successor === undefined ? undefined : units.get(unit.successor);
    // Unknown successors and missing end dates are errors, reported by the cross-entry checks.
    if (!successor || successor.id === unit.id || unit.existsUntil === undefined) return [];
    const takeover = addDays(unit.existsUntil, 1);
    const startsLate = successor.existsFrom !== undefined && takeover < successor.existsFrom;
    const endsEarly = successor.existsUntil !== undefined && successor.existsUntil < takeover;
    if (!startsLate && !endsEarly) return [];
    const lifetime = {
      vi: `từ ${successor.existsFrom ?? '(không giới hạn)'} đến ${successor.existsUntil ?? '(không giới hạn)'}`,
      en: `from ${successor.existsFrom ?? '(no limit)'} until ${successor.existsUntil ?? '(no limit)'}`,
    };
    return [
      problem(['units', i, 'successor'], 'successor-not-existing', {
        vi: `đơn vị kế nhiệm ${quote(successor.id)} không tồn tại vào ngày ${takeover}, ngày sau khi ${quote(unit.id)} ngừng tồn tại (${unit.existsUntil}): nó chỉ tồn tại ${lifetime.vi} — sửa existsFrom/existsUntil của ${quote(successor.id)} để nó tồn tại từ ngày ${takeover}, hoặc sửa existsUntil của ${quote(unit.id)}`,
        en: `successor ${quote(successor.id)} does not exist on ${takeover}, the day after ${quote(unit.id)} ends (${unit.existsUntil}): it exists only ${lifetime.en} — correct existsFrom/existsUntil of ${quote(successor.id)} so it exists from ${takeover}, or correct existsUntil of ${quote(unit.id)}`,
      }, language),
    ];
  });
}

/** The plan's policies with where they are written: the defaults, then each report type's own. */
function policySources(plan: Plan): Array<{ path: PathSegment[]; policies: Policies }> {
  return [
    { path: ['defaults'], policies: plan.defaults },
    ...plan.reportTypes.flatMap((reportType, i) => (reportType.policies ? [{ path: ['reportTypes', i, 'policies'], policies: reportType.policies }] : [])),
  ];
}
