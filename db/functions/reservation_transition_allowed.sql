-- The reservation status machine, one list for every writer:
--
--   pending → confirmed → checked_in → completed
--   pending | confirmed → cancelled
--   confirmed → no_show
--
-- A same-status move is a no-op. The trigger (db/triggers) refuses the rest.
create or replace function reservation_transition_allowed(
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
