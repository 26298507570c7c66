import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { eventStats, occupancy } from '../../db/stats.js';
import { latestScanPosition } from '../../db/scan-feed.js';
import { formatPosition, parsePosition, positionOf, POSITION_PATTERN, type LiveMessage } from '../../live/subscription.js';
import { watchSession } from '../../live/session-watch.js';
import { actorOf } from '../../db/principals.js';
import { allows } from '../access.js';
import { bearerToken } from '../auth.js';
import type { App, Deps } from '../context.js';
import { presentAttention, presentScanLogItem } from '../present.js';
import { EventIdParams, Nullable, Problem, Stats, Timestamp } from '../schemas.js';
import { eventOf } from '../scope.js';

/** Comment lines keep idle proxies from closing the stream. */
const HEARTBEAT_MS = 15_000;

export function statsRoutes(app: App, { sql, hub }: Deps): void {
  app.get('/v1/events/:eventId/stats', {
    config: { access: 'readStats' },
    schema: { tags: ['stats'], params: EventIdParams, response: { 200: Stats, 404: Problem } },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    return eventStats(sql, { venueId: request.principal.venueId, eventId: request.params.eventId });
  });

  app.get('/v1/events/:eventId/occupancy', {
    config: { access: 'readStats' },
    schema: {
      tags: ['stats'], params: EventIdParams,
      response: {
        200: Type.Object({ capacity: Nullable(Type.Integer()), points: Type.Array(Type.Object({ at: Timestamp, inside: Type.Integer() })) }),
        404: Problem,
      },
    },
  }, async (request) => {
    const event = await eventOf(sql, request.principal, request.params.eventId);
    const points = await occupancy(sql, { venueId: event.venue_id, eventId: event.id });
    return { capacity: event.capacity, points: points.map((p) => ({ at: p.at.toISOString(), inside: p.inside })) };
  });

  const streams = new Set<ServerResponse>();
  // Open streams would hold a graceful shutdown forever: end them first.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  app.get('/v1/events/:eventId/live', {
    config: { access: 'readStats' },
    schema: {
      tags: ['stats'], params: EventIdParams,
      headers: Type.Object({
        'last-event-id': Type.Optional(Type.String({ pattern: POSITION_PATTERN, description: 'The `id` of the last scan event received: the scans after it are sent first.' })),
      }),
      description: 'Server-sent events: `scan` (a scan log item; its `id` is its position in the log), `stats` (the stats object), `reservation` ({id} of a reservation that changed), `attention` (an attention item just opened; owners and managers), and `end` ({reason}) just before the server closes a stream whose session ended. A client that reconnects with `Last-Event-ID` first gets every scan after that one.',
      response: { 400: Problem, 404: Problem },
    },
  }, async (request, reply) => {
    const event = await eventOf(sql, request.principal, request.params.eventId);
    const lastEventId = request.headers['last-event-id'];
    const ref = { venueId: event.venue_id, eventId: event.id };
    const from = lastEventId ? parsePosition(lastEventId) : await latestScanPosition(sql, ref);
    const initial = await eventStats(sql, ref);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders), // the security headers (src/http/security-headers.ts)
      'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no',
    });
    // Scan items name people: only roles that may read the scan log get them.
    const withScans = allows('readScans', actorOf(request.principal));
    const withAttention = allows('readAttention', actorOf(request.principal));
    const send = (message: LiveMessage) => {
      if (message.type === 'scan' && !withScans) return;
      if (message.type === 'attention' && !withAttention) return;
      const data = message.type === 'scan' ? presentScanLogItem(message.data)
        : message.type === 'attention' ? presentAttention(message.data) : message.data;
      const id = message.type === 'scan' ? `id: ${formatPosition(positionOf(message.data))}\n` : '';
      stream.write(`${id}event: ${message.type}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    send({ type: 'stats', data: initial });
    const unsubscribe = hub.subscribe(ref, send, { from, replay: lastEventId !== undefined });
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
    // Guest names must stop flowing once the session behind the stream has ended.
    const stopWatching = watchSession(sql, bearerToken(request)!, () => {
      stream.end('event: end\ndata: {"reason":"session_ended"}\n\n');
    });
    streams.add(stream);
    stream.on('close', () => {
      stopWatching();
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(stream);
    });
  });
}
