-- Core schema: venues, staff, devices, events, VIP tables, reservations,
-- guest passes. Every row that belongs to an event carries event_id so the
-- schema can be distributed by event (DESIGN.md, principle 7).
--
-- Closed lists live here as enums and are mirrored once in
-- src/domain/lists.ts; test/db/lists.test.ts checks that the two agree.

create type staff_role as enum ('owner', 'manager', 'promoter', 'door');
create type event_status as enum ('draft', 'published', 'cancelled', 'completed');
create type reservation_status as enum
  ('pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show');
create type pass_status as enum ('issued', 'checked_in', 'cancelled', 'revoked');
create type pass_kind as enum ('host', 'guest');

create table venues (
  id         uuid primary key default gen_random_uuid(),
  name       text not null check (length(name) between 1 and 200),
  timezone   text not null default 'UTC',
  created_at timestamptz not null default now()
);

create table staff (
  id            uuid primary key default gen_random_uuid(),
  venue_id      uuid not null references venues,
  email         text not null check (email = lower(email) and length(email) between 3 and 320),
  name          text not null check (length(name) between 1 and 200),
  role          staff_role not null,
  password_hash text not null,
  created_at    timestamptz not null default now(),
  disabled_at   timestamptz
);
create unique index staff_email_key on staff (email);

create table events (
  id            uuid primary key default gen_random_uuid(),
  venue_id      uuid not null references venues,
  name          text not null check (length(name) between 1 and 200),
  starts_at     timestamptz not null,
  ends_at       timestamptz not null,
  doors_open_at timestamptz,
  capacity      integer check (capacity > 0),
  status        event_status not null default 'published',
  created_at    timestamptz not null default now(),
  check (ends_at > starts_at),
  check (doors_open_at is null or doors_open_at <= ends_at)
);

-- A scanner. event_id, when set, binds the device to one event: a code of any
-- other event is denied as wrong_event. The token is stored as its SHA-256.
create table devices (
  id           uuid primary key default gen_random_uuid(),
  venue_id     uuid not null references venues,
  event_id     uuid references events,
  name         text not null check (length(name) between 1 and 100),
  gate         text not null check (length(gate) between 1 and 40),
  token_hash   bytea not null unique,
  created_at   timestamptz not null default now(),
  revoked_at   timestamptz,
  last_seen_at timestamptz
);

create table vip_tables (
  id              uuid primary key default gen_random_uuid(),
  event_id        uuid not null references events,
  number          text not null check (length(number) between 1 and 20),
  tier            text,
  capacity        integer not null check (capacity between 1 and 100),
  min_spend_cents integer not null default 0 check (min_spend_cents >= 0),
  x               real,
  y               real,
  unique (event_id, number),
  unique (id, event_id)
);

create table vip_reservations (
  id                  uuid primary key default gen_random_uuid(),
  event_id            uuid not null references events,
  table_id            uuid not null,
  host_name           text not null check (length(host_name) between 1 and 200),
  host_email          text,
  host_phone          text,
  guest_count         integer not null check (guest_count between 1 and 100),
  deposit_cents       integer not null default 0 check (deposit_cents >= 0),
  status              reservation_status not null default 'pending',
  checked_in_guests   integer not null default 0
                      check (checked_in_guests between 0 and guest_count),
  first_checked_in_at timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  -- the table must belong to the same event as the reservation
  foreign key (table_id, event_id) references vip_tables (id, event_id),
  unique (id, event_id)
);
create index vip_reservations_event_idx on vip_reservations (event_id, status);

-- One pass per guest; pass 1 is the host's. `code` is what the QR carries
-- (a plain random token, or a signed code once issued as one).
-- first_entry_scan_id points at the scan row of the first entry, which says
-- when, at which gate and by which device the guest first came in.
create table guest_passes (
  id                  uuid primary key default gen_random_uuid(),
  event_id            uuid not null,
  reservation_id      uuid not null,
  pass_number         integer not null check (pass_number >= 1),
  kind                pass_kind not null,
  holder_name         text,
  code                text not null unique check (length(code) between 8 and 200),
  status              pass_status not null default 'issued',
  inside              boolean not null default false,
  first_entry_scan_id uuid,
  created_at          timestamptz not null default now(),
  foreign key (reservation_id, event_id) references vip_reservations (id, event_id),
  unique (reservation_id, pass_number),
  check ((kind = 'host') = (pass_number = 1))
);
