import { Type } from 'typebox';
import { listTables } from '../../db/events.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import {
  createReservation, getReservationWithPasses, listReservations, resetReservation, transitionReservation, updateReservation,
} from '../../db/reservations.js';
import { MAIL_LOCALES } from '../../mail/code-mail.js';
import { bookingPassesMail } from '../../mail/booking-passes.js';
import { refundCancelledBooking } from '../../money/deposit-refunds.js';
import { ProviderUnavailable } from '../../money/provider.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { RESERVATION_STATUSES, type ReservationStatus } from '../../domain/lists.js';
import { allows, type Access } from '../access.js';
import { actorOf } from '../../db/principals.js';
import type { App, Deps } from '../context.js';
import { QR_FORMATS, sendQr } from '../qr.js';
import { listReservationMoney } from '../../db/payments.js';
import { presentPayment, presentRefund, presentReservation } from '../present.js';
import { EventIdParams, IdParams, OrNull, Page, PageOf, Problem, Reservation, Uuid, Text } from '../schemas.js';
import { eventOf, onlyOwn, passOf, reservationOf } from '../scope.js';

/** The lifecycle routes: path → target status, and who may take it. */
const TRANSITIONS: { path: string; to: ReservationStatus; access: Access }[] = [
  { path: 'confirm', to: 'confirmed', access: 'bookReservations' },
  { path: 'cancel', to: 'cancelled', access: 'bookReservations' },
  { path: 'complete', to: 'completed', access: 'closeReservations' },
  { path: 'no-show', to: 'no_show', access: 'closeReservations' },
];

const Fields = {
  hostName: Text({ minLength: 1, maxLength: 200 }), hostEmail: Type.String({ format: 'email', maxLength: 320 }),
  hostPhone: Text({ minLength: 3, maxLength: 40 }), guestCount: Type.Integer({ minimum: 1, maximum: 100 }),
};

const overCapacity = (table: { number: string; capacity: number }, guests: number) =>
  new DomainError(400, 'over_capacity', `table ${table.number} seats ${table.capacity}, not ${guests}`,
    { errors: [{ field: '/guestCount', message: `must be at most ${table.capacity}` }] });

