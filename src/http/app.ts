import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { resolveSecret, type Config } from '../config.js';
import { CodeIssuer } from '../db/keys.js';
import { SecretBox } from '../domain/secret-box.js';
import { PublicKeyCache } from '../scan/parse-code.js';
import { TokenVenues } from '../scan/token-venues.js';
import { APPLICATION_NAME, type Sql } from '../db/connect.js';
import { LiveHub } from '../live/hub.js';
import { registerAuth } from './auth.js';
import type { App, Deps } from './context.js';
import { registerErrorHandling } from './errors.js';
import { createMetrics } from './metrics.js';
import { authRoutes } from './routes/auth.js';
import { deviceRoutes } from './routes/devices.js';
import { eventRoutes } from './routes/events.js';
import { operationRoutes } from './routes/operations.js';
import { reservationRoutes } from './routes/reservations.js';
import { scanRoutes } from './routes/scans.js';
import { staffRoutes } from './routes/staff.js';
import { statsRoutes } from './routes/stats.js';
import { ticketRoutes } from './routes/tickets.js';
import { ticketTypeRoutes } from './routes/ticket-types.js';
import { webRoutes } from './routes/web.js';

export interface AppOptions {
  sql: Sql;
  config: Config;
  /** pino options; false for silence (tests). */
  logger?: boolean | object;
}

/** Request bodies are small JSON; anything bigger is a mistake or an attack. */
const BODY_LIMIT = 64 * 1024;

/**
 * Builds the whole service on a database pool: external plugins first, then
 * ours, then the routes. server.ts listens; tests build the same app and
 * call inject().
 */
export async function buildApp(options: AppOptions): Promise<App & { deps: Deps }> {
  const tls = options.config.tls;
  const app = Fastify({
    // The App type names the plain http.Server; fastify serves the same routes over https.Server.
    ...(tls ? { https: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {}),
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    disableRequestLogging: true, // one line per request, written below, without bodies or tokens
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const hub = new LiveHub(options.sql, (error) => app.log.error({ err: error }, 'live feed error'));
  const deps: Deps = {
    sql: options.sql, config: options.config, hub, metrics: createMetrics(options.sql, APPLICATION_NAME),
    issuer: new CodeIssuer(new SecretBox(resolveSecret(options.config))), publicKeys: new PublicKeyCache(), tokenVenues: new TokenVenues(),
  };

  await app.register(swagger, {
    openapi: {
      info: { title: 'Maguey Pass API', version: '1.0.0', description: 'Door control for nightlife venues (../shared/API.md).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(rateLimit, { global: false });

  registerErrorHandling(app);
  registerAuth(app, options.sql);
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url === '/v1/scans' && request.method === 'POST') return; // the hot path logs nothing
    request.log.info({ method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  operationRoutes(app, deps);
  authRoutes(app, deps);
  staffRoutes(app, deps);
  deviceRoutes(app, deps);
  eventRoutes(app, deps);
  reservationRoutes(app, deps);
  scanRoutes(app, deps);
  statsRoutes(app, deps);
  ticketRoutes(app, deps);
  ticketTypeRoutes(app, deps);
  await webRoutes(app);
  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  app.addHook('onReady', () => hub.start());
  app.addHook('onClose', () => hub.close());
  return Object.assign(app, { deps });
}
