-- Annulments: an admission that did not result in a person passing (the
-- turnstile did not turn) is undone by the scanner that made it, within
-- 15 minutes. The scan row stays in the log; scan_annulments (migration 008)
-- records the undo.

-- The status trigger also accepts a move written by an annulment of the
-- same transaction (checked_in → confirmed when the only arrival is undone).
create or replace function enforce_reservation_transition() returns trigger
language plpgsql as $$
begin
  if new.status = old.status then
    return new;
  end if;
  if reservation_transition_allowed(old.status, new.status)
     or exists (select 1 from reservation_resets r
                 where r.reservation_id = new.id and r.txid = txid_current())
     or exists (select 1 from scan_annulments a
                 where a.reservation_id = new.id and a.txid = txid_current()) then
    new.updated_at := now();
    return new;
  end if;
  raise exception using
    errcode = 'MP409',
    message = format('illegal_reservation_transition: %s → %s', old.status, new.status),
    detail  = json_build_object('from', old.status, 'to', new.status)::text;
end
$$;

-- annul_scan: undo one admission and every count it changed.
-- Returns 'annulled', or 'already_annulled' (a second annul changes nothing).
-- Raises MP404 (no such scan), MP403 (another scanner's scan), MP409
-- (not an admission, older than p_window, or not the subject's latest scan).
-- Locks in redeem_scan's order: the subject row, the reservation, the
-- scanner's counter row.
create function annul_scan(p_scan_id uuid, p_scanner_id uuid, p_window interval) returns text
language plpgsql as $$
declare
  v_scan scan_log%rowtype;
begin
  select * into v_scan from scan_log where id = p_scan_id and reset_id is null;
  if not found then
    raise exception using errcode = 'MP404', message = 'scan_not_found';
  end if;
  if v_scan.scanner_id <> p_scanner_id then
    raise exception using errcode = 'MP403', message = 'only the scanner that made a scan can annul it';
  end if;
  if exists (select 1 from scan_annulments where scan_id = p_scan_id) then
    return 'already_annulled';
  end if;
  if v_scan.decision <> 'admit' then
    raise exception using errcode = 'MP409', message = 'not_an_admission';
  end if;
  if v_scan.recorded_at < now() - p_window then
    raise exception using errcode = 'MP409', message = 'annul_window_passed';
  end if;

  -- The subject row first, as a scan locks it.
  if v_scan.subject_kind = 'vip_pass' then
    perform 1 from guest_passes where id = v_scan.subject_id for update;
  else
    perform 1 from tickets where id = v_scan.subject_id for update;
  end if;
  if exists (select 1 from scan_log l
              where l.subject_id = v_scan.subject_id and l.decision = 'admit' and l.reset_id is null
                and (l.recorded_at, l.id) > (v_scan.recorded_at, v_scan.id)
                and not exists (select 1 from scan_annulments a where a.scan_id = l.id)) then
    raise exception using errcode = 'MP409', message = 'not_the_latest_scan';
  end if;

  insert into scan_annulments (scan_id, event_id, scanner_id, reservation_id)
  values (p_scan_id, v_scan.event_id, p_scanner_id,
          case when v_scan.entry_type = 'first_entry' then v_scan.reservation_id end);

  -- Back to how the subject was before the scan.
  if v_scan.subject_kind = 'vip_pass' then
    update guest_passes
       set inside = case v_scan.inside_delta when 1 then false when -1 then true else inside end,
           status = case when v_scan.entry_type = 'first_entry' then 'issued'::pass_status else status end,
           first_entry_scan_id = case when v_scan.entry_type = 'first_entry' then null else first_entry_scan_id end
     where id = v_scan.subject_id;
  else
    update tickets
       set inside = case v_scan.inside_delta when 1 then false when -1 then true else inside end,
           status = case when v_scan.entry_type = 'first_entry' then 'issued'::pass_status else status end,
           first_entry_scan_id = case when v_scan.entry_type = 'first_entry' then null else first_entry_scan_id end
     where id = v_scan.subject_id;
  end if;
  if v_scan.entry_type = 'first_entry' and v_scan.reservation_id is not null then
    update vip_reservations
       set checked_in_guests   = checked_in_guests - 1,
           status              = case when checked_in_guests = 1 and status = 'checked_in'
                                      then 'confirmed'::reservation_status else status end,
           first_checked_in_at = case when checked_in_guests = 1 then null else first_checked_in_at end
     where id = v_scan.reservation_id;
  end if;

  update scan_counters
     set admitted      = admitted - 1,
         first_entries = first_entries - (v_scan.entry_type = 'first_entry')::int,
         reentries     = reentries - (v_scan.entry_type = 'reentry')::int,
         exits         = exits - (v_scan.entry_type = 'exit')::int,
         inside        = inside - v_scan.inside_delta
   where event_id = v_scan.event_id and scanner_id = v_scan.scanner_id and gate = v_scan.gate;
  return 'annulled';
end
$$;

-- reset_reservation, now aware of annulments (an annulled admission was
-- already taken out of the counters, all but its scan, so it is not taken
-- out twice) and of GA tickets linked to the table. Otherwise as in 004.
create or replace function reset_reservation(
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
  perform 1 from tickets where reservation_id = p_reservation_id order by id for update;
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
    from (select s.event_id, s.scanner_id, s.gate,
                 count(*)                                       as scans,
                 count(*) filter (where decision = 'admit' and a.scan_id is null)      as admitted,
                 count(*) filter (where decision = 'deny')                             as denied,
                 count(*) filter (where entry_type = 'first_entry' and a.scan_id is null) as first_entries,
                 count(*) filter (where entry_type = 'reentry' and a.scan_id is null)  as reentries,
                 count(*) filter (where entry_type = 'exit' and a.scan_id is null)     as exits,
                 coalesce(sum(inside_delta) filter (where a.scan_id is null), 0)       as inside
            from scan_log s left join scan_annulments a on a.scan_id = s.id
           where s.reservation_id = p_reservation_id and s.reset_id is null
           group by s.event_id, s.scanner_id, s.gate) d
   where c.event_id = d.event_id and c.scanner_id = d.scanner_id and c.gate = d.gate;

  -- Move the scans out of the live log; they are kept, marked with the reset.
  update scan_log set reset_id = v_reset_id
   where reservation_id = p_reservation_id and reset_id is null;

  update guest_passes
     set status = 'issued', inside = false, first_entry_scan_id = null
   where reservation_id = p_reservation_id and (status = 'checked_in' or inside);
  update tickets
     set status = 'issued', inside = false, first_entry_scan_id = null
   where reservation_id = p_reservation_id and (status = 'checked_in' or inside);

  update vip_reservations
     set status = 'confirmed', checked_in_guests = 0, first_checked_in_at = null
   where id = p_reservation_id;

  return v_reset_id;
end
$$;
