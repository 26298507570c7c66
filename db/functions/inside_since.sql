-- inside_since: since when a subject that is inside has been (its latest
-- live, unannulled entry), so the door person checks it is the same person
-- (redeem_scan, step 3). PL/pgSQL, not SQL: Citus cannot plan a SQL
-- function's statement with parameters inside the delegated redeem_scan
-- ("could not create distributed plan", test/citus/storm.test.ts).
create or replace function inside_since(p_venue_id uuid, p_subject_id uuid) returns timestamptz
language plpgsql stable as $$
begin
  return (
    select l.recorded_at
      from scan_log l
     where l.venue_id = p_venue_id and l.subject_id = p_subject_id and l.decision = 'admit'
       and l.direction = 'entry' and l.reset_id is null
       and not exists (select 1 from scan_annulments a where a.venue_id = l.venue_id and a.scan_id = l.id)
     order by l.recorded_at desc limit 1);
end
$$;
