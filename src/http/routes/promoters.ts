import { Type } from 'typebox';
import { promoterReport, setCommission } from '../../db/promoters.js';
import { COMMISSION_RULES } from '../../domain/lists.js';
import type { App, Deps } from '../context.js';
import { EventIdParams, Problem } from '../schemas.js';
import { eventOf, onlyOwn } from '../scope.js';

const Commission = Type.Object({
  rule: Type.Enum(COMMISSION_RULES),
  /** revenue_share: hundredths of a percent of the paid ticket revenue of people who came in. */
  basisPoints: Type.Integer({ minimum: 0, maximum: 10_000 }),
  /** per_head: minor units per person who came in. */
  perHeadCents: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
});

const PromoterRow = Type.Object({
  promoterId: Type.String({ format: 'uuid' }), name: Type.String(),
  ticketsSold: Type.Integer(), ticketsPaid: Type.Integer(), ticketsRefunded: Type.Integer(), paidRevenueCents: Type.Integer(),
  tableBookings: Type.Integer(), guests: Type.Integer(), listedPeople: Type.Integer(),
  checkedIn: Type.Integer(), commissionCents: Type.Integer(),
});

export function promoterRoutes(app: App, { sql }: Deps): void {
  app.get('/v1/events/:eventId/promoters', {
    config: { access: 'readPromoterReport' },
    schema: {
      tags: ['guest lists'], params: EventIdParams,
      response: { 200: Type.Object({ commission: Commission, items: Type.Array(PromoterRow) }), 404: Problem },
    },
  }, async (request) => {
    const event = await eventOf(sql, request.principal, request.params.eventId);
    const ref = { venueId: request.principal.venueId, eventId: event.id };
    return {
      commission: { rule: event.commission_rule, basisPoints: event.commission_basis_points, perHeadCents: event.commission_per_head_cents },
      items: await promoterReport(sql, ref, onlyOwn(request.principal)),
    };
  });

  app.put('/v1/events/:eventId/commission', {
    config: { access: 'manageEvents' },
    schema: {
      tags: ['guest lists'], params: EventIdParams,
      body: Type.Object({
        rule: Commission.properties.rule, basisPoints: Type.Optional(Commission.properties.basisPoints),
        perHeadCents: Type.Optional(Commission.properties.perHeadCents),
      }, { additionalProperties: false }),
      response: { 200: Commission, 400: Problem, 404: Problem },
    },
  }, async (request) => {
    await eventOf(sql, request.principal, request.params.eventId);
    const { rule, basisPoints = 0, perHeadCents = 0 } = request.body;
    return (await setCommission(sql, { venueId: request.principal.venueId, eventId: request.params.eventId }, { rule, basisPoints, perHeadCents }))!;
  });
}
