import { MAIL_LOCALES } from '../mail/code-mail.js';
import { Type, type Static, type TSchema } from 'typebox';
import {
  ENTRY_TYPES, EVENT_STATUSES, LEDGER_KINDS, ORDER_STATUSES, PASS_KINDS, PAYMENT_STATUSES, REFUND_STATUSES, PASS_STATUSES, RESERVATION_STATUSES, SCAN_DECISIONS,
  SCAN_DIRECTIONS, SCAN_REASONS, STAFF_ROLES, SUBJECT_KINDS, COMMISSION_RULES, ATTENTION_KINDS, DEVICE_ROLES, DISCREPANCY_KINDS,
} from '../domain/lists.js';

/**
 * The shapes of the HTTP contract (docs/api.md), once. Routes validate
 * requests and serialise responses with them, the OpenAPI document is
 * generated from them, and the TypeScript types are derived from them.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/**
 * Nullable for request bodies: null is tried first, because ajv's type
 * coercion (coerceTypes) would otherwise turn a null into 0 while checking
 * the number branch, and "clear the inventory" would set it to zero.
 */
export const OrNull = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
export const Uuid = Type.String({ format: 'uuid' });
/** ISO 8601 with an offset; strict (src/http/formats.ts): no leap second, years 1–9999. */
export const Timestamp = Type.String({ format: 'date-time' });
/** Free text from a client: no NUL, no unpaired surrogate (src/http/formats.ts). */
export const Text = (options: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ format: 'text', ...options });

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
}, { additionalProperties: true, $id: 'Problem' });

export const IdParams = Type.Object({ id: Uuid });
export const EventIdParams = Type.Object({ eventId: Uuid });

export const Page = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Text({ maxLength: 200 })),
});
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const Role = Type.Enum(STAFF_ROLES);
export const StaffMember = Type.Object({
  id: Uuid, name: Type.String(), role: Role, email: Type.String(), disabledAt: Type.Optional(Nullable(Timestamp)),
});

export const Event = Type.Object({
  id: Uuid, venueId: Uuid, name: Type.String(), startsAt: Timestamp, endsAt: Timestamp,
  doorsOpenAt: Nullable(Timestamp), earlyEntryMinutes: Type.Integer(), lateEntryMinutes: Type.Integer(),
  vipReentry: Type.Enum(['always', 'after_exit']), refundableUntil: Nullable(Timestamp),
  capacity: Nullable(Type.Integer()), status: Type.Enum(EVENT_STATUSES),
});

export const Table = Type.Object({
  id: Uuid, eventId: Uuid, number: Type.String(), tier: Nullable(Type.String()), capacity: Type.Integer(),
  depositCents: Type.Integer(), minSpendCents: Type.Integer(), x: Nullable(Type.Number()), y: Nullable(Type.Number()),
  /** Drawn size on the floor plan, in the plan's units; null: the default size. */
  width: Nullable(Type.Number()), height: Nullable(Type.Number()),
});

export const Pass = Type.Object({
  id: Uuid, passNumber: Type.Integer(), kind: Type.Enum(PASS_KINDS),
  /** Left out for roles that may not hand out codes (door staff): a code is a ticket in. */
  code: Type.Optional(Type.String()),
  status: Type.Enum(PASS_STATUSES), inside: Type.Boolean(), firstEntryAt: Nullable(Timestamp),
});

/** A payment through the provider, of an order or of a booking's deposit. */
export const ProviderPayment = Type.Object({
  id: Uuid, status: Type.Enum(PAYMENT_STATUSES), amountCents: Type.Integer(), currency: Type.String(),
  providerRef: Nullable(Type.String({ description: 'the PaymentIntent, or the Checkout Session before the buyer paid' })),
  failure: Nullable(Type.String()), createdAt: Timestamp,
});
/** A refund through the provider, of an order or of a booking's deposit. */
export const ProviderRefund = Type.Object({
  id: Uuid, status: Type.Enum(REFUND_STATUSES), amountCents: Type.Integer(),
  reason: Type.String(), providerRef: Nullable(Type.String()),
  failure: Nullable(Type.String({ description: 'why the provider refused or failed it' })), createdAt: Timestamp,
});

