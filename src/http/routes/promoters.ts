import { Type } from 'typebox';
import { setPromoterCap } from '../../db/guest-lists.js';
import { promoterReport, setCommission } from '../../db/promoters.js';
import { isPromoter } from '../../db/staff.js';
import { notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { Commission, EventIdParams, Nullable, OrNull, Problem, PromoterReport, Uuid } from '../schemas.js';
import { eventOf, onlyOwn } from '../scope.js';

export function promoterRoutes(app: App, { sql }: Deps): void {
  app.get('/v1/events/:eventId/promoters', {
    config: { access: 'readPromoterReport' },
    schema: {
      tags: ['guest lists'], params: EventIdParams,
      response: { 200: PromoterReport, 404: Problem },
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

  app.put('/v1/events/:eventId/promoters/:promoterId/cap', {
    config: { access: 'capPromoters' },
    schema: {
      tags: ['guest lists'], params: Type.Object({ eventId: Uuid, promoterId: Uuid }),
      body: Type.Object({ guestCap: OrNull(Type.Integer({ minimum: 0, maximum: 100_000 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ promoterId: Uuid, guestCap: Nullable(Type.Integer()) }), 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const { eventId, promoterId } = request.params;
    await eventOf(sql, request.principal, eventId);
    if (!(await isPromoter(sql, request.principal.venueId, promoterId))) throw notFound('promoter', promoterId);
    await setPromoterCap(sql, request.principal.venueId, eventId, promoterId, request.body.guestCap);
    return { promoterId, guestCap: request.body.guestCap };
  });
}
