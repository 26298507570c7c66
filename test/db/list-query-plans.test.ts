import { beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import type { PendingQuery, Queryable } from '../../src/db/connect.js';
import { withCheapPlanning } from '../../src/db/cheap-planning.js';
import { explain, planNodes } from '../../src/db/explain.js';
import { listScans, scanLogQuery } from '../../src/db/scans.js';
import { occupancy } from '../../src/db/stats.js';
import { createSyntheticHistory, type SyntheticHistory } from '../../src/db/synthetic-log.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
let history: SyntheticHistory;

beforeAll(async () => {
  // Big enough that PostgreSQL prefers an index where one fits (the benchmark measures 1,000,000 rows).
  history = await createSyntheticHistory(db.sql, { rows: 60_000, events: 6, devices: 8 });
});

/** The scan_log accesses of the plan a list read gets (with the settings listScans runs it with): [how, index]. */
async function logAccess<T extends readonly postgres.MaybeRow[]>(query: (tx: Queryable) => PendingQuery<T>): Promise<[string, string | undefined][]> {
  return planNodes(await withCheapPlanning(db.sql, (tx) => explain(tx, query(tx))))
    .filter((n) => n['Relation Name'] === 'scan_log')
    .map((n) => [n['Node Type'], n['Index Name']]);
}

const page = { limit: 50, before: null };
const tonight = () => history.eventIds.at(-1)!;

describe('every list read of the scan log has an index path', () => {
  it('a scanner\'s own scans (GET /v1/scans?deviceId=, the scanner app\'s list)', async () => {
    const access = await logAccess((tx) => scanLogQuery(tx, { venueId: history.venueId, deviceId: history.deviceIds[0], ...page }));
    expect(access[0]).toEqual(['Index Scan', 'scan_log_device_time_idx']);
    expect(access.map(([how]) => how)).not.toContain('Seq Scan');
  });

  it('the venue\'s whole log, newest first (GET /v1/scans without eventId)', async () => {
    const access = await logAccess((tx) => scanLogQuery(tx, { venueId: history.venueId, ...page }));
    expect(access[0]).toEqual(['Index Scan', 'scan_log_venue_time_idx']);
    expect(access.map(([how]) => how)).not.toContain('Seq Scan');
  });

  it('one event\'s log (GET /v1/scans?eventId=), also on a later page', async () => {
    const first = await listScans(db.sql, { venueId: history.venueId, eventId: tonight(), ...page });
    const next = { at: first.at(-1)!.recorded_at as Date, id: first.at(-1)!.scan_id };
    for (const before of [null, next]) {
      const access = await logAccess((tx) => scanLogQuery(tx, { venueId: history.venueId, eventId: tonight(), limit: 50, before }));
      expect(access[0]).toEqual(['Index Scan', 'scan_log_event_time_idx']);
      expect(access.map(([how]) => how)).not.toContain('Seq Scan');
    }
  });

  it('an event\'s occupancy over the night (GET /v1/events/{id}/occupancy) reads only that event\'s rows, from the index', async () => {
    const access = await logAccess((tx) => occupancy(tx, { venueId: history.venueId, eventId: tonight() }));
    expect(access).toEqual([['Index Only Scan', 'scan_log_event_effects_idx']]);
  });
});
