import type { Static } from 'typebox';
import type { ScanAnswer as ScanAnswerSchema } from '../http/schemas.js';
import type { EntryType, ReservationStatus, ScanDecision, ScanDirection, ScanReason, SubjectKind } from './lists.js';

/** A row of the scan_answers view (db/views/scan_answers.sql), as redeem_scan() returns it. */
export interface ScanAnswerRow {
  scan_id: string;
  venue_id: string;
  event_id: string | null;
  device_id: string | null;
  staff_id: string | null;
  gate: string;
  direction: ScanDirection;
  decision: ScanDecision;
  entry_type: EntryType | null;
  reason: ScanReason | null;
  subject_kind: SubjectKind | null;
  subject_id: string | null;
  reservation_id: string | null;
  offline: boolean;
  /** The attention item of an offline admission the server refused (db/functions/admit_offline_scan.sql). */
  conflict_id: string | null;
  scanned_at: string | Date | null;
  recorded_at: string | Date;
  pass_number: number | null;
  holder_name: string | null;
  table_number: string | null;
  guest_count: number | null;
  checked_in_guests: number | null;
  reservation_status: ReservationStatus | null;
  first_entry_at: string | Date | null;
  first_entry_gate: string | null;
  first_entry_device_name: string | null;
  inside_since: string | Date | null;
  subject_event_id: string | null;
  event_name: string | null;
  event_starts_at: string | Date | null;
  timezone: string | null;
  ticket_type_name: string | null;
  annulled_at: string | Date | null;
  /** A guest-list guest's plus-ones, list and entry condition (null for passes and tickets). */
  guest_plus_ones: number | null;
  guest_list_name: string | null;
  admit_until: string | Date | null;
  replayed?: boolean;
}

/** The answer of POST /v1/scans (docs/api.md): the type of its schema (src/http/schemas.ts), written once there. */
export type ScanAnswer = Static<typeof ScanAnswerSchema>;
export type Severity = ScanAnswer['severity'];

/** The reasons of a denial: every reason but an admission's remarks. */
type DenialReason = Exclude<ScanReason, 'reentry' | 'superseded'>;

const DENIAL_TEXT: Record<DenialReason, string> = {
  unknown_code: 'Unknown code · check the code',
  invalid_signature: 'Forged code · call security',
  revoked: 'Code revoked',
  wrong_event: 'Wrong event',
  cancelled: 'Cancelled',
  unpaid: 'Not paid',
  reservation_not_confirmed: 'Reservation not confirmed',
  reservation_cancelled: 'Reservation cancelled',
  not_yet_valid: 'Not valid yet',
  expired: 'Expired',
  already_used: 'Already used',
  already_inside: 'Already inside',
  not_inside: 'Not inside · no entry to exit from',
  capacity_reached: 'Venue full',
};

export function severityOf(decision: ScanDecision, reason: ScanReason | null): Severity {
  if (decision === 'admit') return reason ? 'warn' : 'ok';
  if (reason === 'invalid_signature') return 'alert';
  if (reason === 'not_inside') return 'warn';
  return 'deny';
}

function iso(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** "23:14" in the venue's time zone. */
function clock(at: string | Date, timeZone: string | null): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit', minute: '2-digit', hour12: false, timeZone: timeZone ?? 'UTC',
  }).format(new Date(at));
}

/** "Fri 27 Nov" in the venue's time zone: the night a code is for. */
function day(at: string | Date, timeZone: string | null): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: timeZone ?? 'UTC' })
    .format(new Date(at)).replace(',', '');
}

/** "Ana Torres +2": the guest a code names, with their plus-ones. */
const partyOf = (row: ScanAnswerRow) => `${row.holder_name}${row.guest_plus_ones ? ` +${row.guest_plus_ones}` : ''}`;
const guestOf = (row: ScanAnswerRow) => `Guest list · ${partyOf(row)}`;

/**
 * A guest's answer: which person of the party this is ("1 of 3"), or why
 * not; after the list's admitUntil the message names that time.
 */
