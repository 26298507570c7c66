import { Type } from 'typebox';
import { createGuestList, listGuestLists, updateGuestList } from '../../db/guest-lists.js';
import { addGuest, cancelGuest, findGuestByShareToken, listGuests, updateGuest } from '../../db/guests.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { isPromoter } from '../../db/staff.js';
import type { Principal } from '../../db/principals.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Sql } from '../../db/connect.js';
import type { App, Deps } from '../context.js';
import { presentGuest, presentGuestList } from '../present.js';
import { QR_FORMATS, sendQr } from '../qr.js';
import { EventIdParams, Guest, GuestList, IdParams, OrNull, Page, PageOf, Problem, Text, Timestamp, Uuid } from '../schemas.js';
import { eventOf, guestListOf, guestOf, onlyOwn } from '../scope.js';

const ListFields = {
  name: Text({ minLength: 1, maxLength: 200 }), capacity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  closesAt: Timestamp, admitUntil: Timestamp,
};
const GuestFields = {
  name: Text({ minLength: 1, maxLength: 200 }), plusOnes: Type.Integer({ minimum: 0, maximum: 50 }),
  email: Type.String({ format: 'email', maxLength: 320 }), phone: Text({ minLength: 3, maxLength: 40 }),
};
const date = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

/**
 * Whose list a new one is: a promoter's own always; an owner or a manager
 * names a promoter of the venue, or none (the house list).
 */
async function promoterFor(sql: Sql, principal: Principal, promoterId: string | undefined): Promise<string | null> {
  const own = onlyOwn(principal);
  if (own) {
    if (promoterId !== undefined && promoterId !== own) throw new DomainError(403, 'forbidden', 'a promoter makes lists of their own');
    return own;
  }
  if (promoterId === undefined) return null;
  if (!(await isPromoter(sql, principal.venueId, promoterId))) {
    throw new DomainError(400, 'unknown_promoter', 'promoterId is not a promoter of this venue',
      { errors: [{ field: '/promoterId', message: 'is not a promoter of this venue' }] });
  }
  return promoterId;
}

