import type { PendingQuery, Queryable, Sql } from './connect.js';
import type { EventRef } from './keys.js';

export interface EventStats {
  inside: number; admittedPeople: number; scans: number; denied: number; capacity: number | null;
  byGate: Record<string, { entries: number; exits: number; admitted: number; denied: number; scans: number }>;
  vip: { reservations: number; expectedGuests: number; checkedInGuests: number };
}

/**
 * Live numbers of one event, summed from the per-scanner counters that every
 * scan keeps in its own transaction (a few dozen rows), never a count over
 * the log.
 */
export async function eventStats(sql: Sql, { venueId, eventId }: EventRef): Promise<EventStats> {
  const [gates, [vip], [event]] = await Promise.all([
    sql<{ gate: string; scans: number; admitted: number; denied: number; inside: number; first_entries: number; reentries: number; exits: number }[]>`
      select gate, sum(scans)::int as scans, sum(admitted)::int as admitted, sum(denied)::int as denied,
             sum(inside)::int as inside, sum(first_entries)::int as first_entries,
             sum(reentries)::int as reentries, sum(exits)::int as exits
        from scan_counters where venue_id = ${venueId} and event_id = ${eventId} group by gate order by gate`,
    sql<{ reservations: number; expected: number; checked_in: number }[]>`
      select count(*)::int as reservations, coalesce(sum(guest_count), 0)::int as expected,
             coalesce(sum(checked_in_guests), 0)::int as checked_in
        from vip_reservations
       where venue_id = ${venueId} and event_id = ${eventId} and status in ('confirmed', 'checked_in', 'completed')`,
    sql<{ capacity: number | null }[]>`select capacity from events where venue_id = ${venueId} and id = ${eventId}`,
  ]);
  const byGate: EventStats['byGate'] = {};
  let inside = 0, admittedPeople = 0, scans = 0, denied = 0;
  for (const g of gates) {
    byGate[g.gate] = { entries: g.first_entries + g.reentries, exits: g.exits, admitted: g.admitted, denied: g.denied, scans: g.scans };
    inside += g.inside; admittedPeople += g.first_entries; scans += g.scans; denied += g.denied;
  }
  return {
    inside, admittedPeople, scans, denied, capacity: event?.capacity ?? null, byGate,
    vip: { reservations: vip!.reservations, expectedGuests: vip!.expected, checkedInGuests: vip!.checked_in },
  };
}

/** People inside over the night, in 5-minute steps, for the occupancy chart (a read over the log, not the hot path). */
export function occupancy(sql: Queryable, { venueId, eventId }: EventRef): PendingQuery<{ at: Date; inside: number }[]> {
  return sql<{ at: Date; inside: number }[]>`
    select bucket as at, (sum(delta) over (order by bucket))::int as inside
      from (select date_bin('5 minutes', recorded_at, timestamptz '2000-01-01') as bucket, sum(inside) as delta
              from live_scan_effects where venue_id = ${venueId} and event_id = ${eventId}
             group by 1) b
     order by bucket`;
}
