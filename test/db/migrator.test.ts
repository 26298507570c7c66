import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { withDatabaseName } from '../support/urls.js';

const LATEST = Math.max(...readdirSync(MIGRATIONS_DIR).map((f) => Number(f.split('.')[0])));
const opened: Sql[] = [];
const databases: string[] = [];
const admin = () => connect(inject('adminUrl'), { max: 1 });

/** An empty database of its own (not the migrated template). */
async function emptyDatabase(): Promise<string> {
  const name = `maguey_migrate_${randomBytes(5).toString('hex')}`;
  const a = admin();
  await a.unsafe(`create database ${name}`);
  await a.end();
  databases.push(name);
  return withDatabaseName(inject('adminUrl'), name);
}

function pool(url: string): Sql {
  const sql = connect(url, { max: 2 });
  opened.push(sql);
  return sql;
}

/** A copy of the migrations folder to break on purpose. */
function migrationsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'maguey-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

const versions = async (sql: Sql) =>
  (await sql<{ version: number }[]>`select version::int from schema_migrations where version > 0 order by version`).map((r) => r.version);
const tableExists = async (sql: Sql, name: string) =>
  (await sql<{ t: string | null }[]>`select to_regclass(${name})::text as t`)[0]!.t !== null;

afterAll(async () => {
  await Promise.all(opened.map((s) => s.end()));
  const a = admin();
  for (const name of databases) await a.unsafe(`drop database if exists ${name} with (force)`);
  await a.end();
});

describe('migrations', () => {
  it('apply once; applying again is a no-op', async () => {
    const sql = pool(await emptyDatabase());
    const first = await migrate(sql);
    expect(first.applied).toHaveLength(LATEST);
    const second = await migrate(sql);
    expect(second).toEqual({ applied: [], version: LATEST, distributed: null });
    expect(await versions(sql)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
  });

  it('started by two servers at the same time apply every version exactly once', async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([migrate(pool(url)), migrate(pool(url))]);
    expect(a.applied.length + b.applied.length).toBe(LATEST);
    expect(await versions(pool(url))).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
  });

  it('refuse two files with the same version number, before anything runs', async () => {
    const dir = migrationsCopy();
    writeFileSync(path.join(dir, `${String(LATEST + 1).padStart(3, '0')}.do.first.sql`), 'create table dup_a (id int);');
    writeFileSync(path.join(dir, `${String(LATEST + 1).padStart(3, '0')}.do.second.sql`), 'create table dup_b (id int);');
    const sql = pool(await emptyDatabase());
    await expect(migrate(sql, { dir })).rejects.toThrow(`Two migrations found with version ${LATEST + 1}`);
    expect(await tableExists(sql, 'venues')).toBe(false);
    expect(await tableExists(sql, 'dup_a')).toBe(false);
  });

  it('detect an applied file that was changed afterwards, and apply nothing more', async () => {
    const dir = migrationsCopy();
    const sql = pool(await emptyDatabase());
    await migrate(sql, { dir });
    appendFileSync(path.join(dir, '001.do.core-schema.sql'), '\n-- edited after it ran\n');
    writeFileSync(path.join(dir, `${String(LATEST + 1).padStart(3, '0')}.do.next.sql`), 'create table next_one (id int);');
    await expect(migrate(sql, { dir })).rejects.toThrow(/checksum/i);
    expect(await tableExists(sql, 'next_one')).toBe(false);
  });

  it('refuse a file added later with a version below the newest applied, naming it, and apply nothing', async () => {
    const dir = migrationsCopy();
    const sql = pool(await emptyDatabase());
    const top = String(LATEST + 2).padStart(3, '0');
    writeFileSync(path.join(dir, `${top}.do.newest.sql`), 'create table newest (id int);');
    await migrate(sql, { dir });
    const skipped = `${String(LATEST + 1).padStart(3, '0')}.do.late.sql`;
    writeFileSync(path.join(dir, skipped), 'create table late_one (id int);');
    await expect(migrate(sql, { dir })).rejects.toThrow(skipped);
    expect(await tableExists(sql, 'late_one')).toBe(false);
  });

  it('re-apply every function, view and trigger from its one file on each migrate', async () => {
    const sql = pool(await emptyDatabase());
    await migrate(sql);
    await sql`create or replace function order_transition_allowed(from_status order_status, to_status order_status) returns boolean language sql immutable as $$ select false $$`;
    await migrate(sql);
    expect((await sql`select order_transition_allowed('pending', 'paid') as ok`)[0]).toEqual({ ok: true });
  });

  it('roll a failing file back completely, leaving the version where it was', async () => {
    const dir = migrationsCopy();
    const sql = pool(await emptyDatabase());
    await migrate(sql, { dir });
    writeFileSync(path.join(dir, `${String(LATEST + 1).padStart(3, '0')}.do.broken.sql`),
      'create table half_done (id int);\nselect no_such_function();');
    await expect(migrate(sql, { dir })).rejects.toThrow(/no_such_function/);
    expect(await tableExists(sql, 'half_done')).toBe(false);
    expect(Math.max(...(await versions(sql)))).toBe(LATEST);
  });
});
