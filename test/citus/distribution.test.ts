import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { VENUE_PARAMETER } from '../../src/db/distribute.js';
import { GLOBAL_TABLES, tenantTables } from '../../src/db/tenancy.js';
import { useCitus } from './support.js';

const db = useCitus();

describe('maguey migrate on a Citus coordinator', () => {
  it('makes the global tables reference tables and distributes every tenant table by venue_id, all colocated', async () => {
    const rows = await db.sql<{ name: string; method: string; column: string | null; colocation: number }[]>`
      select logicalrelid::regclass::text as name, partmethod as method,
             column_to_column_name(logicalrelid, partkey) as column, colocationid as colocation
        from pg_dist_partition order by 1`;
    const tenant = (await tenantTables(db.sql)).map((t) => t.name);
    expect(rows.filter((r) => r.method === 'n').map((r) => r.name)).toEqual([...GLOBAL_TABLES].sort());
    const distributed = rows.filter((r) => r.method === 'h');
    expect(distributed.map((r) => r.name)).toEqual([...tenant].sort());
    expect(new Set(distributed.map((r) => r.column))).toEqual(new Set(['venue_id']));
    expect(new Set(distributed.map((r) => r.colocation)).size).toBe(1);
  });

  it('delegates every function that takes p_venue_id by that argument, colocated with the tables', async () => {
    const rows = await db.sql<{ name: string; argument: string; colocated: boolean }[]>`
      select p.proname as name, p.proargnames[o.distribution_argument_index + 1] as argument,
             o.colocationid = (select colocationid from pg_dist_partition where logicalrelid = 'scan_log'::regclass) as colocated
        from pg_dist_object o join pg_proc p on p.oid = o.objid
       where o.classid = 'pg_proc'::regclass and o.distribution_argument_index is not null
       order by 1`;
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['annul_scan', 'redeem_scan']));
    expect(rows.every((r) => r.argument === VENUE_PARAMETER && r.colocated)).toBe(true);
  });

  it('is idempotent: migrating again distributes nothing more', async () => {
    expect((await migrate(db.sql)).distributed).toEqual({ referenceTables: [], distributedTables: [], delegatedFunctions: [] });
  });

  it('sends a scan to one worker as one call: redeem_scan is delegated there whole', async () => {
    const venue = '7a1e0000-0000-4000-8000-000000000002';
    const plan = (await db.sql<{ 'QUERY PLAN': string }[]>`
      explain select redeem_scan(
        p_venue_id => ${venue}::uuid, p_token_hash => null, p_device_id => ${venue}::uuid, p_staff_id => null,
        p_bound_event => null, p_gate => 'A', p_nonce => 'explain',
        p_code => row('plain', 'NO-SUCH-CODE', null, null, null, null, false)::scanned_code,
        p_direction => 'entry', p_scanned_at => null)`).map((r) => r['QUERY PLAN']).join('\n');
    const [owner] = await db.sql<{ port: number }[]>`
      select n.nodeport as port from pg_dist_placement p join pg_dist_node n on n.groupid = p.groupid
       where p.shardid = get_shard_id_for_distribution_column('scan_log', ${venue}::uuid)`;
    expect(plan).toContain('Task Count: 1');
    expect(plan).toContain(`port=${owner!.port} `);
  });

  it('places a venue\'s rows on one shard of each table, and the shards of one venue on one worker', async () => {
    const venue = '7a1e0000-0000-4000-8000-000000000001';
    const placements = await db.sql<{ node: string }[]>`
      select distinct nodename || ':' || nodeport as node
        from pg_dist_partition p
        join pg_dist_shard s on s.logicalrelid = p.logicalrelid
        join pg_dist_placement pl on pl.shardid = s.shardid
        join pg_dist_node n on n.groupid = pl.groupid
       where p.partmethod = 'h' and s.shardid = get_shard_id_for_distribution_column(p.logicalrelid, ${venue}::uuid)`;
    expect(placements).toHaveLength(1);
  });
});
