/**
 * The plan file's schema (zod). A plan is data: issuer, people and roles, units, report
 * types with their recurrence, and the reminder / escalation / consolidation policies.
 * Shape checks only; checks across entries (references, dates) live in `checks.ts`, run by
 * `validatePlan` in `validate.ts`.
 * Pure: safe to import in workflow code (but import it as a type there: zod schemas are
 * heavy and the sandbox copies module state per cached workflow).
 */
import { z } from 'zod';

// Named string formats: an issue carries `format: 'slug'` etc., so `validate.ts` can word it
// in the plan's language (a schema-level message would outrank any per-parse error map).
const slug = z.stringFormat('slug', /^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: 'must be a slug: lowercase letters, digits and single hyphens, e.g. "mttq-tinh"',
});

/** YAML turns `2020-01-05` into a Date unless quoted: accept both, keep the civil date. */
const localDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.stringFormat('local-date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'must be a date YYYY-MM-DD, e.g. "2020-01-15"' }),
);
const yearMonth = z.stringFormat('year-month', /^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month YYYY-MM, e.g. "2020-01"' });
const localTime = z.stringFormat('local-time', /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, {
  error: 'must be a time of day HH:mm, e.g. "17:00"',
});
const isoDuration = z.stringFormat('iso-duration', /^-?P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, {
  error: 'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. "P2D", "PT30M", "-PT90S"',
});
const email = z.email({ error: 'must be an email address, e.g. "van-phong@example.org"' });

/**
 * A moment relative to a due moment: whole working days on the plan's business calendar at
 * a local time of day, or an exact ISO 8601 duration (down to seconds, for demos and tests).
 * Negative = before the due moment.
 */
export const OffsetSchema = z.union([
  z.strictObject({
    workingDays: z.int({ error: 'must be a whole number of working days, negative for before' }),
    /** Local time of day; defaults to the plan's `calendar.notifyAt`. */
    at: localTime.optional(),
  }),
  z.strictObject({ duration: isoDuration }),
]);
export type Offset = z.infer<typeof OffsetSchema>;

/** A day within a month, for plans that name a month and not a day. */
export const DayRuleSchema = z.strictObject({
  /** Day of the month, or "last". */
  day: z.union([z.int().min(1).max(31), z.literal('last')], { error: 'must be a day of the month 1–31 or "last"' }),
  /** Which month, counted from the period's month: 0 = the same month, 1 = the month after. */
  monthOffset: z.int().min(0).max(12).default(0),
  /** Local time of the due moment; defaults to `calendar.dueTime`. */
  at: localTime.optional(),
});
export type DayRule = z.infer<typeof DayRuleSchema>;

export const UnitKindSchema = z.enum([
  'front-committee', // Ủy ban Mặt trận Tổ quốc
  'socio-political-organisation', // đoàn thể chính trị - xã hội
  'mass-association', // hội quần chúng
  'district-board', // Ban Dân vận huyện, thị, thành ủy
  'affiliated-party-committee', // đảng ủy trực thuộc
  'board-division', // phòng thuộc Ban
  'other',
]);
export type UnitKind = z.infer<typeof UnitKindSchema>;

export const LevelSchema = z.enum(['grassroots', 'district', 'provincial', 'national']);
export type Level = z.infer<typeof LevelSchema>;

export const PersonSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  /** Title as written in letters, e.g. "Phó Trưởng ban". */
  title: z.string().min(1).optional(),
  email,
  roles: z.array(slug).min(1, { error: 'must name at least one role' }),
  /** People come and go (a new head, a retirement): the dates they hold their roles, inclusive. */
  existsFrom: localDate.optional(),
  existsUntil: localDate.optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const RoleSchema = z.strictObject({
  id: slug,
  /** As written in letters, in the plan's language, e.g. "Trưởng ban". */
  label: z.string().min(1),
  /**
   * How a holder of this role signs a report: `head` as the head ("TRƯỞNG BAN"), `deputy` on
   * the head's behalf ("K/T TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN"). Roles without it do not sign.
   */
  signsAs: z.enum(['head', 'deputy']).optional(),
});
export type Role = z.infer<typeof RoleSchema>;

export const UnitSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  shortName: z.string().min(1),
  kind: UnitKindSchema,
  level: LevelSchema,
  /** Unit id of the parent, if it is in the plan. */
  parent: slug.optional(),
  contacts: z.strictObject({
    to: z.array(email).min(1, { error: 'must list at least one address' }),
    cc: z.array(email).default([]),
  }),
  /**
   * Whom a letter addresses: the unit's leading body, e.g. "Ban Thường trực Ủy ban MTTQ Việt
   * Nam tỉnh", "Ban Thường vụ Tỉnh Đoàn". Defaults to the unit's name.
   */
  addressee: z.string().min(1).optional(),
  /** Administrative units merge and split: the plan outlives them. Inclusive dates. */
  existsFrom: localDate.optional(),
  existsUntil: localDate.optional(),
  /** The unit that took over this one's duties after `existsUntil` (a merger), if in the plan. */
  successor: slug.optional(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const ReportersSchema = z
  .strictObject({
    kinds: z.array(UnitKindSchema).optional(),
    levels: z.array(LevelSchema).optional(),
    /** Explicit unit ids; each must exist during every cycle it is required in. */
    units: z.array(slug).optional(),
    exclude: z.array(slug).optional(),
  })
  .refine((r) => r.kinds || r.levels || r.units, {
    error: 'must name reporters by kinds, levels or units',
    params: { code: 'no-reporter-criteria' },
  });
export type Reporters = z.infer<typeof ReportersSchema>;

export const ReminderSchema = OffsetSchema;
export const EscalationStepSchema = z.union([
  z.strictObject({ workingDays: z.int().min(0), at: localTime.optional(), notify: z.array(slug).min(1) }),
  z.strictObject({ duration: isoDuration, notify: z.array(slug).min(1) }),
]);
export type EscalationStep = z.infer<typeof EscalationStepSchema>;

/** The object form first: a mistyped address is then reported as an address, not as "must be a string". */
export const UpperLevelSchema = z.union([
  z.strictObject({
    name: z.string().min(1),
    email: email.optional(),
    /** Upper levels are reorganised too: the dates the body exists, inclusive. */
    existsFrom: localDate.optional(),
    existsUntil: localDate.optional(),
  }),
  z.string().min(1),
]);
export type UpperLevelEntry = z.infer<typeof UpperLevelSchema>;

export const ConsolidationPolicySchema = z.strictObject({
  /** Roles of the staff who consolidate. */
  by: z.array(slug).min(1),
  /** Roles of the leaders who receive (and approve) the consolidated report. */
  leaders: z.array(slug).default([]),
  /** After the due moment: when the cycle stops waiting and consolidates whoever reported. */
  cutoff: OffsetSchema,
  /** After the cut-off: when the consolidated report is due to the upper levels. */
  reportDue: OffsetSchema.optional(),
  /**
   * Upper levels that receive the consolidated report once the leaders approve it: a name, or
   * a name and the address kyhan mails the report to (without one, staff send it and mark it sent).
   */
  upperLevels: z.array(UpperLevelSchema).default([]),
});

export const PoliciesSchema = z.strictObject({
  /** When a cycle opens (its notice goes out), relative to the due moment (negative). */
  opens: OffsetSchema.optional(),
  reminders: z.array(ReminderSchema).optional(),
  escalation: z.array(EscalationStepSchema).optional(),
  consolidation: ConsolidationPolicySchema.optional(),
  /** How units submit, shown in the notice. */
  submission: z.string().min(1).optional(),
  /** Whom a unit contacts about the report: every letter ends with it. */
  contact: z
    .strictObject({
      /** The division that follows the report, e.g. "Phòng Đoàn thể"; it writes the internal notes to leaders. */
      division: z.string().min(1),
      person: z.string().min(1).optional(),
      phone: z.string().min(1).optional(),
      email: email.optional(),
    })
    .optional(),
});
export type Policies = z.infer<typeof PoliciesSchema>;

export const RecurrenceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('monthly'),
    /** First and last reporting month, inclusive. */
    from: yearMonth,
    to: yearMonth,
    due: DayRuleSchema,
    /**
     * What some months' reports focus on, e.g. "Đại hội cấp cơ sở" in 2020-06: said in that
     * month's letters, so a phase of the plan needs no second report for the same content.
     */
    focus: z.array(z.strictObject({ month: yearMonth, label: z.string().min(1) })).default([]),
  }),
  z.strictObject({
    type: z.literal('milestones'),
    milestones: z
      .array(
        z.strictObject({
          id: slug,
          /** Period label, e.g. "Đại hội cấp cơ sở". */
          label: z.string().min(1),
          /** The month the plan names ("Đến tháng 6/2020"), turned into a day by `due`. */
          month: yearMonth,
          due: DayRuleSchema.optional(),
        }),
      )
      .min(1),
    /** Day rule for milestones that give only a month. */
    due: DayRuleSchema,
  }),
  z.strictObject({
    type: z.literal('once'),
    period: z.strictObject({ id: slug, label: z.string().min(1) }),
    dueDate: localDate,
    at: localTime.optional(),
  }),
  z.strictObject({
    /** One cycle due a fixed time after the plan is started (`kyhan plan start`): demos and drills. */
    type: z.literal('after-start'),
    period: z.strictObject({ id: slug, label: z.string().min(1) }),
    dueAfter: isoDuration,
  }),
  z.strictObject({
    type: z.literal('adhoc'),
    /** Due date when staff start a cycle without giving one, relative to its opening. */
    defaultDue: OffsetSchema.optional(),
  }),
]);
export type Recurrence = z.infer<typeof RecurrenceSchema>;

