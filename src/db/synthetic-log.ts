import type { Sql } from './connect.js';
import { createDevice } from './devices.js';
import { createEvent, createVenue } from './events.js';

/** A venue with a long history: `events` nights, one a day, ending with tonight's. */
export interface SyntheticHistory { venueId: string; eventIds: string[]; deviceIds: string[]; rows: number }

/**
 * Fills the scan log of a new venue with `rows` scans in one set-based
 * statement (1,000,000 rows in well under a minute), spread evenly over
 * `events` nights, one a day, the newest tonight, and over `devices`
 * scanners: every 20th scan a denial, every 10th an exit, the rest
 * entries. For benchmarks and tests of reads over a long log; the scans
 * do not pass through redeem_scan(), so no counters are kept for them.
 */
export async function createSyntheticHistory(sql: Sql, options: { rows: number; events: number; devices: number; now?: Date }): Promise<SyntheticHistory> {
  const now = options.now ?? new Date();
  const day = 86_400_000;
  const venue = await createVenue(sql, { name: 'Synthetic venue' });
  const eventIds: string[] = [];
  for (let i = options.events - 1; i >= 0; i--) {
    const startsAt = new Date(now.getTime() - i * day - 2 * 3_600_000);
    const event = await createEvent(sql, { venueId: venue.id, name: `Night ${options.events - i}`, startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000) });
    eventIds.push(event.id);
  }
  const deviceIds: string[] = [];
  for (let i = 0; i < options.devices; i++) {
    deviceIds.push((await createDevice(sql, { venueId: venue.id, name: `Scanner ${i + 1}`, gate: 'A' })).device.id);
  }
  const history = { venueId: venue.id, eventIds, deviceIds, rows: options.rows };
  await addSyntheticScans(sql, history, { rows: options.rows, first: 1 });
  await sql`vacuum analyze scan_log`;
  return history;
}

/**
 * Adds `rows` scans numbered from `first` (their nonces stay unique), spread
 * evenly over the history's events in order, as createSyntheticHistory does.
 */
export async function addSyntheticScans(sql: Sql, h: Omit<SyntheticHistory, 'rows'>, options: { rows: number; first: number }): Promise<void> {
  const perEvent = Math.ceil(options.rows / h.eventIds.length);
  const devices = h.deviceIds.length;
  await sql`
    insert into scan_log (id, venue_id, event_id, scanner_id, device_id, gate, nonce, direction, decision,
                          entry_type, reason, inside_delta, recorded_at)
    select gen_random_uuid(), ${h.venueId}, e.id, d.id, d.id, 'A', 'synthetic-' || (${options.first} + k),
           (case when k % 20 = 10 then 'exit' else 'entry' end)::scan_direction,
           (case when k % 20 = 0 then 'deny' else 'admit' end)::scan_decision,
           (case when k % 20 = 0 then null when k % 20 = 10 then 'exit' when k % 20 < 10 then 'first_entry' else 'reentry' end)::entry_type,
           (case when k % 20 = 0 then 'unknown_code' end)::scan_reason,
           case when k % 20 = 0 then 0 when k % 20 = 10 then -1 when k % 20 < 10 then 1 else 0 end,
           -- the event's night: from an hour before its start, evenly over 4 hours
           e.starts_at - interval '1 hour' + (k % ${perEvent}) * (interval '4 hours' / ${perEvent})
      from generate_series(0, ${options.rows - 1}) k
      join lateral (select (${sql.array(h.eventIds)}::uuid[])[1 + k / ${perEvent}] as eid) pick on true
      join events e on e.venue_id = ${h.venueId} and e.id = pick.eid
      join lateral (select (${sql.array(h.deviceIds)}::uuid[])[1 + k % ${devices}] as id) d on true`;
}
