import type { Sql } from './connect.js';

export interface InvariantReport {
  /**
   * Passes or tickets with more than one live, unannulled first entry;
   * guests with more than their party. An offline admission the rules
   * refused is a recorded conflict (its attention item), not counted here
   * nor in the subject and reservation checks: it changes only the counts.
   */
  doubleFirstEntries: number;
  /** Scans that carry a conflict (offline admissions the rules refused) whose attention item is missing. */
  conflictsWithoutItem: number;
  /** Guests whose party let in, or inside, differs from their live log. */
  guestMismatches: number;
  /** Reservations whose checked_in_guests differs from their first entries in the live log. */
  reservationMismatches: number;
  /** (scanner, gate) rows whose counters differ from what the live log adds up to. */
  counterMismatches: number;
  /**
   * 1 when the event has a capacity and its gates' places plus the people
   * inside (the live log) are not that capacity (db/functions/split_gate_places.sql);
   * 0 otherwise, and before its places were first split.
   */
  placesMismatch: number;
  /** Live log rows of the event. */
  logRows: number;
}

/**
 * What must always hold between the log and the numbers kept beside it
 * (DESIGN.md, principle 2). Used by the concurrency tests and the load test.
 */
export async function checkInvariants(sql: Sql, eventId: string): Promise<InvariantReport> {
  const [row] = await sql<InvariantReport[]>`
    with event as (select venue_id, id from events where id = ${eventId}),
    live as (
      select e.* from live_scan_effects e join event on e.venue_id = event.venue_id and e.event_id = event.id),
    ruled as (select * from live where conflict_id is null),
    doubles as (
      select l.subject_id from ruled l left join guests g on g.venue_id = l.venue_id and g.id = l.subject_id
       where l.first_entries = 1 group by l.subject_id, g.plus_ones having count(*) > coalesce(g.plus_ones + 1, 1)),
    guest_mismatches as (
      select g.id from guests g join event on g.venue_id = event.venue_id and g.event_id = event.id
       where (g.entries, g.inside) <> (select coalesce(sum(l.first_entries), 0), coalesce(sum(l.inside), 0)
                                         from ruled l where l.subject_id = g.id)),
    reservations as (
      select r.id from vip_reservations r join event on r.venue_id = event.venue_id and r.event_id = event.id
       where r.checked_in_guests <> (select coalesce(sum(l.first_entries), 0) from ruled l where l.reservation_id = r.id)),
    derived as (
      select scanner_id, gate, sum(scans) as scans, sum(admitted) as admitted, sum(denied) as denied,
             sum(first_entries) as first_entries, sum(reentries) as reentries, sum(exits) as exits,
             sum(inside) as inside
        from live group by scanner_id, gate),
    counters as (
      select c.* from scan_counters c join event on c.venue_id = event.venue_id and c.event_id = event.id
       where c.scans > 0 or c.admitted <> 0 or c.inside <> 0)
    select (select count(*) from doubles)::int as "doubleFirstEntries",
           -- A join, not a correlated subquery: Citus refuses those over a CTE.
           (select count(*) from live l
              left join attention_items a on a.venue_id = l.venue_id and a.id = l.conflict_id and l.scan_id = any(a.scan_ids)
             where l.conflict_id is not null and a.id is null)::int
             as "conflictsWithoutItem",
           (select count(*) from guest_mismatches)::int as "guestMismatches",
           (select count(*) from reservations)::int as "reservationMismatches",
           (select count(*) from counters c full join derived d on d.scanner_id = c.scanner_id and d.gate = c.gate
             where (c.scans, c.admitted, c.denied, c.first_entries, c.reentries, c.exits, c.inside)
                   is distinct from (d.scans, d.admitted, d.denied, d.first_entries, d.reentries, d.exits, d.inside))::int
             as "counterMismatches",
           (select count(*) from events e join event on e.venue_id = event.venue_id and e.id = event.id
             join (select p.venue_id, p.event_id, sum(p.places) as places from gate_places p group by 1, 2) p
               on p.venue_id = e.venue_id and p.event_id = e.id
             where p.places + (select coalesce(sum(inside), 0) from live) <> e.capacity)::int as "placesMismatch",
           (select count(*) from live)::int as "logRows"`;
  return row!;
}
