import { Type } from 'typebox';
import { countLoginAttempt } from '../../db/login-attempts.js';
import { createSession, endSession, findStaffByEmail } from '../../db/staff.js';
import { DomainError } from '../../domain/errors.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../../domain/passwords.js';
import { bearerToken } from '../auth.js';
import type { App, Deps } from '../context.js';
import { Problem, Role, StaffMember, Uuid, Nullable, Text } from '../schemas.js';

export function authRoutes(app: App, { sql, config }: Deps): void {
  app.post('/v1/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'], security: [],
      body: Type.Object({ email: Text({ minLength: 3, maxLength: 320 }), password: Text({ minLength: 1, maxLength: 200 }) }),
      response: {
        200: Type.Object({ token: Type.String(), staff: Type.Object({ id: Uuid, name: Type.String(), role: Role }) }),
        401: Problem, 429: Problem,
      },
    },
  }, async (request, reply) => {
    const count = await countLoginAttempt(sql, request.ip, request.body.email);
    if (count.byAddress > config.loginAttemptsPerMinute || count.byAccount > config.loginAttemptsPerAccountPerMinute) {
      reply.header('Retry-After', String(count.retryAfterSeconds));
      throw new DomainError(429, 'rate_limited', 'too many log-in attempts; wait a minute');
    }
    const staff = await findStaffByEmail(sql, request.body.email);
    // Verify against a dummy hash when the email is unknown: same work, same time.
    const ok = await verifyPassword(request.body.password, staff?.password_hash ?? (await DUMMY_HASH_PROMISE));
    if (!staff || !ok) throw new DomainError(401, 'invalid_credentials', 'email or password is wrong');
    return { token: await createSession(sql, staff.id), staff: { id: staff.id, name: staff.name, role: staff.role } };
  });

  app.post('/v1/auth/logout', {
    config: { access: 'endOwnSession' },
    schema: { tags: ['auth'], description: 'Ends this session: its token gets 401 from now on.', response: { 204: Type.Null(), 401: Problem } },
  }, async (request, reply) => {
    await endSession(sql, bearerToken(request)!);
    return reply.code(204).send();
  });

  app.get('/v1/me', {
    config: { access: 'whoAmI' },
    schema: {
      tags: ['auth'],
      response: {
        200: Type.Object({
          kind: Type.Enum(['staff', 'device']),
          staff: Type.Optional(StaffMember),
          device: Type.Optional(Type.Object({ id: Uuid, name: Type.String(), gate: Type.String(), eventId: Nullable(Uuid) })),
        }),
      },
    },
  }, async (request) => {
    const p = request.principal;
    return p.kind === 'staff'
      ? { kind: 'staff' as const, staff: { id: p.id, name: p.name, role: p.role, email: p.email } }
      : { kind: 'device' as const, device: { id: p.id, name: p.name, gate: p.gate, eventId: p.eventId } };
  });
}
