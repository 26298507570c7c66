-- GA sales records: ticket types, orders, tickets. Totals are computed here
-- from the ticket types, never taken from a request.

create type reentry_policy as enum ('never', 'after_exit', 'always');
create type order_status as enum ('pending', 'paid', 'cancelled', 'refunded');

create table ticket_types (
  id          uuid primary key default gen_random_uuid(),
  event_id    uuid not null references events,
  name        text not null check (length(name) between 1 and 100),
  price_cents integer not null check (price_cents >= 0),
  fee_cents   integer not null default 0 check (fee_cents >= 0),
  inventory   integer check (inventory >= 0),          -- null: unlimited
  sold        integer not null default 0 check (sold >= 0),
  reentry     reentry_policy not null default 'never',
  valid_from  timestamptz,
  valid_until timestamptz,
  created_at  timestamptz not null default now(),
  check (inventory is null or sold <= inventory),
  check (valid_until is null or valid_from is null or valid_until > valid_from),
  unique (id, event_id)
);

create table orders (
  id          uuid primary key default gen_random_uuid(),
  event_id    uuid not null references events,
  buyer_name  text not null check (length(buyer_name) between 1 and 200),
  buyer_email text not null check (length(buyer_email) between 3 and 320),
  status      order_status not null default 'pending',
  total_cents integer not null check (total_cents >= 0),
  fee_cents   integer not null check (fee_cents >= 0),
  created_by  uuid references staff,
  paid_at     timestamptz,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  unique (id, event_id)
);
create index orders_event_idx on orders (event_id, created_at);

create table order_lines (
  order_id         uuid not null references orders,
  ticket_type_id   uuid not null references ticket_types,
  quantity         integer not null check (quantity between 1 and 100),
  unit_price_cents integer not null,
  unit_fee_cents   integer not null,
  primary key (order_id, ticket_type_id)
);

-- A ticket admits one person. reservation_id links a host's or guest's GA
-- ticket to a VIP table ("Guest of table 12"): it then counts into that
-- reservation like a pass. code_serial goes up when the code is re-issued;
-- only the current serial is valid.
create table tickets (
  id                  uuid primary key default gen_random_uuid(),
  event_id            uuid not null,
  ticket_type_id      uuid not null,
  order_id            uuid not null,
  reservation_id      uuid,
  holder_name         text,
  code                text unique,
  code_serial         integer not null default 1,
  status              pass_status not null default 'issued',
  inside              boolean not null default false,
  first_entry_scan_id uuid,
  created_at          timestamptz not null default now(),
  foreign key (ticket_type_id, event_id) references ticket_types (id, event_id),
  foreign key (order_id, event_id) references orders (id, event_id),
  foreign key (reservation_id, event_id) references vip_reservations (id, event_id)
);
create index tickets_order_idx on tickets (order_id);
create index tickets_reservation_idx on tickets (reservation_id) where reservation_id is not null;

alter table guest_passes add column code_serial integer not null default 1;

-- Order status machine: pending → paid | cancelled; paid → refunded | cancelled.
create function order_transition_allowed(from_status order_status, to_status order_status) returns boolean
language sql immutable strict parallel safe as $$
  select from_status = to_status
      or (from_status, to_status) in (
           ('pending'::order_status, 'paid'::order_status), ('pending', 'cancelled'),
           ('paid', 'refunded'), ('paid', 'cancelled'))
$$;

create function enforce_order_transition() returns trigger
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

create trigger orders_status_machine
  before update of status on orders
  for each row execute function enforce_order_transition();

-- place_order: one order, its lines and tickets, in one transaction.
-- Lock: each ticket type row, in id order, by the UPDATE that takes the
-- inventory; concurrent buyers of the last tickets queue there and the
-- check `sold + quantity <= inventory` cannot be passed by two of them.
-- Raises MP409 sold_out (nothing written) when a type lacks inventory.
-- p_lines: [{"ticketTypeId": uuid, "quantity": int}, …]
create function place_order(
  p_event_id    uuid,
  p_buyer_name  text,
  p_buyer_email text,
  p_lines       jsonb,
  p_paid        boolean,
  p_created_by  uuid
) returns uuid
language plpgsql as $$
declare
  v_order_id uuid := gen_random_uuid();
  v_line     record;
  v_type     ticket_types%rowtype;
  v_total    integer := 0;
  v_fees     integer := 0;
begin
  insert into orders (id, event_id, buyer_name, buyer_email, status, total_cents, fee_cents, created_by, paid_at)
  values (v_order_id, p_event_id, p_buyer_name, p_buyer_email,
          case when p_paid then 'paid'::order_status else 'pending' end, 0, 0, p_created_by,
          case when p_paid then now() end);

  for v_line in
    select (l->>'ticketTypeId')::uuid as type_id, sum((l->>'quantity')::int)::int as quantity
      from jsonb_array_elements(p_lines) l group by 1 order by 1
  loop
    update ticket_types set sold = sold + v_line.quantity
     where id = v_line.type_id and event_id = p_event_id
       and (inventory is null or sold + v_line.quantity <= inventory)
    returning * into v_type;
    if not found then
      if exists (select 1 from ticket_types where id = v_line.type_id and event_id = p_event_id) then
        raise exception using errcode = 'MP409', message = 'sold_out',
          detail = json_build_object('ticketTypeId', v_line.type_id)::text;
      end if;
      raise exception using errcode = 'MP404', message = format('ticket type %s not found', v_line.type_id);
    end if;
    insert into order_lines (order_id, ticket_type_id, quantity, unit_price_cents, unit_fee_cents)
    values (v_order_id, v_type.id, v_line.quantity, v_type.price_cents, v_type.fee_cents);
    insert into tickets (event_id, ticket_type_id, order_id)
    select p_event_id, v_type.id, v_order_id from generate_series(1, v_line.quantity);
    v_total := v_total + v_line.quantity * (v_type.price_cents + v_type.fee_cents);
    v_fees  := v_fees + v_line.quantity * v_type.fee_cents;
  end loop;

  update orders set total_cents = v_total, fee_cents = v_fees where id = v_order_id;
  return v_order_id;
end
$$;

-- set_order_status: pay, cancel or refund an order; tickets follow. A
-- cancelled or refunded order gives its inventory back and cancels its
-- tickets. Locks the order row, then its ticket types in id order.
create function set_order_status(p_order_id uuid, p_status order_status) returns void
language plpgsql as $$
declare
  v_order orders%rowtype;
begin
  select * into v_order from orders where id = p_order_id for update;
  if not found then
    raise exception using errcode = 'MP404', message = 'order_not_found';
  end if;
  if v_order.status = p_status then
    return;
  end if;
  update orders set status = p_status where id = p_order_id; -- the trigger refuses illegal moves
  if p_status in ('cancelled', 'refunded') then
    update ticket_types t set sold = t.sold - l.quantity
      from (select * from order_lines where order_id = p_order_id order by ticket_type_id) l
     where t.id = l.ticket_type_id;
    update tickets set status = 'cancelled' where order_id = p_order_id and status <> 'revoked';
  end if;
end
$$;
