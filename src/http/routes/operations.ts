import { createHash, timingSafeEqual } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Type } from 'typebox';
import { MIGRATIONS_DIR } from '../../db/migrate.js';
import { DomainError } from '../../domain/errors.js';
import { bearerToken } from '../auth.js';
import { sendDatabaseUnavailable, sendProblem } from '../errors.js';
import { Problem } from '../schemas.js';
import type { App, Deps } from '../context.js';

/** The newest migration this build knows: ready means the database has it. */
const EXPECTED_VERSION = Math.max(...readdirSync(MIGRATIONS_DIR).map((f) => Number(f.split('.')[0])).filter(Number.isFinite));

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * /metrics names routes, pools and counts: not for the public. Loopback is
 * the Prometheus agent on the host; anyone else needs the token. (A reverse
 * proxy on the same host must not forward /metrics: its requests are loopback.)
 */
export function metricsAllowed(address: string | undefined, token: string | undefined, expected: string | undefined): boolean {
  if (address && LOOPBACK.has(address)) return true;
  if (!expected || !token) return false;
  const a = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, createHash('sha256').update(expected).digest());
}

export function operationRoutes(app: App, { sql, database, metrics, config }: Deps): void {
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
    schema: {
      tags: ['operations'],
      description: 'Prometheus text, for loopback clients or with `Authorization: Bearer $MAGUEY_METRICS_TOKEN` (when set).',
    },
  }, async (request, reply) => {
    if (!metricsAllowed(request.socket.remoteAddress, bearerToken(request), config.metricsToken)) {
      throw new DomainError(401, 'unauthorized', 'metrics are for loopback clients or the bearer of MAGUEY_METRICS_TOKEN');
    }
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
