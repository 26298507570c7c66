-- The reservation status machine, enforced by the database for every writer.
--
--   pending → confirmed → checked_in → completed
--   pending | confirmed → cancelled
--   confirmed → no_show
--
-- A same-status update is a no-op. Anything else raises SQLSTATE MP409
-- ("illegal_reservation_transition"), which the API answers with 409.
-- The one exception is a reset (migration 004): it is allowed only when a
-- reservation_resets row for this reservation was written by the same
-- transaction, so the override is audited and never leaks to other sessions
-- (the original disabled the trigger with ALTER TABLE, for everyone).

create function reservation_transition_allowed(
  from_status reservation_status, to_status reservation_status
) returns boolean
language sql immutable strict parallel safe as $$
  select from_status = to_status
      or (from_status, to_status) in (
           ('pending'::reservation_status,   'confirmed'::reservation_status),
           ('confirmed',  'checked_in'),
           ('checked_in', 'completed'),
           ('pending',    'cancelled'),
           ('confirmed',  'cancelled'),
           ('confirmed',  'no_show'))
$$;

-- Audit of privileged resets; see reset_reservation() in migration 004.
create table reservation_resets (
  id             uuid primary key default gen_random_uuid(),
  event_id       uuid not null,
  reservation_id uuid not null,
  from_status    reservation_status not null,
  actor          text not null check (length(actor) between 1 and 200),
  actor_staff_id uuid references staff,
  txid           bigint not null default txid_current(),
  created_at     timestamptz not null default now(),
  foreign key (reservation_id, event_id) references vip_reservations (id, event_id)
);
create index reservation_resets_txid_idx on reservation_resets (reservation_id, txid);

create function enforce_reservation_transition() returns trigger
language plpgsql as $$
begin
  if new.status = old.status then
    return new;
  end if;
  if reservation_transition_allowed(old.status, new.status)
     or exists (select 1 from reservation_resets r
                 where r.reservation_id = new.id and r.txid = txid_current()) then
    new.updated_at := now();
    return new;
  end if;
  raise exception using
    errcode = 'MP409',
    message = format('illegal_reservation_transition: %s → %s', old.status, new.status),
    detail  = json_build_object('from', old.status, 'to', new.status)::text;
end
$$;

create trigger vip_reservations_status_machine
  before update of status on vip_reservations
  for each row execute function enforce_reservation_transition();