/** A day relative to the period's month, for the data window. */
const WindowDaySchema = z.strictObject({
  day: z.union([z.int().min(1).max(31), z.literal('last')], { error: 'must be a day of the month 1–31 or "last"' }),
  /** Months from the period's month: -1 = the month before. */
  monthOffset: z.int().min(-12).max(12).default(0),
});

/**
 * The dates the report's figures cover, relative to the period's month, e.g. from the 15th of
 * the month before to the 14th (Decree 09/2019/NĐ-CP Art. 12(1), which a Party plan applies by
 * analogy). Every letter of a cycle states it.
 */
export const DataWindowSchema = z.strictObject({
  from: WindowDaySchema,
  to: WindowDaySchema,
  /** Why the window is what it is, for the plan's reader (not shown in letters). */
  basis: z.string().min(1).optional(),
});
export type DataWindow = z.infer<typeof DataWindowSchema>;

export const ReportTypeSchema = z.strictObject({
  id: slug,
  /** The report's name without its period: "Báo cáo tình hình nhân dân đối với Đại hội đảng các cấp". */
  title: z.string().min(1),
  /** What units send: a report (báo cáo), or a plan (kế hoạch) as item III.1 asks. Changes the letters' words. */
  document: z.enum(['report', 'plan']).default('report'),
  /**
   * `paper`: the report may be classified ("Mật") and travels on paper or through the Party
   * network only: kyhan records its arrival, takes no upload, emails no attachment, and says so.
   */
  delivery: z.enum(['online', 'paper']).default('online'),
  /** An urgent report (báo cáo nhanh): its policies are counted in hours and it goes up the same day. */
  urgent: z.boolean().default(false),
  dataWindow: DataWindowSchema.optional(),
  /** Where the plan asks for it, e.g. "II.5". */
  planItem: z.string().min(1).optional(),
  reporters: ReportersSchema,
  recurrence: RecurrenceSchema,
  policies: PoliciesSchema.optional(),
});
export type ReportType = z.infer<typeof ReportTypeSchema>;

