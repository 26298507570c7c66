import { Type } from 'typebox';
import { listOutbox, readOutbox } from '../../mail/mailer.js';
import { notFound } from '../../domain/errors.js';
import type { App, Deps } from '../context.js';
import { Timestamp } from '../schemas.js';

/**
 * The mail a server without SMTP_URL wrote instead of sending it
 * (src/mail/mailer.ts): the venue's owner reads what buyers would have got.
 * With SMTP the list is empty.
 */
export function outboxRoutes(app: App, { mailer }: Deps): void {
  app.get('/v1/outbox', {
    config: { access: 'readOutbox' },
    schema: {
      tags: ['money'],
      response: { 200: Type.Object({ smtp: Type.Boolean(), items: Type.Array(Type.Object({ name: Type.String(), bytes: Type.Integer(), writtenAt: Timestamp })) }) },
    },
  }, async (request) => ({
    smtp: mailer.outboxDir === undefined,
    items: mailer.outboxDir
      ? (await listOutbox(mailer.outboxDir, request.principal.venueId)).map((m) => ({ ...m, writtenAt: m.writtenAt.toISOString() }))
      : [],
  }));

  app.get('/v1/outbox/:name', {
    config: { access: 'readOutbox' },
    schema: { tags: ['money'], params: Type.Object({ name: Type.String({ maxLength: 100 }) }) },
  }, async (request, reply) => {
    const message = mailer.outboxDir ? await readOutbox(mailer.outboxDir, request.principal.venueId, request.params.name) : undefined;
    if (!message) throw notFound('message', request.params.name);
    return reply.type('message/rfc822').header('content-disposition', `attachment; filename="${request.params.name}"`).send(message);
  });
}
