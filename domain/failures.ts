/**
 * Failure types kyhan raises, one string each (sent as `ApplicationFailure.type`), so clients
 * and scripts can tell cases apart without parsing messages.
 */
export const FailureType = {
  /** The unit is not part of this cycle. */
  UnknownUnit: 'UnknownUnit',
  /** The cycle no longer accepts changes: consolidated, cut off or cancelled. */
  CycleClosed: 'CycleClosed',
  /** An extension to a moment already past. */
  ExtensionInPast: 'ExtensionInPast',
  /** An extension beyond the cycle's cut-off. */
  ExtensionAfterCutoff: 'ExtensionAfterCutoff',
  /** The change makes no sense for the unit's state (e.g. returning a report never submitted). */
  InvalidUnitState: 'InvalidUnitState',
  /** The leaders' approval is not in a state that allows this (approving twice, before consolidation…). */
  InvalidApprovalState: 'InvalidApprovalState',
  /** A field of the request is missing or malformed. */
  InvalidRequest: 'InvalidRequest',
  /** An SMTP server refused a message for good (unknown mailbox…): not retried. */
  PermanentDeliveryFailure: 'PermanentDeliveryFailure',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];
