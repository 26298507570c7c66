-- GA sales records: ticket types, orders, their lines, tickets. Totals are
-- computed by place_order() (db/functions/place_order.sql) from the ticket
-- types, never taken from a request. Money is integer minor units, bigint
-- wherever amounts add up.

create type order_status as enum ('pending', 'paid', 'cancelled', 'refunded');

create table ticket_types (
  id          uuid not null default gen_random_uuid(),
  venue_id    uuid not null,
  event_id    uuid not null,
  name        text not null check (length(name) between 1 and 100),
  price_cents bigint not null check (price_cents between 0 and 100000000000),
  fee_cents   bigint not null default 0 check (fee_cents between 0 and 100000000000),
  inventory   integer check (inventory >= 0),          -- null: unlimited
  sold        integer not null default 0 check (sold >= 0),
  reentry     reentry_policy not null default 'never',
  valid_from  timestamptz,
  valid_until timestamptz,
  created_at  timestamptz not null default now(),
  primary key (venue_id, id),
  foreign key (venue_id, event_id) references events (venue_id, id),
  check (inventory is null or sold <= inventory),
  check (valid_until is null or valid_from is null or valid_until > valid_from),
  unique (venue_id, id, event_id)
);

create table orders (
  id          uuid not null default gen_random_uuid(),
  venue_id    uuid not null,
  event_id    uuid not null,
  buyer_name  text not null check (length(buyer_name) between 1 and 200),
  buyer_email text not null check (length(buyer_email) between 3 and 320),
  status      order_status not null default 'pending',
  total_cents bigint not null check (total_cents >= 0),
  fee_cents   bigint not null check (fee_cents >= 0),
  created_by  uuid,
  paid_at     timestamptz,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (venue_id, id),
  foreign key (venue_id, event_id) references events (venue_id, id),
  unique (venue_id, id, event_id)
);
create index orders_event_idx on orders (venue_id, event_id, created_at);

create table order_lines (
  venue_id         uuid not null,
  order_id         uuid not null,
  ticket_type_id   uuid not null,
  quantity         integer not null check (quantity between 1 and 100),
  unit_price_cents bigint not null,
  unit_fee_cents   bigint not null,
  primary key (venue_id, order_id, ticket_type_id),
  foreign key (venue_id, order_id) references orders (venue_id, id),
  foreign key (venue_id, ticket_type_id) references ticket_types (venue_id, id)
);

-- A ticket admits one person. reservation_id links a host's or guest's GA
-- ticket to a VIP table ("Guest of table 12"): it then counts into that
-- table's capacity and its first entry into the reservation's guests.
-- code_serial goes up when the code is re-issued; only the current serial
-- is valid.
create table tickets (
  id                  uuid not null default gen_random_uuid(),
  venue_id            uuid not null,
  event_id            uuid not null,
  ticket_type_id      uuid not null,
  order_id            uuid not null,
  reservation_id      uuid,
  holder_name         text check (length(holder_name) <= 200),
  code                text,
  code_serial         integer not null default 1,
  status              pass_status not null default 'issued',
  inside              boolean not null default false,
  first_entry_scan_id uuid,
  created_at          timestamptz not null default now(),
  primary key (venue_id, id),
  unique (venue_id, code),
  foreign key (venue_id, ticket_type_id, event_id) references ticket_types (venue_id, id, event_id),
  foreign key (venue_id, order_id, event_id) references orders (venue_id, id, event_id),
  foreign key (venue_id, reservation_id, event_id) references vip_reservations (venue_id, id, event_id)
);
create index tickets_order_idx on tickets (venue_id, order_id);
create index tickets_reservation_idx on tickets (venue_id, reservation_id) where reservation_id is not null;