export function guestListRoutes(app: App, { sql, issuer, config }: Deps): void {
  app.post('/v1/events/:eventId/guest-lists', {
    config: { access: 'manageGuestLists' },
    schema: {
      tags: ['guest lists'], params: EventIdParams,
      body: Type.Object({
        name: ListFields.name, capacity: Type.Optional(ListFields.capacity), closesAt: Type.Optional(ListFields.closesAt),
        admitUntil: Type.Optional(ListFields.admitUntil), promoterId: Type.Optional(Uuid),
      }, { additionalProperties: false }),
      response: { 201: GuestList, 400: Problem, 403: Problem, 404: Problem },
    },
  }, async (request, reply) => {
    const { eventId } = request.params;
    await eventOf(sql, request.principal, eventId);
    const { name, capacity, closesAt, admitUntil, promoterId } = request.body;
    const list = await createGuestList(sql, {
      venueId: request.principal.venueId, eventId, name, capacity, closesAt: date(closesAt), admitUntil: date(admitUntil),
      promoterId: await promoterFor(sql, request.principal, promoterId), createdBy: request.principal.id,
    });
    return reply.code(201).send(presentGuestList(list));
  });

  app.get('/v1/events/:eventId/guest-lists', {
    config: { access: 'manageGuestLists' },
    schema: { tags: ['guest lists'], params: EventIdParams, querystring: Page, response: { 200: PageOf(GuestList), 404: Problem } },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const limit = request.query.limit ?? 50;
    const rows = await listGuestLists(sql, request.principal.venueId, request.params.eventId, {
      promoterId: onlyOwn(request.principal), limit, after: decodeCursor(request.query.cursor),
    });
    const page = pageOf(rows, limit, (l) => ({ at: l.created_at, id: l.id }));
    return { items: page.items.map(presentGuestList), nextCursor: page.nextCursor };
  });

  app.get('/v1/guest-lists/:id', {
    config: { access: 'manageGuestLists' },
    schema: { tags: ['guest lists'], params: IdParams, response: { 200: GuestList, 404: Problem } },
  }, async (request) => presentGuestList(await guestListOf(sql, request.principal, request.params.id)));

  app.patch('/v1/guest-lists/:id', {
    config: { access: 'manageGuestLists' },
    schema: {
      tags: ['guest lists'], params: IdParams,
      body: Type.Object({
        name: Type.Optional(ListFields.name), capacity: Type.Optional(OrNull(ListFields.capacity)),
        closesAt: Type.Optional(OrNull(ListFields.closesAt)), admitUntil: Type.Optional(OrNull(ListFields.admitUntil)),
      }, { additionalProperties: false }),
      response: { 200: GuestList, 400: Problem, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const list = await guestListOf(sql, request.principal, request.params.id);
    const { closesAt, admitUntil, ...rest } = request.body;
    return presentGuestList(await updateGuestList(sql, list.venue_id, list.id, {
      ...rest, ...('closesAt' in request.body ? { closesAt: date(closesAt) } : {}),
      ...('admitUntil' in request.body ? { admitUntil: date(admitUntil) } : {}),
    }));
  });

  app.post('/v1/guest-lists/:id/guests', {
    config: { access: 'manageGuestLists' },
    schema: {
      tags: ['guest lists'], params: IdParams,
      body: Type.Object({
        name: GuestFields.name, plusOnes: Type.Optional(GuestFields.plusOnes),
        email: Type.Optional(GuestFields.email), phone: Type.Optional(GuestFields.phone),
      }, { additionalProperties: false }),
      response: { 201: Guest, 400: Problem, 404: Problem, 409: Problem },
    },
  }, async (request, reply) => {
    const list = await guestListOf(sql, request.principal, request.params.id);
    const guest = await addGuest(sql, issuer, list.venue_id, list.id, { ...request.body, createdBy: request.principal.id });
    return reply.code(201).send(presentGuest(guest, config.publicUrl));
  });

  app.get('/v1/guest-lists/:id/guests', {
    config: { access: 'manageGuestLists' },
    schema: { tags: ['guest lists'], params: IdParams, querystring: Page, response: { 200: PageOf(Guest), 404: Problem } },
  }, async (request) => {
    const list = await guestListOf(sql, request.principal, request.params.id);
    const limit = request.query.limit ?? 50;
    const rows = await listGuests(sql, list.venue_id, list.id, { limit, after: decodeCursor(request.query.cursor) });
    const page = pageOf(rows, limit, (g) => ({ at: g.created_at, id: g.id }));
    return { items: page.items.map((g) => presentGuest(g, config.publicUrl)), nextCursor: page.nextCursor };
  });

  app.get('/v1/guests/:id', {
    config: { access: 'manageGuestLists' },
    schema: { tags: ['guest lists'], params: IdParams, response: { 200: Guest, 404: Problem } },
  }, async (request) => presentGuest(await guestOf(sql, request.principal, request.params.id), config.publicUrl));

  app.patch('/v1/guests/:id', {
    config: { access: 'manageGuestLists' },
    schema: {
      tags: ['guest lists'], params: IdParams,
      body: Type.Object({
        name: Type.Optional(GuestFields.name), plusOnes: Type.Optional(GuestFields.plusOnes),
        email: Type.Optional(OrNull(GuestFields.email)), phone: Type.Optional(OrNull(GuestFields.phone)),
      }, { additionalProperties: false }),
      response: { 200: Guest, 400: Problem, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const guest = await guestOf(sql, request.principal, request.params.id);
    return presentGuest(await updateGuest(sql, guest.venue_id, guest.id, request.body), config.publicUrl);
  });

  app.post('/v1/guests/:id/cancel', {
    config: { access: 'manageGuestLists' },
    schema: { tags: ['guest lists'], params: IdParams, response: { 200: Guest, 404: Problem } },
  }, async (request) => {
    const guest = await guestOf(sql, request.principal, request.params.id);
    return presentGuest(await cancelGuest(sql, guest.venue_id, guest.id), config.publicUrl);
  });

  for (const format of QR_FORMATS) {
    app.get(`/v1/guests/:id/qr.${format}`, {
      config: { access: 'manageGuestLists' },
      schema: { tags: ['guest lists'], params: IdParams, description: `The guest's code as a QR image (${format.toUpperCase()}).` },
    }, async (request, reply) => sendQr(reply, (await guestOf(sql, request.principal, request.params.id)).code, format));

    app.get(`/v1/public/guests/:venueId/:token/qr.${format}`, {
      config: { access: 'public' },
      schema: {
        tags: ['guest lists'], params: Type.Object({ venueId: Uuid, token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) }),
        description: `A guest's QR (${format.toUpperCase()}) by the share link sent to them; no log-in, the link's token is the key.`,
        response: { 400: Problem, 404: Problem },
      },
    }, async (request, reply) => {
      const guest = await findGuestByShareToken(sql, request.params.venueId, request.params.token);
      if (!guest) throw notFound('guest', 'of this link');
      return sendQr(reply, guest.code, format);
    });
  }
}
