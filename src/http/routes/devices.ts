import { Type } from 'typebox';
import { createDevice, listDevices, revokeDevice } from '../../db/devices.js';
import { notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { presentDevice } from '../present.js';
import { Device, IdParams, Problem, Uuid } from '../schemas.js';
import { eventOf } from '../scope.js';

export function deviceRoutes(app: App, { sql }: Deps): void {
  app.post('/v1/devices', {
    config: { access: 'manageDevices' },
    schema: {
      tags: ['devices'],
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 100 }), gate: Type.String({ minLength: 1, maxLength: 40 }),
        eventId: Type.Optional(Uuid),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ device: Device, token: Type.String() }), 404: Problem },
    },
  }, async (request, reply) => {
    const { venueId } = request.principal;
    if (request.body.eventId) await eventOf(sql, request.principal, request.body.eventId);
    const { device, token } = await createDevice(sql, { ...request.body, venueId });
    return reply.code(201).send({ device: presentDevice(device), token });
  });

  app.get('/v1/devices', {
    config: { access: 'manageDevices' },
    schema: {
      tags: ['devices'],
      querystring: Type.Object({ eventId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ items: Type.Array(Device) }) },
    },
  }, async (request) => ({
    items: (await listDevices(sql, request.principal.venueId, request.query.eventId)).map(presentDevice),
  }));

  app.post('/v1/devices/:id/revoke', {
    config: { access: 'manageDevices' },
    schema: { tags: ['devices'], params: IdParams, response: { 200: Device, 404: Problem } },
  }, async (request) => {
    const device = await revokeDevice(sql, request.principal.venueId, request.params.id);
    if (!device) throw notFound('device', request.params.id);
    return presentDevice(device);
  });
}
