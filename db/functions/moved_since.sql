-- moved_since: whether the subject went in or out (a movement let through,
-- neither annulled nor reset) after p_at, by when it happened: an offline
-- scan's clamped scan time, a live scan's recording. An offline exit or
-- re-entry before that is history: it moves nobody (redeem_scan, step 2).
-- One probe of scan_log_subject_idx: a scan never happens after it is
-- recorded, so its recording bounds the probe. PL/pgSQL, not SQL: Citus
-- cannot plan a SQL function's statement with parameters inside the
-- delegated redeem_scan.
create or replace function moved_since(p_venue_id uuid, p_subject_id uuid, p_at timestamptz) returns boolean
language plpgsql stable as $$
begin
  return exists (
    select 1 from scan_log l
      left join scan_annulments a on a.venue_id = l.venue_id and a.scan_id = l.id
     where l.venue_id = p_venue_id and l.subject_id = p_subject_id and l.recorded_at > p_at
       and l.entry_type is not null and l.reset_id is null and a.scan_id is null
       and case when l.offline then l.scanned_at else l.recorded_at end > p_at);
end
$$;
