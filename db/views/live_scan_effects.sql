-- What each live scan (not moved out by a reset) still does to the counts:
-- an annulled admission counts as a scan and nothing else. The one
-- definition every count agrees with: scan_counters must always add up to
-- it (src/db/invariants.ts), reset_reservation takes it out of the
-- counters, and the occupancy chart sums it over time.
create or replace view live_scan_effects as
select s.venue_id, s.event_id, s.scanner_id, s.gate, s.id as scan_id, s.subject_id, s.reservation_id,
       s.recorded_at,
       s.conflict_id,     -- an offline admission the rules refused (admit_offline_scan)
       1                                                                   as scans,
       (s.decision = 'admit' and a.scan_id is null)::int                   as admitted,
       (s.decision = 'deny')::int                                          as denied,
       (s.entry_type is not distinct from 'first_entry' and a.scan_id is null)::int as first_entries,
       (s.entry_type is not distinct from 'reentry' and a.scan_id is null)::int as reentries,
       (s.entry_type is not distinct from 'exit' and a.scan_id is null)::int as exits,
       case when a.scan_id is null then s.inside_delta else 0 end          as inside
  from scan_log s
  left join scan_annulments a on a.venue_id = s.venue_id and a.scan_id = s.id
 where s.reset_id is null;