export const Reservation = Type.Object({
  id: Uuid, eventId: Uuid, tableId: Uuid, tableNumber: Type.String(), hostName: Type.String(),
  hostEmail: Nullable(Type.String()), hostPhone: Nullable(Type.String()), guestCount: Type.Integer(),
  depositCents: Type.Integer(), status: Type.Enum(RESERVATION_STATUSES), checkedInGuests: Type.Integer(),
  firstCheckedInAt: Nullable(Timestamp), createdAt: Timestamp,
  /** Money from the ledger (db/views/reservation_balances.sql): the deposit counts toward the table's minimum. */
  minSpendCents: Type.Integer(), paidCents: Type.Integer(), refundedCents: Type.Integer(), spentCents: Type.Integer(),
  minSpendRemainingCents: Type.Integer(), balanceDueCents: Type.Integer(),
  /** A booking waiting for its deposit holds the table until then. */
  holdExpiresAt: Nullable(Timestamp),
  passes: Type.Optional(Type.Array(Pass)),
  /** GET /v1/reservations/{id}, to an owner or a manager: the deposit's payments and refunds. */
  payments: Type.Optional(Type.Array(ProviderPayment)),
  refunds: Type.Optional(Type.Array(ProviderRefund)),
});

export const Device = Type.Object({
  id: Uuid, name: Type.String(), gate: Type.String(), eventId: Nullable(Uuid), role: Type.Enum(DEVICE_ROLES),
  createdAt: Timestamp, revokedAt: Nullable(Timestamp), lastSeenAt: Nullable(Timestamp),
});

export const ScanAnswer = Type.Object({
  scanId: Uuid,
  decision: Type.Enum(SCAN_DECISIONS),
  entryType: Nullable(Type.Enum(ENTRY_TYPES)),
  reason: Nullable(Type.Enum(SCAN_REASONS)),
  severity: Type.Enum(['ok', 'warn', 'deny', 'alert']),
  message: Type.String(),
  subject: Nullable(Type.Object({
    kind: Type.Enum(SUBJECT_KINDS), id: Uuid, holderName: Nullable(Type.String()), passNumber: Nullable(Type.Integer()),
  })),
  reservation: Nullable(Type.Object({
    id: Uuid, tableNumber: Nullable(Type.String()), status: Nullable(Type.Enum(RESERVATION_STATUSES)),
    checkedInGuests: Nullable(Type.Integer()), guestCount: Nullable(Type.Integer()),
  })),
  firstEntry: Nullable(Type.Object({ at: Timestamp, gate: Nullable(Type.String()), deviceName: Nullable(Type.String()) })),
  insideSince: Nullable(Timestamp),
  event: Nullable(Type.Object({ id: Uuid, name: Type.String(), startsAt: Timestamp })),
  /** A guest-list guest's party: of partySize (plus-ones + 1), checkedIn let in as this scan left it. */
  guest: Nullable(Type.Object({
    listName: Type.String(), plusOnes: Type.Integer(), partySize: Type.Integer(), checkedIn: Type.Integer(), admitUntil: Nullable(Timestamp),
  })),
  offline: Type.Boolean(),
  conflictId: Nullable(Uuid),
  replayed: Type.Boolean(),
  scannedAt: Nullable(Timestamp),
  recordedAt: Timestamp,
});

export const ScanLogItem = Type.Intersect([ScanAnswer, Type.Object({
  eventId: Nullable(Uuid), deviceId: Nullable(Uuid), deviceName: Nullable(Type.String()), staffId: Nullable(Uuid),
  gate: Type.String(), direction: Type.Enum(SCAN_DIRECTIONS), manual: Type.Boolean(),
  annulledAt: Nullable(Timestamp),
})]);

export const ScanRequest = Type.Object({
  code: Type.Optional(Text({ minLength: 1, maxLength: 512 })),
  /** Instead of `code`: the person picked by door search (the door's fallback when a code cannot be read). */
  subjectId: Type.Optional(Uuid),
  nonce: Text({ minLength: 1, maxLength: 64 }),
  direction: Type.Optional(Type.Enum(SCAN_DIRECTIONS, { default: 'entry' })),
  scannedAt: Type.Optional(Timestamp),
  gate: Type.Optional(Text({ minLength: 1, maxLength: 40 })),
  manual: Type.Optional(Type.Boolean({ default: false })),
}, { additionalProperties: false });

/** A scan decided on the device while offline, uploaded in a batch (POST /v1/scans/batch). */
export const OfflineScanRequest = Type.Object({
  ...ScanRequest.properties,
  /** Required: offline scans are placed by the time they happened. */
  scannedAt: Timestamp,
  offline: Type.Literal(true),
  /** What the device decided: an admission stands (the person is inside), a refusal too. */
  localDecision: Type.Optional(Type.Enum(SCAN_DECISIONS)),
}, { additionalProperties: false });

