-- redeem_scan: decide one scan, in one transaction, in decision order;
-- docs/scan-decision.md tells the same steps. A denial is a returned
-- answer, not an exception, so its log row commits.
--
-- Locks, in this order (every writer that takes several takes them in the
-- same order, so scans cannot deadlock with each other, a reset or an annul):
--   1. advisory lock on (scanner, nonce): a concurrent retry waits for the
--      first attempt to commit and then replays it;
--   2. the pass, ticket or guest row, FOR UPDATE (lock_scan_subject): all
--      scans of one subject serialise, so exactly one can be a pass's first
--      entry and a guest's party is let in one counted person at a time;
--   3. only for events with a capacity, and only when someone comes in or
--      goes out: this gate's row of the event's places (move_gate_place),
--      so two entries cannot both take the last place, while entries at
--      other gates go on; a gate out of places takes every gate's row, in
--      gate order (split_gate_places);
--   4. the reservation row, only on the first entry of a pass or linked
--      ticket (by its UPDATE); re-entries and exits never lock it;
--   5. this scanner's counter row (add_to_scan_counters).
-- An offline scan (POST /v1/scans/batch) is decided at its clamped scan
-- time; the door's own decision stands where a person came in or was sent
-- away (admit_offline_scan); an exit or re-entry older than the subject's
-- last movement moves nobody (moved_since). Every scan then raises the
-- fraud signals (raise_scan_signals).
-- Returns the answer: the scan_answers row as jsonb plus "replayed" and
-- "attention" (the attention items opened by this scan); null,
-- writing nothing, when p_token_hash no longer lets its scanner scan (a
-- revoked device, an ended session): the server remembers which scanner a
-- token names, this statement checks it still may. Raises MP400
-- unknown_gate for a gate the venue does not have.
--
-- Every argument is a value, never a column of a join: on Citus the call is
-- then delegated to the worker that holds p_venue_id (docs/scale-out.md).
create or replace function redeem_scan(
  p_venue_id    uuid,            -- the scanner's venue: every lookup is within it
  p_token_hash  bytea,           -- the bearer token's SHA-256 (null: a trusted caller)
  p_device_id   uuid,            -- the scanner: a device …
  p_staff_id    uuid,            -- … or a staff member scanning by hand
  p_bound_event uuid,            -- the scanner's event, when it is bound to one
  p_gate        text,
  p_nonce       text,
  p_code        scanned_code,
  p_direction   scan_direction,
  p_scanned_at  timestamptz,     -- the device's clock (kept, not trusted)
  p_offline     boolean       default false,  -- decided on the device, uploaded later
  p_local_decision scan_decision default null  -- what the device decided offline
) returns jsonb
language plpgsql as $$
declare
  v_scanner  uuid := coalesce(p_device_id, p_staff_id);
  v_scan_id  uuid := gen_random_uuid();
  v_existing uuid;
  v_subject  scan_subject;
  v_verdict  scan_verdict;
  v_res      vip_reservations%rowtype;
  v_since    timestamptz;
  v_party    integer;              -- a guest's party let in after this scan
  v_event    uuid;
  v_now      timestamptz := now();  -- Citus refuses now() inside COALESCE in an UPDATE
  v_at       timestamptz := v_now;  -- when it happened: now, or an offline scan's clamped time (scan_time)
  v_skewed   boolean := false;
  v_first    uuid;                  -- the subject's first entry before this scan
  v_offline  record;                -- an offline admission the server refuses (admit_offline_scan)
  v_conflict uuid;                  -- its attention item
  v_opened   uuid[] := '{}';        -- the attention items this scan opened
  v_place    integer;               -- people inside the place moved at step 4 stands for: 1, -1 or 0
