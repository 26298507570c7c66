import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { resolveSecret, type Config } from '../config.js';
import { CodeIssuer } from '../db/keys.js';
import { SecretBox } from '../domain/secret-box.js';
import { PublicKeyCache } from '../scan/parse-code.js';
import { ScanLanes } from '../scan/scan-lanes.js';
import { ScannerCache } from '../scan/scanner-cache.js';
import { staffRolesOf } from './access.js';
import { DatabaseAvailability } from '../db/availability.js';
import { startHousekeeping } from '../jobs/housekeeping.js';
import { APPLICATION_NAME, type Sql } from '../db/connect.js';
import { LiveHub } from '../live/hub.js';
import { createMailer } from '../mail/mailer.js';
import { openPaymentProvider } from '../money/open-provider.js';
import { registerAuth } from './auth.js';
import type { App, Deps } from './context.js';
import { registerErrorHandling } from './errors.js';
import { createMetrics } from './metrics.js';
import { AJV_PLUGINS } from './formats.js';
import { registerOpenApi } from './openapi.js';
import { registerSecurityHeaders } from './security-headers.js';
import { authRoutes } from './routes/auth.js';
import { deviceRoutes } from './routes/devices.js';
import { doorDataRoutes } from './routes/door-data.js';
import { doorSearchRoutes } from './routes/door-search.js';
import { eventRoutes } from './routes/events.js';
import { gateRoutes } from './routes/gates.js';
import { guestListRoutes } from './routes/guest-lists.js';
import { operationRoutes } from './routes/operations.js';
import { outboxRoutes } from './routes/outbox.js';
import { payPageRoutes } from './routes/pay-page.js';
import { paymentRoutes } from './routes/payments.js';
import { promoterRoutes } from './routes/promoters.js';
import { reservationRoutes } from './routes/reservations.js';
import { tableBookingRoutes } from './routes/table-bookings.js';
import { nightCloseRoutes } from './routes/night-close.js';
import { scanRoutes } from './routes/scans.js';
import { attentionRoutes } from './routes/attention.js';
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
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true }, plugins: AJV_PLUGINS },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database = new DatabaseAvailability(options.sql);
  const hub = new LiveHub(options.sql, (error) => {
    if (database.observe(error)) app.log.warn('live feed: database unavailable');
    else app.log.error({ err: error }, 'live feed error');
  });
  const secret = resolveSecret(options.config);
  // The built-in test provider sends its signed events through this very app's webhook route.
  const money = await openPaymentProvider(options.config, secret, async (payload, signature) => (await app.inject({
    method: 'POST', url: '/v1/payments/stripe/webhook', payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  })).statusCode);
  const deps: Deps = {
    sql: options.sql, database, config: options.config, hub, metrics: createMetrics(options.sql, APPLICATION_NAME),
    issuer: new CodeIssuer(new SecretBox(secret)), publicKeys: new PublicKeyCache(),
    scanners: new ScannerCache(staffRolesOf('scan')), money,
    lanes: new ScanLanes(options.sql, Math.min(options.config.scanLanes, options.config.poolSize)),
    mailer: createMailer({ smtpUrl: options.config.smtpUrl, outboxDir: options.config.outboxDir, from: options.config.mailFrom }),
  };

  await registerSecurityHeaders(app);
  await registerOpenApi(app);
  await app.register(rateLimit, { global: false });
  // Only routes that ask compress (door data: 4.5 MB of JSON for 10,000 people, 0.7 MB gzipped); scan answers stay as they are.
  await app.register(compress, { global: false });

  registerErrorHandling(app, database);
  registerAuth(app, options.sql);
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url === '/v1/scans' && request.method === 'POST') return; // the hot path logs nothing
    request.log.info({ method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  operationRoutes(app, deps);
  authRoutes(app, deps);
  staffRoutes(app, deps);
  deviceRoutes(app, deps);
  gateRoutes(app, deps);
  eventRoutes(app, deps);
  reservationRoutes(app, deps);
  guestListRoutes(app, deps);
  promoterRoutes(app, deps);
  scanRoutes(app, deps);
  attentionRoutes(app, deps);
  doorSearchRoutes(app, deps);
  doorDataRoutes(app, deps);
  statsRoutes(app, deps);
  ticketRoutes(app, deps);
  ticketTypeRoutes(app, deps);
  paymentRoutes(app, deps);
  tableBookingRoutes(app, deps);
  nightCloseRoutes(app, deps);
  outboxRoutes(app, deps);
  if (money.testProvider) payPageRoutes(app, money.testProvider);
  await webRoutes(app);
  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  let stopHousekeeping = () => {};
  app.addHook('onReady', async () => {
    await hub.start();
    stopHousekeeping = startHousekeeping(options.sql, { provider: money.provider, mailer: deps.mailer, issuer: deps.issuer }, app.log);
  });
  app.addHook('onClose', async () => {
    stopHousekeeping();
    database.close();
    await hub.close();
    await money.close();
  });
  return Object.assign(app, { deps });
}
