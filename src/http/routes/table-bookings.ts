import { publicTables } from '../../db/deposits.js';
import { findPublicEvent } from '../../db/sales.js';
import { recordSpend } from '../../db/spend.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { startTableBooking, type TableBookingRequest as BookingInput } from '../../money/table-bookings.js';
import { findReservation } from '../../db/reservations.js';
import type { App, Deps } from '../context.js';
import { presentReservation } from '../present.js';
import { originOf } from './payments.js';
import type { Static } from 'typebox';
import { EventIdParams, IdParams, Problem, PublicTables, Reservation, SpendRequest, TableBookingRequest, TableBookingResult } from '../schemas.js';
import { eventOf, onlyOwn, reservationOf } from '../scope.js';

/** Table bookings with a deposit (public and staff), and the spend a point of sale sends toward a table's minimum. */
export function tableBookingRoutes(app: App, { sql, config, issuer, money, hub }: Deps): void {
  const book = async (request: { protocol: string; host: string }, eventId: string, body: Static<typeof TableBookingRequest>,
    who: Pick<BookingInput, 'createdBy' | 'promoter'>) => {
    const origin = originOf(config.publicUrl, request);
    const result = await startTableBooking({ sql, provider: money.provider, issuer, holdMinutes: config.orderHoldMinutes }, {
      eventId, tableId: body.tableId, hostName: body.hostName, hostEmail: body.hostEmail, hostPhone: body.hostPhone,
      guestCount: body.guestCount, locale: body.locale ?? 'en', ...who,
      returnUrl: (id) => ({ success: `${origin}/e/${eventId}/tables?booking=${id}&paid=1`, cancel: `${origin}/e/${eventId}/tables?booking=${id}` }),
    });
    const checkoutUrl = result.checkoutUrl.startsWith('/') ? origin + result.checkoutUrl : result.checkoutUrl;
    return { ...result, status: 'pending' as const, checkoutUrl, expiresAt: result.expiresAt.toISOString() };
  };

  app.get('/v1/public/events/:eventId/tables', {
    config: { access: 'public' },
    schema: { tags: ['money'], security: [], params: EventIdParams, response: { 200: PublicTables, 404: Problem } },
  }, async (request) => {
    const event = await findPublicEvent(sql, request.params.eventId);
    if (!event || event.status === 'draft') throw notFound('event', request.params.eventId);
    const tables = await publicTables(sql, event.venue_id, event.id);
    return {
      items: tables.map((t) => ({
        id: t.id, number: t.number, tier: t.tier, capacity: t.capacity, depositCents: t.deposit_cents, minSpendCents: t.min_spend_cents, x: t.x, y: t.y, available: t.available,
      })),
    };
  });

  app.post('/v1/public/events/:eventId/table-bookings', {
    config: { access: 'public', rateLimit: { max: config.checkoutsPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['money'], security: [], params: EventIdParams, body: TableBookingRequest,
      description: 'Book a table with its deposit: pending, holding the table until expiresAt; the paid deposit confirms it and mails its passes.',
      response: { 201: TableBookingResult, 400: Problem, 404: Problem, 409: Problem, 429: Problem, 503: Problem },
    },
  }, async (request, reply) => {
    const { venueId, ...result } = await book(request, request.params.eventId, request.body, { createdBy: null, promoter: request.body.promoter });
    hub.reservationChanged({ venueId, eventId: request.params.eventId }, result.reservationId);
    return reply.code(201).send(result);
  });

  app.post('/v1/events/:eventId/table-bookings', {
    config: { access: 'bookReservations' },
    schema: {
      tags: ['reservations'], params: EventIdParams, body: TableBookingRequest,
      description: 'The staff side of a table booking with its deposit: the host pays at checkoutUrl (send it to them).',
      response: { 201: TableBookingResult, 400: Problem, 404: Problem, 409: Problem, 503: Problem },
    },
  }, async (request, reply) => {
    const me = request.principal;
    await eventOf(sql, me, request.params.eventId);
    const { venueId: _venue, ...result } = await book(request, request.params.eventId, request.body, {
      createdBy: me.kind === 'staff' ? me.id : null, promoter: onlyOwn(me) ?? request.body.promoter,
    });
    hub.reservationChanged({ venueId: me.venueId, eventId: request.params.eventId }, result.reservationId);
    return reply.code(201).send(result);
  });

  app.post('/v1/reservations/:id/spend', {
    config: { access: 'postSpend' },
    schema: {
      tags: ['reservations'], params: IdParams, body: SpendRequest,
      description: 'Spend toward the table\'s minimum, from a point of sale (a device with role pos) or a manager; the same ref is booked once.',
      response: { 200: Reservation, 201: Reservation, 400: Problem, 404: Problem, 409: Problem },
    },
  }, async (request, reply) => {
    const me = request.principal;
    const booking = await reservationOf(sql, me, request.params.id);
    const outcome = await recordSpend(sql, {
      venueId: me.venueId, reservationId: booking.id, amountCents: request.body.amountCents, ref: request.body.ref, note: request.body.note ?? null,
    });
    if (outcome.kind === 'not_found') throw notFound('reservation', request.params.id);
    if (outcome.kind === 'night_closed') throw new DomainError(409, 'night_closed', 'the night is closed: close it again after correcting it, or send the spend to the next night');
    if (outcome.kind === 'not_seated') throw new DomainError(409, 'reservation_not_seated', `the booking is ${outcome.status}: spend is taken from a confirmed table`);
    if (outcome.kind === 'ref_conflict') {
      throw new DomainError(409, 'ref_reused', 'this ref was booked before with another amount',
        { errors: [{ field: '/ref', message: 'was booked before with another amount' }] });
    }
    if (outcome.kind === 'booked') hub.reservationChanged({ venueId: me.venueId, eventId: booking.event_id }, booking.id);
    return reply.code(outcome.kind === 'booked' ? 201 : 200).send(presentReservation((await findReservation(sql, me.venueId, booking.id))!));
  });
}