function guestMessage(row: ScanAnswerRow): string[] {
  const party = `${row.checked_in_guests} of ${row.guest_count}`;
  if (row.decision === 'admit') {
    if (row.entry_type === 'exit') return ['Exit', guestOf(row)];
    if (row.entry_type === 'reentry') return ['Re-entry', guestOf(row)];
    return [guestOf(row), party];
  }
  const reason = row.reason as DenialReason;
  if (reason === 'expired' && row.admit_until && new Date(row.recorded_at) > new Date(row.admit_until)) {
    return ['Too late', `Guest list until ${clock(row.admit_until, row.timezone)}`, partyOf(row)];
  }
  if (reason === 'already_used') return [DENIAL_TEXT[reason], guestOf(row), `${party} in`];
  return [DENIAL_TEXT[reason], guestOf(row)];
}

/** What the door person reads, in big letters. */
export function messageOf(row: ScanAnswerRow): string {
  // An offline scan: the door's own decision stands; the message says what the server would have said.
  if (row.offline && row.decision === 'deny' && row.reason === null) return 'Refused offline';
  if (row.reason === 'superseded') return [row.entry_type === 'exit' ? 'Exit' : 'Re-entry', 'recorded, a later scan came first'].join(' · ');
  if (row.conflict_id && row.reason && row.reason !== 'reentry') {
    return [`Admitted offline · ${DENIAL_TEXT[row.reason]}`, 'needs a look', messageOf({ ...row, conflict_id: null, reason: null })].join(' · ');
  }
  if (row.subject_kind === 'guest') return guestMessage(row).join(' · ');
  const isTicket = row.subject_kind === 'ticket';
  const table = row.table_number ? (isTicket ? `Guest of table ${row.table_number}` : `Table ${row.table_number}`) : null;
  const who = isTicket ? row.ticket_type_name
    : row.pass_number === null ? null
    : row.pass_number === 1 ? `Host · ${row.guest_count} guests`
    : `Guest ${row.pass_number} of ${row.guest_count}`;
  const parts: (string | null)[] = [];
  if (row.decision === 'admit') {
    if (row.entry_type === 'exit') parts.push('Exit', who, table);
    else if (row.inside_since) parts.push(`Already inside since ${clock(row.inside_since, row.timezone)}`, 'check it is the same person', who, table);
    else if (row.entry_type === 'reentry') parts.push('Re-entry', who, table);
    else parts.push(who ?? 'Welcome', table);
  } else {
    parts.push(DENIAL_TEXT[row.reason as DenialReason]);
    if ((row.reason === 'not_yet_valid' || row.reason === 'expired') && row.event_name && row.event_starts_at) {
      parts.push(row.event_name, day(row.event_starts_at, row.timezone));
    } else if (row.first_entry_at) {
      parts.push(clock(row.first_entry_at, row.timezone), row.first_entry_gate && `Gate ${row.first_entry_gate}`, row.first_entry_device_name);
    } else {
      parts.push(table);
    }
  }
  return parts.filter((p): p is string => Boolean(p)).join(' · ');
}

export function toScanAnswer(row: ScanAnswerRow): ScanAnswer {
  return {
    scanId: row.scan_id,
    decision: row.decision,
    entryType: row.entry_type,
    reason: row.reason,
    severity: severityOf(row.decision, row.reason),
    message: messageOf(row),
    subject: row.subject_kind && row.subject_id
      ? { kind: row.subject_kind, id: row.subject_id, holderName: row.holder_name, passNumber: row.pass_number }
      : null,
    reservation: row.reservation_id
      ? {
          id: row.reservation_id, tableNumber: row.table_number, status: row.reservation_status,
          checkedInGuests: row.checked_in_guests, guestCount: row.guest_count,
        }
      : null,
    firstEntry: row.first_entry_at
      ? { at: iso(row.first_entry_at)!, gate: row.first_entry_gate, deviceName: row.first_entry_device_name }
      : null,
    insideSince: iso(row.inside_since),
    event: row.subject_event_id && row.event_name
      ? { id: row.subject_event_id, name: row.event_name, startsAt: iso(row.event_starts_at)! }
      : null,
    guest: row.subject_kind === 'guest' && row.guest_list_name !== null
      ? {
          listName: row.guest_list_name, plusOnes: row.guest_plus_ones ?? 0, partySize: row.guest_count ?? 1,
          checkedIn: row.checked_in_guests ?? 0, admitUntil: iso(row.admit_until),
        }
      : null,
    offline: row.offline,
    conflictId: row.conflict_id,
    replayed: row.replayed ?? false,
    scannedAt: iso(row.scanned_at),
    recordedAt: iso(row.recorded_at)!,
  };
}
