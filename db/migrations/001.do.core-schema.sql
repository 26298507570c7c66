-- Core schema: venues, staff, devices, events, VIP tables, reservations,
-- guest passes.
--
-- Tenancy (DESIGN.md principle 7, docs/scale-out.md): the venue is the
-- tenant. Every tenant table carries venue_id, and its primary key, unique
-- keys and foreign keys to other tenant tables all include it, so on Citus
-- each venue's rows live on one node and every door query is routed there.
-- venues, staff, staff_sessions and devices are global (small, read by log-in
-- and token lookups that do not know the venue yet): reference tables on
-- Citus. test/db/tenant-keys.test.ts checks the rule against the catalog.
--
-- Closed lists live here as enums and are mirrored once in
-- src/domain/lists.ts; test/db/lists.test.ts checks that the two agree.
-- Functions, views and triggers live in db/functions, db/views and
-- db/triggers, one file each, re-applied by every migrate.

create type staff_role as enum ('owner', 'manager', 'promoter', 'door');
create type event_status as enum ('draft', 'published', 'cancelled', 'completed');
create type reservation_status as enum
  ('pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show');
create type pass_status as enum ('issued', 'checked_in', 'cancelled', 'revoked');
create type pass_kind as enum ('host', 'guest');
create type reentry_policy as enum ('never', 'after_exit', 'always');