export function reservationRoutes(app: App, { sql, config, hub, issuer, mailer, money }: Deps): void {
  app.post('/v1/events/:eventId/reservations', {
    config: { access: 'bookReservations' },
    schema: {
      tags: ['reservations'], params: EventIdParams,
      body: Type.Object({
        tableId: Uuid, hostName: Fields.hostName, hostEmail: Type.Optional(Fields.hostEmail),
        hostPhone: Type.Optional(Fields.hostPhone), guestCount: Fields.guestCount,
        depositCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
      }, { additionalProperties: false }),
      response: { 201: Reservation, 400: Problem, 404: Problem },
    },
  }, async (request, reply) => {
    const { eventId } = request.params;
    await eventOf(sql, request.principal, eventId);
    const venueId = request.principal.venueId;
    const table = (await listTables(sql, venueId, eventId)).find((t) => t.id === request.body.tableId);
    if (!table) throw notFound('table', request.body.tableId);
    if (request.body.guestCount > table.capacity) throw overCapacity(table, request.body.guestCount);
    const reservation = await createReservation(sql, {
      ...request.body, venueId, eventId, createdBy: request.principal.kind === 'staff' ? request.principal.id : null,
      promoterId: onlyOwn(request.principal) ?? null,
    });
    hub.reservationChanged({ venueId, eventId }, reservation.id);
    return reply.code(201).send(presentReservation(reservation));
  });

  app.get('/v1/events/:eventId/reservations', {
    config: { access: 'readReservations' },
    schema: {
      tags: ['reservations'], params: EventIdParams,
      querystring: Type.Intersect([Page, Type.Object({ status: Type.Optional(Type.Enum(RESERVATION_STATUSES)) })]),
      response: { 200: PageOf(Reservation), 404: Problem },
    },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const limit = request.query.limit ?? 50;
    const rows = await listReservations(sql, request.principal.venueId, request.params.eventId, {
      status: request.query.status, limit, after: decodeCursor(request.query.cursor), createdBy: onlyOwn(request.principal),
    });
    const page = pageOf(rows, limit, (r) => ({ at: r.created_at, id: r.id }));
    return { items: page.items.map((r) => presentReservation(r)), nextCursor: page.nextCursor };
  });

  app.get('/v1/reservations/:id', {
    config: { access: 'readReservations' },
    schema: { tags: ['reservations'], params: IdParams, response: { 200: Reservation, 404: Problem } },
  }, async (request) => {
    await reservationOf(sql, request.principal, request.params.id);
    const actor = actorOf(request.principal);
    const view = presentReservation(await getReservationWithPasses(sql, request.principal.venueId, request.params.id), { withCodes: allows('readPasses', actor) });
    if (!allows('readLedger', actor)) return view;
    const money = await listReservationMoney(sql, request.principal.venueId, request.params.id);
    return { ...view, payments: money.payments.map(presentPayment), refunds: money.refunds.map(presentRefund) };
  });

  app.patch('/v1/reservations/:id', {
    config: { access: 'bookReservations' },
    schema: {
      tags: ['reservations'], params: IdParams,
      description: 'Change a booking\'s host details; the guest count only while it is pending (confirming issues one pass per guest).',
      body: Type.Object({
        hostName: Type.Optional(Fields.hostName), hostEmail: Type.Optional(OrNull(Fields.hostEmail)),
        hostPhone: Type.Optional(OrNull(Fields.hostPhone)), guestCount: Type.Optional(Fields.guestCount),
      }, { additionalProperties: false }),
      response: { 200: Reservation, 400: Problem, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const before = await reservationOf(sql, request.principal, request.params.id);
    const { guestCount } = request.body;
    if (guestCount !== undefined) {
      const table = (await listTables(sql, before.venue_id, before.event_id)).find((t) => t.id === before.table_id)!;
      if (guestCount > table.capacity) throw overCapacity(table, guestCount);
    }
    const reservation = await updateReservation(sql, before.venue_id, before.id, request.body);
    if (!reservation) {
      throw new DomainError(409, 'passes_issued', 'the guest count can change only while the booking is pending',
        { errors: [{ field: '/guestCount', message: 'can change only while the booking is pending' }] });
    }
    hub.reservationChanged({ venueId: before.venue_id, eventId: before.event_id }, before.id);
    return presentReservation(reservation);
  });

  for (const { path, to, access } of TRANSITIONS) {
    app.post(`/v1/reservations/:id/${path}`, {
      config: { access },
      schema: { tags: ['reservations'], params: IdParams, response: { 200: Reservation, 404: Problem, 409: Problem } },
    }, async (request) => {
      const before = await reservationOf(sql, request.principal, request.params.id);
      let reservation = await transitionReservation(sql, before.venue_id, request.params.id, to, issuer);
      if (to === 'cancelled') {
        // Cancelled in time, the deposit goes back (after refundableUntil the move kept it).
        // A provider that is down now leaves it to the housekeeping sweep.
        const refund = await refundCancelledBooking({ sql, provider: money.provider, issuer }, { venueId: before.venue_id, reservationId: before.id })
          .catch((error: unknown) => {
            if (!(error instanceof ProviderUnavailable)) throw error;
            request.log.warn({ reservationId: before.id }, 'deposit refund deferred: the payment provider is unavailable');
          });
        if (refund) reservation = await getReservationWithPasses(sql, before.venue_id, before.id);
      }
      hub.reservationChanged({ venueId: before.venue_id, eventId: before.event_id }, before.id);
      return presentReservation(reservation);
    });
  }

  app.post('/v1/reservations/:id/send-passes', {
    config: { access: 'bookReservations' },
    schema: {
      tags: ['reservations'], params: IdParams,
      description: 'Mail the table\'s passes (one QR code per person) to its host, or to `to`.',
      body: Type.Object({
        to: Type.Optional(Fields.hostEmail),
        locale: Type.Optional(Type.Enum(MAIL_LOCALES, { description: 'the mail\'s language (default en)' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ sentTo: Type.String(), passes: Type.Integer() }),
        400: Problem, 404: Problem, 409: Problem,
      },
    },
  }, async (request) => {
    const { venue_id: venueId, id } = await reservationOf(sql, request.principal, request.params.id);
    const mail = (await bookingPassesMail(sql, venueId, id, { to: request.body.to, locale: request.body.locale ?? 'en' }))!;
    // Passes admit only while their booking is confirmed or its guests are arriving.
    if (mail.status !== 'confirmed' && mail.status !== 'checked_in') {
      throw new DomainError(409, 'reservation_not_confirmed', `the booking is ${mail.status}: passes are sent for a confirmed booking`);
    }
    if (!mail.to) {
      throw new DomainError(400, 'no_recipient', 'the booking has no host e-mail: give one',
        { errors: [{ field: '/to', message: 'is required when the booking has no host e-mail' }] });
    }
    await mailer.send(await mail.render(mail.to));
    request.log.info({ reservationId: id, passes: mail.passes }, 'passes mailed');
    return { sentTo: mail.to, passes: mail.passes };
  });

  app.post('/v1/reservations/:id/reset', {
    config: { access: 'resetReservations' },
    schema: { tags: ['reservations'], params: IdParams, response: { 200: Reservation, 403: Problem, 404: Problem } },
  }, async (request) => {
    if (!config.allowReset) {
      throw new DomainError(403, 'reset_disabled', 'resets are disabled on this server (MAGUEY_ALLOW_RESET=1 enables them)');
    }
    const before = await reservationOf(sql, request.principal, request.params.id);
    await resetReservation(sql, before.venue_id, before.id, { name: request.principal.name, staffId: request.principal.id });
    request.log.warn({ reservationId: before.id, staffId: request.principal.id }, 'reservation reset');
    hub.reservationChanged({ venueId: before.venue_id, eventId: before.event_id }, before.id);
    return presentReservation(await getReservationWithPasses(sql, before.venue_id, before.id));
  });

  for (const format of QR_FORMATS) {
    app.get(`/v1/passes/:id/qr.${format}`, {
      config: { access: 'readPasses' },
      schema: { tags: ['reservations'], params: IdParams, description: `The pass's code as a QR image (${format.toUpperCase()}).` },
    }, async (request, reply) => {
      const pass = await passOf(sql, request.principal, request.params.id);
      return sendQr(reply, pass.code, format);
    });
  }
}
