import type { OrderWithTickets, TicketRow, TicketTypeRow } from '../db/orders.js';
import type { LedgerEntryRow, PaymentRow, RefundRow } from '../db/payments.js';
import type { DeviceRow } from '../db/devices.js';
import type { EventRow, TableRow } from '../db/events.js';
import type { PassRow, ReservationRow, ReservationWithPasses } from '../db/reservations.js';
import type { ScanLogRow } from '../db/scans.js';
import type { GuestListRow } from '../db/guest-lists.js';
import type { GuestRow } from '../db/guests.js';
import { toScanAnswer } from '../domain/scan-answer.js';
import type { AttentionRow } from '../db/attention.js';
import { attentionMessage } from '../domain/attention.js';
import type { DeviceT, EventT, GuestListT, GuestT, ReservationT, TableT } from './schemas.js';

/** Database rows → the API's JSON shapes (src/http/schemas.ts). */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentEvent = (e: EventRow): EventT => ({
  id: e.id, venueId: e.venue_id, name: e.name, startsAt: e.starts_at.toISOString(), endsAt: e.ends_at.toISOString(),
  doorsOpenAt: iso(e.doors_open_at), earlyEntryMinutes: e.early_entry_minutes, lateEntryMinutes: e.late_entry_minutes,
  vipReentry: e.vip_reentry, refundableUntil: iso(e.refundable_until), capacity: e.capacity, status: e.status as EventT['status'],
});

export const presentTable = (t: TableRow): TableT => ({
  id: t.id, eventId: t.event_id, number: t.number, tier: t.tier, capacity: t.capacity,
  depositCents: t.deposit_cents, minSpendCents: t.min_spend_cents, x: t.x, y: t.y, width: t.width, height: t.height,
});

const presentPass = (p: PassRow, withCode: boolean) => ({
  id: p.id, passNumber: p.pass_number, kind: p.kind, ...(withCode ? { code: p.code } : {}), status: p.status, inside: p.inside,
  firstEntryAt: iso(p.first_entry_at),
});

export const presentReservation = (r: ReservationRow | ReservationWithPasses, options: { withCodes?: boolean } = {}): ReservationT => ({
  id: r.id, eventId: r.event_id, tableId: r.table_id, tableNumber: r.table_number, hostName: r.host_name,
  hostEmail: r.host_email, hostPhone: r.host_phone, guestCount: r.guest_count, depositCents: r.deposit_cents,
  status: r.status, checkedInGuests: r.checked_in_guests, firstCheckedInAt: iso(r.first_checked_in_at),
  createdAt: r.created_at.toISOString(), minSpendCents: r.min_spend_cents, paidCents: r.paid_cents, refundedCents: r.refunded_cents,
  spentCents: r.spent_cents, minSpendRemainingCents: r.min_spend_remaining_cents, balanceDueCents: r.balance_due_cents,
  holdExpiresAt: iso(r.hold_expires_at),
  ...('passes' in r ? { passes: r.passes.map((p) => presentPass(p, options.withCodes ?? true)) } : {}),
});

export const presentDevice = (d: DeviceRow): DeviceT => ({
  id: d.id, name: d.name, gate: d.gate, eventId: d.event_id, role: d.role, createdAt: d.created_at.toISOString(),
  revokedAt: iso(d.revoked_at), lastSeenAt: iso(d.last_seen_at),
});

export const presentScanLogItem = (row: ScanLogRow) => ({
  ...toScanAnswer(row),
  eventId: row.event_id, deviceId: row.device_id, deviceName: row.device_name, staffId: row.staff_id,
  gate: row.gate, direction: row.direction, offline: row.offline, manual: row.manual,
  annulledAt: row.annulled_at ? new Date(row.annulled_at).toISOString() : null,
});

export const presentTicketType = (t: TicketTypeRow) => ({
  id: t.id, eventId: t.event_id, name: t.name, priceCents: t.price_cents, feeCents: t.fee_cents,
  inventory: t.inventory, sold: t.sold, reentry: t.reentry, validFrom: iso(t.valid_from), validUntil: iso(t.valid_until),
});

