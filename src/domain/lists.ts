/**
 * The closed lists of the domain, mirrored once from the database enums
 * (db/migrations). test/db/lists.test.ts fails when the two disagree.
 */
export const STAFF_ROLES = ['owner', 'manager', 'promoter', 'door'] as const;
export const EVENT_STATUSES = ['draft', 'published', 'cancelled', 'completed'] as const;
export const RESERVATION_STATUSES = ['pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export const PASS_STATUSES = ['issued', 'checked_in', 'cancelled', 'revoked'] as const;
export const PASS_KINDS = ['host', 'guest'] as const;
export const SCAN_DIRECTIONS = ['entry', 'exit'] as const;
export const SCAN_DECISIONS = ['admit', 'deny'] as const;
export const ENTRY_TYPES = ['first_entry', 'reentry', 'exit'] as const;
export const SUBJECT_KINDS = ['vip_pass', 'ticket', 'guest'] as const;
/** May a code come back in: a ticket type's policy, an event's vipReentry (never never). */
export const REENTRY_POLICIES = ['never', 'after_exit', 'always'] as const;
export const COMMISSION_RULES = ['none', 'revenue_share', 'per_head'] as const;
/** A device is a scanner at a gate, or a point of sale that may only send a table's spend. */
export const DEVICE_ROLES = ['scanner', 'pos'] as const;
/** What closing the night found (db/migrations/012.do.deposits.sql says what each means). */
export const DISCREPANCY_KINDS = ['provider_ledger', 'admitted_unpaid', 'under_minimum', 'cash', 'after_close'] as const;
/**
 * Deny reasons, and the remarks an admission may carry (docs/api.md):
 * `reentry`, and `superseded` (an offline exit or re-entry uploaded after a
 * later movement of its subject: recorded, it moves nobody).
 */
export const SCAN_REASONS = [
  'unknown_code', 'invalid_signature', 'revoked', 'wrong_event', 'cancelled',
  'unpaid', 'reservation_not_confirmed', 'reservation_cancelled',
  'not_yet_valid', 'expired', 'already_used', 'already_inside', 'not_inside',
  'capacity_reached', 'reentry', 'superseded',
] as const;
/**
 * What an attention item is about (docs/api.md, "Attention inbox"): an
 * offline admission the server would have refused (double_admit: the code
 * was already used), a device clock off, and the fraud signals of live scans.
 */
export const ATTENTION_KINDS = [
  'double_admit', 'admitted_while_revoked', 'admitted_while_cancelled', 'admitted_while_unpaid',
  'admitted_while_invalid', 'clock_skew',
  'code_on_many_devices', 'unknown_code_burst', 'reentry_burst',
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];
/** Whose admissions a caller may undo: a scanner its own, an owner or manager any of the venue. */
export const ANNUL_AUTHORITIES = ['own_scans', 'any_scan'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];
export type PassStatus = (typeof PASS_STATUSES)[number];
export type PassKind = (typeof PASS_KINDS)[number];
export type ScanDirection = (typeof SCAN_DIRECTIONS)[number];
export type ScanDecision = (typeof SCAN_DECISIONS)[number];
export type EntryType = (typeof ENTRY_TYPES)[number];
/** Money (db/migrations/010.do.money.sql): a provider payment's state, a refund's, and the ledger's kinds of entry. */
export const PAYMENT_STATUSES = ['open', 'paid', 'failed', 'expired'] as const;
export const REFUND_STATUSES = ['requested', 'pending', 'succeeded', 'failed', 'refused'] as const;
export const LEDGER_KINDS = ['charge', 'fee', 'refund', 'refund_failed', 'dispute', 'dispute_reversal', 'deposit', 'spend', 'cash', 'comp'] as const;
export const ORDER_STATUSES = ['pending', 'paid', 'cancelled', 'refunded'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export type ReentryPolicy = (typeof REENTRY_POLICIES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export type ScanReason = (typeof SCAN_REASONS)[number];
export type AnnulAuthority = (typeof ANNUL_AUTHORITIES)[number];
export type CommissionRule = (typeof COMMISSION_RULES)[number];
export type DeviceRole = (typeof DEVICE_ROLES)[number];
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** Which database enum each list mirrors. */
export const ENUM_MIRRORS: Record<string, readonly string[]> = {
  staff_role: STAFF_ROLES,
  event_status: EVENT_STATUSES,
  reservation_status: RESERVATION_STATUSES,
  pass_status: PASS_STATUSES,
  pass_kind: PASS_KINDS,
  scan_direction: SCAN_DIRECTIONS,
  scan_decision: SCAN_DECISIONS,
  entry_type: ENTRY_TYPES,
  subject_kind: SUBJECT_KINDS,
  reentry_policy: REENTRY_POLICIES,
  scan_reason: SCAN_REASONS,
  attention_kind: ATTENTION_KINDS,
  annul_authority: ANNUL_AUTHORITIES,
  order_status: ORDER_STATUSES,
  payment_status: PAYMENT_STATUSES,
  refund_status: REFUND_STATUSES,
  ledger_kind: LEDGER_KINDS,
  commission_rule: COMMISSION_RULES,
  device_role: DEVICE_ROLES,
  discrepancy_kind: DISCREPANCY_KINDS,
};
