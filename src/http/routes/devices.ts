import { Type } from 'typebox';
import { createDevice, listDevices, revokeDevice } from '../../db/devices.js';
import { notFound } from '../../domain/errors.js';
import { DEVICE_ROLES } from '../../domain/lists.js';
import type { App, Deps } from '../context.js';
import { sendQr } from '../qr.js';
import { presentDevice } from '../present.js';
import { Device, IdParams, Nullable, Problem, Uuid, Text } from '../schemas.js';
import { eventOf } from '../scope.js';

export function deviceRoutes(app: App, { sql, config }: Deps): void {
  app.post('/v1/devices', {
    config: { access: 'manageDevices' },
    schema: {
      tags: ['devices'],
      body: Type.Object({
        name: Text({ minLength: 1, maxLength: 100 }), gate: Text({ minLength: 1, maxLength: 40 }),
        eventId: Type.Optional(Uuid),
        role: Type.Optional(Type.Enum(DEVICE_ROLES, { description: 'scanner (default), or pos: a point of sale that may only send spend' })),
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

  // The dashboard shows a new scanner's enrolment link as a QR for the phone's camera.
  app.get('/v1/public-url', {
    config: { access: 'whoAmI' },
    schema: {
      tags: ['devices'],
      description: 'The address phones reach this server at (MAGUEY_PUBLIC_URL), for enrolment links and QR codes; null when unset.',
      response: { 200: Type.Object({ publicUrl: Nullable(Type.String()) }) },
    },
  }, async () => ({ publicUrl: config.publicUrl ?? null }));

  app.post('/v1/qr.svg', {
    config: { access: 'manageDevices' },
    schema: {
      tags: ['devices'], description: 'Any short text (an enrolment link) as a QR image (SVG).',
      body: Type.Object({ text: Text({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => sendQr(reply, request.body.text, 'svg'));

  app.post('/v1/devices/:id/revoke', {
    config: { access: 'manageDevices' },
    schema: { tags: ['devices'], params: IdParams, response: { 200: Device, 404: Problem } },
  }, async (request) => {
    const device = await revokeDevice(sql, request.principal.venueId, request.params.id);
    if (!device) throw notFound('device', request.params.id);
    return presentDevice(device);
  });
}