begin
  -- 0. The scanner may still scan, at a gate of its venue.
  if p_token_hash is not null and not exists (
       select 1 from live_tokens t
        where t.token_hash = p_token_hash and t.id = v_scanner and coalesce(t.device_role, 'scanner') = 'scanner') then
    return null;
  end if;
  if not exists (select 1 from venue_gates g where g.venue_id = p_venue_id and g.name = p_gate) then
    raise exception using errcode = 'MP400', message = 'unknown_gate', detail = json_build_object('field', '/gate')::text;
  end if;

  -- 1. A retry of a scan already decided gets its first answer. Lock 1.
  perform pg_advisory_xact_lock(hashtextextended(v_scanner::text || '/' || p_nonce, 0));
  select id into v_existing from scan_log where venue_id = p_venue_id and scanner_id = v_scanner and nonce = p_nonce;
  if found then
    return (select to_jsonb(a) || '{"replayed": true}' from scan_answers a where a.venue_id = p_venue_id and a.scan_id = v_existing);
  end if;

  -- 2. The subject, locked (lock 2), and the decision from what it says.
  v_subject := lock_scan_subject(p_venue_id, p_code);
  if p_offline then select t.at, t.skewed into v_at, v_skewed from scan_time(p_scanned_at, v_subject, v_now) t; end if;
  v_verdict := decide_scan(v_subject, p_code, p_bound_event, p_direction, v_at);
  -- An offline exit or re-entry from before the subject's last movement is logged, and moves nobody
  -- (an exit then is not judged by whether they are inside now).
  if p_offline and (v_verdict.entry_type in ('exit', 'reentry') or v_verdict.reason = 'not_inside')
     and moved_since(p_venue_id, v_subject.id, v_at) then
    v_verdict := ('superseded', coalesce(v_verdict.entry_type, 'exit'), 0)::scan_verdict;
  end if;
  -- The door sent this person away offline: nobody came in (a refusal keeps the server's reason).
  if p_local_decision = 'deny' and p_direction = 'entry' then
    v_verdict := (case when v_verdict.entry_type is null then v_verdict.reason end, null, 0)::scan_verdict;
  end if;

  -- 3. Already inside: since when (the door person checks it is the same person).
  if v_verdict.entry_type = 'reentry' and v_verdict.inside_delta = 0 then
    v_since := inside_since(p_venue_id, v_subject.id);
  end if;

  -- 4. Capacity (lock 3): a place at this gate, taken by an entry that adds
  --    a person inside (none left: refused), given back by an exit. An entry
  --    the door admitted offline takes one even past capacity: it stands
  --    (step 6). Step 7 gives back a place a later step refused.
  v_place := case when p_local_decision = 'admit' and p_direction = 'entry' and v_verdict.entry_type is null then 1
                  else v_verdict.inside_delta end;
  if v_place <> 0 and not move_gate_place(p_venue_id, v_subject.event_id, p_gate, v_place, p_local_decision is not distinct from 'admit')
     and v_verdict.inside_delta = 1 then
    v_verdict := ('capacity_reached', null, 0)::scan_verdict;
    v_place := (p_local_decision is not distinct from 'admit')::int;  -- only the offline entry moved its place
  end if;

  -- 5. The table (lock 4), on a first entry that counts into one. The
  --    status guard is repeated under the lock: a cancel may have committed
  --    since the subject was read.
  if v_verdict.entry_type = 'first_entry' and v_subject.reservation_id is not null then
    update vip_reservations
       set checked_in_guests   = checked_in_guests + 1,
           status              = case when status = 'confirmed' then 'checked_in'::reservation_status else status end,
           first_checked_in_at = coalesce(first_checked_in_at, v_now)
     where venue_id = p_venue_id and id = v_subject.reservation_id and status in ('confirmed', 'checked_in')
    returning * into v_res;
    if not found then
      select * into v_res from vip_reservations where venue_id = p_venue_id and id = v_subject.reservation_id;
      v_verdict := (case when v_res.status = 'cancelled' then 'reservation_cancelled'
                         else 'reservation_not_confirmed' end::scan_reason, null, 0)::scan_verdict;
    end if;
  elsif v_subject.reservation_id is not null then
    select * into v_res from vip_reservations where venue_id = p_venue_id and id = v_subject.reservation_id;
  end if;

  -- 6. The movement: the subject is now inside, or out; a guest's party
  --    counts one more person in (a first entry), inside, or out. An entry
  --    the door admitted offline stays an admission, placed by scan time.
  v_party := v_subject.party_entered;
  v_first := v_subject.first_entry_scan_id;
  if p_local_decision = 'admit' and p_direction = 'entry' and v_verdict.entry_type is null
     and v_verdict.reason not in ('unknown_code', 'invalid_signature', 'wrong_event') then
    v_offline := admit_offline_scan(p_venue_id, v_scan_id, v_scanner, v_subject, v_verdict, v_at, v_now);
    v_verdict := v_offline.verdict; v_first := v_offline.first_entry_scan_id; v_conflict := v_offline.conflict_id; v_opened := v_offline.opened;
  elsif v_verdict.entry_type is not null and v_verdict.reason is distinct from 'superseded' then
    if v_subject.kind = 'guest' then
      update guests
         set status = case when status = 'issued' then 'checked_in' else status end, entries = entries + (v_verdict.entry_type = 'first_entry')::int,
             inside = inside + v_verdict.inside_delta,
             first_entry_scan_id = coalesce(first_entry_scan_id, v_scan_id)
       where venue_id = p_venue_id and id = v_subject.id
      returning entries into v_party;
    elsif v_subject.kind = 'vip_pass' then
      update guest_passes
         set status = case when status = 'issued' then 'checked_in'::pass_status else status end, inside = (p_direction = 'entry'),
             first_entry_scan_id = coalesce(first_entry_scan_id, v_scan_id)
       where venue_id = p_venue_id and id = v_subject.id;
    else
      update tickets
         set status = case when status = 'issued' then 'checked_in'::pass_status else status end, inside = (p_direction = 'entry'),
             first_entry_scan_id = coalesce(first_entry_scan_id, v_scan_id)
       where venue_id = p_venue_id and id = v_subject.id;
    end if;
  end if;

  -- 7. The log row, for every scan; a wrong-event scan counts at the door
  --    where it happened; checked_in_guests is the table's count, or the
  --    guest's party let in, as this scan left it. Then this scanner's
  --    counters (lock 5).
  v_event := coalesce(p_bound_event, v_subject.event_id);
  insert into scan_log (id, venue_id, event_id, scanner_id, device_id, staff_id, gate, nonce,
                        direction, decision, entry_type, reason, subject_kind, subject_id, reservation_id,
                        code_hash, checked_in_guests, reservation_status, first_entry_scan_id,
                        inside_since, inside_delta, manual, offline, conflict_id, clock_skewed, scanned_at)
  values (v_scan_id, p_venue_id, v_event, v_scanner, p_device_id, p_staff_id, p_gate, p_nonce,
          p_direction, case when v_verdict.entry_type is null then 'deny' else 'admit' end::scan_decision,
          v_verdict.entry_type, v_verdict.reason, v_subject.kind, v_subject.id, v_subject.reservation_id,
          case when v_subject.id is null then sha256(convert_to(coalesce(p_code.text, ''), 'UTF8')) end,
          coalesce(v_res.checked_in_guests, v_party), v_res.status, v_first,
          v_since, v_verdict.inside_delta, coalesce(p_code.manual, false), p_offline, v_conflict, v_skewed,
          case when p_offline then v_at else p_scanned_at end);
  -- The place of an entry step 5 refused, or of an offline one step 6 did
  -- not let stand, goes back to its gate (held since step 4).
  if v_place <> v_verdict.inside_delta then
    perform move_gate_place(p_venue_id, v_subject.event_id, p_gate, v_verdict.inside_delta - v_place, false);
  end if;
  if v_event is not null then
    perform add_to_scan_counters(p_venue_id, v_event, v_scanner, p_gate, 1,
      (v_verdict.entry_type is not null)::int, (v_verdict.entry_type is null)::int,
      (v_verdict.entry_type is not distinct from 'first_entry')::int,
      (v_verdict.entry_type is not distinct from 'reentry')::int,
      (v_verdict.entry_type is not distinct from 'exit')::int, v_verdict.inside_delta);
  end if;

  -- 8. What needs a look: the attention items this scan opened.
  v_opened := v_opened || raise_scan_signals(p_venue_id, v_event, v_scan_id, v_scanner, v_subject.id, v_verdict, p_offline, v_skewed, v_now);
  return (select to_jsonb(a) || jsonb_build_object('replayed', false, 'attention', v_opened)
            from scan_answers a where a.venue_id = p_venue_id and a.scan_id = v_scan_id);
end
$$;
