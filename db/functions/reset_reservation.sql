-- reset_reservation: put one reservation back to the start of the night, for
-- testing (the seed's reset_vip_test_state). The server allows it only when
-- configured to (MAGUEY_ALLOW_RESET=1). Audited and confined to the calling
-- transaction: the audit row is what lets the status trigger accept
-- checked_in → confirmed, for this transaction only. It undoes only what
-- scans did: a cancelled or completed reservation keeps its status.
--
-- The places of its people still inside go back to the event's gates,
-- re-split over all of them (split_gate_places): a rare tool, not worth
-- finding each person's gate.
--
-- Locks, in redeem_scan's order: the reservation's passes and linked tickets
-- (by id, as a scan locks its subject), then every gate's row of the
-- event's places, then the reservation, then the counter rows it corrects
-- (in key order, so two resets cannot deadlock).
-- Returns the reset's id. Raises MP404 when the reservation does not exist.
create or replace function reset_reservation(
  p_venue_id       uuid,
  p_reservation_id uuid,
  p_actor          text,
  p_actor_staff_id uuid
) returns uuid
language plpgsql as $$
declare
  v_res      vip_reservations%rowtype;
  v_reset_id uuid;
  v_effect   record;
begin
  perform 1 from guest_passes
   where venue_id = p_venue_id and reservation_id = p_reservation_id order by id for update;
  perform 1 from tickets
   where venue_id = p_venue_id and reservation_id = p_reservation_id order by id for update;
  for v_effect in
    select event_id, sum(inside)::integer as inside from live_scan_effects
     where venue_id = p_venue_id and reservation_id = p_reservation_id and event_id is not null
     group by event_id order by event_id
  loop
    perform split_gate_places(p_venue_id, v_effect.event_id, -v_effect.inside, true);
  end loop;
  select * into v_res from vip_reservations where venue_id = p_venue_id and id = p_reservation_id for update;
  if not found then
    raise exception using errcode = 'MP404', message = 'reservation_not_found';
  end if;

  insert into reservation_resets (venue_id, event_id, reservation_id, from_status, actor, actor_staff_id)
  values (p_venue_id, v_res.event_id, p_reservation_id, v_res.status, p_actor, p_actor_staff_id)
  returning id into v_reset_id;

  -- Take this reservation's live scans out of the counters.
  perform 1 from scan_counters c
   where c.venue_id = p_venue_id
     and (c.event_id, c.scanner_id, c.gate) in
         (select event_id, scanner_id, gate from scan_log
           where venue_id = p_venue_id and reservation_id = p_reservation_id and reset_id is null)
   order by c.event_id, c.scanner_id, c.gate
     for update;
  for v_effect in
    select event_id, scanner_id, gate, sum(scans) as scans, sum(admitted) as admitted, sum(denied) as denied,
           sum(first_entries) as first_entries, sum(reentries) as reentries, sum(exits) as exits,
           sum(inside) as inside
      from live_scan_effects
     where venue_id = p_venue_id and reservation_id = p_reservation_id and event_id is not null
     group by event_id, scanner_id, gate
  loop
    perform add_to_scan_counters(p_venue_id, v_effect.event_id, v_effect.scanner_id, v_effect.gate,
                                 -v_effect.scans, -v_effect.admitted, -v_effect.denied,
                                 -v_effect.first_entries, -v_effect.reentries, -v_effect.exits, -v_effect.inside);
  end loop;

  -- Move the scans out of the live log; they are kept, marked with the reset.
  update scan_log set reset_id = v_reset_id
   where venue_id = p_venue_id and reservation_id = p_reservation_id and reset_id is null;

  update guest_passes
     set status = 'issued', inside = false, first_entry_scan_id = null
   where venue_id = p_venue_id and reservation_id = p_reservation_id and (status = 'checked_in' or inside);
  update tickets
     set status = 'issued', inside = false, first_entry_scan_id = null
   where venue_id = p_venue_id and reservation_id = p_reservation_id and (status = 'checked_in' or inside);

  update vip_reservations
     set status = case when status = 'checked_in' then 'confirmed'::reservation_status else status end,
         checked_in_guests = 0, first_checked_in_at = null
   where venue_id = p_venue_id and id = p_reservation_id;

  return v_reset_id;
end
$$;
