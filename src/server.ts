import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveSecret, type Config } from './config.js';
import { connect, type Sql } from './db/connect.js';
import { checkSecret } from './db/installation.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { CodeIssuer } from './db/keys.js';
import { migrate } from './db/migrate.js';
import { nextEventOnSale } from './db/sales.js';
import { isEmpty, seedDemo, type DemoCredentials } from './db/seed-demo.js';
import { SecretBox } from './domain/secret-box.js';
import { buildApp } from './http/app.js';

/**
 * `maguey serve`: database (embedded unless DATABASE_URL), migrations, demo
 * data on a fresh embedded database, then the app. On SIGINT/SIGTERM it stops
 * accepting, finishes in-flight requests, closes the pool and only then stops
 * the embedded database. A failed start stops the database it started.
 */
export async function serve(config: Config): Promise<void> {
  const db = await openDatabase(config, (msg) => console.log(msg));
  const sql = connect(db.url, { max: config.poolSize });
  try {
    await start(config, db, sql);
  } catch (error) {
    await sql.end({ timeout: 5 });
    await db.stop();
    throw error;
  }
}

/** The one sentence a process with the wrong secret stops with. */
export const SECRET_MISMATCH = 'MAGUEY_SECRET is not the secret this database was set up with: start every server of this '
  + 'installation with the same MAGUEY_SECRET (on the embedded database, leave it unset to use the one kept in .data/secret).';

async function start(config: Config, db: DatabaseHandle, sql: Sql): Promise<void> {
  await migrate(sql);
  if ((await checkSecret(sql, resolveSecret(config))) === 'differs') throw new Error(SECRET_MISMATCH);
  const credentials = await demoData(config, db, sql);
  const app = await buildApp({ sql, config, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  await app.listen({ port: config.port, host: config.host });
  printBanner(config.publicUrl ?? `${config.tls ? 'https' : 'http'}://localhost:${config.port}`, config, credentials, await nextEventOnSale(sql));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // In-flight requests finish; their keep-alive sockets go idle afterwards
    // and would hold close() open, so idle sockets are swept until it is done.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      await app.close();
      clearInterval(sweep);
      await sql.end({ timeout: 10 });
      await db.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Where the demo log-ins are kept (mode 0600) after the banner showed them once. */
const credentialsFile = (config: Config) => path.join(path.dirname(path.resolve(config.dataDir)), 'demo-credentials.json');

/**
 * Demo data goes into a fresh embedded database (or any, with MAGUEY_DEMO=1).
 * Returns its log-ins only when it created them: the banner shows passwords
 * and the device token once, not on every start (they would pile up in logs).
 */
async function demoData(config: Config, db: DatabaseHandle, sql: Sql): Promise<DemoCredentials | undefined> {
  if (!(db.embedded || process.env.MAGUEY_DEMO === '1') || !(await isEmpty(sql))) return undefined;
  const credentials = await seedDemo(sql, new CodeIssuer(new SecretBox(resolveSecret(config))));
  const file = credentialsFile(config);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

function printBanner(url: string, config: Config, created: DemoCredentials | undefined, onSale: string | undefined): void {
  const kept = existsSync(credentialsFile(config));
  console.log([
    '',
    `Maguey Pass is running at ${url}`,
    `  dashboard  ${url}/`,
    `  scanner    ${url}/scan/`,
    ...(onSale ? [`  buy tickets ${url}/e/${onSale}`] : []),
    `  API docs   ${url}/docs`,
    `  payments   ${config.stripe ? 'Stripe' : 'built-in test provider (no money moves; set STRIPE_SECRET_KEY for Stripe)'}`,
    `  mail       ${config.smtpUrl ? 'SMTP' : `written to ${config.outboxDir} (set SMTP_URL to send it)`}`,
    ...(created ? [
      `  owner      ${created.owner.email} / ${created.owner.password}`,
      `  door       ${created.door.email} / ${created.door.password}`,
      `  scanner device token (Door A iPad): ${created.deviceToken}`,
      `  enrol it:  ${url}/scan/#enroll=${created.deviceToken}`,
      ...(created.sampleTicket ? [`  a GA ticket to scan: ${created.sampleTicket.code}`] : []),
      `  (shown once; kept in ${credentialsFile(config)}, readable by you only)`,
    ] : kept ? [`  demo log-ins: in ${credentialsFile(config)} (shown when they were created)`]
      : ['  no demo data: create an owner with `npm run maguey -- staff create --email … --role owner` (it asks for the password)']),
    '',
  ].join('\n'));
}
