import { readdirSync } from 'node:fs';
import { Type } from 'typebox';
import { MIGRATIONS_DIR } from '../../db/migrate.js';
import { sendDatabaseUnavailable, sendProblem } from '../errors.js';
import { Problem } from '../schemas.js';
import type { App, Deps } from '../context.js';

/** The newest migration this build knows: ready means the database has it. */
const EXPECTED_VERSION = Math.max(...readdirSync(MIGRATIONS_DIR).map((f) => Number(f.split('.')[0])).filter(Number.isFinite));

export function operationRoutes(app: App, { sql, database, metrics }: Deps): void {
  app.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['operations'], security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    config: { access: 'public' },
    schema: {
      tags: ['operations'], security: [],
      response: { 200: Type.Object({ status: Type.Literal('ready'), migration: Type.Integer() }), 503: Problem },
    },
  }, async (_request, reply) => {
    if (!database.available) return sendDatabaseUnavailable(reply);
    try {
      const [row] = await sql<{ version: number }[]>`select max(version)::int as version from schema_migrations`;
      if (row?.version === EXPECTED_VERSION) return { status: 'ready' as const, migration: row.version };
      return sendProblem(reply, 503, 'not_migrated', `database at migration ${row?.version}, this build needs ${EXPECTED_VERSION}`);
    } catch (error) {
      database.observe(error);
      return sendDatabaseUnavailable(reply);
    }
  });

  app.get('/metrics', {
    config: { access: 'public' },
    schema: { tags: ['operations'], security: [] },
  }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
