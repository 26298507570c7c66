-- The scan log, the per-scanner counters and the scan decision.
-- docs/scan-decision.md mirrors redeem_scan() step by step.

create type scan_direction as enum ('entry', 'exit');
create type scan_decision as enum ('admit', 'deny');
create type entry_type as enum ('first_entry', 'reentry', 'exit');
create type subject_kind as enum ('vip_pass', 'ticket');
-- Deny reasons, plus 'reentry', the one remark an admission may carry.
create type scan_reason as enum (
  'unknown_code', 'invalid_signature', 'revoked', 'wrong_event', 'cancelled',
  'unpaid', 'reservation_not_confirmed', 'reservation_cancelled',
  'not_yet_valid', 'expired', 'already_used', 'already_inside', 'not_inside',
  'capacity_reached', 'reentry');

-- One row per scan, admitted or denied; append-only except for reset_id.
-- No foreign keys on purpose: an FK check takes FOR KEY SHARE on the parent
-- row, so every scan would lock (and dirty) its reservation and event rows,
-- which are exactly the hot rows principle 8 keeps scans away from.
-- The counters and the invariant tests keep the log honest instead.
create table scan_log (
  id                  uuid primary key,
  event_id            uuid,               -- null only for an unknown code on an unbound scanner
  scanner_id          uuid not null,      -- the device, or the staff member scanning by hand
  device_id           uuid,
  staff_id            uuid,
  gate                text not null,
  nonce               text not null check (length(nonce) between 1 and 64),
  direction           scan_direction not null,
  decision            scan_decision not null,
  entry_type          entry_type,
  reason              scan_reason,
  subject_kind        subject_kind,
  subject_id          uuid,
  reservation_id      uuid,
  code_hash           bytea,              -- SHA-256 of an unknown code; never the raw text
  -- What the reservation looked like right after this scan, so a replay
  -- answers exactly what the first answer said.
  checked_in_guests   integer,
  reservation_status  reservation_status,
  first_entry_scan_id uuid,               -- the subject's first entry, when it came before this scan
  inside_delta        smallint not null default 0 check (inside_delta between -1 and 1),
  manual              boolean not null default false,
  offline             boolean not null default false,
  scanned_at          timestamptz,        -- the device's clock
  recorded_at         timestamptz not null default now(),
  reset_id            uuid,               -- set when a reset moved the row out of the live log
  check (device_id is not null or staff_id is not null),
  check ((decision = 'admit') = (entry_type is not null))
);
-- A retry carries the same nonce: the same (scanner, nonce) is one scan.
create unique index scan_log_scanner_nonce_key on scan_log (scanner_id, nonce);
create index scan_log_event_time_idx on scan_log (event_id, recorded_at desc, id desc);
create index scan_log_subject_idx on scan_log (subject_id, recorded_at desc) where subject_id is not null;
create index scan_log_reservation_idx on scan_log (reservation_id) where reservation_id is not null;

-- Live counts, one row per (event, scanner, gate). Every scan bumps only its
-- own scanner's row, so scanners never wait on each other here; a single
-- event-wide row would serialise every scan of the night behind one lock
-- (the hot row of DESIGN.md, ~1,900 commits/s here). Stats sum the rows.
create table scan_counters (
  event_id      uuid not null,
  scanner_id    uuid not null,
  gate          text not null,
  scans         bigint not null default 0,
  admitted      bigint not null default 0,
  denied        bigint not null default 0,
  first_entries bigint not null default 0,
  reentries     bigint not null default 0,
  exits         bigint not null default 0,
  inside        bigint not null default 0,
  last_scan_at  timestamptz not null default now(),
  primary key (event_id, scanner_id, gate)
);

