import type { Sql } from '../db/connect.js';
import { isUuid } from '../domain/input-formats.js';
import type { CodeIssuer } from '../db/keys.js';
import { placeOrder, setOrderStatus } from '../db/orders.js';
import { createPayment, setPaymentSession, setPaymentStatus } from '../db/payments.js';
import { findPublicEvent, orderLinesForSale, setBuyerLocale, ticketTypesOnSale } from '../db/sales.js';
import { isPromoter } from '../db/staff.js';
import { DomainError, notFound } from '../domain/errors.js';
import { ProviderRefused, ProviderUnavailable, type PaymentProvider } from './provider.js';

export interface CheckoutDeps { sql: Sql; provider: PaymentProvider; issuer: CodeIssuer; holdMinutes: number }

export interface CheckoutRequest {
  eventId: string;
  buyerName: string;
  buyerEmail: string;
  lines: { ticketTypeId: string; quantity: number }[];
  /** The language of the tickets' mail. */
  locale: 'en' | 'es';
  /** The tracking link's `?p=`: a promoter's staff id, credited when it names a promoter of the event's venue. */
  promoter: string | undefined;
  /** Where the buyer lands after paying (or giving up): the public buy page of the event. */
  returnUrl: (orderId: string) => { success: string; cancel: string };
}

export interface CheckoutResult { orderId: string; status: 'pending'; checkoutUrl: string; expiresAt: Date }

/**
 * A public sale of ticket types on sale (priced, still valid): the order is
 * placed pending with the prices of the ticket types (never the request's), holding its tickets until expiresAt; then a
 * provider Checkout Session is opened for exactly the order's total. When
 * the provider cannot be reached or refuses, the order is cancelled at once
 * (its tickets go back) and the buyer gets a 503.
 */
export async function startCheckout(deps: CheckoutDeps, request: CheckoutRequest): Promise<CheckoutResult> {
  const event = await findPublicEvent(deps.sql, request.eventId);
  if (!event) throw notFound('event', request.eventId);
  if (event.status !== 'published' || event.ends_at <= new Date() || event.closed_at) throw new DomainError(409, 'not_on_sale', 'this event is not on sale');
  const onSale = new Set((await ticketTypesOnSale(deps.sql, event)).map((t) => t.id));
  const notOnSale = request.lines.findIndex((line) => !onSale.has(line.ticketTypeId));
  if (notOnSale >= 0) {
    throw new DomainError(409, 'not_on_sale', 'this ticket type is not sold to the public (free, no longer valid, or of another event)',
      { errors: [{ field: `body/lines/${notOnSale}/ticketTypeId`, message: 'is not on sale' }] });
  }
  // A stale or mistyped link still sells: it just credits no one.
  const promoterId = request.promoter && isUuid(request.promoter) && (await isPromoter(deps.sql, event.venue_id, request.promoter))
    ? request.promoter : null;
  const order = await placeOrder(deps.sql, deps.issuer, {
    venueId: event.venue_id, eventId: event.id, buyerName: request.buyerName, buyerEmail: request.buyerEmail,
    lines: request.lines, paid: false, createdBy: null, promoterId, holdMinutes: deps.holdMinutes,
  });
  await setBuyerLocale(deps.sql, event.venue_id, order.id, request.locale);
  const payment = await createPayment(deps.sql, { venueId: event.venue_id, eventId: event.id, payer: { kind: 'order', id: order.id }, amountCents: order.total_cents, currency: event.currency });
  const urls = request.returnUrl(order.id);
  try {
    const session = await deps.provider.createCheckout({
      venueId: event.venue_id, eventId: event.id, orderId: order.id, paymentId: payment.id, currency: event.currency,
      buyerEmail: request.buyerEmail, lines: await orderLinesForSale(deps.sql, event.venue_id, order.id),
      expiresAt: order.expires_at!, successUrl: urls.success, cancelUrl: urls.cancel,
    }, `checkout-${payment.id}`);
    await setPaymentSession(deps.sql, event.venue_id, payment.id, session.sessionId);
    return { orderId: order.id, status: 'pending', checkoutUrl: session.url, expiresAt: order.expires_at! };
  } catch (error) {
    if (!(error instanceof ProviderUnavailable || error instanceof ProviderRefused)) throw error;
    await setPaymentStatus(deps.sql, event.venue_id, payment.id, 'failed', error.message.slice(0, 500));
    await setOrderStatus(deps.sql, event.venue_id, order.id, 'cancelled'); // its tickets go back on sale
    throw new ProviderUnavailable('the payment provider cannot be reached; nothing was charged, try again in a minute');
  }
}

