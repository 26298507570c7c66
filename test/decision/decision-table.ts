import { SUBJECT_KINDS, type EntryType, type ReservationStatus, type ScanReason, type SubjectKind } from '../../src/domain/lists.js';

/**
 * The door's decision as one table of cases: what the code is, what state
 * its subject is in, which scanner reads it, and what the answer must be.
 * test/decision/decision-table.test.ts runs every row through the server's
 * redeem_scan (db/functions/redeem_scan.sql) and through the phone's offline
 * decision over door data (src/offline/decide-offline.ts); both must give
 * the row's answer. Each row is one fact away
 * from a plain first entry, so a row names exactly the rule it tests.
 */
export interface DecisionCase {
  name: string;
  kind: SubjectKind;
  /** signed (default): the subject's own code; plain: a random token (passes only). */
  code?: 'signed' | 'plain' | 'unknown' | 'tampered' | 'typed-tampered' | 'old-serial' | 'revoked-key' | 'other-event-key';
  direction?: 'entry' | 'exit';
  /** bound (default): a scanner bound to the code's event; unbound; other-event: bound to another event. */
  scanner?: 'bound' | 'unbound' | 'other-event';
  subject?: { status?: 'issued' | 'checked_in' | 'cancelled' | 'revoked'; inside?: boolean };
  /** The ticket type's re-entry policy, or the event's vipReentry for a pass. */
  reentry?: 'never' | 'after_exit' | 'always';
  order?: 'paid' | 'pending' | 'cancelled' | 'refunded';
  /** For a pass, its reservation; for a ticket, the reservation it is linked to (none when absent). */
  reservation?: ReservationStatus;
  /** The event's door window, relative to now. */
  window?: 'open' | 'not-yet' | 'over';
  /** The ticket type's validity, relative to now; for a guest, over: the list's admitUntil has passed. */
  validity?: 'not-yet' | 'over';
  /** A guest's party: plus-ones (default 1), people let in and inside (default none). */
  party?: { plusOnes?: number; entries: number; inside: number };
  /** The event has a capacity of 1 and someone else is inside. */
  full?: boolean;
  expect: { reason: ScanReason | null; entryType: EntryType | null };
}

const admit = (entryType: EntryType, reason: ScanReason | null = null) => ({ reason, entryType });
const deny = (reason: ScanReason) => ({ reason, entryType: null });

/** Reasons a kind can never get, and why (the table's coverage check skips these pairs). */
export const NOT_APPLICABLE: Partial<Record<ScanReason, Partial<Record<SubjectKind, string>>>> = {
  unpaid: {
    vip_pass: 'a pass is issued only when its reservation is confirmed',
    guest: 'a guest-list guest pays nothing through Maguey Pass',
  },
  already_used: { vip_pass: 'VIP passes re-enter (vipReentry is always or after_exit, never never)' },
  already_inside: { guest: 'a party scanned with nobody out is either not all in (a first entry) or all in (already_used)' },
  reservation_not_confirmed: { guest: 'a guest belongs to a list, not to a table' },
  reservation_cancelled: { guest: 'a guest belongs to a list, not to a table' },
  // Not a decision but where an upload lands (test/offline/placement.test.ts).
  superseded: Object.fromEntries(SUBJECT_KINDS.map((kind) => [kind, 'an offline scan placed before a later movement: the server places it, the phone never decides it'])),
};

