-- reset_reservation: put one reservation back to the start of the night, for
-- testing (the seed's reset_vip_test_state). The server allows it only when
-- configured to (MAGUEY_ALLOW_RESET=1); here it is audited and confined to
-- the calling transaction: the audit row is what lets the status trigger
-- accept checked_in → confirmed, and only for this transaction.
--
-- Locks, in the same order as redeem_scan(): the reservation's passes (by
-- id), then the reservation, then the counter rows it corrects (by key).
-- Returns the reset's id. Raises MP404 when the reservation does not exist.
create function reset_reservation(
  p_reservation_id uuid,
  p_actor          text,
  p_actor_staff_id uuid
) returns uuid
language plpgsql as $$
declare
  v_res      vip_reservations%rowtype;
  v_reset_id uuid;
begin
  -- Passes first, as a scan locks them: a racing scan waits or is waited for.
  perform 1 from guest_passes where reservation_id = p_reservation_id order by id for update;
  select * into v_res from vip_reservations where id = p_reservation_id for update;
  if not found then
    raise exception using errcode = 'MP404', message = 'reservation_not_found';
  end if;

  insert into reservation_resets (event_id, reservation_id, from_status, actor, actor_staff_id)
  values (v_res.event_id, p_reservation_id, v_res.status, p_actor, p_actor_staff_id)
  returning id into v_reset_id;

  -- Take this reservation's live scans out of the counters. The counter rows
  -- are locked in key order first, so two resets cannot deadlock.
  perform 1 from scan_counters c
   where (c.event_id, c.scanner_id, c.gate) in
         (select event_id, scanner_id, gate from scan_log
           where reservation_id = p_reservation_id and reset_id is null)
   order by c.event_id, c.scanner_id, c.gate
     for update;
  update scan_counters c
     set scans         = c.scans - d.scans,
         admitted      = c.admitted - d.admitted,
         denied        = c.denied - d.denied,
         first_entries = c.first_entries - d.first_entries,
         reentries     = c.reentries - d.reentries,
         exits         = c.exits - d.exits,
         inside        = c.inside - d.inside
    from (select event_id, scanner_id, gate,
                 count(*)                                       as scans,
                 count(*) filter (where decision = 'admit')     as admitted,
                 count(*) filter (where decision = 'deny')      as denied,
                 count(*) filter (where entry_type = 'first_entry') as first_entries,
                 count(*) filter (where entry_type = 'reentry') as reentries,
                 count(*) filter (where entry_type = 'exit')    as exits,
                 coalesce(sum(inside_delta), 0)                 as inside
            from scan_log
           where reservation_id = p_reservation_id and reset_id is null
           group by event_id, scanner_id, gate) d
   where c.event_id = d.event_id and c.scanner_id = d.scanner_id and c.gate = d.gate;

  -- Move the scans out of the live log; they are kept, marked with the reset.
  update scan_log set reset_id = v_reset_id
   where reservation_id = p_reservation_id and reset_id is null;

  update guest_passes
     set status = 'issued', inside = false, first_entry_scan_id = null
   where reservation_id = p_reservation_id and (status = 'checked_in' or inside);

  update vip_reservations
     set status = 'confirmed', checked_in_guests = 0, first_checked_in_at = null
   where id = p_reservation_id;

  return v_reset_id;
end
$$;
