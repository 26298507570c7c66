import { Type } from 'typebox';
import { findOrder } from '../../db/orders.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { listEventOrders, listLedger, moneySummary, type RefundRow } from '../../db/payments.js';
import { findReservation } from '../../db/reservations.js';
import { findPublicEvent, ticketTypesOnSale } from '../../db/sales.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { startCheckout } from '../../money/checkout.js';
import { cancelEvent } from '../../money/event-cancel.js';
import { refundDeposit } from '../../money/deposit-refunds.js';
import { refundOrder } from '../../money/refunds.js';
import { handleWebhook } from '../../money/webhooks.js';
import type { App, Deps } from '../context.js';
import { presentLedgerEntry, presentOrder, presentReservation } from '../present.js';
import {
  CheckoutRequest, CheckoutResult, EventIdParams, IdParams, LedgerEntry, MoneySummary, Order, OrderSummary, Page, PageOf, Problem,
  PublicEvent, RefundBody, RefundHeaders, Reservation, Text, Uuid,
} from '../schemas.js';
import { eventOf, reservationOf } from '../scope.js';

/** Stripe's event payloads are a few kilobytes; the app's 64 KiB JSON limit is too tight for some. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** The public origin the buyer's browser is on: MAGUEY_PUBLIC_URL, or the request's own. */
export const originOf = (publicUrl: string | undefined, request: { protocol: string; host: string }) =>
  publicUrl ?? `${request.protocol}://${request.host}`;

