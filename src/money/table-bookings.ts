import type { Sql } from '../db/connect.js';
import { listTables } from '../db/events.js';
import type { CodeIssuer } from '../db/keys.js';
import { createPayment, setPaymentSession, setPaymentStatus } from '../db/payments.js';
import { createReservation, transitionReservation } from '../db/reservations.js';
import { findPublicEvent } from '../db/sales.js';
import { isPromoter } from '../db/staff.js';
import { DomainError, notFound } from '../domain/errors.js';
import { isUuid } from '../domain/input-formats.js';
import { ProviderRefused, ProviderUnavailable, type PaymentProvider } from './provider.js';

export interface TableBookingDeps { sql: Sql; provider: PaymentProvider; issuer: CodeIssuer; holdMinutes: number }

export interface TableBookingRequest {
  eventId: string;
  tableId: string;
  hostName: string;
  hostEmail: string;
  hostPhone: string | undefined;
  guestCount: number;
  locale: 'en' | 'es';
  /** The tracking link's `?p=`, or the promoter who books it: credited when it names a promoter of the venue. */
  promoter: string | undefined;
  /** Staff who booked it (null: the public page). */
  createdBy: string | null;
  /** Where the host lands after paying (or giving up). */
  returnUrl: (reservationId: string) => { success: string; cancel: string };
}

export interface TableBookingResult { venueId: string; reservationId: string; depositCents: number; checkoutUrl: string; expiresAt: Date }

/**
 * Books a table with its deposit: the booking is placed pending, holding
 * the table until expiresAt (the one-live-booking-per-table index refuses a
 * second booking meanwhile, 409), then a provider Checkout Session is
 * opened for exactly the table's deposit (never the request's). The paid
 * deposit's webhook confirms the booking, issues its passes and mails them
 * (src/money/webhooks.ts); unpaid at expiresAt, the housekeeping job
 * cancels it and the table is free. When the provider cannot be reached
 * the booking is cancelled at once and the host gets a 503.
 */
export async function startTableBooking(deps: TableBookingDeps, request: TableBookingRequest): Promise<TableBookingResult> {
  const event = await findPublicEvent(deps.sql, request.eventId);
  if (!event) throw notFound('event', request.eventId);
  if (event.status !== 'published' || event.ends_at <= new Date() || event.closed_at) throw new DomainError(409, 'not_on_sale', 'this event is not taking bookings');
  const table = (await listTables(deps.sql, event.venue_id, event.id)).find((t) => t.id === request.tableId);
  if (!table) throw notFound('table', request.tableId);
  if (table.deposit_cents <= 0) {
    throw new DomainError(409, 'no_deposit', `table ${table.number} takes no deposit: it is booked with the venue`,
      { errors: [{ field: '/tableId', message: 'takes no deposit' }] });
  }
  if (request.guestCount > table.capacity) {
    throw new DomainError(400, 'over_capacity', `table ${table.number} seats ${table.capacity}, not ${request.guestCount}`,
      { errors: [{ field: '/guestCount', message: `must be at most ${table.capacity}` }] });
  }
  // A stale or mistyped link still books: it just credits no one.
  const promoterId = request.promoter && isUuid(request.promoter) && (await isPromoter(deps.sql, event.venue_id, request.promoter))
    ? request.promoter : null;
  const expiresAt = new Date(Date.now() + deps.holdMinutes * 60_000);
  const booking = await createReservation(deps.sql, {
    venueId: event.venue_id, eventId: event.id, tableId: table.id, hostName: request.hostName, hostEmail: request.hostEmail,
    hostPhone: request.hostPhone ?? null, guestCount: request.guestCount, depositCents: table.deposit_cents,
    createdBy: request.createdBy, promoterId, hold: { expiresAt, locale: request.locale },
  });
  const payer = { kind: 'reservation', id: booking.id } as const;
  const payment = await createPayment(deps.sql, { venueId: event.venue_id, eventId: event.id, payer, amountCents: table.deposit_cents, currency: event.currency });
  const urls = request.returnUrl(booking.id);
  try {
    const session = await deps.provider.createCheckout({
      venueId: event.venue_id, eventId: event.id, reservationId: booking.id, paymentId: payment.id, currency: event.currency,
      buyerEmail: request.hostEmail, lines: [{ name: `Table ${table.number} deposit · ${event.name}`, unitAmountCents: table.deposit_cents, quantity: 1 }],
      expiresAt, successUrl: urls.success, cancelUrl: urls.cancel,
    }, `checkout-${payment.id}`);
    await setPaymentSession(deps.sql, event.venue_id, payment.id, session.sessionId);
    return { venueId: event.venue_id, reservationId: booking.id, depositCents: table.deposit_cents, checkoutUrl: session.url, expiresAt };
  } catch (error) {
    if (!(error instanceof ProviderUnavailable || error instanceof ProviderRefused)) throw error;
    await setPaymentStatus(deps.sql, event.venue_id, payment.id, 'failed', error.message.slice(0, 500));
    await transitionReservation(deps.sql, event.venue_id, booking.id, 'cancelled', deps.issuer); // the table is free again
    throw new ProviderUnavailable('the payment provider cannot be reached; nothing was charged, try again in a minute');
  }
}
