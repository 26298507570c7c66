import { describe, expect, it } from 'vitest';
import { GLOBAL_TABLES, tenancyViolations, tenantTables } from '../../src/db/tenancy.js';
import { useTestDatabase } from '../support/database.js';

// The multi-tenant rule (DESIGN.md, principle 7), read from the catalog of the
// migrated schema: what Citus needs to distribute every tenant table by venue.
const db = useTestDatabase();

describe('the schema distributes by venue', () => {
  it('every tenant table carries venue_id, and every key and foreign key between tenant tables includes it', async () => {
    expect(await tenancyViolations(db.sql)).toEqual([]);
  });

  it('names only existing tables as global, and finds tenant tables besides them', async () => {
    const [row] = await db.sql<{ missing: string[] }[]>`
      select coalesce(array_agg(t), '{}') as missing from unnest(${GLOBAL_TABLES}::text[]) t where to_regclass(t) is null`;
    expect(row!.missing).toEqual([]);
    expect((await tenantTables(db.sql)).map((t) => t.name)).toEqual(expect.arrayContaining(['events', 'scan_log']));
  });

  it('orders tenant tables so each comes after the tables it references', async () => {
    const order = (await tenantTables(db.sql));
    const position = new Map(order.map((t, i) => [t.name, i]));
    for (const table of order) {
      for (const ref of table.references) expect(position.get(ref)!).toBeLessThan(position.get(table.name)!);
    }
  });
});

/** The problems a piece of DDL adds, seen inside a transaction that then rolls back. */
async function problemsAddedBy(ddl: string): Promise<string[]> {
  const before = await tenancyViolations(db.sql);
  class Rollback extends Error { constructor(readonly found: string[]) { super('roll back'); } }
  try {
    await db.sql.begin(async (tx) => {
      await tx.unsafe(ddl);
      throw new Rollback(await tenancyViolations(tx));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.found.filter((p) => !before.includes(p));
    throw error;
  }
  throw new Error('unreachable');
}

describe('the rule catches', () => {
  it('a table without venue_id, and one without a primary key', async () => {
    expect(await problemsAddedBy(`
      create table rule_no_venue (id uuid primary key);
      create table rule_no_key (venue_id uuid not null, id uuid);`)).toEqual([
      'rule_no_key has no primary key',
      'rule_no_venue has no venue_id uuid not null column',
      'rule_no_venue: key rule_no_venue_pkey does not include venue_id',
    ]);
  });

  it('a unique key or unique index without venue_id', async () => {
    expect(await problemsAddedBy(`
      create table rule_codes (venue_id uuid not null, id uuid not null, code text unique, primary key (venue_id, id));
      create unique index rule_codes_id on rule_codes (id);`)).toEqual([
      'rule_codes: key rule_codes_code_key does not include venue_id',
      'rule_codes: key rule_codes_id does not include venue_id',
    ]);
  });

  it('a foreign key between tenant tables that does not pair venue_id with venue_id, and one from a global table into a tenant table', async () => {
    expect(await problemsAddedBy(`
      create table rule_parent (venue_id uuid not null, id uuid not null, primary key (venue_id, id));
      create table rule_child (venue_id uuid not null, id uuid not null, parent_id uuid, other_venue uuid,
                               primary key (venue_id, id),
                               foreign key (other_venue, parent_id) references rule_parent (venue_id, id));
      alter table venues add column rule_parent_venue uuid, add column rule_parent_id uuid,
        add foreign key (rule_parent_venue, rule_parent_id) references rule_parent (venue_id, id);`)).toEqual([
      'rule_child: foreign key rule_child_other_venue_parent_id_fkey to rule_parent does not match venue_id to venue_id',
      'venues: foreign key venues_rule_parent_venue_rule_parent_id_fkey points from a global table into the tenant table rule_parent',
    ]);
  });
});
