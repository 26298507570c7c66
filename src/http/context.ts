import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.js';
import type { DatabaseAvailability } from '../db/availability.js';
import type { Sql } from '../db/connect.js';
import type { CodeIssuer } from '../db/keys.js';
import type { LiveHub } from '../live/hub.js';
import type { Mailer } from '../mail/mailer.js';
import type { Money } from '../money/open-provider.js';
import type { PublicKeyCache } from '../scan/parse-code.js';
import type { ScanLanes } from '../scan/scan-lanes.js';
import type { ScannerCache } from '../scan/scanner-cache.js';
import type { Metrics } from './metrics.js';

/** The fastify instance with TypeBox types: request types come from the route schemas. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What routes need from the outside; buildApp() assembles it. */
export interface Deps {
  sql: Sql;
  /** Whether the database answers; requests fail fast (503) while it does not. */
  database: DatabaseAvailability;
  config: Config;
  hub: LiveHub;
  metrics: Metrics;
  /** Signs pass and ticket codes. */
  issuer: CodeIssuer;
  /** Verifies signed codes at the door. */
  publicKeys: PublicKeyCache;
  /** Which scanner a bearer token names (redeem_scan checks it still may scan). */
  scanners: ScannerCache;
  /** Decides scans, grouped into shared commits. */
  lanes: ScanLanes;
  /** The payment provider (Stripe, or the built-in test provider). */
  money: Money;
  /** Sends mail (SMTP_URL), or writes it to the outbox. */
  mailer: Mailer;
}
