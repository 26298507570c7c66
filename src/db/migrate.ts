import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Postgrator from 'postgrator';
import type { Sql } from './connect.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/** Arbitrary constant: the advisory lock key that serialises migrators. */
const MIGRATION_LOCK_KEY = 7_424_238_001;

export interface MigrationResult {
  applied: { version: number; name: string }[];
  version: number;
}

/**
 * Applies pending migrations with postgrator (numbered `NNN.do.name.sql`,
 * md5-checksummed, a duplicate version refused before anything runs).
 * All pending files apply in one transaction under an advisory lock, so two
 * servers starting together cannot race and a failing file leaves nothing
 * half-applied.
 */
export async function migrate(sql: Sql, options: { dir?: string } = {}): Promise<MigrationResult> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  return sql.begin(async (tx) => {
    // Lock: held to commit; a second migrator waits here, then finds nothing to do.
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
    const postgrator = new Postgrator({
      migrationPattern: path.join(dir, '*.sql'),
      driver: 'pg',
      schemaTable: 'schema_migrations',
      validateChecksums: true,
      execQuery: async (query: string) => ({ rows: [...(await tx.unsafe(query).simple())] }),
    });
    const applied = await postgrator.migrate();
    return {
      applied: applied.map((m) => ({ version: m.version, name: m.name })),
      version: await postgrator.getDatabaseVersion(),
    };
  });
}
