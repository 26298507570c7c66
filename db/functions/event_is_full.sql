-- event_is_full: whether one more person inside would exceed the event's
-- capacity (redeem_scan, step 4). For an event with a capacity it takes an
-- advisory lock on the event until the transaction ends, so two entries
-- cannot both take the last place (this serialises that event's entries,
-- by choice); an event without one takes no lock.
create or replace function event_is_full(p_venue_id uuid, p_event_id uuid) returns boolean
language plpgsql as $$
declare
  v_capacity integer;
begin
  select capacity into v_capacity from events where venue_id = p_venue_id and id = p_event_id;
  if v_capacity is null then
    return false;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('capacity/' || p_event_id::text, 0));
  return (select coalesce(sum(inside), 0) from scan_counters
           where venue_id = p_venue_id and event_id = p_event_id) >= v_capacity;
end
$$;