create table venues (
  id         uuid primary key default gen_random_uuid(),
  name       text not null check (length(name) between 1 and 200),
  timezone   text not null default 'UTC',
  currency   text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
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
-- Log-in is by e-mail before the venue is known: one address, one member.
create unique index staff_email_key on staff (email);
create index staff_venue_idx on staff (venue_id, created_at);

-- Staff log-in sessions. The bearer token is 256 random bits; only its
-- SHA-256 is stored, so a leaked table does not let anyone in.
create table staff_sessions (
  token_hash bytea primary key,
  staff_id   uuid not null references staff on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index staff_sessions_staff_idx on staff_sessions (staff_id);

-- A scanner. event_id, when set, binds the device to one event. The token is
-- stored as its SHA-256. Global (looked up by token before the venue is
-- known), so event_id cannot be a foreign key into the tenant tables: the
-- route checks that the event is the venue's.
create table devices (
  id           uuid primary key default gen_random_uuid(),
  venue_id     uuid not null references venues,
  event_id     uuid,
  name         text not null check (length(name) between 1 and 100),
  gate         text not null check (length(gate) between 1 and 40),
  token_hash   bytea not null unique,
  created_at   timestamptz not null default now(),
  revoked_at   timestamptz,
  last_seen_at timestamptz
);
create index devices_venue_idx on devices (venue_id, created_at);

-- The door window: entries are accepted from doors_open_at (or starts_at)
-- minus early_entry_minutes until ends_at plus late_entry_minutes.
-- vip_reentry: a VIP pass scanned again without an exit is let in with a
-- warning ('always', the seed's behaviour) or refused ('after_exit').
create table events (
  id                  uuid not null default gen_random_uuid(),
  venue_id            uuid not null references venues,
  name                text not null check (length(name) between 1 and 200),
  starts_at           timestamptz not null,
  ends_at             timestamptz not null,
  doors_open_at       timestamptz,
  early_entry_minutes integer not null default 60 check (early_entry_minutes between 0 and 1440),
  late_entry_minutes  integer not null default 60 check (late_entry_minutes between 0 and 1440),
  vip_reentry         reentry_policy not null default 'always' check (vip_reentry <> 'never'),
  refundable_until    timestamptz,
  capacity            integer check (capacity > 0),
  status              event_status not null default 'published',
  created_at          timestamptz not null default now(),
  primary key (venue_id, id),
  check (ends_at > starts_at),
  check (doors_open_at is null or doors_open_at <= ends_at)
);
create index events_venue_starts_idx on events (venue_id, starts_at desc, id desc);

-- Gates a venue's scanners may name; a scan at any other gate is refused
-- (400), so a device cannot invent counters.
create table venue_gates (
  venue_id uuid not null references venues,
  name     text not null check (length(name) between 1 and 40),
  primary key (venue_id, name)
);

create table vip_tables (
  id              uuid not null default gen_random_uuid(),
  venue_id        uuid not null,
  event_id        uuid not null,
  number          text not null check (length(number) between 1 and 20),
  tier            text check (length(tier) <= 40),
  capacity        integer not null check (capacity between 1 and 100),
  deposit_cents   bigint not null default 0 check (deposit_cents between 0 and 100000000000),
  min_spend_cents bigint not null default 0 check (min_spend_cents between 0 and 100000000000),
  x               real check (x between -10000 and 10000),
  y               real check (y between -10000 and 10000),
  width           real check (width between 0 and 10000),
  height          real check (height between 0 and 10000),
  primary key (venue_id, id),
  foreign key (venue_id, event_id) references events (venue_id, id),
  unique (venue_id, event_id, number),
  unique (venue_id, id, event_id)
);

create table vip_reservations (
  id                  uuid not null default gen_random_uuid(),
  venue_id            uuid not null,
  event_id            uuid not null,
  table_id            uuid not null,
  host_name           text not null check (length(host_name) between 1 and 200),
  host_email          text check (length(host_email) <= 320),
  host_phone          text check (length(host_phone) <= 40),
  guest_count         integer not null check (guest_count between 1 and 100),
  deposit_cents       bigint not null default 0 check (deposit_cents between 0 and 100000000000),
  status              reservation_status not null default 'pending',
  -- people of this table who came in: its passes and the GA tickets linked
  -- to it (tickets/link keeps passes + linked tickets within the table's
  -- capacity, so no scan can ever push this past a constraint)
  checked_in_guests   integer not null default 0 check (checked_in_guests >= 0),
  first_checked_in_at timestamptz,
  created_by          uuid,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (venue_id, id),
  -- the table must belong to the same event as the reservation
  foreign key (venue_id, table_id, event_id) references vip_tables (venue_id, id, event_id),
  unique (venue_id, id, event_id)
);
create index vip_reservations_event_idx on vip_reservations (venue_id, event_id, created_at, id);
-- One live booking per table and event, kept by the database rather than by
-- a read-then-insert: a second booking of the table is refused (409).
create unique index vip_reservations_one_live_per_table
  on vip_reservations (venue_id, event_id, table_id)
  where status in ('pending', 'confirmed', 'checked_in');

-- One pass per guest; pass 1 is the host's. `code` is what the QR carries
-- (a plain random token, or a signed code). first_entry_scan_id points at
-- the scan row of the first entry (when, at which gate, by which device).
create table guest_passes (
  id                  uuid not null default gen_random_uuid(),
  venue_id            uuid not null,
  event_id            uuid not null,
  reservation_id      uuid not null,
  pass_number         integer not null check (pass_number >= 1),
  kind                pass_kind not null,
  holder_name         text check (length(holder_name) <= 200),
  code                text not null check (length(code) between 8 and 200),
  code_serial         integer not null default 1,
  status              pass_status not null default 'issued',
  inside              boolean not null default false,
  first_entry_scan_id uuid,
  created_at          timestamptz not null default now(),
  primary key (venue_id, id),
  foreign key (venue_id, reservation_id, event_id) references vip_reservations (venue_id, id, event_id),
  unique (venue_id, code),
  unique (venue_id, reservation_id, pass_number),
  check ((kind = 'host') = (pass_number = 1))
);

-- Audit of privileged resets (db/functions/reset_reservation.sql). The status
-- trigger lets a reset move a reservation backwards only when such a row was
-- written by the same transaction.
create table reservation_resets (
  id             uuid not null default gen_random_uuid(),
  venue_id       uuid not null,
  event_id       uuid not null,
  reservation_id uuid not null,
  from_status    reservation_status not null,
  actor          text not null check (length(actor) between 1 and 200),
  actor_staff_id uuid,
  txid           bigint not null default txid_current(),
  created_at     timestamptz not null default now(),
  primary key (venue_id, id),
  foreign key (venue_id, reservation_id, event_id) references vip_reservations (venue_id, id, event_id)
);
create index reservation_resets_txid_idx on reservation_resets (venue_id, reservation_id, txid);