/** A scan of an upload that failed alone (the others kept their decisions): upload it again. */
export const BatchItemFailure = Type.Object({
  nonce: Type.String(),
  error: Type.Object({ status: Type.Integer(), code: Type.String(), detail: Type.String() }),
});
export type BatchItemFailure = Static<typeof BatchItemFailure>;

/** An item of the attention inbox (docs/api.md, "Attention inbox"). */
export const AttentionItem = Type.Object({
  id: Uuid,
  kind: Type.Enum(ATTENTION_KINDS),
  /** The server's refusal an offline admission overrode (admitted_while_invalid says which). */
  reason: Nullable(Type.Enum(SCAN_REASONS)),
  at: Timestamp,
  lastScanAt: Timestamp,
  message: Type.String(),
  scanIds: Type.Array(Uuid),
  subjectId: Nullable(Uuid),
  scannerId: Nullable(Uuid),
  eventId: Nullable(Uuid),
  status: Type.Enum(['open', 'resolved']),
  resolvedAt: Nullable(Timestamp),
  resolvedBy: Nullable(Type.Object({ id: Uuid, name: Nullable(Type.String()) })),
  note: Nullable(Type.String()),
});

/** A gate's flows: entries (first entries and re-entries) and exits there, and its scans. */
export const GateStats = Type.Object({
  entries: Type.Integer(), exits: Type.Integer(), admitted: Type.Integer(), denied: Type.Integer(), scans: Type.Integer(),
});
export const Stats = Type.Object({
  inside: Type.Integer(), admittedPeople: Type.Integer(), scans: Type.Integer(), denied: Type.Integer(),
  capacity: Nullable(Type.Integer()),
  byGate: Type.Record(Type.String(), GateStats),
  vip: Type.Object({ reservations: Type.Integer(), expectedGuests: Type.Integer(), checkedInGuests: Type.Integer() }),
});

export const ReentryPolicy = Type.Enum(['never', 'after_exit', 'always']);
export const TicketType = Type.Object({
  id: Uuid, eventId: Uuid, name: Type.String(), priceCents: Type.Integer(), feeCents: Type.Integer(),
  inventory: Nullable(Type.Integer()), sold: Type.Integer(), reentry: ReentryPolicy,
  validFrom: Nullable(Timestamp), validUntil: Nullable(Timestamp),
});
export const Ticket = Type.Object({
  id: Uuid, eventId: Uuid, ticketTypeId: Uuid, orderId: Uuid,
  /** Left out for roles that may not hand out codes (door staff), as for passes. */
  code: Type.Optional(Type.String()), status: Type.Enum(PASS_STATUSES),
  inside: Type.Boolean(), firstEntryAt: Nullable(Timestamp), reservationId: Nullable(Uuid),
});
export const Order = Type.Object({
  id: Uuid, eventId: Uuid, status: Type.Enum(['pending', 'paid', 'cancelled', 'refunded']),
  buyerName: Type.String(), buyerEmail: Type.String(), totalCents: Type.Integer(), feeCents: Type.Integer(),
  paidAt: Nullable(Timestamp), createdAt: Timestamp,
  /** While pending: when the hold on its tickets ends and the order is cancelled. */
  expiresAt: Nullable(Timestamp),
  tickets: Type.Array(Type.Object({ id: Uuid, ticketTypeId: Uuid, code: Type.String(), status: Type.Enum(PASS_STATUSES) })),
  /** From the ledger (db/views/order_balances.sql): what came in, what went back, what is still owed. */
  paidCents: Type.Integer(), refundedCents: Type.Integer(), balanceDueCents: Type.Integer(),
  payments: Type.Array(ProviderPayment),
  refunds: Type.Array(ProviderRefund),
});
/** An event as the public buy page shows it (GET /v1/public/events/{eventId}). */
export const PublicEvent = Type.Object({
  id: Uuid, name: Type.String(), venueName: Type.String(), startsAt: Timestamp, endsAt: Timestamp, currency: Type.String(),
  onSale: Type.Boolean(),
  ticketTypes: Type.Array(Type.Object({
    id: Uuid, name: Type.String(), priceCents: Type.Integer(), feeCents: Type.Integer(),
    available: Type.Union([Type.Integer(), Type.Null()], { description: 'null: no limit' }),
  })),
});
export const CheckoutRequest = Type.Object({
  buyerName: Text({ minLength: 1, maxLength: 200 }), buyerEmail: Type.String({ format: 'email', maxLength: 320 }),
  lines: Type.Array(Type.Object({ ticketTypeId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 20 }) }, { additionalProperties: false }),
    { minItems: 1, maxItems: 20 }),
  promoter: Type.Optional(Text({ maxLength: 100, description: 'the tracking link\'s `?p=`: a promoter\'s id; the order is credited to them when it names a promoter of the venue, else to no one' })),
  locale: Type.Optional(Type.Enum(MAIL_LOCALES, { description: 'the language of the tickets\' mail (default en)' })),
}, { additionalProperties: false });
export const CheckoutResult = Type.Object({ orderId: Uuid, status: Type.Literal('pending'), checkoutUrl: Type.String(), expiresAt: Timestamp });
/** The night's money from its ledger (GET /v1/events/{eventId}/money). */
export const MoneySummary = Type.Object({
  currency: Type.String(), grossCents: Type.Integer(), feeCents: Type.Integer(), refundCents: Type.Integer(),
  disputeCents: Type.Integer(), netCents: Type.Integer(), paidOrders: Type.Integer(), ticketsSold: Type.Integer(),
});
export const OrderSummary = Type.Object({
  id: Uuid, status: Type.Enum(ORDER_STATUSES), buyerName: Type.String(), buyerEmail: Type.String(),
  totalCents: Type.Integer(), paidCents: Type.Integer(), refundedCents: Type.Integer(), tickets: Type.Integer(), createdAt: Timestamp,
});
export const LedgerEntry = Type.Object({
  id: Uuid, at: Timestamp,
  kind: Type.Enum(LEDGER_KINDS),
  amountCents: Type.Integer({ description: 'signed: money in is positive, money out negative' }), currency: Type.String(),
  orderId: Type.Optional(Uuid), reservationId: Type.Optional(Uuid), providerRef: Type.Optional(Type.String()),
});
export const KeySet = Type.Object({
  eventId: Uuid,
  format: Type.String({ description: 'M1 + base64url(payload(24) | Ed25519 signature(64)); see docs/codes.md' }),
  keys: Type.Array(Type.Object({
    kid: Type.Integer(), algorithm: Type.Literal('Ed25519'), publicKey: Type.String({ description: 'raw 32 bytes, base64url' }),
    createdAt: Timestamp, revokedAt: Nullable(Timestamp),
  })),
  revokedCodes: Type.Array(Type.Object({ kind: Type.Enum(SUBJECT_KINDS), subjectId: Uuid, serial: Type.Integer(), revokedAt: Timestamp })),
});