export const CalendarSchema = z.strictObject({
  /** Weekday numbers off work, 0 = Sunday. */
  weekend: z.array(z.int().min(0).max(6)).default([0, 6]),
  /** Official holidays and each year's decisions of this country. */
  holidays: z.enum(['VN', 'none']).default('VN'),
  /** Where a due date that falls on a non-working day goes. */
  nonWorkingDayRule: z.enum(['next-working-day', 'previous-working-day', 'keep']).default('next-working-day'),
  /** Default local time of due moments and of working-day offsets. */
  dueTime: localTime.default('17:00'),
  notifyAt: localTime.default('08:00'),
  workingHours: z.strictObject({ start: localTime, end: localTime }).default({ start: '07:30', end: '17:00' }),
  extraDaysOff: z.array(z.strictObject({ date: localDate, reason: z.string().min(1) })).default([]),
  extraWorkingDays: z.array(z.strictObject({ date: localDate, reason: z.string().min(1) })).default([]),
});
export type CalendarSettings = z.infer<typeof CalendarSchema>;

export const PlanSchema = z.strictObject({
  /** Stable id of the plan, part of every workflow id. */
  id: slug,
  /** Plan file format version. */
  version: z.literal(1),
  title: z.string().min(1),
  issuer: z.strictObject({
    name: z.string().min(1),
    documentNumber: z.string().min(1),
    date: localDate,
    /** How the issuer signs letters, e.g. "Ban Dân vận Tỉnh ủy Bình Thuận". */
    signature: z.string().min(1).optional(),
    /** What the plan is about, after "về" in the basis line: "công tác dân vận tham gia …". */
    about: z.string().min(1).optional(),
    /** The body the issuer belongs to, first line of a document's header: "Tỉnh ủy Bình Thuận". */
    superior: z.string().min(1).optional(),
    /** The issuer's name under its superior in the header: "Ban Dân vận". Defaults to `name`. */
    shortName: z.string().min(1).optional(),
    /** Where its documents are dated: "Bình Thuận" in "Bình Thuận, ngày 20 tháng 3 năm 2020". */
    place: z.string().min(1).optional(),
    /** The issuer's symbol in document numbers ("-BC/BDVTU"). Defaults to what follows the last "/" of `documentNumber`. */
    symbol: z.string().min(1).optional(),
    /** The issuer is reorganised too (Ban Dân vận merged into Ban Tuyên giáo và Dân vận, 2/2025). Inclusive. */
    existsUntil: localDate.optional(),
    /** The body that took over the issuer's duties after `existsUntil`. */
    successor: z.string().min(1).optional(),
  }),
  timeZone: z.string().default('Asia/Ho_Chi_Minh'),
  language: z.enum(['vi', 'en']).default('vi'),
  calendar: CalendarSchema.default(CalendarSchema.parse({})),
  roles: z.array(RoleSchema).min(1),
  people: z.array(PersonSchema).min(1),
  units: z.array(UnitSchema).min(1),
  defaults: PoliciesSchema.default({}),
  reportTypes: z.array(ReportTypeSchema).min(1),
});
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;
