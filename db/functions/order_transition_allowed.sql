-- Order status machine: pending → paid | cancelled; paid → refunded | cancelled.
create or replace function order_transition_allowed(from_status order_status, to_status order_status) returns boolean
language sql immutable strict parallel safe as $$
  select from_status = to_status
      or (from_status, to_status) in (
           ('pending'::order_status, 'paid'::order_status), ('pending', 'cancelled'),
           ('paid', 'refunded'), ('paid', 'cancelled'))
$$;
