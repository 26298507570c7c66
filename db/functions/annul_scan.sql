-- annul_scan: undo one admission that did not result in a person passing
-- (the turnstile did not turn), within p_window, by p_by: the scanner that
-- made it ('own_scans'), or an owner or manager ('any_scan', from the
-- dashboard's log). The scan row stays in the log; scan_annulments records
-- the undo and who did it; the counts corrected are the admitting scanner's.
-- Returns 'annulled', or 'already_annulled' (a second annul changes nothing).
-- Raises MP404 (no such live scan), MP403 (another scanner's scan, with
-- 'own_scans'), MP409
-- (not an admission, older than p_window, not the subject's latest scan, or
-- an undone exit that would put the venue over its capacity). The place
-- moves at the scan's gate: an undone entry gives it back, an undone exit
-- takes it again (move_gate_place).
--
-- Locks in redeem_scan's order: the subject row, the gate's row of the
-- event's places (only for an admission that moved a person in or out),
-- the reservation, the scanner's counter row. The scan row is read again under the subject's
-- lock: a reset or another annul may have committed while this one waited.
create or replace function annul_scan(p_venue_id uuid, p_scan_id uuid, p_by uuid, p_authority annul_authority, p_window interval)
returns text
language plpgsql as $$
declare
  v_scan     scan_log%rowtype;
begin
  select * into v_scan from scan_log where venue_id = p_venue_id and id = p_scan_id;
  if found and v_scan.subject_kind = 'vip_pass' then
    perform 1 from guest_passes where venue_id = p_venue_id and id = v_scan.subject_id for update;
  elsif found and v_scan.subject_kind = 'guest' then
    perform 1 from guests where venue_id = p_venue_id and id = v_scan.subject_id for update;
  elsif found then
    perform 1 from tickets where venue_id = p_venue_id and id = v_scan.subject_id for update;
  end if;
  select * into v_scan from scan_log where venue_id = p_venue_id and id = p_scan_id and reset_id is null;
  if not found then
    raise exception using errcode = 'MP404', message = 'scan_not_found';
  end if;
  if p_authority = 'own_scans' and v_scan.scanner_id <> p_by then
    raise exception using errcode = 'MP403', message = 'only the scanner that made a scan can annul it';
  end if;
  if exists (select 1 from scan_annulments where venue_id = p_venue_id and scan_id = p_scan_id) then
    return 'already_annulled';
  end if;
  if v_scan.decision <> 'admit' then
    raise exception using errcode = 'MP409', message = 'not_an_admission';
  end if;
  if v_scan.recorded_at < now() - p_window then
    raise exception using errcode = 'MP409', message = 'annul_window_passed';
  end if;
  if exists (select 1 from scan_log l
              where l.venue_id = p_venue_id and l.subject_id = v_scan.subject_id
                and l.decision = 'admit' and l.reset_id is null
                and (l.recorded_at, l.id) > (v_scan.recorded_at, v_scan.id)
                and not exists (select 1 from scan_annulments a where a.venue_id = l.venue_id and a.scan_id = l.id)) then
    raise exception using errcode = 'MP409', message = 'not_the_latest_scan';
  end if;
  if not move_gate_place(p_venue_id, v_scan.event_id, v_scan.gate, -v_scan.inside_delta, false) and v_scan.inside_delta = -1 then
    raise exception using errcode = 'MP409', message = 'capacity_reached';
  end if;

  insert into scan_annulments (venue_id, scan_id, event_id, scanner_id, reservation_id)
  values (p_venue_id, p_scan_id, v_scan.event_id, p_by,
          case when v_scan.entry_type = 'first_entry' then v_scan.reservation_id end);

  -- Back to how the subject was before the scan. Only the subject's latest
  -- admission can be undone, so a guest's counts step back exactly one.
  if v_scan.subject_kind = 'guest' then
    update guests
       set entries = entries - (v_scan.entry_type = 'first_entry')::int,
           inside  = inside - v_scan.inside_delta,
           status  = case when v_scan.entry_type = 'first_entry' and entries = 1 then 'issued'::pass_status else status end,
           first_entry_scan_id = case when first_entry_scan_id = v_scan.id then null else first_entry_scan_id end
     where venue_id = p_venue_id and id = v_scan.subject_id;
  -- Searched CASEs below: Citus sent the simple form (case delta when 1 …) to
  -- the worker compared with the boolean column (smallint = boolean).
  elsif v_scan.subject_kind = 'vip_pass' then
    update guest_passes
       set inside = case when v_scan.inside_delta = 1 then false when v_scan.inside_delta = -1 then true else inside end,
           status = case when v_scan.entry_type = 'first_entry' then 'issued'::pass_status else status end,
           first_entry_scan_id = case when v_scan.entry_type = 'first_entry' then null else first_entry_scan_id end
     where venue_id = p_venue_id and id = v_scan.subject_id;
  else
    update tickets
       set inside = case when v_scan.inside_delta = 1 then false when v_scan.inside_delta = -1 then true else inside end,
           status = case when v_scan.entry_type = 'first_entry' then 'issued'::pass_status else status end,
           first_entry_scan_id = case when v_scan.entry_type = 'first_entry' then null else first_entry_scan_id end
     where venue_id = p_venue_id and id = v_scan.subject_id;
  end if;
  if v_scan.entry_type = 'first_entry' and v_scan.reservation_id is not null then
    update vip_reservations
       set checked_in_guests   = checked_in_guests - 1,
           status              = case when checked_in_guests = 1 and status = 'checked_in'
                                      then 'confirmed'::reservation_status else status end,
           first_checked_in_at = case when checked_in_guests = 1 then null else first_checked_in_at end
     where venue_id = p_venue_id and id = v_scan.reservation_id;
  end if;

  perform add_to_scan_counters(p_venue_id, v_scan.event_id, v_scan.scanner_id, v_scan.gate, 0, -1, 0,
                               -(v_scan.entry_type = 'first_entry')::int, -(v_scan.entry_type = 'reentry')::int,
                               -(v_scan.entry_type = 'exit')::int, -v_scan.inside_delta);
  return 'annulled';
end
$$;
