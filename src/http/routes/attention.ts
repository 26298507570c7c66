import { Type } from 'typebox';
import { listAttention, resolveAttention, setAttentionThresholds } from '../../db/attention.js';
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

  const Thresholds = Type.Object({
    manyDevicesSeconds: Type.Integer({ minimum: 1, maximum: 3600, description: 'code_on_many_devices: one code on 2 or more scanners within this many seconds (default 60)' }),
    unknownBurstCount: Type.Integer({ minimum: 2, maximum: 10000, description: 'unknown_code_burst: this many unknown or forged codes from one scanner… (default 10)' }),
    unknownBurstSeconds: Type.Integer({ minimum: 1, maximum: 3600, description: '…within this many seconds (default 60)' }),
    reentryBurstCount: Type.Integer({ minimum: 2, maximum: 1000, description: 'reentry_burst: this many re-entries of one code without an exit… (default 3)' }),
    reentryBurstMinutes: Type.Integer({ minimum: 1, maximum: 1440, description: '…within this many minutes (default 10)' }),
  });

  app.patch('/v1/venue/attention-thresholds', {
    config: { access: 'setAttentionThresholds' },
    schema: {
      tags: ['attention'],
      body: Type.Partial(Thresholds, { additionalProperties: false }),
      response: { 200: Thresholds, 400: Problem },
    },
  }, async (request) => setAttentionThresholds(sql, request.principal.venueId, request.body));

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
