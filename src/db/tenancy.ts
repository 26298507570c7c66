import type { Queryable } from './connect.js';

/**
 * The venue is the tenant (DESIGN.md, principle 7). Every table is a tenant
 * table unless it is named here: tenant tables carry `venue_id uuid not null`
 * and every key and foreign key between them includes it, so Citus can
 * distribute them all by venue, colocated (src/db/distribute.ts), and a door
 * query touches one node. The rule is read from the catalog, so a new table
 * is held to it from its first migration (test/db/tenant-keys.test.ts).
 */

/**
 * Global tables, small and read everywhere: Citus reference tables (a copy on
 * every node). Staff, sessions and devices are read by log-in and token
 * lookups that do not know the venue yet (db/migrations/001.do.core-schema.sql);
 * log-in attempts are counted per address and e-mail before a venue is
 * known, and the installation row holds the server secret's check value
 * (db/migrations/007.do.hardening.sql). Payment provider event ids are
 * unique across the provider, stored before the venue is known
 * (db/migrations/010.do.money.sql).
 */
export const GLOBAL_TABLES: readonly string[] = ['venues', 'staff', 'staff_sessions', 'devices', 'login_attempts', 'installation', 'payment_events'];

/** The migrator's own bookkeeping: neither tenant nor reference, it stays on the coordinator. */
export const BOOKKEEPING_TABLES: readonly string[] = ['schema_migrations'];

/** The tenant column: the distribution column on Citus. */
export const TENANT_COLUMN = 'venue_id';

export interface TenantTable {
  name: string;
  /** Tenant tables this one references by foreign key (they are distributed first). */
  references: string[];
}

/** The application's tables in the current schema (partitions are their parent's). */
const tablesQuery = (sql: Queryable) => sql<{ name: string; has_tenant_column: boolean }[]>`
  select c.relname as name,
         exists (select 1 from pg_attribute a
                  where a.attrelid = c.oid and a.attname = ${TENANT_COLUMN} and not a.attisdropped
                    and a.atttypid = 'uuid'::regtype and a.attnotnull) as has_tenant_column
    from pg_class c
   where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
   order by c.relname`;

/** Tenant tables, each referenced table before the tables that reference it. */
export async function tenantTables(sql: Queryable): Promise<TenantTable[]> {
  const names = (await tablesQuery(sql)).map((t) => t.name).filter(isTenantTable);
  const fks = await sql<{ from_table: string; to_table: string }[]>`
    select distinct f.relname as from_table, t.relname as to_table
      from pg_constraint k
      join pg_class f on f.oid = k.conrelid
      join pg_class t on t.oid = k.confrelid
     where k.contype = 'f' and f.relnamespace = current_schema()::regnamespace and f.oid <> t.oid`;
  const tables = names.map((name) => ({
    name, references: fks.filter((fk) => fk.from_table === name && isTenantTable(fk.to_table)).map((fk) => fk.to_table),
  }));
  const ordered: TenantTable[] = [];
  const placed = new Set<string>();
  const place = (table: TenantTable, path: string[]) => {
    if (placed.has(table.name)) return;
    if (path.includes(table.name)) throw new Error(`foreign keys form a cycle: ${[...path, table.name].join(' → ')}`);
    for (const ref of table.references) place(tables.find((t) => t.name === ref)!, [...path, table.name]);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) place(table, []);
  return ordered;
}

const isTenantTable = (name: string) => !GLOBAL_TABLES.includes(name) && !BOOKKEEPING_TABLES.includes(name);

/**
 * Every way the schema breaks the tenant rule, one sentence each, sorted;
 * empty when it holds. Unique indexes count like unique keys: Citus enforces neither
 * across shards unless it includes the distribution column.
 */
export async function tenancyViolations(sql: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const tables = await tablesQuery(sql);
  for (const t of tables) {
    if (isTenantTable(t.name) && !t.has_tenant_column) problems.push(`${t.name} has no ${TENANT_COLUMN} uuid not null column`);
  }
  const tenant = tables.filter((t) => isTenantTable(t.name)).map((t) => t.name);

  const keys = await sql<{ table_name: string; key: string; has_tenant_column: boolean }[]>`
    select c.relname as table_name, i.relname as key,
           exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = ${TENANT_COLUMN}
                      and a.attnum = any ((x.indkey::int2[])[0:x.indnkeyatts - 1])) as has_tenant_column
      from pg_index x
      join pg_class c on c.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
     where (x.indisunique or x.indisprimary or x.indisexclusion)
       and c.relnamespace = current_schema()::regnamespace and c.relname = any (${tenant})
     order by 1, 2`;
  for (const k of keys) if (!k.has_tenant_column) problems.push(`${k.table_name}: key ${k.key} does not include ${TENANT_COLUMN}`);
  const withPrimaryKey = await sql<{ name: string }[]>`
    select c.relname as name from pg_constraint k join pg_class c on c.oid = k.conrelid
     where k.contype = 'p' and c.relnamespace = current_schema()::regnamespace`;
  for (const name of tenant) {
    if (!withPrimaryKey.some((p) => p.name === name)) problems.push(`${name} has no primary key`);
  }

  const fks = await sql<{ name: string; from_table: string; to_table: string; pairs_tenant_column: boolean }[]>`
    select k.conname as name, f.relname as from_table, t.relname as to_table,
           exists (select 1 from unnest(k.conkey, k.confkey) as p(from_col, to_col)
                    join pg_attribute fa on fa.attrelid = k.conrelid and fa.attnum = p.from_col
                    join pg_attribute ta on ta.attrelid = k.confrelid and ta.attnum = p.to_col
                   where fa.attname = ${TENANT_COLUMN} and ta.attname = ${TENANT_COLUMN}) as pairs_tenant_column
      from pg_constraint k
      join pg_class f on f.oid = k.conrelid
      join pg_class t on t.oid = k.confrelid
     where k.contype = 'f' and f.relnamespace = current_schema()::regnamespace
     order by 2, 1`;
  for (const fk of fks) {
    const fromTenant = tenant.includes(fk.from_table);
    const toTenant = tenant.includes(fk.to_table);
    if (fromTenant && toTenant && !fk.pairs_tenant_column) {
      problems.push(`${fk.from_table}: foreign key ${fk.name} to ${fk.to_table} does not match ${TENANT_COLUMN} to ${TENANT_COLUMN}`);
    } else if (!fromTenant && toTenant) {
      problems.push(`${fk.from_table}: foreign key ${fk.name} points from a global table into the tenant table ${fk.to_table}`);
    }
  }
  return problems.sort();
}