export const DECISION_TABLE: DecisionCase[] = [
  // VIP passes
  { name: 'a pass comes in for the first time', kind: 'vip_pass', expect: admit('first_entry') },
  { name: 'a plain pass token comes in', kind: 'vip_pass', code: 'plain', expect: admit('first_entry') },
  { name: 'a pass comes back after an exit', kind: 'vip_pass', subject: { status: 'checked_in' }, expect: admit('reentry', 'reentry') },
  { name: 'a pass scanned again while inside (vipReentry always)', kind: 'vip_pass', subject: { status: 'checked_in', inside: true }, expect: admit('reentry', 'reentry') },
  { name: 'a pass scanned again while inside (vipReentry after_exit)', kind: 'vip_pass', reentry: 'after_exit', subject: { status: 'checked_in', inside: true }, expect: deny('already_inside') },
  { name: 'a guest inside leaves', kind: 'vip_pass', direction: 'exit', subject: { status: 'checked_in', inside: true }, expect: admit('exit') },
  { name: 'a pass that never came in tries to leave', kind: 'vip_pass', direction: 'exit', expect: deny('not_inside') },
  { name: 'text nobody issued', kind: 'vip_pass', code: 'unknown', expect: deny('unknown_code') },
  { name: 'a pass code with a changed character, read by the camera', kind: 'vip_pass', code: 'tampered', expect: deny('invalid_signature') },
  { name: 'a pass code with a changed character, typed', kind: 'vip_pass', code: 'typed-tampered', expect: deny('unknown_code') },
  { name: 'a pass signed with another event’s key', kind: 'vip_pass', code: 'other-event-key', expect: deny('invalid_signature') },
  { name: 'a pass at a scanner of another event', kind: 'vip_pass', scanner: 'other-event', expect: deny('wrong_event') },
  { name: 'a revoked pass', kind: 'vip_pass', subject: { status: 'revoked' }, expect: deny('revoked') },
  { name: 'a pass’s old code after a re-issue', kind: 'vip_pass', code: 'old-serial', expect: deny('revoked') },
  { name: 'a pass signed with a revoked key', kind: 'vip_pass', code: 'revoked-key', expect: deny('revoked') },
  { name: 'a cancelled pass', kind: 'vip_pass', subject: { status: 'cancelled' }, expect: deny('cancelled') },
  { name: 'a pass of a cancelled reservation', kind: 'vip_pass', reservation: 'cancelled', expect: deny('reservation_cancelled') },
  { name: 'a pass of a no-show reservation', kind: 'vip_pass', reservation: 'no_show', expect: deny('reservation_not_confirmed') },
  { name: 'a pass before the door opens', kind: 'vip_pass', window: 'not-yet', scanner: 'unbound', expect: deny('not_yet_valid') },
  { name: 'a pass after the door closed', kind: 'vip_pass', window: 'over', expect: deny('expired') },
  { name: 'a guest leaves after the door closed', kind: 'vip_pass', window: 'over', direction: 'exit', subject: { status: 'checked_in', inside: true }, expect: admit('exit') },
  { name: 'a pass when the venue is full', kind: 'vip_pass', full: true, expect: deny('capacity_reached') },
  // GA tickets
  { name: 'a ticket comes in for the first time', kind: 'ticket', expect: admit('first_entry') },
  { name: 'a single-entry ticket scanned again', kind: 'ticket', subject: { status: 'checked_in' }, expect: deny('already_used') },
  { name: 'an after_exit ticket scanned again while inside', kind: 'ticket', reentry: 'after_exit', subject: { status: 'checked_in', inside: true }, expect: deny('already_inside') },
  { name: 'an after_exit ticket comes back after an exit', kind: 'ticket', reentry: 'after_exit', subject: { status: 'checked_in' }, expect: admit('reentry', 'reentry') },
  { name: 'an always ticket scanned again while inside', kind: 'ticket', reentry: 'always', subject: { status: 'checked_in', inside: true }, expect: admit('reentry', 'reentry') },
  { name: 'a ticket holder inside leaves', kind: 'ticket', direction: 'exit', subject: { status: 'checked_in', inside: true }, expect: admit('exit') },
  { name: 'a cancelled ticket’s holder inside may still leave', kind: 'ticket', direction: 'exit', order: 'cancelled', subject: { status: 'checked_in', inside: true }, expect: admit('exit') },
  { name: 'a ticket that never came in tries to leave', kind: 'ticket', direction: 'exit', expect: deny('not_inside') },
  { name: 'a ticket of an unpaid order', kind: 'ticket', order: 'pending', expect: deny('unpaid') },
  { name: 'a ticket of a cancelled order', kind: 'ticket', order: 'cancelled', expect: deny('cancelled') },
  { name: 'a ticket of a refunded order', kind: 'ticket', order: 'refunded', expect: deny('cancelled') },
  { name: 'a revoked ticket', kind: 'ticket', subject: { status: 'revoked' }, expect: deny('revoked') },
  { name: 'a ticket’s old code after a re-issue', kind: 'ticket', code: 'old-serial', expect: deny('revoked') },
  { name: 'a ticket signed with a revoked key', kind: 'ticket', code: 'revoked-key', expect: deny('revoked') },
  { name: 'a ticket code with a changed character, read by the camera', kind: 'ticket', code: 'tampered', expect: deny('invalid_signature') },
  { name: 'a ticket code with a changed character, typed', kind: 'ticket', code: 'typed-tampered', expect: deny('unknown_code') },
  { name: 'a ticket signed with another event’s key', kind: 'ticket', code: 'other-event-key', expect: deny('invalid_signature') },
  { name: 'text nobody issued, at a ticket door', kind: 'ticket', code: 'unknown', expect: deny('unknown_code') },
  { name: 'a ticket at a scanner of another event', kind: 'ticket', scanner: 'other-event', expect: deny('wrong_event') },
  { name: 'a ticket before its type is valid', kind: 'ticket', validity: 'not-yet', expect: deny('not_yet_valid') },
  { name: 'a ticket after its type stopped being valid', kind: 'ticket', validity: 'over', expect: deny('expired') },
  { name: 'a ticket before the door opens', kind: 'ticket', window: 'not-yet', expect: deny('not_yet_valid') },
  { name: 'a ticket after the door closed', kind: 'ticket', window: 'over', scanner: 'unbound', expect: deny('expired') },
  { name: 'a ticket linked to a cancelled reservation', kind: 'ticket', reservation: 'cancelled', expect: deny('reservation_cancelled') },
  { name: 'a ticket linked to a no-show reservation', kind: 'ticket', reservation: 'no_show', expect: deny('reservation_not_confirmed') },
  { name: 'a ticket linked to a confirmed table comes in', kind: 'ticket', reservation: 'confirmed', expect: admit('first_entry') },
  { name: 'a ticket when the venue is full', kind: 'ticket', full: true, expect: deny('capacity_reached') },
  // Guest-list guests: the code admits the party (plus-ones + 1), one person per entry
  { name: 'a guest comes in for the first time', kind: 'guest', expect: admit('first_entry') },
  { name: 'the plus-one of a guest comes in', kind: 'guest', party: { entries: 1, inside: 1 }, expect: admit('first_entry') },
  { name: 'a guest whose whole party is in', kind: 'guest', party: { entries: 2, inside: 2 }, expect: deny('already_used') },
  { name: 'a guest with no plus-ones scanned again', kind: 'guest', party: { plusOnes: 0, entries: 1, inside: 1 }, expect: deny('already_used') },
  { name: 'one of a party all in comes back after an exit', kind: 'guest', party: { entries: 2, inside: 1 }, expect: admit('reentry', 'reentry') },
  { name: 'one of a guest’s party leaves', kind: 'guest', direction: 'exit', party: { entries: 2, inside: 2 }, expect: admit('exit') },
  { name: 'a guest whose party all left tries to leave', kind: 'guest', direction: 'exit', party: { entries: 2, inside: 0 }, expect: deny('not_inside') },
  { name: 'a guest after the list’s admitUntil', kind: 'guest', validity: 'over', expect: deny('expired') },
  { name: 'a guest inside leaves after the list’s admitUntil', kind: 'guest', validity: 'over', direction: 'exit', party: { entries: 1, inside: 1 }, expect: admit('exit') },
  { name: 'a guest before the door opens', kind: 'guest', window: 'not-yet', expect: deny('not_yet_valid') },
  { name: 'a guest after the door closed', kind: 'guest', window: 'over', scanner: 'unbound', expect: deny('expired') },
  { name: 'a guest taken off the list', kind: 'guest', subject: { status: 'cancelled' }, expect: deny('cancelled') },
  { name: 'a revoked guest', kind: 'guest', subject: { status: 'revoked' }, expect: deny('revoked') },
  { name: 'a guest’s old code after a re-issue', kind: 'guest', code: 'old-serial', expect: deny('revoked') },
  { name: 'a guest signed with a revoked key', kind: 'guest', code: 'revoked-key', expect: deny('revoked') },
  { name: 'a guest code with a changed character, read by the camera', kind: 'guest', code: 'tampered', expect: deny('invalid_signature') },
  { name: 'a guest code with a changed character, typed', kind: 'guest', code: 'typed-tampered', expect: deny('unknown_code') },
  { name: 'a guest signed with another event’s key', kind: 'guest', code: 'other-event-key', expect: deny('invalid_signature') },
  { name: 'text nobody issued, at a guest-list door', kind: 'guest', code: 'unknown', expect: deny('unknown_code') },
  { name: 'a guest at a scanner of another event', kind: 'guest', scanner: 'other-event', expect: deny('wrong_event') },
  { name: 'a guest when the venue is full', kind: 'guest', full: true, expect: deny('capacity_reached') },
];
