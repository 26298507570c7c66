-- move_gate_place: p_inside people more inside (1: an entry takes a place
-- at gate p_gate; -1: an exit gives its place back there), for an event
-- with a capacity; an event without one has nothing to move. Returns
-- whether the people inside are within the capacity after it; an entry
-- past the capacity is refused, moving nothing, unless p_past_capacity (an
-- offline admission that stands, admit_offline_scan).
--
-- Lock 3 of redeem_scan: this gate's own row (gate_places), so entries at
-- different gates do not wait for each other. When it has no place left,
-- or the event is overdrawn, split_gate_places re-splits over every gate's
-- row, taking them all in its one order, holding none: an UPDATE that waits
-- for the row and then finds it no longer matches keeps the row locked, so
-- it runs in a block of its own (a subtransaction) that is rolled back
-- when it finds no place, letting the row go. Otherwise this gate's row
-- would be held while waiting for the others, and a gate doing the same
-- the other way round would deadlock with it (the concurrency test did).
create or replace function move_gate_place(p_venue_id uuid, p_event_id uuid, p_gate text, p_inside integer, p_past_capacity boolean)
returns boolean
language plpgsql as $$
begin
  if p_inside = 0 or not exists (select 1 from events where venue_id = p_venue_id and id = p_event_id and capacity is not null) then
    return true;
  end if;
  begin
    update gate_places
       set places = places - p_inside
     where venue_id = p_venue_id and event_id = p_event_id and gate = p_gate
       and case when p_inside > 0 then places >= p_inside else not overdrawn end;
    if found then
      return true;
    end if;
    raise no_data_found;
  exception when no_data_found then
    -- rolled back: the row is not held
  end;
  return split_gate_places(p_venue_id, p_event_id, p_inside, p_past_capacity);
end
$$;