export type EventT = Static<typeof Event>;
export type TableT = Static<typeof Table>;
export type ReservationT = Static<typeof Reservation>;
export type DeviceT = Static<typeof Device>;
export type StatsT = Static<typeof Stats>;

/** A person door search found (GET /v1/events/{eventId}/door-search): scan them with POST /v1/scans {subjectId}. */
export const DoorMatch = Type.Object({
  subjectId: Uuid, kind: Type.Enum(SUBJECT_KINDS), holderName: Nullable(Type.String()), tableNumber: Nullable(Type.String()),
  ticketTypeName: Nullable(Type.String()), status: Type.Enum(PASS_STATUSES), inside: Type.Boolean(),
});

/** A guest list (POST /v1/events/{eventId}/guest-lists): people counts each guest and their plus-ones. */
export const GuestList = Type.Object({
  id: Uuid, eventId: Uuid, name: Type.String(), promoterId: Nullable(Uuid), promoterName: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()), people: Type.Integer(), guests: Type.Integer(), checkedIn: Type.Integer(),
  closesAt: Nullable(Timestamp), admitUntil: Nullable(Timestamp), createdAt: Timestamp,
});
export const Guest = Type.Object({
  id: Uuid, eventId: Uuid, listId: Uuid, listName: Type.String(), name: Type.String(), plusOnes: Type.Integer(),
  email: Nullable(Type.String()), phone: Nullable(Type.String()),
  /** Scanned like a pass (subject kind guest); signed, so it verifies offline. */
  code: Type.String(),
  /** A link that shows the guest's QR without logging in, to send them. */
  shareUrl: Type.String(),
  status: Type.Enum(PASS_STATUSES),
  /** People of the party let in so far, of plusOnes + 1; and of those, inside now. */
  checkedIn: Type.Integer(), inside: Type.Integer(),
  /** Guests of the event's lists with a nearly equal name: reported, never merged. */
  possibleDuplicateOf: Type.Array(Type.Object({ guestId: Uuid, listId: Uuid, listName: Type.String() })),
  createdAt: Timestamp,
});
/** How an event pays its promoters (PUT /v1/events/{eventId}/commission). */
export const Commission = Type.Object({
  rule: Type.Enum(COMMISSION_RULES),
  /** revenue_share: hundredths of a percent of the paid ticket revenue of people who came in. */
  basisPoints: Type.Integer({ minimum: 0, maximum: 10_000 }),
  /** per_head: minor units per person who came in. */
  perHeadCents: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
});
/** GET /v1/events/{eventId}/promoters: one row per promoter (a promoter: their own). */
export const PromoterReport = Type.Object({
  commission: Commission,
  items: Type.Array(Type.Object({
    promoterId: Uuid, name: Type.String(),
    ticketsSold: Type.Integer(), ticketsPaid: Type.Integer(), ticketsRefunded: Type.Integer(), paidRevenueCents: Type.Integer(),
    tableBookings: Type.Integer(), guests: Type.Integer(), listedPeople: Type.Integer(),
    checkedIn: Type.Integer(), commissionCents: Type.Integer(), guestCap: Nullable(Type.Integer()),
  })),
});
export type GuestListT = Static<typeof GuestList>;
export type GuestT = Static<typeof Guest>;

