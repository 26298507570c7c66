import { describe, expect, it } from 'vitest';
import { messageOf, severityOf, toScanAnswer, type ScanAnswerRow } from '../../src/domain/scan-answer.js';

const base: ScanAnswerRow = {
  scan_id: '00000000-0000-4000-8000-000000000001', venue_id: '00000000-0000-4000-8000-0000000000aa', event_id: null, inside_since: null, subject_event_id: null, event_name: null, event_starts_at: null, device_id: null, staff_id: null, gate: 'A',
  direction: 'entry', decision: 'admit', entry_type: 'first_entry', reason: null, subject_kind: 'vip_pass',
  subject_id: '00000000-0000-4000-8000-000000000002', reservation_id: '00000000-0000-4000-8000-000000000003',
  offline: false, conflict_id: null, scanned_at: null, recorded_at: '2026-11-24T05:14:00Z', pass_number: 3, holder_name: 'Guest of Ana',
  table_number: '12', guest_count: 8, checked_in_guests: 3, reservation_status: 'checked_in',
  first_entry_at: null, first_entry_gate: null, first_entry_device_name: null, timezone: 'America/Mexico_City',
  ticket_type_name: null, annulled_at: null, guest_plus_ones: null, guest_list_name: null, admit_until: null,
};

describe('scan answers', () => {
  it('tell the door which guest of how many, at which table', () => {
    expect(messageOf(base)).toBe('Guest 3 of 8 · Table 12');
    expect(messageOf({ ...base, pass_number: 1 })).toBe('Host · 8 guests · Table 12');
  });

  it('say when, where and on which device a used code first came in, in the venue’s time zone', () => {
    const row = { ...base, decision: 'deny' as const, entry_type: null, reason: 'already_used' as const,
      first_entry_at: '2026-11-24T05:14:00Z', first_entry_gate: 'B', first_entry_device_name: 'Door A iPad' };
    expect(messageOf(row)).toBe('Already used · 23:14 · Gate B · Door A iPad');
  });

  it('name a GA ticket by its type, and a linked one by its table', () => {
    const ticket = { ...base, subject_kind: 'ticket' as const, pass_number: null, reservation_id: null, table_number: null, ticket_type_name: 'General Admission' };
    expect(messageOf(ticket)).toBe('General Admission');
    expect(messageOf({ ...ticket, table_number: '7' })).toBe('General Admission · Guest of table 7');
  });

  it('tell the door a guest-list guest, which person of the party this is, and why not', () => {
    const guest = { ...base, subject_kind: 'guest' as const, pass_number: null, reservation_id: null, table_number: null,
      holder_name: 'Ana Torres', guest_plus_ones: 2, guest_count: 3, checked_in_guests: 1, guest_list_name: 'Friends of Leo' };
    expect(messageOf(guest)).toBe('Guest list · Ana Torres +2 · 1 of 3');
    expect(messageOf({ ...guest, guest_plus_ones: 0, guest_count: 1 })).toBe('Guest list · Ana Torres · 1 of 1');
    expect(messageOf({ ...guest, entry_type: 'reentry', reason: 'reentry' })).toBe('Re-entry · Guest list · Ana Torres +2');
    expect(messageOf({ ...guest, decision: 'deny', entry_type: null, reason: 'already_used', checked_in_guests: 3 }))
      .toBe('Already used · Guest list · Ana Torres +2 · 3 of 3 in');
    expect(messageOf({ ...guest, decision: 'deny', entry_type: null, reason: 'expired', admit_until: '2026-11-24T05:00:00Z' }))
      .toBe('Too late · Guest list until 23:00 · Ana Torres +2');
  });

  it('grade severity: ok, warn for a remark or a stray exit, alert for a forgery, deny otherwise', () => {
    expect(severityOf('admit', null)).toBe('ok');
    expect(severityOf('admit', 'reentry')).toBe('warn');
    expect(severityOf('deny', 'not_inside')).toBe('warn');
    expect(severityOf('deny', 'invalid_signature')).toBe('alert');
    expect(severityOf('deny', 'already_used')).toBe('deny');
  });

  it('set firstEntry only when the subject had come in before this scan', () => {
    expect(toScanAnswer(base).firstEntry).toBeNull();
    const again = toScanAnswer({ ...base, entry_type: 'reentry', reason: 'reentry', first_entry_at: '2026-11-24T05:14:00Z', first_entry_gate: 'A', first_entry_device_name: 'Door A iPad' });
    expect(again.firstEntry).toEqual({ at: '2026-11-24T05:14:00.000Z', gate: 'A', deviceName: 'Door A iPad' });
    expect(again.message).toBe('Re-entry · Guest 3 of 8 · Table 12');
  });
});
