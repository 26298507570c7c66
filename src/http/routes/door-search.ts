import { Type } from 'typebox';
import { doorSearch } from '../../db/door-search.js';
import type { App, Deps } from '../context.js';
import { DoorMatch, EventIdParams, Problem, Text } from '../schemas.js';
import { eventOf } from '../scope.js';


/** Finding a person at the door when the code cannot be read; then POST /v1/scans with their subjectId. */
export function doorSearchRoutes(app: App, { sql }: Deps): void {
  app.get('/v1/events/:eventId/door-search', {
    config: { access: 'searchDoor' },
    schema: {
      tags: ['scans'], summary: 'Find people by name, table, order or the end of their code',
      params: EventIdParams,
      querystring: Type.Object({ q: Text({ minLength: 2, maxLength: 100 }) }),
      response: { 200: Type.Object({ items: Type.Array(DoorMatch) }), 400: Problem, 404: Problem },
    },
  }, async (request) => {
    const event = await eventOf(sql, request.principal, request.params.eventId);
    return { items: await doorSearch(sql, { venueId: event.venue_id, eventId: event.id }, request.query.q.trim()) };
  });
}
