-- split_gate_places: re-splits an event's free places over all its gates,
-- evenly (the first gates by name get the remainder), after p_inside more
-- people inside (-1: one goes out). The free places are counted again from
-- the capacity and the people inside (scan_counters), so the rows come out
-- exact whatever they held. A person coming in (p_inside > 0) past the
-- capacity is refused, changing nothing, unless p_past_capacity (an offline
-- admission that stands): then the event is overdrawn, its first gate's
-- row negative. Returns whether the people inside, after the movement, are
-- within the capacity; true for an event without one (its rows go).
--
-- Called when a gate has no place left for an entry (move_gate_place), when
-- an overdrawn event lets someone out, by a capacity change
-- (src/db/events.ts) and by a reset; it also makes the rows of an event
-- whose capacity was never split, and of a gate added since.
--
-- Lock 3 of redeem_scan, all of it: every row of the event, in gate name
-- order. This is the one place that holds more than one gate row, and it is
-- reached holding none (move_gate_place lets its own row go when it finds
-- no place there), so two gates re-splitting at once wait in the same
-- order and cannot deadlock. With every row held, no scan can move the
-- count of people inside (each moves a place first), so the counters read
-- next are exact.
create or replace function split_gate_places(p_venue_id uuid, p_event_id uuid, p_inside integer, p_past_capacity boolean)
returns boolean
language plpgsql as $$
declare
  v_capacity integer;
  v_free     integer;
  v_fits     boolean;
  v_gates    integer;
  v_rank     integer := 0;
  v_gate     text;
begin
  select capacity into v_capacity from events where venue_id = p_venue_id and id = p_event_id;
  if v_capacity is null then
    delete from gate_places where venue_id = p_venue_id and event_id = p_event_id;
    return true;
  end if;
  -- Only the missing rows: a conflict with a row another transaction is
  -- updating would wait for that transaction to end, out of lock order.
  insert into gate_places (venue_id, event_id, gate)
  select p_venue_id, p_event_id, g.name from venue_gates g
   where g.venue_id = p_venue_id
     and not exists (select 1 from gate_places p where p.venue_id = p_venue_id and p.event_id = p_event_id and p.gate = g.name)
   order by g.name
  on conflict do nothing;
  perform 1 from gate_places where venue_id = p_venue_id and event_id = p_event_id order by gate for update;

  v_free := v_capacity - (select coalesce(sum(inside), 0) from scan_counters
                           where venue_id = p_venue_id and event_id = p_event_id)::integer;
  v_fits := v_free - p_inside >= 0;
  if v_fits or p_inside <= 0 or p_past_capacity then
    v_free := v_free - p_inside;
  end if;
  select count(*) into v_gates from gate_places where venue_id = p_venue_id and event_id = p_event_id;
  for v_gate in select gate from gate_places where venue_id = p_venue_id and event_id = p_event_id order by gate loop
    update gate_places
       set places    = case when v_free < 0 then case when v_rank = 0 then v_free else 0 end
                            else v_free / v_gates + (v_rank < v_free % v_gates)::int end,
           overdrawn = v_free < 0
     where venue_id = p_venue_id and event_id = p_event_id and gate = v_gate;
    v_rank := v_rank + 1;
  end loop;
  return v_fits;
end
$$;
