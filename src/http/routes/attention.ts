import { Type } from 'typebox';
import { listAttention, resolveAttention } from '../../db/attention.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { presentAttention } from '../present.js';
import { AttentionItem, EventIdParams, IdParams, Page, PageOf, Problem, Text } from '../schemas.js';
import { eventOf } from '../scope.js';

/** The attention inbox (docs/api.md): what an owner or manager should look at, and its resolution. */
export function attentionRoutes(app: App, { sql }: Deps): void {
  app.get('/v1/events/:eventId/attention', {
    config: { access: 'readAttention' },
    schema: {
      tags: ['attention'],
      description: 'Offline admissions the server would have refused, device clocks that were off, and the fraud signals of live scans, newest first.',
      params: EventIdParams,
      querystring: Type.Intersect([Page, Type.Object({ status: Type.Optional(Type.Enum(['open', 'resolved'], { default: 'open' })) })]),
      response: { 200: PageOf(AttentionItem), 400: Problem, 404: Problem },
    },
  }, async (request) => {
    const { limit = 50, cursor, status = 'open' } = request.query;
    const event = await eventOf(sql, request.principal, request.params.eventId);
    const rows = await listAttention(sql, {
      venueId: event.venue_id, eventId: event.id, open: status === 'open', limit, before: decodeCursor(cursor),
    });
    const page = pageOf(rows, limit, (r) => ({ at: r.opened_at, id: r.id }));
    return { items: page.items.map(presentAttention), nextCursor: page.nextCursor };
  });

  app.post('/v1/attention/:id/resolve', {
    config: { access: 'resolveAttention' },
    schema: {
      tags: ['attention'],
      description: 'Resolves an item with a note, naming who and when. Resolving it again changes nothing: the first resolution stands.',
      params: IdParams,
      body: Type.Object({ note: Text({ maxLength: 1000 }) }, { additionalProperties: false }),
      response: { 200: AttentionItem, 400: Problem, 404: Problem },
    },
  }, async (request) => {
    const { principal } = request;
    const item = await resolveAttention(sql, principal.venueId, request.params.id, principal.id, request.body.note);
    if (!item) throw notFound('attention item', request.params.id);
    return presentAttention(item);
  });
}
