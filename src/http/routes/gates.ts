import { Type } from 'typebox';
import { addGate, listGates } from '../../db/gates.js';
import type { App, Deps } from '../context.js';
import { Problem, Text } from '../schemas.js';

const Gate = Type.Object({ name: Type.String() });

/** The venue's gates: enrolling a scanner adds its gate; a scan naming any other gate is a 400. */
export function gateRoutes(app: App, { sql }: Deps): void {
  app.get('/v1/gates', {
    config: { access: 'readGates' },
    schema: { tags: ['devices'], summary: 'The venue’s gates', response: { 200: Type.Object({ items: Type.Array(Gate) }) } },
  }, async (request) => ({ items: await listGates(sql, request.principal.venueId) }));

  app.post('/v1/gates', {
    config: { access: 'manageDevices' },
    schema: {
      tags: ['devices'], summary: 'Add a gate',
      body: Type.Object({ name: Text({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
      response: { 201: Gate, 400: Problem },
    },
  }, async (request, reply) => reply.code(201).send(await addGate(sql, request.principal.venueId, request.body.name)));
}
