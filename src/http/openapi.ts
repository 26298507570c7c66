import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { OPERATION_DOCS } from './operations-doc.js';
import { Problem } from './schemas.js';

type RouteSchema = Record<string, unknown> & { response?: Record<string, unknown>; summary?: string; description?: string };

/**
 * The served contract: OpenAPI 3.1 (TypeBox writes a nullable field as
 * `anyOf: [X, {type: "null"}]`, which is JSON Schema 2020-12, valid in 3.1
 * and not in 3.0), each operation named and summarised from
 * operations-doc.ts, and the problems every route can answer (401 and 403
 * behind a token, 503 while the database is away) added here once.
 * test/http/openapi.test.ts lints it with Redocly's recommended rules.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Maguey Pass API', version: '1.1.0',
        description: 'Door control for nightlife venues. The contract, with examples, is docs/api.md in the repository.',
      },
      servers: [{ url: '/', description: 'the server that serves this document' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: ({ schema, url, route }) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const doc = OPERATION_DOCS[`${methods[0]} ${route.url}`];
      const given = (schema ?? {}) as RouteSchema;
      const response = { ...given.response };
      if ((route.config as { access?: string } | undefined)?.access !== 'public') {
        response[401] ??= { ...Problem, description: 'No token, or one that is unknown, expired or revoked' };
        response[403] ??= { ...Problem, description: 'The token\'s role may not do this' };
      }
      if (doc?.produces && !Object.keys(response).some((status) => status.startsWith('2'))) {
        response[200] = { description: doc.summary, content: { [doc.produces]: { schema: { type: 'string' } } } };
      }
      if (url.startsWith('/v1/')) response[503] ??= { ...Problem, description: 'The database is unavailable; retry after `Retry-After` seconds' };
      return {
        url,
        schema: {
          ...given, response,
          ...(doc && { operationId: doc.id, summary: given.summary ?? doc.summary, description: given.description ?? doc.description }),
        },
      };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