export const presentTicket = (t: TicketRow, options: { withCode?: boolean } = {}) => ({
  id: t.id, eventId: t.event_id, ticketTypeId: t.ticket_type_id, orderId: t.order_id,
  ...((options.withCode ?? true) ? { code: t.code } : {}),
  status: t.status, inside: t.inside, firstEntryAt: iso(t.first_entry_at), reservationId: t.reservation_id,
});

export const presentOrder = (o: OrderWithTickets) => ({
  id: o.id, eventId: o.event_id, status: o.status, buyerName: o.buyer_name, buyerEmail: o.buyer_email,
  totalCents: o.total_cents, feeCents: o.fee_cents,
  expiresAt: o.status === 'pending' ? iso(o.expires_at) : null, paidAt: iso(o.paid_at), createdAt: o.created_at.toISOString(),
  tickets: o.tickets.map((t) => ({ id: t.id, ticketTypeId: t.ticket_type_id, code: t.code, status: t.status })),
  paidCents: o.balance.paid_cents, refundedCents: o.balance.refunded_cents, balanceDueCents: o.balance.balance_due_cents,
  payments: o.payments.map(presentPayment),
  refunds: o.refunds.map(presentRefund),
});

export const presentPayment = (p: PaymentRow) => ({
  id: p.id, status: p.status, amountCents: p.amount_cents, currency: p.currency, providerRef: p.payment_intent ?? p.checkout_session,
  failure: p.failure, createdAt: p.created_at.toISOString(),
});

export const presentRefund = (r: RefundRow) => ({
  id: r.id, status: r.status, amountCents: r.amount_cents, reason: r.reason, providerRef: r.provider_ref, failure: r.failure,
  createdAt: r.created_at.toISOString(),
});

export const presentLedgerEntry = (e: LedgerEntryRow) => ({
  id: e.id, at: e.at.toISOString(), kind: e.kind, amountCents: e.amount_cents, currency: e.currency,
  ...(e.order_id ? { orderId: e.order_id } : {}), ...(e.reservation_id ? { reservationId: e.reservation_id } : {}),
  ...(e.provider_ref ? { providerRef: e.provider_ref } : {}),
});

export const presentGuestList = (l: GuestListRow): GuestListT => ({
  id: l.id, eventId: l.event_id, name: l.name, promoterId: l.promoter_id, promoterName: l.promoter_name,
  capacity: l.capacity, people: l.people, guests: l.guests, checkedIn: l.checked_in,
  closesAt: iso(l.closes_at), admitUntil: iso(l.admit_until), createdAt: l.created_at.toISOString(),
});

/** The share link's path, under the public URL when one is set (MAGUEY_PUBLIC_URL). */
export const guestShareUrl = (g: GuestRow, publicUrl: string | undefined) =>
  `${publicUrl ?? ''}/v1/public/guests/${g.venue_id}/${g.share_token}/qr.svg`;

export const presentGuest = (g: GuestRow, publicUrl: string | undefined): GuestT => ({
  id: g.id, eventId: g.event_id, listId: g.list_id, listName: g.list_name, name: g.name, plusOnes: g.plus_ones,
  email: g.email, phone: g.phone, code: g.code, shareUrl: guestShareUrl(g, publicUrl), status: g.status,
  checkedIn: g.entries, inside: g.inside, possibleDuplicateOf: g.possible_duplicate_of, createdAt: g.created_at.toISOString(),
});

export const presentAttention = (a: AttentionRow) => ({
  id: a.id, kind: a.kind, reason: a.reason, at: a.opened_at.toISOString(), lastScanAt: a.last_scan_at.toISOString(),
  message: attentionMessage({
    kind: a.kind, reason: a.reason, scanCount: a.scan_ids.length, scanners: a.scanners,
    holderName: a.holder_name, scannerName: a.scanner_name,
  }),
  scanIds: a.scan_ids, subjectId: a.subject_id, scannerId: a.scanner_id, eventId: a.event_id,
  status: a.resolved_at ? 'resolved' as const : 'open' as const,
  resolvedAt: iso(a.resolved_at), resolvedBy: a.resolved_by ? { id: a.resolved_by, name: a.resolved_by_name } : null,
  note: a.resolution_note,
});