/** A table booked with its deposit (POST /v1/public/events/{eventId}/table-bookings and the staff route). */
export const TableBookingRequest = Type.Object({
  tableId: Uuid, hostName: Text({ minLength: 1, maxLength: 200 }), hostEmail: Type.String({ format: 'email', maxLength: 320 }),
  hostPhone: Type.Optional(Text({ minLength: 3, maxLength: 40 })), guestCount: Type.Integer({ minimum: 1, maximum: 100 }),
  promoter: Type.Optional(Text({ maxLength: 100, description: 'the tracking link\'s `?p=`: a promoter\'s id; the booking is credited to them when it names a promoter of the venue' })),
  locale: Type.Optional(Type.Enum(MAIL_LOCALES, { description: 'the language of the passes\' mail (default en)' })),
}, { additionalProperties: false });
export const TableBookingResult = Type.Object({
  reservationId: Uuid, status: Type.Literal('pending'), depositCents: Type.Integer(), checkoutUrl: Type.String(),
  expiresAt: Timestamp,
});
/** Spend from a point of sale toward a table's minimum (POST /v1/reservations/{id}/spend). */
export const SpendRequest = Type.Object({
  amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
  ref: Text({ minLength: 1, maxLength: 100, description: 'the point of sale\'s ticket: the same ref is booked once' }),
  note: Type.Optional(Text({ maxLength: 500 })),
}, { additionalProperties: false });

/** One difference the close found (revenue_discrepancies). */
export const Discrepancy = Type.Object({
  kind: Type.Enum(DISCREPANCY_KINDS), ref: Type.String(),
  expectedCents: Type.Integer(), actualCents: Type.Integer(), deltaCents: Type.Integer({ description: 'actual − expected' }),
  message: Type.String({ description: 'what differs and what to do about it' }),
});
export const NightTotals = Type.Object({
  ledger: Type.Record(Type.String(), Type.Integer(), { description: 'the sum of the ledger per kind' }),
  netCents: Type.Integer(), paidOrders: Type.Integer(), ticketsSold: Type.Integer(), ticketsAdmitted: Type.Integer(),
  depositsHeldCents: Type.Integer(), spendCents: Type.Integer(), cashTakenCents: Type.Integer(), cashCountedCents: Type.Integer(),
});
export const NightClose = Type.Object({ closedAt: Timestamp, currency: Type.String(), totals: NightTotals, discrepancies: Type.Array(Discrepancy) });
/** The public booking page's tables (GET /v1/public/events/{eventId}/tables). */
/** A refund through the provider (an order's, a booking's deposit): the Idempotency-Key makes a retry the same refund. */
export const RefundHeaders = Type.Object({ 'idempotency-key': Text({ minLength: 1, maxLength: 200 }) });
export const RefundBody = Type.Object({
  /** Omitted: everything left to refund. */
  amountCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000_000 })),
  reason: Text({ minLength: 1, maxLength: 500 }),
}, { additionalProperties: false });

export const PublicTables = Type.Object({
  items: Type.Array(Type.Object({
    id: Uuid, number: Type.String(), tier: Nullable(Type.String()), capacity: Type.Integer(), depositCents: Type.Integer(),
    minSpendCents: Type.Integer(), x: Nullable(Type.Number()), y: Nullable(Type.Number()),
    available: Type.Boolean({ description: 'takes a deposit and has no live booking' }),
  })),
});
