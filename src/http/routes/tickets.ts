import { Type } from 'typebox';
import { eventKeySet, revokeEventKey } from '../../db/keys.js';
import {
  findOrder, findTicket, linkTicket, placeOrder, reissueCode, setOrderStatus,
  type OrderStatus,
} from '../../db/orders.js';
import { actorOf } from '../../db/principals.js';
import { allows } from '../access.js';
import { refundCancelledOrder } from '../../money/refunds.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { presentOrder, presentTicket } from '../present.js';
import { QR_FORMATS, sendQr } from '../qr.js';
import { EventIdParams, IdParams, KeySet, Order, Problem, Ticket, Timestamp, Uuid, Text } from '../schemas.js';
import { eventOf, onlyOwn, passOf, reservationOf, ticketOf } from '../scope.js';

const ORDER_ACTIONS: { path: string; status: OrderStatus }[] = [
  { path: 'pay', status: 'paid' },
  { path: 'cancel', status: 'cancelled' },
];

export function ticketRoutes(app: App, { sql, issuer, config, money }: Deps): void {
  app.post('/v1/events/:eventId/orders', {
    config: { access: 'sellTickets' },
    schema: {
      tags: ['tickets'], params: EventIdParams,
      body: Type.Object({
        buyerName: Text({ minLength: 1, maxLength: 200 }), buyerEmail: Type.String({ format: 'email', maxLength: 320 }),
        lines: Type.Array(Type.Object({ ticketTypeId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 50 }) }, { additionalProperties: false }),
          { minItems: 1, maxItems: 20 }),
        paid: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 201: Order, 403: Problem, 404: Problem, 409: Problem },
    },
  }, async (request, reply) => {
    const me = request.principal;
    const event = await eventOf(sql, me, request.params.eventId);
    if (event.closed_at) throw new DomainError(409, 'night_closed', 'the night is closed: sales stopped');
    // paid: true is the box office and comps: money handled by the venue itself.
    if (request.body.paid && !(me.kind === 'staff' && (me.role === 'owner' || me.role === 'manager'))) {
      throw new DomainError(403, 'forbidden', 'only an owner or a manager can record a paid order');
    }
    const order = await placeOrder(sql, issuer, {
      venueId: me.venueId, eventId: request.params.eventId, buyerName: request.body.buyerName, buyerEmail: request.body.buyerEmail,
      lines: request.body.lines, paid: request.body.paid ?? false, createdBy: me.kind === 'staff' ? me.id : null,
      promoterId: onlyOwn(me) ?? null,
      holdMinutes: config.orderHoldMinutes,
    });
    return reply.code(201).send(presentOrder(order));
  });

  const orderOf = async (venueId: string, id: string) => {
    const order = await findOrder(sql, venueId, id);
    if (!order) throw notFound('order', id);
    return order;
  };

  app.get('/v1/orders/:id', {
    config: { access: 'manageOrders' },
    schema: { tags: ['tickets'], params: IdParams, response: { 200: Order, 404: Problem } },
  }, async (request) => presentOrder(await orderOf(request.principal.venueId, request.params.id)));

  for (const { path, status } of ORDER_ACTIONS) {
    app.post(`/v1/orders/:id/${path}`, {
      config: { access: 'manageOrders' },
      schema: { tags: ['tickets'], params: IdParams, response: { 200: Order, 404: Problem, 409: Problem } },
    }, async (request) => {
      const venueId = request.principal.venueId;
      await orderOf(venueId, request.params.id);
      const order = await setOrderStatus(sql, venueId, request.params.id, status);
      // A cancelled order keeps no money: what the provider took goes back.
      if (status === 'cancelled' && order.balance.paid_cents > order.balance.refunded_cents) {
        await refundCancelledOrder({ sql, provider: money.provider }, { venueId, orderId: order.id });
        return presentOrder((await findOrder(sql, venueId, order.id))!);
      }
      return presentOrder(order);
    });
  }

  app.get('/v1/tickets/:id', {
    config: { access: 'readTickets' },
    schema: { tags: ['tickets'], params: IdParams, response: { 200: Ticket, 404: Problem } },
  }, async (request) => presentTicket(await ticketOf(sql, request.principal, request.params.id),
    { withCode: allows('readTicketCodes', actorOf(request.principal)) }));

  app.post('/v1/tickets/:id/link', {
    config: { access: 'bookReservations' },
    schema: {
      tags: ['tickets'], params: IdParams, body: Type.Object({ reservationId: Uuid }, { additionalProperties: false }),
      response: { 200: Ticket, 400: Problem, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const ticket = await ticketOf(sql, request.principal, request.params.id);
    const reservation = await reservationOf(sql, request.principal, request.body.reservationId);
    if (reservation.event_id !== ticket.event_id) {
      throw new DomainError(400, 'wrong_event', 'the ticket and the reservation belong to different events');
    }
    return presentTicket(await linkTicket(sql, request.principal.venueId, ticket.id, reservation.id));
  });

  app.post('/v1/tickets/:id/reissue', {
    config: { access: 'manageOrders' },
    schema: { tags: ['tickets'], params: IdParams, response: { 200: Ticket, 404: Problem } },
  }, async (request) => {
    await ticketOf(sql, request.principal, request.params.id);
    await reissueCode(sql, issuer, request.principal.venueId, 'ticket', request.params.id);
    return presentTicket((await findTicket(sql, request.principal.venueId, request.params.id))!);
  });

  app.post('/v1/passes/:id/reissue', {
    config: { access: 'manageOrders' },
    schema: { tags: ['reservations'], params: IdParams, response: { 200: Type.Object({ id: Uuid, code: Type.String() }), 404: Problem } },
  }, async (request) => {
    const pass = await passOf(sql, request.principal, request.params.id);
    return { id: pass.id, code: await reissueCode(sql, issuer, request.principal.venueId, 'vip_pass', pass.id) };
  });

  for (const format of QR_FORMATS) {
    app.get(`/v1/tickets/:id/qr.${format}`, {
      config: { access: 'readTicketCodes' },
      schema: { tags: ['tickets'], params: IdParams, description: `The ticket's code as a QR image (${format.toUpperCase()}).` },
    }, async (request, reply) => sendQr(reply, (await ticketOf(sql, request.principal, request.params.id)).code, format));
  }

  app.get('/v1/events/:eventId/keys', {
    config: { access: 'readKeys' },
    schema: { tags: ['codes'], params: EventIdParams, response: { 200: KeySet, 404: Problem } },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const { keys, revoked } = await eventKeySet(sql, { venueId: request.principal.venueId, eventId: request.params.eventId });
    return {
      eventId: request.params.eventId, format: 'M1',
      keys: keys.map((k) => ({
        kid: Number(k.kid), algorithm: 'Ed25519' as const, publicKey: k.public_key.toString('base64url'),
        createdAt: k.created_at.toISOString(), revokedAt: k.revoked_at?.toISOString() ?? null,
      })),
      revokedCodes: revoked.map((r) => ({ kind: r.subject_kind, subjectId: r.subject_id, serial: r.serial, revokedAt: r.revoked_at.toISOString() })),
    };
  });

  app.post('/v1/events/:eventId/keys/rotate', {
    config: { access: 'manageEvents' },
    schema: { tags: ['codes'], params: EventIdParams, response: { 201: Type.Object({ kid: Type.Integer() }), 404: Problem } },
  }, async (request, reply) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const key = await issuer.rotate(sql, { venueId: request.principal.venueId, eventId: request.params.eventId });
    return reply.code(201).send({ kid: Number(key.kid) });
  });

  app.post('/v1/events/:eventId/keys/:kid/revoke', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['codes'], params: Type.Object({ eventId: Uuid, kid: Type.Integer({ minimum: 0, maximum: 4294967295 }) }),
      response: { 200: Type.Object({ kid: Type.Integer(), revokedAt: Timestamp }), 404: Problem },
    },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const key = await revokeEventKey(sql, { venueId: request.principal.venueId, eventId: request.params.eventId }, request.params.kid);
    if (!key) throw notFound('key', String(request.params.kid));
    issuer.forget(request.params.eventId);
    return { kid: Number(key.kid), revokedAt: key.revoked_at!.toISOString() };
  });
}