export function paymentRoutes(app: App, { sql, config, issuer, money, mailer }: Deps): void {
  // The webhook is verified over the exact bytes Stripe signed: in its own
  // scope, every body is kept raw (a Buffer) instead of parsed as JSON.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post('/v1/payments/stripe/webhook', {
      config: { access: 'public' },
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: {
        tags: ['money'], security: [],
        headers: Type.Object({ 'stripe-signature': Type.Optional(Type.String({ maxLength: 4096 })) }),
        response: { 200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }), 400: Problem, 503: Problem },
      },
    }, async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['stripe-signature'];
      const done = await handleWebhook({ sql, provider: money.provider, mailer, issuer, log: request.log, lockTimeoutMs: config.webhookLockTimeoutMs }, raw,
        typeof signature === 'string' ? signature : undefined);
      return { received: true, duplicate: done.duplicate };
    });
  });

  app.get('/v1/events/:eventId/ledger', {
    config: { access: 'readLedger' },
    schema: { tags: ['money'], params: EventIdParams, querystring: Page, response: { 200: PageOf(LedgerEntry), 400: Problem, 404: Problem } },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const limit = request.query.limit ?? 50;
    const rows = await listLedger(sql, request.principal.venueId, request.params.eventId, { limit, after: decodeCursor(request.query.cursor) });
    const page = pageOf(rows, limit, (e) => ({ at: e.at, id: e.id }));
    return { items: page.items.map(presentLedgerEntry), nextCursor: page.nextCursor };
  });

  app.get('/v1/events/:eventId/money', {
    config: { access: 'readLedger' },
    schema: {
      tags: ['money'], params: EventIdParams,
      response: { 200: MoneySummary, 404: Problem },
    },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const [m, event] = await Promise.all([
      moneySummary(sql, request.principal.venueId, request.params.eventId), findPublicEvent(sql, request.params.eventId),
    ]);
    return {
      currency: event!.currency, grossCents: m.gross_cents, feeCents: m.fee_cents, refundCents: m.refund_cents,
      disputeCents: m.dispute_cents, netCents: m.net_cents, paidOrders: m.paid_orders, ticketsSold: m.tickets_sold,
    };
  });

  app.get('/v1/events/:eventId/orders', {
    config: { access: 'manageOrders' },
    schema: {
      tags: ['tickets'], params: EventIdParams, querystring: Page,
      response: { 200: PageOf(OrderSummary), 400: Problem, 404: Problem },
    },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const limit = request.query.limit ?? 50;
    const rows = await listEventOrders(sql, request.principal.venueId, request.params.eventId, { limit, after: decodeCursor(request.query.cursor) });
    const page = pageOf(rows, limit, (o) => ({ at: o.created_at, id: o.id }));
    return {
      items: page.items.map((o) => ({
        id: o.id, status: o.status, buyerName: o.buyer_name, buyerEmail: o.buyer_email, totalCents: o.total_cents,
        paidCents: o.paid_cents, refundedCents: o.refunded_cents, tickets: o.tickets, createdAt: o.created_at.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  });

  app.get('/v1/public/events/:eventId', {
    config: { access: 'public' },
    schema: {
      tags: ['money'], security: [], params: EventIdParams,
      response: { 200: PublicEvent, 404: Problem },
    },
  }, async (request) => {
    const event = await findPublicEvent(sql, request.params.eventId);
    if (!event || event.status === 'draft') throw notFound('event', request.params.eventId);
    const types = await ticketTypesOnSale(sql, event);
    return {
      id: event.id, name: event.name, venueName: event.venue_name, startsAt: event.starts_at.toISOString(), endsAt: event.ends_at.toISOString(),
      currency: event.currency, onSale: event.status === 'published' && event.ends_at > new Date() && !event.closed_at,
      ticketTypes: types.map((t) => ({ id: t.id, name: t.name, priceCents: t.price_cents, feeCents: t.fee_cents, available: t.available })),
    };
  });

  app.post('/v1/public/events/:eventId/checkout', {
    config: { access: 'public', rateLimit: { max: config.checkoutsPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['money'], security: [], params: EventIdParams,
      body: CheckoutRequest,
      response: { 201: CheckoutResult, 400: Problem, 404: Problem, 409: Problem, 429: Problem, 503: Problem },
    },
  }, async (request, reply) => {
    const origin = originOf(config.publicUrl, request);
    const result = await startCheckout({ sql, provider: money.provider, issuer, holdMinutes: config.orderHoldMinutes }, {
      eventId: request.params.eventId, buyerName: request.body.buyerName, buyerEmail: request.body.buyerEmail, lines: request.body.lines,
      locale: request.body.locale ?? 'en', promoter: request.body.promoter,
      returnUrl: (orderId) => ({
        success: `${origin}/e/${request.params.eventId}?order=${orderId}&paid=1`,
        cancel: `${origin}/e/${request.params.eventId}?order=${orderId}`,
      }),
    });
    const checkoutUrl = result.checkoutUrl.startsWith('/') ? origin + result.checkoutUrl : result.checkoutUrl;
    return reply.code(201).send({ ...result, checkoutUrl, expiresAt: result.expiresAt.toISOString() });
  });

  app.post('/v1/events/:eventId/cancel', {
    config: { access: 'cancelEvents' },
    schema: {
      tags: ['money'], params: EventIdParams,
      response: {
        200: Type.Object({
          eventId: Uuid, status: Type.Literal('cancelled'), cancelledPending: Type.Integer(), refunded: Type.Integer(),
          kept: Type.Integer({ description: 'paid orders not refunded: the cancellation came after refundableUntil' }),
          failed: Type.Integer({ description: 'refunds the provider refused (see the order) or could not take now (cancel again to retry those)' }),
        }),
        404: Problem,
      },
    },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const done = await cancelEvent({ sql, provider: money.provider }, request.principal.venueId, request.params.eventId);
    return { eventId: request.params.eventId, status: 'cancelled' as const, ...done };
  });

  app.post('/v1/orders/:id/refund', {
    config: { access: 'manageOrders' },
    schema: {
      tags: ['tickets'], params: IdParams,
      headers: RefundHeaders,
      body: RefundBody,
      response: { 200: Order, 400: Problem, 404: Problem, 409: Problem, 503: Problem },
    },
  }, async (request) => {
    const me = request.principal;
    if (!(await findOrder(sql, me.venueId, request.params.id))) throw notFound('order', request.params.id);
    const refund = await refundOrder({ sql, provider: money.provider }, {
      venueId: me.venueId, orderId: request.params.id, key: request.headers['idempotency-key'], amountCents: request.body.amountCents,
      reason: request.body.reason, requestedBy: me.kind === 'staff' ? me.id : null,
    });
    throwIfRefused(refund);
    return presentOrder((await findOrder(sql, me.venueId, request.params.id))!);
  });

  app.post('/v1/reservations/:id/refund', {
    config: { access: 'refundDeposits' },
    schema: {
      tags: ['reservations'], params: IdParams, headers: RefundHeaders, body: RefundBody,
      response: { 200: Reservation, 400: Problem, 404: Problem, 409: Problem, 503: Problem },
    },
  }, async (request) => {
    const me = request.principal;
    const booking = await reservationOf(sql, me, request.params.id);
    const refund = await refundDeposit({ sql, provider: money.provider, issuer }, {
      venueId: me.venueId, reservationId: booking.id, key: request.headers['idempotency-key'], amountCents: request.body.amountCents,
      reason: request.body.reason, requestedBy: me.kind === 'staff' ? me.id : null,
    });
    throwIfRefused(refund);
    return presentReservation((await findReservation(sql, me.venueId, booking.id))!);
  });
}

/** A refund the provider refused is the caller's to see (409), with the provider's reason. */
function throwIfRefused(refund: RefundRow | null): void {
  if (refund?.status === 'refused') {
    throw new DomainError(409, 'refund_refused', `the payment provider refused the refund: ${refund.failure ?? 'no reason given'}`, { refundId: refund.id });
  }
}
