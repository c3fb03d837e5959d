/**
 * A fully computed reporting cycle: what the `reportingCycle` workflow is started with.
 * Every instant is absolute (ISO 8601 with offset), every recipient resolved to an email,
 * so a running cycle never depends on the plan file changing later.
 * Pure data: safe inside the workflow sandbox.
 */

/** An ISO 8601 instant with its UTC offset, e.g. `2020-02-05T17:00:00+07:00`. */
export type Instant = string;

export type Language = 'vi' | 'en';

/** A person or mailbox that receives email. */
export interface Recipient {
  /** Stable key: a unit id, or a person id from the plan. Used in deterministic Message-IDs. */
  key: string;
  name: string;
  email: string;
}

/** An upper level (Provincial Standing Committee, Central Board…) and, if the plan gives one, its address. */
export interface UpperLevel {
  name: string;
  email?: string;
}

export interface CycleUnit {
  id: string;
  /** Full Vietnamese name, e.g. "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh". */
  name: string;
  shortName: string;
  /** Whom letters address, when the plan names the unit's leading body: "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh". */
  addressee?: string;
  /** Addresses the unit's mail goes to, and copies. */
  to: Recipient[];
  cc: Recipient[];
}

export interface CycleReminder {
  at: Instant;
  /** Before or after the due moment: changes the wording of the email. */
  relation: 'before' | 'after';
}

export interface CycleEscalationStep {
  /** 1-based position on the ladder. */
  step: number;
  at: Instant;
  /** Leaders who receive the digest of overdue units at this step. */
  recipients: Recipient[];
  /** Role names of the recipients, for the text ("Phó Trưởng ban"). */
  roleLabel: string;
}

/** The issuer as its documents and letters name it. Fields beyond name and number are absent from cycles started before they existed. */
export interface CycleIssuer {
  name: string;
  documentNumber: string;
  /** The plan's date, `YYYY-MM-DD`: "Kế hoạch số 129-KH/BDVTU, ngày 12/11/2019". */
  date?: string;
  /** After "về" in the basis line. */
  about?: string;
  /** Header, first line: "Tỉnh ủy Bình Thuận". */
  superior?: string;
  /** Header, second line: "Ban Dân vận". */
  shortName?: string;
  /** "Bình Thuận" in "Bình Thuận, ngày … tháng … năm …". */
  place?: string;
  /** "BDVTU" in "Số -BC/BDVTU". */
  symbol?: string;
}

/** Whom a unit contacts about the report. */
export interface CycleContact {
  division: string;
  person?: string;
  phone?: string;
  email?: string;
}

/** Who signs the consolidated report: "TRƯỞNG BAN", or "K/T TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN". */
export interface CycleSigner {
  name: string;
  /** The signer's own role as written: "Trưởng ban", "Phó Trưởng ban". */
  title: string;
  /** When a deputy signs on the head's behalf: the head's title ("Trưởng ban"). */
  onBehalfOf?: string;
}

/** The business calendar working days are counted on (escalations, days late). */
export interface CycleCalendar {
  weekend: number[];
  holidays: 'VN' | 'none';
  extraDaysOff: { date: string; reason: string }[];
  extraWorkingDays: { date: string; reason: string }[];
}

export interface CycleSpec {
  /** Derived, stable: `<planId>/<reportTypeId>/<periodId>`. */
  id: string;
  planId: string;
  language: Language;
  timeZone: string;
  issuer: CycleIssuer;
  reportType: {
    id: string;
    /** Without the period: the report's name is the title and the period label, once. */
    title: string;
    /** Present when units send a plan (kế hoạch), not a report. */
    document?: 'plan';
    /** Present when the report travels on paper only (it may be classified): no upload, no attachment by email. */
    delivery?: 'paper';
    /** Present for an urgent report (báo cáo nhanh). */
    urgent?: true;
  };
  period: {
    id: string;
    /** In words, e.g. "tháng 3/2020". */
    label: string;
    /** The dates the figures cover, `YYYY-MM-DD`, inclusive. */
    dataWindow?: { from: string; to: string };
    /** What this period's report focuses on, e.g. "Đại hội cấp cơ sở". */
    focus?: string;
  };
  /** Whom units contact; every letter ends with it. */
  contact?: CycleContact;
  calendar?: CycleCalendar;
  opensAt: Instant;
  dueAt: Instant;
  /** After this instant nothing more is awaited: consolidation starts with whoever reported. */
  cutoffAt: Instant;
  units: CycleUnit[];
  reminders: CycleReminder[];
  escalations: CycleEscalationStep[];
  consolidation: {
    /** Staff who consolidate: they receive the consolidated document and delivery-failure reports. */
    by: Recipient[];
    /** Leaders who receive the consolidated report too. */
    leaders: Recipient[];
    /** When the consolidated report is due to the upper levels, if the plan says. */
    dueAt?: Instant;
    /** Who signs the consolidated report (the plan's first signing leader). */
    signer?: CycleSigner;
    /**
     * Upper levels the consolidated report goes to once the leaders approve it: mailed to those
     * with an address, marked sent by hand by staff for the others. Cycles started before
     * addresses existed carry plain names: read them through `upperLevelsOf`.
     */
    upperLevels: (UpperLevel | string)[];
  };
  /** How units submit, in the plan's language (shown in the notice). */
  submissionInstructions: string;
}

/**
 * The cycle's upper levels as records, whatever shape the cycle was started with (plain names
 * before addresses existed), each with a stable key for its Message-ID: its position.
 */
export function upperLevelsOf(cycle: { consolidation: { upperLevels: (UpperLevel | string)[] } }): (UpperLevel & { key: string })[] {
  return cycle.consolidation.upperLevels.map((level, index) => ({ ...(typeof level === 'string' ? { name: level } : level), key: `upper-level-${index + 1}` }));
}
