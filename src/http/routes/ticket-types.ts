import { Type } from 'typebox';
import { createTicketType, findTicketType, listTicketTypes, updateTicketType } from '../../db/orders.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { presentTicketType } from '../present.js';
import { EventIdParams, IdParams, OrNull, Problem, ReentryPolicy, TicketType, Timestamp, Text } from '../schemas.js';
import { eventOf } from '../scope.js';

const Fields = {
  name: Text({ minLength: 1, maxLength: 100 }), priceCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  feeCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }), inventory: OrNull(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
};

function checkValidity(validFrom: Date | null, validUntil: Date | null): void {
  if (validFrom && validUntil && validUntil <= validFrom) {
    throw new DomainError(400, 'invalid_times', 'validUntil must be after validFrom', { errors: [{ field: '/validUntil', message: 'must be after validFrom' }] });
  }
}

const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

/** GA ticket types of an event: create, list, edit. */
export function ticketTypeRoutes(app: App, { sql }: Deps): void {
  app.post('/v1/events/:eventId/ticket-types', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['tickets'], params: EventIdParams,
      body: Type.Object({
        name: Fields.name, priceCents: Fields.priceCents, feeCents: Type.Optional(Fields.feeCents), inventory: Type.Optional(Fields.inventory),
        reentry: Type.Optional(ReentryPolicy), validFrom: Type.Optional(Timestamp), validUntil: Type.Optional(Timestamp),
      }, { additionalProperties: false }),
      response: { 201: TicketType, 400: Problem, 404: Problem },
    },
  }, async (request, reply) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const { validFrom, validUntil, ...rest } = request.body;
    checkValidity(dateOrNull(validFrom), dateOrNull(validUntil));
    const type = await createTicketType(sql, {
      ...rest, venueId: request.principal.venueId, eventId: request.params.eventId, validFrom: dateOrNull(validFrom), validUntil: dateOrNull(validUntil),
    });
    return reply.code(201).send(presentTicketType(type));
  });

  app.get('/v1/events/:eventId/ticket-types', {
    config: { access: 'readTickets' },
    schema: { tags: ['tickets'], params: EventIdParams, response: { 200: Type.Object({ items: Type.Array(TicketType) }), 404: Problem } },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    return { items: (await listTicketTypes(sql, { venueId: request.principal.venueId, eventId: request.params.eventId })).map(presentTicketType) };
  });

  app.patch('/v1/ticket-types/:id', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['tickets'], params: IdParams,
      description: 'Change a ticket type: price, fee, inventory (not below what is sold), re-entry policy, validity.',
      body: Type.Object({
        name: Type.Optional(Fields.name), priceCents: Type.Optional(Fields.priceCents), feeCents: Type.Optional(Fields.feeCents),
        inventory: Type.Optional(Fields.inventory), reentry: Type.Optional(ReentryPolicy),
        validFrom: Type.Optional(OrNull(Timestamp)), validUntil: Type.Optional(OrNull(Timestamp)),
      }, { additionalProperties: false }),
      response: { 200: TicketType, 400: Problem, 404: Problem },
    },
  }, async (request) => {
    const { venueId } = request.principal;
    const current = await findTicketType(sql, venueId, request.params.id);
    if (!current) throw notFound('ticket type', request.params.id);
    const { validFrom, validUntil, ...rest } = request.body;
    const patch = {
      ...rest,
      ...(validFrom !== undefined ? { validFrom: dateOrNull(validFrom) } : {}),
      ...(validUntil !== undefined ? { validUntil: dateOrNull(validUntil) } : {}),
    };
    checkValidity(patch.validFrom !== undefined ? patch.validFrom : current.valid_from, patch.validUntil !== undefined ? patch.validUntil : current.valid_until);
    if (patch.inventory != null && patch.inventory < current.sold) {
      throw new DomainError(400, 'below_sold', 'inventory cannot go below the tickets already sold',
        { errors: [{ field: '/inventory', message: 'must not be below the tickets already sold' }] });
    }
    const type = await updateTicketType(sql, venueId, request.params.id, patch);
    if (!type) throw notFound('ticket type', request.params.id);
    return presentTicketType(type);
  });
}
