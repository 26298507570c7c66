import { Type, type Static } from 'typebox';
import { Nullable, Timestamp, Uuid } from '../http/schemas.js';
import { ORDER_STATUSES, PASS_STATUSES, REENTRY_POLICIES, RESERVATION_STATUSES, SUBJECT_KINDS } from '../domain/lists.js';

/**
 * What a scanner holds to decide without the server (GET /v1/events/{id}/door-data,
 * docs/offline.md). The server builds it (src/db/door-data.ts); the phone keeps it
 * (web/src/scanner/offline) and decides from it (src/offline/decide-offline.ts).
 * It carries the facts lock_scan_subject reads for redeem_scan, so both sides
 * run one table of cases (test/decision/decision-table.test.ts).
 * The schemas serialise the route and document it; the phone imports only the types.
 */

export const DoorEvent = Type.Object({
  id: Uuid,
  name: Type.String(),
  startsAt: Timestamp,
  timezone: Type.String(),
  /** The door window: entries before or after it are not_yet_valid or expired. */
  doorOpens: Timestamp,
  doorCloses: Timestamp,
  capacity: Nullable(Type.Integer()),
  /** May a VIP pass come back in while inside (the event's policy for every pass). */
  vipReentry: Type.Enum(['always', 'after_exit']),
});

export const DoorKey = Type.Object({
  kid: Type.Integer(),
  eventId: Uuid,
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: Type.String(),
  revoked: Type.Boolean(),
});

export const DoorCard = Type.Object({
  passNumber: Nullable(Type.Integer()),
  /** A table's guests, or a guest's party size. */
  guestCount: Nullable(Type.Integer()),
  tableNumber: Nullable(Type.String()),
  ticketTypeName: Nullable(Type.String()),
  guestListName: Nullable(Type.String()),
  guestPlusOnes: Nullable(Type.Integer()),
});

export const DoorSubject = Type.Object({
  id: Uuid,
  kind: Type.Enum(SUBJECT_KINDS),
  status: Type.Enum(PASS_STATUSES),
  /** The code's current serial: a signed code with another serial is revoked. */
  serial: Type.Integer(),
  inside: Type.Boolean(),
  /** A ticket type's policy; null for a pass (the event's vipReentry) and a guest. */
  reentry: Nullable(Type.Enum(REENTRY_POLICIES)),
  orderStatus: Nullable(Type.Enum(ORDER_STATUSES)),
  reservationId: Nullable(Uuid),
  reservationStatus: Nullable(Type.Enum(RESERVATION_STATUSES)),
  /** A ticket type's validity, or a guest list's admitUntil (validUntil). */
  validFrom: Nullable(Timestamp),
  validUntil: Nullable(Timestamp),
  /** A guest's party: plus-ones + 1, people let in, people inside. Null for passes and tickets. */
  party: Nullable(Type.Object({ size: Type.Integer(), entered: Type.Integer(), inside: Type.Integer() })),
  /** For a plain (unsigned) code: its SHA-256, base64url, to find it by what was scanned. Null for a signed code. */
  plainCodeHash: Nullable(Type.String()),
  /** The holder's name, readable only with the code (src/offline/sealed-name.ts); empty when there is no code. */
  sealedName: Type.String(),
  /** What the door shows beside the name (nothing personal). */
  card: DoorCard,
});

export const DoorData = Type.Object({
  event: DoorEvent,
  /** People inside the event as the server counted them when this was read. */
  peopleInside: Type.Integer(),
  /** The venue's signing keys of this event and of its other current events (a code of another event is wrong_event, not unknown). */
  keys: Type.Array(DoorKey),
  /** Re-issued codes: (subject, serial) no longer admits. Always whole. */
  revocations: Type.Array(Type.Object({ subjectId: Uuid, serial: Type.Integer() })),
  /** Every subject (complete) or those changed since the cursor (a delta). */
  subjects: Type.Array(DoorSubject),
  /** Pass it back as ?cursor= for the changes since this read. */
  cursor: Type.String(),
  /** true: subjects is the whole event (replace what you hold); false: changes to merge by id. */
  complete: Type.Boolean(),
});

export type DoorEvent = Static<typeof DoorEvent>;
export type DoorKey = Static<typeof DoorKey>;
export type DoorCard = Static<typeof DoorCard>;
export type DoorSubject = Static<typeof DoorSubject>;
export type DoorData = Static<typeof DoorData>;
