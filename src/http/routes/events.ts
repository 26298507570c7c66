import { Type } from 'typebox';
import { createEvent, createTable, listEvents, listTables, openDoors } from '../../db/events.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { presentEvent, presentTable } from '../present.js';
import { Event, EventIdParams, Page, PageOf, Problem, Table, Timestamp, Text } from '../schemas.js';
import { eventOf } from '../scope.js';

export function eventRoutes(app: App, { sql }: Deps): void {
  app.post('/v1/events', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['events'],
      body: Type.Object({
        name: Text({ minLength: 1, maxLength: 200 }), startsAt: Timestamp, endsAt: Timestamp,
        doorsOpenAt: Type.Optional(Timestamp), capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
        earlyEntryMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440, description: 'The door opens this long before doorsOpenAt (default 60).' })),
        lateEntryMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440, description: 'The door takes entries this long after endsAt (default 60).' })),
        vipReentry: Type.Optional(Type.Enum(['always', 'after_exit'], { description: 'A VIP pass scanned again without an exit: let in with a warning, or refused.' })),
        refundableUntil: Type.Optional(Timestamp),
      }, { additionalProperties: false }),
      response: { 201: Event, 400: Problem },
    },
  }, async (request, reply) => {
    const { name, startsAt, endsAt, doorsOpenAt, capacity, refundableUntil, ...policies } = request.body;
    if (new Date(endsAt) <= new Date(startsAt)) {
      throw new DomainError(400, 'invalid_times', 'endsAt must be after startsAt', { errors: [{ field: '/endsAt', message: 'must be after startsAt' }] });
    }
    const event = await createEvent(sql, {
      venueId: request.principal.venueId, name, startsAt: new Date(startsAt), endsAt: new Date(endsAt),
      doorsOpenAt: doorsOpenAt ? new Date(doorsOpenAt) : null, capacity: capacity ?? null,
      refundableUntil: refundableUntil ? new Date(refundableUntil) : null, ...policies,
    });
    return reply.code(201).send(presentEvent(event));
  });

  app.get('/v1/events', {
    config: { access: 'readEvents' },
    schema: { tags: ['events'], querystring: Page, response: { 200: PageOf(Event) } },
  }, async (request) => {
    const limit = request.query.limit ?? 50;
    const rows = await listEvents(sql, request.principal.venueId, { limit, after: decodeCursor(request.query.cursor) });
    const page = pageOf(rows, limit, (e) => ({ at: e.starts_at, id: e.id }));
    return { items: page.items.map(presentEvent), nextCursor: page.nextCursor };
  });

  app.post('/v1/events/:eventId/doors/open', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['events'], params: EventIdParams,
      description: 'Opens the door now: entries are accepted from this moment until the end of the window.',
      response: { 200: Event, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const event = await openDoors(sql, request.principal.venueId, request.params.eventId);
    if (!event) throw notFound('event', request.params.eventId);
    return presentEvent(event);
  });

  app.get('/v1/events/:eventId', {
    config: { access: 'readEvents' },
    schema: { tags: ['events'], params: EventIdParams, response: { 200: Event, 404: Problem } },
  }, async (request) => presentEvent(await eventOf(sql, request.principal, request.params.eventId)));

  app.post('/v1/events/:eventId/tables', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['tables'], params: EventIdParams,
      body: Type.Object({
        number: Text({ minLength: 1, maxLength: 20 }), tier: Type.Optional(Text({ maxLength: 40 })),
        capacity: Type.Integer({ minimum: 1, maximum: 100 }),
        depositCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
        minSpendCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
        x: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })), y: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
        width: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })), height: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })),
      }, { additionalProperties: false }),
      response: { 201: Table, 404: Problem, 409: Problem },
    },
  }, async (request, reply) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const table = await createTable(sql, { venueId: request.principal.venueId, eventId: request.params.eventId, ...request.body });
    return reply.code(201).send(presentTable(table));
  });

  app.get('/v1/events/:eventId/tables', {
    config: { access: 'readEvents' },
    schema: { tags: ['tables'], params: EventIdParams, response: { 200: Type.Object({ items: Type.Array(Table) }), 404: Problem } },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    return { items: (await listTables(sql, request.principal.venueId, request.params.eventId)).map(presentTable) };
  });
}