-- Everything a scan answer shows, built from the log row. redeem_scan()
-- returns it for new and replayed scans alike, and the scan list reads it.
create view scan_answers as
select s.id                 as scan_id,
       s.event_id,
       s.scanner_id,
       s.device_id,
       s.staff_id,
       s.gate,
       s.direction,
       s.decision,
       s.entry_type,
       s.reason,
       s.subject_kind,
       s.subject_id,
       s.reservation_id,
       s.manual,
       s.offline,
       s.scanned_at,
       s.recorded_at,
       s.reset_id,
       p.pass_number,
       p.kind               as pass_kind,
       coalesce(p.holder_name,
                case p.kind when 'host' then r.host_name
                            when 'guest' then 'Guest of ' || r.host_name end) as holder_name,
       t.number             as table_number,
       r.guest_count,
       s.checked_in_guests,
       s.reservation_status,
       f.recorded_at        as first_entry_at,
       f.gate               as first_entry_gate,
       fd.name              as first_entry_device_name,
       v.timezone
  from scan_log s
  left join guest_passes p      on s.subject_kind = 'vip_pass' and p.id = s.subject_id
  left join vip_reservations r  on r.id = s.reservation_id
  left join vip_tables t        on t.id = r.table_id
  left join scan_log f          on f.id = s.first_entry_scan_id
  left join devices fd          on fd.id = f.device_id
  left join events e            on e.id = s.event_id
  left join venues v            on v.id = e.venue_id;

-- redeem_scan: decide one scan, in one transaction, in decision order.
--
-- Locks, in this order (every writer that touches both takes them in the
-- same order, so scans cannot deadlock with each other or with a reset):
--   1. advisory lock on (scanner, nonce): concurrent retries wait for the
--      first attempt to commit and then replay it;
--   2. the guest pass row, FOR UPDATE: all scans of one pass serialise, so
--      exactly one of them can be its first entry;
--   3. the reservation row, only on a first entry (by its UPDATE): the
--      count and the status change; re-entries and exits never lock it;
--   4. this scanner's counter row (by its upsert).
-- Returns the answer (the scan_answers row as jsonb plus "replayed").
-- A denial is a returned answer, not an exception, so its log row commits.
-- Mirrored step by step in docs/scan-decision.md.
create function redeem_scan(
  p_scanner_id  uuid,
  p_device_id   uuid,
  p_staff_id    uuid,
  p_venue_id    uuid,            -- the scanner's venue: codes of other venues are wrong_event
  p_bound_event uuid,            -- the scanner's event, when it is bound to one
  p_gate        text,
  p_nonce       text,
  p_code        text,
  p_direction   scan_direction,
  p_scanned_at  timestamptz,
  p_manual      boolean
) returns jsonb
language plpgsql as $$
declare
  v_scan_id      uuid := gen_random_uuid();
  v_existing     uuid;
  v_pass         guest_passes%rowtype;
  v_res          vip_reservations%rowtype;
  v_event_id     uuid := p_bound_event;
  v_decision     scan_decision := 'deny';
  v_reason       scan_reason;
  v_entry        entry_type;
  v_inside_delta smallint := 0;
  v_code_hash    bytea;
