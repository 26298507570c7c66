import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { connect } from './db/connect.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { isEmpty, seedDemo, type DemoCredentials } from './db/seed-demo.js';
import { buildApp } from './http/app.js';

/**
 * `maguey serve`: database (embedded unless DATABASE_URL), migrations, demo
 * data on a fresh embedded database, then the app. On SIGINT/SIGTERM it stops
 * accepting, finishes in-flight requests, closes the pool and only then stops
 * the embedded database.
 */
export async function serve(config: Config): Promise<void> {
  const db = await openDatabase(config, (msg) => console.log(msg));
  const sql = connect(db.url, { max: config.poolSize });
  await migrate(sql);

  const credentialsFile = path.join(path.dirname(path.resolve(config.dataDir)), 'demo-credentials.json');
  let credentials: DemoCredentials | undefined;
  if ((db.embedded || process.env.MAGUEY_DEMO === '1') && (await isEmpty(sql))) {
    credentials = await seedDemo(sql);
    await mkdir(path.dirname(credentialsFile), { recursive: true });
    await writeFile(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  } else if (existsSync(credentialsFile)) {
    credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as DemoCredentials;
  }

  const app = await buildApp({ sql, config, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
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
    ] : ['  no demo data: create an owner with `npm run maguey -- staff create --email … --password … --role owner`']),
    '',
  ].join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    try {
      await app.close();
      await sql.end({ timeout: 10 });
      await db.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
