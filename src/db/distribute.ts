import type { Queryable } from './connect.js';
import { GLOBAL_TABLES, TENANT_COLUMN, tenantTables } from './tenancy.js';

/**
 * A function with a parameter of this name acts on one venue: on Citus it is
 * delegated to the worker that holds the venue's shards, so a scan is one
 * round trip to one node (redeem_scan, annul_scan and the other door
 * functions). Functions without it run where they are called.
 */
export const VENUE_PARAMETER = 'p_venue_id';

export interface Distribution {
  referenceTables: string[];
  distributedTables: string[];
  delegatedFunctions: string[];
}

/** True when the database is a Citus coordinator (the extension is installed in it). */
export async function isCitus(sql: Queryable): Promise<boolean> {
  const [row] = await sql<{ citus: boolean }[]>`select exists (select 1 from pg_extension where extname = 'citus') as citus`;
  return row!.citus;
}

/**
 * Session settings the migrator needs on Citus. Triggers on distributed
 * tables are refused unless allowed: ours (the status machines) only read
 * and write rows of the venue they fire for, which is what makes them safe.
 * Sequential mode: a transaction that creates tables, distributes them and
 * adds foreign keys to reference tables must use one connection per node.
 */
export async function prepareCitusSession(tx: Queryable): Promise<void> {
  await tx`select set_config('citus.enable_unsafe_triggers', 'on', true)`;
  await tx`select set_config('citus.multi_shard_modify_mode', 'sequential', true)`;
}

/** A foreign key, as the server prints it, to put back after its tables moved. */
interface ForeignKey { table: string; name: string; definition: string }

/**
 * Distributes what is not distributed yet (safe to run on every migrate):
 * global tables become reference tables; tenant tables (src/db/tenancy.ts)
 * are hash-distributed by venue_id, all colocated, referenced tables first;
 * functions taking p_venue_id are delegated by it, colocated with them.
 *
 * Citus refuses to distribute a table while a local table references it or
 * it references a local one (measured on 13.2: a reference table first turns
 * its referencing tables into "Citus local" tables, which then cannot be
 * distributed). So the foreign keys touching the tables that move are taken
 * off first and put back, validated, once every table is in place.
 */
export async function distributeByVenue(tx: Queryable): Promise<Distribution> {
  const done = new Set((await tx<{ name: string }[]>`
    select logicalrelid::regclass::text as name from pg_dist_partition
     where partmethod = 'h' or repmodel = 't'`).map((r) => r.name));
  const result: Distribution = { referenceTables: [], distributedTables: [], delegatedFunctions: [] };
  const tables = await tenantTables(tx);
  const globals = GLOBAL_TABLES.filter((name) => !done.has(name));
  const tenants = tables.map((t) => t.name).filter((name) => !done.has(name));

  const moving = [...globals, ...tenants];
  const foreignKeys = await tx<ForeignKey[]>`
    select k.conrelid::regclass::text as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
      from pg_constraint k
     where k.contype = 'f' and (k.conrelid::regclass::text = any (${moving}) or k.confrelid::regclass::text = any (${moving}))
     order by 1, 2`;
  for (const fk of foreignKeys) await tx`alter table ${tx(fk.table)} drop constraint ${tx(fk.name)}`;

  for (const name of globals) {
    await tx`select create_reference_table(${name}::regclass)`;
    result.referenceTables.push(name);
  }
  // Colocation anchor: the first table already distributed, else the first to be.
  const anchor = tables.find((t) => done.has(t.name))?.name ?? tables[0]?.name;
  for (const name of tenants) {
    await tx`select create_distributed_table(${name}::regclass, ${TENANT_COLUMN},
                                             colocate_with => ${name === anchor ? 'default' : anchor!})`;
    result.distributedTables.push(name);
  }
  // The definition is the server's own text for its own constraint (pg_get_constraintdef), not input.
  for (const fk of foreignKeys) {
    await tx`alter table ${tx(fk.table)} add constraint ${tx(fk.name)} ${tx.unsafe(fk.definition)}`;
  }

  if (anchor) result.delegatedFunctions = await delegateVenueFunctions(tx, anchor);
  return result;
}

/**
 * Delegates each function taking p_venue_id to the worker of that venue: a
 * call on its own (`select f(…)` outside a transaction block, as the door
 * makes it) runs there, next to the venue's shards, its statements local and
 * its triggers and txid_current() on the same node. Inside a transaction
 * block the coordinator runs it, each statement routed to the venue's worker:
 * correct, only slower. Not force_delegation: it also delegates inside
 * transaction blocks, but then refuses any statement that joins a reference
 * table (scan_answers joins venues and devices), measured on Citus 13.2.
 */
async function delegateVenueFunctions(tx: Queryable, anchor: string): Promise<string[]> {
  const functions = await tx<{ signature: string }[]>`
    select p.oid::regprocedure::text as signature
      from pg_proc p
     where p.pronamespace = current_schema()::regnamespace and ${VENUE_PARAMETER} = any (p.proargnames)
       and not exists (select 1 from pg_dist_object o
                        where o.classid = 'pg_proc'::regclass and o.objid = p.oid
                          and o.distribution_argument_index is not null)
     order by 1`;
  for (const { signature } of functions) {
    await tx`select create_distributed_function(${signature}::regprocedure, ${VENUE_PARAMETER}, colocate_with => ${anchor})`;
  }
  return functions.map((f) => f.signature);
}