begin
  -- 0. Replay. Lock 1: serialise attempts of the same (scanner, nonce) so a
  --    concurrent retry waits, then sees the committed row and replays it.
  perform pg_advisory_xact_lock(hashtextextended(p_scanner_id::text || '/' || p_nonce, 0));
  select id into v_existing from scan_log where scanner_id = p_scanner_id and nonce = p_nonce;
  if found then
    return (select to_jsonb(a) || '{"replayed": true}' from scan_answers a where a.scan_id = v_existing);
  end if;

  -- 1. The subject. Lock 2: the pass row, held to commit.
  select * into v_pass from guest_passes where code = p_code for update;

  if not found then
    v_reason := 'unknown_code';
    v_code_hash := sha256(convert_to(p_code, 'UTF8'));
  else
    select * into v_res from vip_reservations where id = v_pass.reservation_id;
    -- 2. Guards, in order; the first that fails is the reason.
    if v_pass.event_id <> coalesce(p_bound_event, v_pass.event_id)
       or (select venue_id from events where id = v_pass.event_id) <> p_venue_id then
      v_reason := 'wrong_event';
    elsif v_pass.status = 'revoked' then
      v_reason := 'revoked';
    elsif v_pass.status = 'cancelled' then
      v_reason := 'cancelled';
    elsif v_res.status = 'cancelled' then
      v_reason := 'reservation_cancelled';
    elsif v_res.status not in ('confirmed', 'checked_in') then
      v_reason := 'reservation_not_confirmed';
    -- 3. Exit: only someone inside can leave.
    elsif p_direction = 'exit' then
      if v_pass.inside then
        v_decision := 'admit'; v_entry := 'exit'; v_inside_delta := -1;
        update guest_passes set inside = false where id = v_pass.id;
      else
        v_reason := 'not_inside';
      end if;
    -- 4. First entry. Lock 3: the reservation row; first entries of one
    --    reservation serialise here, re-entries never get this far.
    --    The status guard is repeated under the lock: a cancel may have
    --    committed since the read above.
    elsif v_pass.status = 'issued' then
      update vip_reservations
         set checked_in_guests   = checked_in_guests + 1,
             status              = case when status = 'confirmed' then 'checked_in'::reservation_status else status end,
             first_checked_in_at = coalesce(first_checked_in_at, now())
       where id = v_pass.reservation_id and status in ('confirmed', 'checked_in')
      returning * into v_res;
      if found then
        v_decision := 'admit'; v_entry := 'first_entry'; v_inside_delta := 1;
        update guest_passes
           set status = 'checked_in', inside = true, first_entry_scan_id = v_scan_id
         where id = v_pass.id;
      else
        select * into v_res from vip_reservations where id = v_pass.reservation_id;
        v_reason := case when v_res.status = 'cancelled' then 'reservation_cancelled'::scan_reason
                         else 'reservation_not_confirmed' end;
      end if;
    -- 5. Re-entry: VIP passes re-enter freely (policy "always"), with a remark.
    else
      v_decision := 'admit'; v_entry := 'reentry'; v_reason := 'reentry';
      if not v_pass.inside then
        v_inside_delta := 1;
        update guest_passes set inside = true where id = v_pass.id;
      end if;
    end if;
    -- a wrong-event scan is counted at the door where it happened
    v_event_id := coalesce(p_bound_event, v_pass.event_id);
  end if;

  -- 6. The log row: every scan, admitted or denied.
  insert into scan_log (id, event_id, scanner_id, device_id, staff_id, gate, nonce,
                        direction, decision, entry_type, reason,
                        subject_kind, subject_id, reservation_id, code_hash,
                        checked_in_guests, reservation_status, first_entry_scan_id,
                        inside_delta, manual, scanned_at)
  values (v_scan_id, v_event_id, p_scanner_id, p_device_id, p_staff_id, p_gate, p_nonce,
          p_direction, v_decision, v_entry, v_reason,
          case when v_pass.id is not null then 'vip_pass'::subject_kind end, v_pass.id,
          v_pass.reservation_id, v_code_hash,
          v_res.checked_in_guests, v_res.status, v_pass.first_entry_scan_id,
          v_inside_delta, p_manual, p_scanned_at);

  -- 7. Counters. Lock 4: this scanner's own row; no other scanner waits on it.
  if v_event_id is not null then
    insert into scan_counters as c
           (event_id, scanner_id, gate, scans, admitted, denied,
            first_entries, reentries, exits, inside)
    values (v_event_id, p_scanner_id, p_gate, 1,
            (v_decision = 'admit')::int, (v_decision = 'deny')::int,
            (v_entry is not distinct from 'first_entry')::int, (v_entry is not distinct from 'reentry')::int,
            (v_entry is not distinct from 'exit')::int, v_inside_delta)
    on conflict (event_id, scanner_id, gate) do update
       set scans         = c.scans + 1,
           admitted      = c.admitted + excluded.admitted,
           denied        = c.denied + excluded.denied,
           first_entries = c.first_entries + excluded.first_entries,
           reentries     = c.reentries + excluded.reentries,
           exits         = c.exits + excluded.exits,
           inside        = c.inside + excluded.inside,
           last_scan_at  = excluded.last_scan_at;
  end if;

  return (select to_jsonb(a) || '{"replayed": false}' from scan_answers a where a.scan_id = v_scan_id);
end
$$;
