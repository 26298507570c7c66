import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_HOLD_MINUTES } from './db/orders.js';
import { DEFAULT_FROM } from './mail/mailer.js';

/** Everything the service reads from its environment, read in one place. */
export interface Config {
  /** A PostgreSQL URL; unset means "start the embedded PostgreSQL". */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its data (git-ignored). */
  dataDir: string;
  /** MAGUEY_EMBEDDED_PG_PORT; unset: 54329, or a free port (remembered) when that one is taken. */
  embeddedPort: number | undefined;
  port: number;
  host: string;
  /** MAGUEY_ALLOW_RESET=1 enables the test-only reservation reset. */
  allowReset: boolean;
  /** Log-in attempts per client address per minute (all processes together). */
  loginAttemptsPerMinute: number;
  /** Log-in attempts per account (e-mail) per minute (all processes together). */
  loginAttemptsPerAccountPerMinute: number;
  /** Unknown or forged codes per scanner per minute before its scans get 429 (typed or not). */
  failedScansPerMinute: number;
  /** How long a pending order holds its tickets. */
  orderHoldMinutes: number;
  /** MAGUEY_METRICS_TOKEN: lets a non-loopback client read /metrics with it as bearer token. */
  metricsToken: string | undefined;
  /** Hand-typed codes per scanner per minute (typing is how codes get guessed). */
  manualScansPerMinute: number;
  /** Encrypts event signing keys at rest (MAGUEY_SECRET); unset: a generated one kept beside the data. */
  secret: string | undefined;
  /** How long a scanner may annul its own admission. */
  annulWindowMinutes: number;
  /** Connections in the pool; ~8 measured best for the hot row (DESIGN.md). */
  poolSize: number;
  /**
   * Statements deciding scans at once (MAGUEY_SCAN_LANES): each is a group of
   * scans committed together (src/scan/scan-lanes.ts); at most the pool size.
   */
  scanLanes: number;
  /**
   * The address phones and mail readers use (MAGUEY_PUBLIC_URL, e.g.
   * https://door.club.example): enrolment links and QR codes, the banner.
   * Unset: the address the dashboard was opened at.
   */
  publicUrl: string | undefined;
  /** PEM files for HTTPS (MAGUEY_TLS_CERT, MAGUEY_TLS_KEY): phone cameras work only on HTTPS or localhost. */
  tls: { certFile: string; keyFile: string } | undefined;
  /**
   * Stripe (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE for a
   * Stripe-compatible server); unset: the built-in test provider (src/money/test-provider.ts).
   */
  stripe: { secretKey: string; webhookSecret: string; apiBase: string | undefined } | undefined;
  /** Public checkouts per client address per minute (MAGUEY_CHECKOUTS_PER_MINUTE). */
  checkoutsPerMinute: number;
  /** How long a webhook waits for an order's row lock before answering 503 so the provider retries. */
  webhookLockTimeoutMs: number;
  /** Closing the night stores every difference of at least this many minor units (MAGUEY_DISCREPANCY_THRESHOLD_CENTS). */
  discrepancyThresholdCents: number;
  /** SMTP_URL (smtp://user:pass@host:port); unset: mail is written to outboxDir as .eml files. */
  smtpUrl: string | undefined;
  /** MAGUEY_OUTBOX_DIR; default `outbox` beside the data folder (.data/outbox). */
  outboxDir: string;
  /** The sender of the mail (MAGUEY_MAIL_FROM). */
  mailFrom: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.MAGUEY_DATA_DIR ?? '.data/postgres',
    embeddedPort: env.MAGUEY_EMBEDDED_PG_PORT ? Number(env.MAGUEY_EMBEDDED_PG_PORT) : undefined,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    allowReset: env.MAGUEY_ALLOW_RESET === '1',
    poolSize: Number(env.MAGUEY_POOL_SIZE ?? 8),
    scanLanes: Number(env.MAGUEY_SCAN_LANES ?? 4),
    secret: env.MAGUEY_SECRET || undefined,
    annulWindowMinutes: 15,
    loginAttemptsPerMinute: Number(env.MAGUEY_LOGIN_PER_MINUTE ?? 10),
    loginAttemptsPerAccountPerMinute: Number(env.MAGUEY_LOGIN_PER_ACCOUNT_PER_MINUTE ?? 5),
    failedScansPerMinute: Number(env.MAGUEY_FAILED_SCANS_PER_MINUTE ?? 30),
    orderHoldMinutes: Number(env.MAGUEY_ORDER_HOLD_MINUTES ?? DEFAULT_HOLD_MINUTES),
    metricsToken: env.MAGUEY_METRICS_TOKEN || undefined,
    manualScansPerMinute: Number(env.MAGUEY_MANUAL_SCANS_PER_MINUTE ?? 30),
    publicUrl: publicUrlOf(env.MAGUEY_PUBLIC_URL),
    tls: tlsOf(env.MAGUEY_TLS_CERT, env.MAGUEY_TLS_KEY),
    stripe: stripeOf(env),
    checkoutsPerMinute: Number(env.MAGUEY_CHECKOUTS_PER_MINUTE ?? 10),
    webhookLockTimeoutMs: Number(env.MAGUEY_WEBHOOK_LOCK_TIMEOUT_MS ?? 5000),
    discrepancyThresholdCents: Number(env.MAGUEY_DISCREPANCY_THRESHOLD_CENTS ?? 100),
    smtpUrl: env.SMTP_URL || undefined,
    outboxDir: env.MAGUEY_OUTBOX_DIR ?? path.join(path.dirname(path.resolve(env.MAGUEY_DATA_DIR ?? '.data/postgres')), 'outbox'),
    mailFrom: env.MAGUEY_MAIL_FROM ?? DEFAULT_FROM,
  };
}

function stripeOf(env: NodeJS.ProcessEnv): Config['stripe'] {
  const secretKey = env.STRIPE_SECRET_KEY || undefined;
  if (!secretKey) {
    if (env.STRIPE_WEBHOOK_SECRET || env.STRIPE_API_BASE) throw new Error('STRIPE_WEBHOOK_SECRET and STRIPE_API_BASE need STRIPE_SECRET_KEY');
    return undefined;
  }
  if (!env.STRIPE_WEBHOOK_SECRET) throw new Error('STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET (the signing secret of the webhook endpoint)');
  const apiBase = env.STRIPE_API_BASE || undefined;
  if (apiBase && !/^https?:\/\/[^/]+\/?$/.test(apiBase)) throw new Error(`STRIPE_API_BASE must be a protocol, host and port, e.g. http://127.0.0.1:12111: ${apiBase}`);
  return { secretKey, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiBase };
}

/** An http(s) origin with an optional path, without the trailing slash; anything else stops the start-up. */
function publicUrlOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`MAGUEY_PUBLIC_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('MAGUEY_PUBLIC_URL must start with https:// or http://');
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

function tlsOf(certFile: string | undefined, keyFile: string | undefined): Config['tls'] {
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error('HTTPS needs both MAGUEY_TLS_CERT and MAGUEY_TLS_KEY');
  return { certFile, keyFile };
}

/**
 * The server secret: MAGUEY_SECRET, or one generated on first use and kept
 * (mode 0600) beside the embedded database's data, so restarts and a second
 * process in the same folder read the same one. Production sets MAGUEY_SECRET.
 */
export function resolveSecret(config: Config): string {
  if (config.secret) return config.secret;
  const file = path.join(path.dirname(path.resolve(config.dataDir)), 'secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
    }
  }
  return readFileSync(file, 'utf8').trim();
}
