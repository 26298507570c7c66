-- Trigger function of orders_status_machine: refuses a move the order
-- machine forbids (MP409 → 409) and stamps paid_at.
create or replace function enforce_order_transition() returns trigger
language plpgsql as $$
begin
  if new.status = old.status then
    return new;
  end if;
  if not order_transition_allowed(old.status, new.status) then
    raise exception using
      errcode = 'MP409',
      message = format('illegal_order_transition: %s → %s', old.status, new.status),
      detail  = json_build_object('from', old.status, 'to', new.status)::text;
  end if;
  new.updated_at := now();
  if new.status = 'paid' then new.paid_at := now(); end if;
  return new;
end
$$;
