import { Type } from 'typebox';
import { createStaff, disableStaff, listStaff, type StaffRow } from '../../db/staff.js';
import { isCommonPassword } from '../../domain/common-passwords.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { IdParams, Problem, Role, StaffMember, Text } from '../schemas.js';

const commonPassword = () => new DomainError(400, 'common_password', 'this password is on the list of common passwords; choose another',
  { errors: [{ field: 'body/password', message: 'is a common password' }] });

const presentStaff = (s: Omit<StaffRow, 'password_hash'>) => ({
  id: s.id, name: s.name, role: s.role, email: s.email, disabledAt: s.disabled_at?.toISOString() ?? null,
});

export function staffRoutes(app: App, { sql }: Deps): void {
  app.post('/v1/staff', {
    config: { access: 'manageStaff' },
    schema: {
      tags: ['staff'],
      body: Type.Object({
        email: Type.String({ format: 'email', maxLength: 320 }), name: Text({ minLength: 1, maxLength: 200 }),
        role: Role, password: Text({ minLength: 10, maxLength: 200 }),
      }, { additionalProperties: false }),
      response: { 201: StaffMember, 400: Problem, 403: Problem, 409: Problem },
    },
  }, async (request, reply) => {
    const me = request.principal;
    if (me.kind === 'staff' && me.role !== 'owner' && request.body.role === 'owner') {
      throw new DomainError(403, 'forbidden', 'only an owner can create another owner');
    }
    if (isCommonPassword(request.body.password)) throw commonPassword();
    const staff = await createStaff(sql, { ...request.body, venueId: me.venueId });
    return reply.code(201).send(presentStaff(staff));
  });

  app.get('/v1/staff', {
    config: { access: 'manageStaff' },
    schema: { tags: ['staff'], response: { 200: Type.Object({ items: Type.Array(StaffMember) }) } },
  }, async (request) => ({
    items: (await listStaff(sql, request.principal.venueId)).map(presentStaff),
  }));

  app.post('/v1/staff/:id/disable', {
    config: { access: 'disableStaff' },
    schema: {
      tags: ['staff'], params: IdParams,
      description: 'Disables a member of the venue: their sessions end at once (and any live stream of theirs within seconds).',
      response: { 200: StaffMember, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    if (request.params.id === request.principal.id) {
      throw new DomainError(409, 'cannot_disable_self', 'an owner cannot disable themselves; another owner can');
    }
    const staff = await disableStaff(sql, request.principal.venueId, request.params.id);
    if (!staff) throw notFound('staff member', request.params.id);
    request.log.warn({ staffId: staff.id, by: request.principal.id }, 'staff member disabled');
    return presentStaff(staff);
  });
}
