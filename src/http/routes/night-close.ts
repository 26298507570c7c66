import { Type } from 'typebox';
import { listDiscrepancies, nightLedger, recordCashCount, type Discrepancy as DiscrepancyRow } from '../../db/night-close.js';
import { closeNight } from '../../money/night-close.js';
import { findPublicEvent } from '../../db/sales.js';
import type { App, Deps } from '../context.js';
import { Discrepancy, EventIdParams, NightClose, Problem, Text, Timestamp, Uuid } from '../schemas.js';
import { eventOf } from '../scope.js';

const presentDiscrepancy = (d: DiscrepancyRow) => ({
  kind: d.kind, ref: d.ref, expectedCents: d.expected_cents, actualCents: d.actual_cents, deltaCents: d.delta_cents, message: d.message,
});

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading =, +, - or @ is defused (spreadsheets run them). */
const csvField = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Closing the night: the close and its reconciliation, the discrepancies, the cash count, the report. */
export function nightCloseRoutes(app: App, { sql, config, money }: Deps): void {
  app.post('/v1/events/:eventId/close', {
    config: { access: 'closeNight' },
    schema: {
      tags: ['money'], params: EventIdParams,
      description: 'Stop sales and reconcile the night (ledger against the provider, paid against admitted, tables against their minimum, cash against the count); closing again recomputes the same way.',
      response: { 200: NightClose, 404: Problem, 503: Problem },
    },
  }, async (request) => {
    const me = request.principal;
    await eventOf(sql, me, request.params.eventId);
    const close = await closeNight({ sql, provider: money.provider, thresholdCents: config.discrepancyThresholdCents },
      me.venueId, request.params.eventId, me.kind === 'staff' ? me.id : null);
    const event = (await findPublicEvent(sql, request.params.eventId))!;
    return { closedAt: close.closedAt.toISOString(), currency: event.currency, totals: close.totals, discrepancies: close.discrepancies.map(presentDiscrepancy) };
  });

  app.get('/v1/events/:eventId/discrepancies', {
    config: { access: 'readLedger' },
    schema: {
      tags: ['money'], params: EventIdParams,
      response: { 200: Type.Object({ items: Type.Array(Type.Intersect([Type.Object({ id: Uuid, foundAt: Timestamp }), Discrepancy])) }), 404: Problem },
    },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const rows = await listDiscrepancies(sql, request.principal.venueId, request.params.eventId);
    return { items: rows.map((d) => ({ id: d.id, foundAt: d.found_at.toISOString(), ...presentDiscrepancy(d) })) };
  });

  app.post('/v1/events/:eventId/cash-count', {
    config: { access: 'closeNight' },
    schema: {
      tags: ['money'], params: EventIdParams,
      description: 'Cash counted at the end of the night (one per till or count: they add up).',
      body: Type.Object({ cents: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }), note: Type.Optional(Text({ maxLength: 500 })) }, { additionalProperties: false }),
      response: {
        201: Type.Object({ id: Uuid, cents: Type.Integer(), note: Type.Union([Type.String(), Type.Null()]), countedAt: Timestamp, countedCents: Type.Integer({ description: 'every count of the night, summed' }) }),
        400: Problem, 404: Problem,
      },
    },
  }, async (request, reply) => {
    const me = request.principal;
    await eventOf(sql, me, request.params.eventId);
    const row = await recordCashCount(sql, {
      venueId: me.venueId, eventId: request.params.eventId, cents: request.body.cents, note: request.body.note ?? null, countedBy: me.kind === 'staff' ? me.id : null,
    });
    return reply.code(201).send({ id: row.id, cents: row.cents, note: row.note, countedAt: row.counted_at.toISOString(), countedCents: row.total_cents });
  });

  app.get('/v1/events/:eventId/report.csv', {
    config: { access: 'readLedger' },
    schema: { tags: ['money'], params: EventIdParams, description: 'The night as CSV: every ledger entry, then every discrepancy of the last close.' },
  }, async (request, reply) => {
    const { venueId } = request.principal;
    await eventOf(sql, request.principal, request.params.eventId);
    const [entries, found] = await Promise.all([nightLedger(sql, venueId, request.params.eventId), listDiscrepancies(sql, venueId, request.params.eventId)]);
    const lines = [
      ['record', 'at', 'kind', 'amount_cents', 'expected_cents', 'currency', 'ref', 'order_id', 'reservation_id', 'note'],
      ...entries.map((e) => ['ledger', e.at.toISOString(), e.kind, e.amount_cents, null, e.currency, e.provider_ref, e.order_id, e.reservation_id, e.note]),
      ...found.map((d) => ['discrepancy', d.found_at.toISOString(), d.kind, d.actual_cents, d.expected_cents, null, d.ref, null, null, d.message]),
    ];
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="night-${request.params.eventId}.csv"`)
      .send(`${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`);
  });
}
