import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../../src/db/connect.js';
import { isCitus } from '../../src/db/distribute.js';
import { migrate } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    citusUrl: string;
  }
}

const CLUSTER = 'scripts/citus-cluster.sh';
const HOW_TO_GET_CITUS = 'npm run test:citus needs Citus: install it into the local PostgreSQL '
  + '(https://docs.citusdata.com/en/stable/installation/single_node.html, or ../shared/citus/install.sh on the project machines) '
  + 'or set CITUS_DATABASE_URL to a Citus coordinator.';

const citusInstalled = () => {
  try {
    execFileSync('bash', [CLUSTER, 'find'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * CITUS_DATABASE_URL (a coordinator, used as it is), else a cluster of three
 * local PostgreSQL started by scripts/citus-cluster.sh at CITUS_BASE_PORT
 * (9700: coordinator, 9701 and 9702: workers) and stopped at the end. Either
 * way the database is migrated once, which distributes it; the test files
 * share it and keep apart by venue, the tenant.
 */
export default async function setup(project: TestProject) {
  let url = process.env.CITUS_DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    if (!citusInstalled()) {
      console.error(HOW_TO_GET_CITUS);
      process.exit(1);
    }
    const base = Number(process.env.CITUS_BASE_PORT ?? 9700);
    const dir = path.join(tmpdir(), `maguey-citus-${base}`);
    execFileSync('bash', [CLUSTER, 'start', dir, String(base)], { stdio: 'inherit' });
    url = `postgres://postgres@127.0.0.1:${base}/postgres`;
    stop = async () => { execFileSync('bash', [CLUSTER, 'stop', dir], { stdio: 'inherit' }); };
  }
  const sql = connect(url, { max: 1 });
  try {
    if (!(await isCitus(sql))) throw new Error(`${url.replace(/:[^:@/]*@/, ':***@')} has no citus extension: ${HOW_TO_GET_CITUS}`);
    await migrate(sql);
  } catch (error) {
    await sql.end();
    await stop();
    throw error;
  }
  await sql.end();
  project.provide('citusUrl', url);
  return stop;
}
