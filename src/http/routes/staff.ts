import { Type } from 'typebox';
import { createStaff, listStaff } from '../../db/staff.js';
import { DomainError } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { Problem, Role, StaffMember, Text } from '../schemas.js';

export function staffRoutes(app: App, { sql }: Deps): void {
  app.post('/v1/staff', {
    config: { access: 'manageStaff' },
    schema: {
      tags: ['staff'],
      body: Type.Object({
        email: Type.String({ format: 'email', maxLength: 320 }), name: Text({ minLength: 1, maxLength: 200 }),
        role: Role, password: Text({ minLength: 10, maxLength: 200 }),
      }, { additionalProperties: false }),
      response: { 201: StaffMember, 403: Problem, 409: Problem },
    },
  }, async (request, reply) => {
    const me = request.principal;
    if (me.kind === 'staff' && me.role !== 'owner' && request.body.role === 'owner') {
      throw new DomainError(403, 'forbidden', 'only an owner can create another owner');
    }
    const staff = await createStaff(sql, { ...request.body, venueId: me.venueId });
    return reply.code(201).send({ id: staff.id, name: staff.name, role: staff.role, email: staff.email });
  });

  app.get('/v1/staff', {
    config: { access: 'manageStaff' },
    schema: { tags: ['staff'], response: { 200: Type.Object({ items: Type.Array(StaffMember) }) } },
  }, async (request) => ({
    items: (await listStaff(sql, request.principal.venueId)).map((s) => ({ id: s.id, name: s.name, role: s.role, email: s.email })),
  }));
}
