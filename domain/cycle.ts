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

export interface CycleSpec {
  /** Derived, stable: `<planId>/<reportTypeId>/<periodId>`. */
  id: string;
  planId: string;
  language: Language;
  timeZone: string;
  issuer: { name: string; documentNumber: string };
  reportType: { id: string; title: string };
  period: { id: string; label: string };
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
