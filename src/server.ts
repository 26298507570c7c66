import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveSecret, type Config } from './config.js';
import { connect, type Sql } from './db/connect.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { CodeIssuer } from './db/keys.js';
import { migrate } from './db/migrate.js';
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

async function start(config: Config, db: DatabaseHandle, sql: Sql): Promise<void> {
  await migrate(sql);
  const credentials = await demoData(config, db, sql);
  const app = await buildApp({ sql, config, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  await app.listen({ port: config.port, host: config.host });
  printBanner(config.publicUrl ?? `${config.tls ? 'https' : 'http'}://localhost:${config.port}`, credentials);

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

/** Demo data goes into a fresh embedded database (or any, with MAGUEY_DEMO=1); its log-ins are kept beside the data. */
async function demoData(config: Config, db: DatabaseHandle, sql: Sql): Promise<DemoCredentials | undefined> {
  const file = path.join(path.dirname(path.resolve(config.dataDir)), 'demo-credentials.json');
  if ((db.embedded || process.env.MAGUEY_DEMO === '1') && (await isEmpty(sql))) {
    const credentials = await seedDemo(sql, new CodeIssuer(new SecretBox(resolveSecret(config))));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    return credentials;
  }
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as DemoCredentials) : undefined;
}

function printBanner(url: string, credentials: DemoCredentials | undefined): void {
  console.log([
    '',
    `Maguey Pass is running at ${url}`,
    `  dashboard  ${url}/`,
    `  scanner    ${url}/scan/`,
    `  API docs   ${url}/docs`,
    ...(credentials ? [
      `  owner      ${credentials.owner.email} / ${credentials.owner.password}`,
      `  door       ${credentials.door.email} / ${credentials.door.password}`,
      `  scanner device token (Door A iPad): ${credentials.deviceToken}`,
      `  enrol it:  ${url}/scan/#enroll=${credentials.deviceToken}`,
      ...(credentials.sampleTicket ? [`  a GA ticket to scan: ${credentials.sampleTicket.code}`] : []),
    ] : ['  no demo data: create an owner with `npm run maguey -- staff create --email … --password … --role owner`']),
    '',
  ].join('\n'));
}
