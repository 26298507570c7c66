import type { Sql } from './connect.js';

export interface InvariantReport {
  /** Passes or tickets with more than one live, unannulled first entry. */
  doubleFirstEntries: number;
  /** Reservations whose checked_in_guests differs from their first entries in the live log. */
  reservationMismatches: number;
  /** (scanner, gate) rows whose counters differ from what the live log adds up to. */
  counterMismatches: number;
  /** Live log rows of the event. */
  logRows: number;
}

/**
 * What must always hold between the log and the numbers kept beside it
 * (DESIGN.md, principle 2). Used by the concurrency tests and the load test.
 */
export async function checkInvariants(sql: Sql, eventId: string): Promise<InvariantReport> {
  const [row] = await sql<InvariantReport[]>`
    with live as (
      select s.*, (a.scan_id is not null) as annulled
        from scan_log s left join scan_annulments a on a.scan_id = s.id
       where s.event_id = ${eventId} and s.reset_id is null),
    doubles as (
      select subject_id from live where entry_type = 'first_entry' and not annulled
       group by subject_id having count(*) > 1),
    reservations as (
      select r.id from vip_reservations r
       where r.event_id = ${eventId}
         and r.checked_in_guests <> (select count(*) from live l
                                      where l.reservation_id = r.id and l.entry_type = 'first_entry' and not l.annulled)),
    derived as (
      select scanner_id, gate, count(*) as scans,
             count(*) filter (where decision = 'admit' and not annulled) as admitted,
             count(*) filter (where decision = 'deny') as denied,
             count(*) filter (where entry_type = 'first_entry' and not annulled) as first_entries,
             count(*) filter (where entry_type = 'reentry' and not annulled) as reentries,
             count(*) filter (where entry_type = 'exit' and not annulled) as exits,
             coalesce(sum(inside_delta) filter (where not annulled), 0) as inside
        from live group by scanner_id, gate),
    counters as (
      select c.* from scan_counters c where c.event_id = ${eventId} and (c.scans > 0 or c.admitted <> 0 or c.inside <> 0))
    select (select count(*) from doubles)::int as "doubleFirstEntries",
           (select count(*) from reservations)::int as "reservationMismatches",
           (select count(*) from counters c full join derived d on d.scanner_id = c.scanner_id and d.gate = c.gate
             where (c.scans, c.admitted, c.denied, c.first_entries, c.reentries, c.exits, c.inside)
                   is distinct from (d.scans, d.admitted, d.denied, d.first_entries, d.reentries, d.exits, d.inside))::int
             as "counterMismatches",
           (select count(*) from live)::int as "logRows"`;
  return row!;
}
