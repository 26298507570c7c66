-- add_to_scan_counters: the one place counter rows change. A scan adds its
-- effects (+1 scan, …); an annulment and a reset subtract theirs. Upserts
-- the (event, scanner, gate) row, so a scanner only ever waits on its own
-- row (lock: that row, by the upsert). A scan moves last_scan_at to the
-- column's default, now(): Citus refuses now() inside CASE in an UPDATE.
create or replace function add_to_scan_counters(
  p_venue_id uuid, p_event_id uuid, p_scanner_id uuid, p_gate text,
  p_scans bigint, p_admitted bigint, p_denied bigint,
  p_first_entries bigint, p_reentries bigint, p_exits bigint, p_inside bigint
) returns void
language sql as $$
  insert into scan_counters as c
         (venue_id, event_id, scanner_id, gate, scans, admitted, denied, first_entries, reentries, exits, inside)
  values (p_venue_id, p_event_id, p_scanner_id, p_gate, p_scans, p_admitted, p_denied,
          p_first_entries, p_reentries, p_exits, p_inside)
  on conflict (venue_id, event_id, scanner_id, gate) do update
     set scans         = c.scans + excluded.scans,
         admitted      = c.admitted + excluded.admitted,
         denied        = c.denied + excluded.denied,
         first_entries = c.first_entries + excluded.first_entries,
         reentries     = c.reentries + excluded.reentries,
         exits         = c.exits + excluded.exits,
         inside        = c.inside + excluded.inside,
         last_scan_at  = case when excluded.scans > 0 then excluded.last_scan_at else c.last_scan_at end
$$;
