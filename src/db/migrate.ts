import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Postgrator from 'postgrator';
import { PROJECT_ROOT } from '../project-root.js';
import type { Sql, Queryable } from './connect.js';
import { distributeByVenue, isCitus, prepareCitusSession, type Distribution } from './distribute.js';

const DB_DIR = path.join(PROJECT_ROOT, 'db');
export const MIGRATIONS_DIR = path.join(DB_DIR, 'migrations');

/** Arbitrary constant: the advisory lock key that serialises migrators. */
const MIGRATION_LOCK_KEY = 7_424_238_001;

export interface MigrationResult {
  applied: { version: number; name: string }[];
  version: number;
  /** On a Citus coordinator: what this run distributed (src/db/distribute.ts); null elsewhere. */
  distributed: Distribution | null;
}

/**
 * The current definitions, one file each, named after what they define:
 * db/functions/<function>.sql, db/views/<view>.sql,
 * db/triggers/<table>.<trigger>.sql. Applied in this order after the
 * numbered migrations: functions first (bodies are checked at call time),
 * then views, then triggers.
 */
const DEFINITION_KINDS = ['functions', 'views', 'triggers'] as const;

function definitionFiles(dbDir: string, kind: (typeof DEFINITION_KINDS)[number]): { name: string; text: string }[] {
  const dir = path.join(dbDir, kind);
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()
    .map((f) => ({ name: f.slice(0, -'.sql'.length), text: readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Re-creates every function, view and trigger from its file (Flyway's
 * repeatable migrations). Views and triggers are dropped first so a changed
 * column list or a removed file leaves nothing stale; functions are
 * replaced in place, so a changed signature needs its old form dropped in a
 * numbered migration (a drop here would also drop what depends on it).
 */
async function applyDefinitions(tx: Queryable, dbDir: string): Promise<void> {
  const views = definitionFiles(dbDir, 'views');
  const triggers = definitionFiles(dbDir, 'triggers');
  for (const t of triggers) {
    const [table, trigger] = t.name.split('.');
    await tx.unsafe(`drop trigger if exists "${trigger}" on "${table}"`);
  }
  for (const v of [...views].reverse()) await tx.unsafe(`drop view if exists "${v.name}" cascade`);
  await tx`set local check_function_bodies = off`;
  for (const kind of DEFINITION_KINDS) {
    const files = kind === 'functions' ? definitionFiles(dbDir, kind) : kind === 'views' ? views : triggers;
    for (const f of files) await tx.unsafe(f.text).simple();
  }
}

/**
 * A migration file whose version is lower than the newest applied one and
 * that was never applied would be skipped by postgrator without a word (the
 * seed's project lost migrations that way): refuse, naming the file.
 */
async function refuseSkippedVersions(tx: Queryable, dir: string): Promise<void> {
  const [table] = await tx`select to_regclass('schema_migrations') as t`;
  if (!table?.t) return;
  const applied = new Set((await tx<{ version: string }[]>`select version::text from schema_migrations`).map((r) => Number(r.version)));
  const newest = Math.max(0, ...applied);
  const skipped = readdirSync(dir).filter((f) => /^\d+\.do\./.test(f))
    .filter((f) => { const v = Number(f.split('.')[0]); return v < newest && !applied.has(v); });
  if (skipped.length > 0) {
    throw new Error(`migration ${skipped.join(', ')} has a version lower than the newest applied (${newest}) and was never applied: give it a version above ${newest}`);
  }
}

/**
 * Applies pending migrations with postgrator (numbered `NNN.do.name.sql`,
 * md5-checksummed, a duplicate version refused before anything runs), then
 * re-applies every function, view and trigger definition. All of it runs
 * in one transaction under an advisory lock, so two servers starting
 * together cannot race and a failing file leaves nothing half-applied.
 * On Citus the same transaction then distributes what is new (reference
 * tables, tables by venue, door functions delegated by venue).
 */
export async function migrate(sql: Sql, options: { dir?: string; dbDir?: string } = {}): Promise<MigrationResult> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const dbDir = options.dbDir ?? DB_DIR;
  return sql.begin(async (tx) => {
    // Lock: held to commit; a second migrator waits here, then finds nothing to do.
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
    await refuseSkippedVersions(tx, dir);
    const citus = await isCitus(tx);
    if (citus) await prepareCitusSession(tx);
    const postgrator = new Postgrator({
      migrationPattern: path.join(dir, '*.sql'),
      driver: 'pg',
      schemaTable: 'schema_migrations',
      validateChecksums: true,
      execQuery: async (query: string) => ({ rows: [...(await tx.unsafe(query).simple())] }),
    });
    const applied = await postgrator.migrate();
    await applyDefinitions(tx, dbDir);
    return {
      applied: applied.map((m) => ({ version: m.version, name: m.name })),
      version: await postgrator.getDatabaseVersion(),
      distributed: citus ? await distributeByVenue(tx) : null,
    };
  });
}
