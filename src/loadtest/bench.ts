import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { connect, type Sql } from '../db/connect.js';
import { checkInvariants, type InvariantReport } from '../db/invariants.js';
import { CodeIssuer } from '../db/keys.js';
import { isCitus } from '../db/distribute.js';
import { migrate } from '../db/migrate.js';
import { SecretBox } from '../domain/secret-box.js';
import { COMPILED_CLI, PROJECT_ROOT } from '../project-root.js';
import { runPgbench, type PgbenchResult } from './pgbench.js';
import { runLoad, type LoadResult } from './run.js';
import { sampleCapacity, type CapacitySamples } from './capacity-samples.js';
import { CAPACITY_SCENARIOS, prepareScenario, type Scenario, type ScenarioName } from './scenarios.js';

/** The physical-limit baseline's SQL, installed into the pgbench database only. */
const MINIMAL_REDEEM = path.join(PROJECT_ROOT, 'src/loadtest/minimal-redeem.sql');

/** The server's secret in a bench run (codes are signed and checked with it). */
export const SECRET = randomBytes(24).toString('base64url');

export interface ScenarioReport {
  scenario: ScenarioName;
  /** What the run's database was. */
  database: 'PostgreSQL' | 'Citus';
  ours: LoadResult;
  pgbench: PgbenchResult | null;
  /** ours ÷ pgbench throughput, measured in the same run. */
  ratio: number | null;
  /** pgbench on the minimal redeem (src/loadtest/minimal-redeem.sql), the physical limit; plain PostgreSQL only. */
  minimal: PgbenchResult | null;
  /** ours ÷ the minimal redeem's throughput, measured in the same run. */
  ratioToMinimal: number | null;
  invariants: InvariantReport & { logRowsEqualAnswers: boolean; ok: boolean };
  /** The capacity pair's: people inside sampled during the run and read after it. */
  capacity: CapacitySamples | null;
}

/**
 * Where a run writes: a fresh database on a server (dropped afterwards), or
 * one database used as it is (`--database-url`: a Citus coordinator, whose
 * workers are registered in that database only), each run in a venue of its own.
 */
export type BenchTarget = { server: string } | { database: string };

/** The run's database, migrated; `drop` lets it go. */
export async function runDatabase(target: BenchTarget, label: string): Promise<{ url: string; sql: Sql; drop(): Promise<void> }> {
  if ('database' in target) {
    const sql = connect(target.database, { max: 4 });
    await migrate(sql);
    return { url: target.database, sql, drop: () => sql.end() };
  }
  const name = `maguey_bench_${label.replaceAll('-', '_')}_${randomBytes(4).toString('hex')}`;
  const admin = connect(target.server, { max: 1 });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(target.server);
  u.pathname = `/${name}`;
  const sql = connect(u.toString(), { max: 4 });
  await migrate(sql);
  return {
    url: u.toString(), sql,
    async drop() {
      await sql.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A fresh, migrated database on the server `adminUrl` points at; dropped by the returned function. */
export const scratchDatabase = (adminUrl: string, label: string) => runDatabase({ server: adminUrl }, label);

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

/** The real server as `npm start` runs it (compiled), in a process of its own, so its CPU and memory are its own. */
export async function startServer(databaseUrl: string, poolSize?: number, profileDir?: string) {
  const port = await freePort();
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, COMPILED_CLI, 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', MAGUEY_SECRET: SECRET,
      // A load-test scanner scans hundreds of times a second, 1% unknown codes: far past what one phone at a door can.
      MAGUEY_FAILED_SCANS_PER_MINUTE: '1000000',
      ...(poolSize ? { MAGUEY_POOL_SIZE: String(poolSize) } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => { out += c.toString(); if (out.includes('is running')) resolve(); });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
  child.stdout!.resume();
  return {
    url: `http://127.0.0.1:${port}`, pid: child.pid!,
    stop: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

async function prepare(db: { sql: Sql }, name: ScenarioName, scanners: number): Promise<Scenario> {
  return prepareScenario(db.sql, new CodeIssuer(new SecretBox(SECRET)), name, scanners);
}

/** One scenario: ours over HTTP, then pgbench on a fresh copy of the same data (a venue of its own), then the invariants. */
export async function benchScenario(options: {
  target: BenchTarget; scenario: ScenarioName; scanners: number; seconds: number; baseline: boolean; quiet?: boolean; poolSize?: number;
  /** Write a V8 CPU profile of the server here. */
  profileDir?: string;
}): Promise<ScenarioReport> {
  const { target, scenario: name, scanners, seconds } = options;
  const db = await runDatabase(target, name);
  const database = (await isCitus(db.sql)) ? 'Citus' : 'PostgreSQL';
  let ours: LoadResult;
  let invariants: ScenarioReport['invariants'];
  let capacity: CapacitySamples | null = null;
  try {
    const scenario = await prepare(db, name, scanners);
    const server = await startServer(db.url, options.poolSize, options.profileDir);
    // Sampled in both runs of the pair, so on and off carry the same extra reads.
    const sampling = (CAPACITY_SCENARIOS as readonly string[]).includes(name) ? sampleCapacity(db.sql, scenario) : null;
    try {
      ours = await runLoad({ url: server.url, scenario, scanners, seconds, serverPid: server.pid, quiet: options.quiet });
    } finally {
      capacity = await sampling?.stop() ?? null;
      await server.stop();
    }
    const report = await checkInvariants(db.sql, scenario.eventId);
    const logRowsEqualAnswers = report.logRows === ours.decided;
    invariants = {
      ...report, logRowsEqualAnswers,
      ok: logRowsEqualAnswers && report.doubleFirstEntries === 0 && report.guestMismatches === 0 && report.reservationMismatches === 0
        && report.counterMismatches === 0 && report.conflictsWithoutItem === 0 && report.placesMismatch === 0
        && (capacity === null || (capacity.overCapacity === 0 && capacity.unbalanced === 0)),
    };
  } finally {
    await db.drop();
  }

  let pgbench: PgbenchResult | null = null;
  let minimal: PgbenchResult | null = null;
  if (options.baseline) {
    const base = await runDatabase(target, `${name}_pgbench`);
    try {
      const scenario = await prepare(base, name, 0);
      pgbench = await runPgbench(base.url, scenario, scanners, seconds);
      if (database === 'PostgreSQL') {
        await base.sql.unsafe(readFileSync(MINIMAL_REDEEM, 'utf8'));
        minimal = await runPgbench(base.url, scenario, scanners, seconds, 'minimal');
      }
    } finally {
      await base.drop();
    }
  }
  const ratioTo = (baseline: PgbenchResult | null) => baseline ? Math.round((ours.throughput / baseline.tps) * 100) / 100 : null;
  return { scenario: name, database, ours, pgbench, ratio: ratioTo(pgbench), minimal, ratioToMinimal: ratioTo(minimal), invariants, capacity };
}
