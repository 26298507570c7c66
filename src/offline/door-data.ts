import type { OrderStatus, PassStatus, ReentryPolicy, ReservationStatus, SubjectKind } from '../domain/lists.js';

/**
 * What a scanner holds to decide without the server (GET /v1/events/{id}/door-data,
 * docs/offline.md). The server builds it (src/db/door-data.ts); the phone keeps it
 * (web/src/scanner/offline) and decides from it (src/offline/decide-offline.ts).
 * Everything here is the same facts lock_scan_subject reads for redeem_scan, so
 * both sides can run one table of cases (test/decision/decision-table.test.ts).
 */
export interface DoorData {
  event: DoorEvent;
  /** People inside the event as the server counted them when this was read. */
  peopleInside: number;
  /** The venue's signing keys of this event and of its other current events (a code of another event is wrong_event, not unknown). */
  keys: DoorKey[];
  /** Re-issued codes: (subject, serial) no longer admits. Always complete. */
  revocations: { subjectId: string; serial: number }[];
  /** Every subject (complete) or those changed since the cursor (a delta). */
  subjects: DoorSubject[];
  /** Pass it back as ?cursor= for the changes since this read. */
  cursor: string;
  /** true: subjects is the whole event (replace what you hold); false: changes to merge. */
  complete: boolean;
}

export interface DoorEvent {
  id: string;
  name: string;
  startsAt: string;
  timezone: string;
  /** The door window: entries before or after it are not_yet_valid or expired. */
  doorOpens: string;
  doorCloses: string;
  capacity: number | null;
}

export interface DoorKey {
  kid: number;
  eventId: string;
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: string;
  revoked: boolean;
}

export interface DoorSubject {
  id: string;
  kind: SubjectKind;
  status: PassStatus;
  /** The code's current serial: a signed code with another serial is revoked. */
  serial: number;
  inside: boolean;
  /** The ticket type's policy, or the event's vipReentry for a pass; null for a guest. */
  reentry: ReentryPolicy | null;
  orderStatus: OrderStatus | null;
  reservationId: string | null;
  reservationStatus: ReservationStatus | null;
  /** A ticket type's validity, or a guest list's admitUntil (validUntil). */
  validFrom: string | null;
  validUntil: string | null;
  /** A guest's party: plus-ones + 1, people let in, people inside. Null for passes and tickets. */
  party: { size: number; entered: number; inside: number } | null;
  /** For a plain (unsigned) code: its SHA-256, base64url, to find it by what was scanned. Null for a signed code. */
  plainCodeHash: string | null;
  /** The holder's card, readable only with the code (src/offline/sealed-card.ts). */
  sealedCard: string;
}

/** What the door shows about a person; sealed in door data under a key derived from their code. */
export interface HolderCard {
  holderName: string | null;
  passNumber: number | null;
  guestCount: number | null;
  tableNumber: string | null;
  ticketTypeName: string | null;
  guestListName: string | null;
  guestPlusOnes: number | null;
}
