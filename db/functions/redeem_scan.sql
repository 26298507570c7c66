-- redeem_scan: decide one scan, in one transaction, in decision order.
--
-- The code arrives in one of three forms, decided by the server before
-- calling (src/scan/parse-code.ts): a plain token (p_code, looked up here);
-- a signed code whose signature verified (p_claim_*: kind, id, serial, key);
-- or a code that claims to be signed but is not (p_forged).
--
-- Locks, in this order (every writer that touches several takes them in the
-- same order, so scans cannot deadlock with each other, a reset or an annul):
--   1. advisory lock on (scanner, nonce): a concurrent retry waits for the
--      first attempt to commit and then replays it;
--   2. the pass or ticket row, FOR UPDATE: all scans of one subject
--      serialise, so exactly one of them can be its first entry;
--   3. only for events with a capacity, and only when someone would come in:
--      an advisory lock on the event, so two entries cannot both take the
--      last place (this serialises that event's entries, by choice);
--   4. the reservation row, only on the first entry of a pass or linked
--      ticket (by its UPDATE); re-entries and exits never lock it;
--   5. this scanner's counter row (by its upsert).
-- Returns the answer (the scan_answers row as jsonb plus "replayed").
-- A denial is a returned answer, not an exception, so its log row commits.
create or replace function redeem_scan(
  p_scanner_id   uuid,
  p_device_id    uuid,
  p_staff_id     uuid,
  p_venue_id     uuid,            -- the scanner's venue: every lookup is within it
  p_bound_event  uuid,            -- the scanner's event, when it is bound to one
  p_gate         text,
  p_nonce        text,
  p_code         text,            -- what was scanned (looked up when plain; hashed when denied)
  p_direction    scan_direction,
  p_scanned_at   timestamptz,
  p_manual       boolean,
  p_claim_kind   subject_kind default null,  -- a verified signed code: what it names …
  p_claim_id     uuid         default null,
  p_claim_serial integer      default null,
  p_claim_kid    bigint       default null,  -- … and the key that signed it
  p_forged       boolean      default false  -- claims to be signed, but the signature does not verify
) returns jsonb
language plpgsql as $$
declare
  v_scan_id      uuid := gen_random_uuid();
  v_existing     uuid;
  -- the subject, a pass or a ticket, read into one shape
  v_kind         subject_kind;
  v_id           uuid;
  v_event_id     uuid;
  v_status       pass_status;
  v_serial       integer;
  v_inside       boolean;
  v_first_scan   uuid;
  v_reservation  uuid;
  v_policy       reentry_policy;
  v_order_status order_status;
  v_valid_from   timestamptz;
  v_valid_until  timestamptz;
  v_key          event_keys%rowtype;
  v_res          vip_reservations%rowtype;
  v_capacity     integer;
  -- the decision
  v_decision     scan_decision := 'deny';
  v_reason       scan_reason;
  v_entry        entry_type;
  v_inside_delta smallint := 0;
  v_count_event  uuid := p_bound_event;
  v_now          timestamptz := now();
begin
  -- 0. Replay. Lock 1.
  perform pg_advisory_xact_lock(hashtextextended(p_scanner_id::text || '/' || p_nonce, 0));
  select id into v_existing from scan_log where venue_id = p_venue_id and scanner_id = p_scanner_id and nonce = p_nonce;
  if found then
    return (select to_jsonb(a) || '{"replayed": true}' from scan_answers a where a.venue_id = p_venue_id and a.scan_id = v_existing);
  end if;

  -- 1. The subject. Lock 2: its row, held to commit.
  if p_forged then
    v_reason := 'invalid_signature';
  elsif p_claim_kind = 'ticket' then
    select 'ticket', t.id, t.event_id, t.status, t.code_serial, t.inside, t.first_entry_scan_id, t.reservation_id,
           case when t.reservation_id is not null then 'always' else tt.reentry end,
           o.status, tt.valid_from, tt.valid_until
      into v_kind, v_id, v_event_id, v_status, v_serial, v_inside, v_first_scan, v_reservation,
           v_policy, v_order_status, v_valid_from, v_valid_until
      from tickets t
      join ticket_types tt on tt.venue_id = t.venue_id and tt.id = t.ticket_type_id
      join orders o on o.venue_id = t.venue_id and o.id = t.order_id
     where t.venue_id = p_venue_id and t.id = p_claim_id
       for update of t;
  else
    -- VIP passes re-enter freely (policy "always"), as in the seed.
    select 'vip_pass', p.id, p.event_id, p.status, p.code_serial, p.inside, p.first_entry_scan_id, p.reservation_id,
           'always'::reentry_policy
      into v_kind, v_id, v_event_id, v_status, v_serial, v_inside, v_first_scan, v_reservation, v_policy
      from guest_passes p
     where p.venue_id = p_venue_id
       and ((p_claim_kind = 'vip_pass' and p.id = p_claim_id) or (p_claim_kind is null and p.code = p_code))
       for update;
  end if;
  if v_id is null and v_reason is null then
    v_reason := 'unknown_code';
  end if;

  -- 2. Guards, in order; the first that fails is the reason. Nothing has
  --    changed yet, so a denial changes nothing but the log and counters.
  if v_id is not null then
    v_count_event := coalesce(p_bound_event, v_event_id); -- a wrong-event scan counts at the door where it happened
    if p_claim_kid is not null then
      select * into v_key from event_keys where venue_id = p_venue_id and kid = p_claim_kid;
    end if;
    if p_claim_kid is not null and v_key.event_id is distinct from v_event_id then
      v_reason := 'invalid_signature';           -- a real key of another event signed it
    elsif v_event_id <> coalesce(p_bound_event, v_event_id) then
      v_reason := 'wrong_event';
    elsif v_status = 'revoked' or v_key.revoked_at is not null
       or (p_claim_serial is not null and p_claim_serial <> v_serial) then
      v_reason := 'revoked';                     -- revoked subject, revoked key, or a re-issued code's old serial
    elsif v_status = 'cancelled' or v_order_status in ('cancelled', 'refunded') then
      v_reason := 'cancelled';
    elsif v_order_status = 'pending' then
      v_reason := 'unpaid';
    elsif now() < v_valid_from then
      v_reason := 'not_yet_valid';
    elsif now() > v_valid_until then
      v_reason := 'expired';
    end if;
    if v_reason is null and v_reservation is not null then
      select * into v_res from vip_reservations where venue_id = p_venue_id and id = v_reservation;
      if v_res.status = 'cancelled' then
        v_reason := 'reservation_cancelled';
      elsif v_res.status not in ('confirmed', 'checked_in') then
        v_reason := 'reservation_not_confirmed';
      end if;
    end if;
  end if;

  -- 3. The movement, when every guard passed.
  if v_id is not null and v_reason is null then
    if p_direction = 'exit' then
      if v_inside then
        v_decision := 'admit'; v_entry := 'exit'; v_inside_delta := -1;
      else
        v_reason := 'not_inside';
      end if;
    elsif v_status = 'checked_in' and v_policy = 'never' then
      v_reason := 'already_used';
    elsif v_status = 'checked_in' and v_policy = 'after_exit' and v_inside then
      v_reason := 'already_inside';
    else
      v_entry := case when v_status = 'issued' then 'first_entry'::entry_type else 'reentry' end;
      v_inside_delta := case when v_inside then 0 else 1 end;
      -- Lock 3: capacity, only when this entry would add a person inside.
      select capacity into v_capacity from events where venue_id = p_venue_id and id = v_event_id;
      if v_capacity is not null and v_inside_delta = 1 then
        perform pg_advisory_xact_lock(hashtextextended('capacity/' || v_event_id::text, 0));
        if (select coalesce(sum(inside), 0) from scan_counters where venue_id = p_venue_id and event_id = v_event_id) >= v_capacity then
          v_reason := 'capacity_reached'; v_entry := null; v_inside_delta := 0;
        end if;
      end if;
      -- Lock 4: the reservation, on a first entry that counts into a table.
      -- The status guard is repeated under the lock: a cancel may have
      -- committed since the read above.
      if v_entry = 'first_entry' and v_reservation is not null then
        update vip_reservations
           set checked_in_guests   = checked_in_guests + 1,
               status              = case when status = 'confirmed' then 'checked_in'::reservation_status else status end,
               -- v_now, not now(): Citus refuses a function call inside COALESCE in an UPDATE
               first_checked_in_at = coalesce(first_checked_in_at, v_now)
         where venue_id = p_venue_id and id = v_reservation and status in ('confirmed', 'checked_in')
        returning * into v_res;
        if not found then
          select * into v_res from vip_reservations where venue_id = p_venue_id and id = v_reservation;
          v_reason := case when v_res.status = 'cancelled' then 'reservation_cancelled'::scan_reason
                           else 'reservation_not_confirmed' end;
          v_entry := null; v_inside_delta := 0;
        end if;
      end if;
      if v_entry is not null then
        v_decision := 'admit';
        v_reason := case when v_entry = 'reentry' then 'reentry'::scan_reason end;
      end if;
    end if;

    if v_decision = 'admit' then
      if v_kind = 'vip_pass' then
        update guest_passes
           set status = 'checked_in', inside = (p_direction = 'entry'),
               first_entry_scan_id = coalesce(first_entry_scan_id, v_scan_id)
         where venue_id = p_venue_id and id = v_id;
      else
        update tickets
           set status = 'checked_in', inside = (p_direction = 'entry'),
               first_entry_scan_id = coalesce(first_entry_scan_id, v_scan_id)
         where venue_id = p_venue_id and id = v_id;
      end if;
    end if;
  end if;

  -- 4. The log row: every scan, admitted or denied.
  insert into scan_log (id, venue_id, event_id, scanner_id, device_id, staff_id, gate, nonce,
                        direction, decision, entry_type, reason,
                        subject_kind, subject_id, reservation_id, code_hash,
                        checked_in_guests, reservation_status, first_entry_scan_id,
                        inside_delta, manual, scanned_at)
  values (v_scan_id, p_venue_id, v_count_event, p_scanner_id, p_device_id, p_staff_id, p_gate, p_nonce,
          p_direction, v_decision, v_entry, v_reason,
          v_kind, v_id, v_reservation,
          case when v_id is null then sha256(convert_to(p_code, 'UTF8')) end,
          v_res.checked_in_guests, v_res.status, v_first_scan,
          v_inside_delta, p_manual, p_scanned_at);

  -- 5. Counters. Lock 5: this scanner's own row; no other scanner waits on it.
  if v_count_event is not null then
    perform add_to_scan_counters(p_venue_id, v_count_event, p_scanner_id, p_gate, 1,
                                 (v_decision = 'admit')::int, (v_decision = 'deny')::int,
                                 (v_entry is not distinct from 'first_entry')::int,
                                 (v_entry is not distinct from 'reentry')::int,
                                 (v_entry is not distinct from 'exit')::int, v_inside_delta);
  end if;

  return (select to_jsonb(a) || '{"replayed": false}' from scan_answers a where a.venue_id = p_venue_id and a.scan_id = v_scan_id);
end
$$;
