import { Type } from 'typebox';
import { createEvent, createTable, findTable, listEvents, listTables, openDoors, updateEvent, updateTable } from '../../db/events.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { presentEvent, presentTable } from '../present.js';
import { Event, EventIdParams, IdParams, OrNull, Page, PageOf, Problem, Table, Timestamp, Text } from '../schemas.js';
import { eventOf } from '../scope.js';

const EventFields = {
  name: Text({ minLength: 1, maxLength: 200 }), startsAt: Timestamp, endsAt: Timestamp,
  doorsOpenAt: Timestamp, capacity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  earlyEntryMinutes: Type.Integer({ minimum: 0, maximum: 1440 }), lateEntryMinutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  vipReentry: Type.Enum(['after_exit', 'always']), refundableUntil: Timestamp,
};
const TableFields = {
  number: Text({ minLength: 1, maxLength: 20 }), tier: Text({ maxLength: 40 }),
  capacity: Type.Integer({ minimum: 1, maximum: 100 }), minSpendCents: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  x: Type.Number({ minimum: 0, maximum: 100 }), y: Type.Number({ minimum: 0, maximum: 100 }),
  depositCents: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  width: Type.Number({ minimum: 1, maximum: 100 }), height: Type.Number({ minimum: 1, maximum: 100 }),
};

/** Each time check names the field it is about (the editors show it beside that field). */
function checkTimes(startsAt: Date, endsAt: Date, doorsOpenAt: Date | null): void {
  if (endsAt <= startsAt) {
    throw new DomainError(400, 'invalid_times', 'endsAt must be after startsAt', { errors: [{ field: '/endsAt', message: 'must be after startsAt' }] });
  }
  if (doorsOpenAt && doorsOpenAt > endsAt) {
    throw new DomainError(400, 'invalid_times', 'doorsOpenAt must not be after endsAt', { errors: [{ field: '/doorsOpenAt', message: 'must not be after endsAt' }] });
  }
}

export function eventRoutes(app: App, { sql }: Deps): void {
  app.post('/v1/events', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['events'],
      body: Type.Object({
        name: EventFields.name, startsAt: Timestamp, endsAt: Timestamp,
        doorsOpenAt: Type.Optional(Timestamp), capacity: Type.Optional(EventFields.capacity),
        earlyEntryMinutes: Type.Optional(EventFields.earlyEntryMinutes), lateEntryMinutes: Type.Optional(EventFields.lateEntryMinutes),
        vipReentry: Type.Optional(EventFields.vipReentry), refundableUntil: Type.Optional(Timestamp),
      }, { additionalProperties: false }),
      response: { 201: Event, 400: Problem },
    },
  }, async (request, reply) => {
    const { name, startsAt, endsAt, doorsOpenAt, capacity, refundableUntil, ...rules } = request.body;
    checkTimes(new Date(startsAt), new Date(endsAt), doorsOpenAt ? new Date(doorsOpenAt) : null);
    const event = await createEvent(sql, {
      venueId: request.principal.venueId, name, startsAt: new Date(startsAt), endsAt: new Date(endsAt),
      doorsOpenAt: doorsOpenAt ? new Date(doorsOpenAt) : null, capacity: capacity ?? null,
      refundableUntil: refundableUntil ? new Date(refundableUntil) : null, ...rules,
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
        number: TableFields.number, tier: Type.Optional(TableFields.tier), capacity: TableFields.capacity,
        minSpendCents: Type.Optional(TableFields.minSpendCents), x: Type.Optional(TableFields.x), y: Type.Optional(TableFields.y),
        depositCents: Type.Optional(TableFields.depositCents), width: Type.Optional(TableFields.width), height: Type.Optional(TableFields.height),
      }, { additionalProperties: false }),
      response: { 201: Table, 404: Problem, 409: Problem },
    },
  }, async (request, reply) => {
    await eventOf(sql, request.principal, request.params.eventId);
    await checkNumberFree(request.principal.venueId, request.params.eventId, request.body.number, null);
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

  app.patch('/v1/events/:eventId', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['events'], params: EventIdParams,
      body: Type.Object({
        name: Type.Optional(EventFields.name), startsAt: Type.Optional(Timestamp), endsAt: Type.Optional(Timestamp),
        doorsOpenAt: Type.Optional(OrNull(Timestamp)), capacity: Type.Optional(OrNull(EventFields.capacity)),
        earlyEntryMinutes: Type.Optional(EventFields.earlyEntryMinutes), lateEntryMinutes: Type.Optional(EventFields.lateEntryMinutes),
        vipReentry: Type.Optional(EventFields.vipReentry), refundableUntil: Type.Optional(OrNull(Timestamp)),
      }, { additionalProperties: false }),
      response: { 200: Event, 400: Problem, 404: Problem },
    },
  }, async (request) => {
    const current = await eventOf(sql, request.principal, request.params.eventId);
    const { startsAt, endsAt, doorsOpenAt, refundableUntil, ...rest } = request.body;
    const patch = {
      ...rest,
      ...(refundableUntil !== undefined ? { refundableUntil: refundableUntil === null ? null : new Date(refundableUntil) } : {}),
      ...(startsAt !== undefined ? { startsAt: new Date(startsAt) } : {}),
      ...(endsAt !== undefined ? { endsAt: new Date(endsAt) } : {}),
      ...(doorsOpenAt !== undefined ? { doorsOpenAt: doorsOpenAt === null ? null : new Date(doorsOpenAt) } : {}),
    };
    checkTimes(patch.startsAt ?? current.starts_at, patch.endsAt ?? current.ends_at,
      patch.doorsOpenAt !== undefined ? patch.doorsOpenAt : current.doors_open_at);
    const event = await updateEvent(sql, request.principal.venueId, request.params.eventId, patch);
    if (!event) throw notFound('event', request.params.eventId);
    return presentEvent(event);
  });

  app.patch('/v1/tables/:id', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['tables'], params: IdParams,
      description: 'Change a table: the floor-plan editor moves and sizes it (x/y 0-100, width/height) and edits its number, tier, capacity, deposit and minimum spend.',
      body: Type.Object({
        number: Type.Optional(TableFields.number), tier: Type.Optional(OrNull(TableFields.tier)),
        capacity: Type.Optional(TableFields.capacity), minSpendCents: Type.Optional(TableFields.minSpendCents),
        x: Type.Optional(OrNull(TableFields.x)), y: Type.Optional(OrNull(TableFields.y)),
        depositCents: Type.Optional(TableFields.depositCents),
        width: Type.Optional(OrNull(TableFields.width)), height: Type.Optional(OrNull(TableFields.height)),
      }, { additionalProperties: false }),
      response: { 200: Table, 400: Problem, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const current = await findTable(sql, request.principal.venueId, request.params.id);
    if (!current) throw notFound('table', request.params.id);
    if (request.body.number !== undefined) await checkNumberFree(current.venue_id, current.event_id, request.body.number, current.id);
    const table = await updateTable(sql, request.principal.venueId, request.params.id, request.body);
    if (!table) throw notFound('table', request.params.id);
    return presentTable(table);
  });

  /** Two tables of one night cannot share a number (the unique key would say so without naming the field). */
  async function checkNumberFree(venueId: string, eventId: string, number: string, exceptId: string | null): Promise<void> {
    const clash = (await listTables(sql, venueId, eventId)).some((t) => t.number === number && t.id !== exceptId);
    if (clash) {
      throw new DomainError(409, 'table_number_taken', 'another table of this event has that number',
        { errors: [{ field: '/number', message: 'is taken by another table of this event' }] });
    }
  }
}
