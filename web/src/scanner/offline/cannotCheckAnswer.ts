import type { OfflineDecision } from '../../../../src/offline/decide-offline.js';
import { toScanAnswer } from '../../../../src/domain/scan-answer.js';
import type { Direction } from '../../api/types.js';

/**
 * The phone's decision when it holds no door data for its event (never read
 * it, or the scanner is not bound to one event): it cannot know any code, so
 * it denies as decideOffline does a plain code it does not hold.
 */
export function cannotCheckAnswer(scanId: string, gate: string, direction: Direction, now: Date): OfflineDecision {
  const at = now.toISOString();
  const answer = toScanAnswer({
    scan_id: scanId, venue_id: '', event_id: null, device_id: null, staff_id: null, gate, direction,
    decision: 'deny', entry_type: null, reason: 'unknown_code', subject_kind: null, subject_id: null, reservation_id: null,
    offline: true, scanned_at: at, recorded_at: at, pass_number: null, holder_name: null, table_number: null,
    guest_count: null, checked_in_guests: null, reservation_status: null, first_entry_at: null, first_entry_gate: null,
    first_entry_device_name: null, inside_since: null, subject_event_id: null, event_name: null, event_starts_at: null,
    timezone: null, ticket_type_name: null, annulled_at: null, guest_plus_ones: null, guest_list_name: null, admit_until: null, conflict_id: null,
  });
  return { verdict: { reason: 'unknown_code', entryType: null, insideDelta: 0 }, subject: null, cannotCheckOffline: true, answer };
}
