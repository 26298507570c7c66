-- Promoters and guest lists (issue 14): lists with caps and cut-offs, guests
-- with plus-ones and a signed code each, the promoter behind an order or a
-- booking, and the event's commission rule.

-- A guest is scanned like a pass. The new value cannot be named by a
-- definition applied in this same transaction (PostgreSQL refuses a new enum
-- value until it commits): db/views/scan_answers.sql compares it as text.
alter type subject_kind add value 'guest';

-- How an event pays its promoters, on people who came in only:
-- revenue_share: commission_basis_points (1/100 of a percent) of the paid
-- revenue of tickets whose holder was admitted; per_head: commission_per_head_cents
-- for every admitted ticket holder, table guest and guest-list person.
create type commission_rule as enum ('none', 'revenue_share', 'per_head');
alter table events
  add column commission_rule           commission_rule not null default 'none',
  add column commission_basis_points   integer not null default 0 check (commission_basis_points between 0 and 10000),
  add column commission_per_head_cents bigint not null default 0 check (commission_per_head_cents between 0 and 100000000);

-- The promoter an order or a booking is attributed to (a staff member of
-- the venue; staff is a global table, so no foreign key from a tenant table).
alter table orders add column promoter_id uuid;
alter table vip_reservations add column promoter_id uuid;
create index orders_promoter_idx on orders (venue_id, event_id, promoter_id) where promoter_id is not null;
create index vip_reservations_promoter_idx on vip_reservations (venue_id, event_id, promoter_id) where promoter_id is not null;

-- A promoter's cap for one event: at most guest_cap people (guests and
-- their plus-ones) on all of their lists of the event. Adding a guest locks
-- this row first, then the list's, so the cap holds under concurrent adds.
create table promoter_caps (
  venue_id    uuid not null,
  event_id    uuid not null,
  promoter_id uuid not null,
  guest_cap   integer check (guest_cap between 0 and 100000),   -- null: no cap
  primary key (venue_id, event_id, promoter_id),
  foreign key (venue_id, event_id) references events (venue_id, id)
);

-- A guest list. capacity counts people (each guest and their plus-ones);
-- people is that count, kept under the list's row lock. closes_at: no guest
-- is added after it. admit_until: the list's guests are admitted until then
-- (free before 23:00), refused after it.
create table guest_lists (
  id          uuid not null default gen_random_uuid(),
  venue_id    uuid not null,
  event_id    uuid not null,
  name        text not null check (length(name) between 1 and 200),
  promoter_id uuid,
  capacity    integer check (capacity between 1 and 100000),
  people      integer not null default 0 check (people >= 0),
  closes_at   timestamptz,
  admit_until timestamptz,
  created_by  uuid,
  created_at  timestamptz not null default now(),
  primary key (venue_id, id),
  foreign key (venue_id, event_id) references events (venue_id, id),
  unique (venue_id, id, event_id),
  check (capacity is null or people <= capacity)
);
create index guest_lists_event_idx on guest_lists (venue_id, event_id, created_at, id);

-- A guest admits plus_ones + 1 people. entries: people of the party let in
-- (first entries), inside: of those, inside now; both kept under the
-- guest's row lock by redeem_scan and annul_scan. code is the signed code
-- the QR carries; share_token names the guest's public QR link.
create table guests (
  id                  uuid not null default gen_random_uuid(),
  venue_id            uuid not null,
  event_id            uuid not null,
  list_id             uuid not null,
  name                text not null check (length(name) between 1 and 200),
  plus_ones           integer not null default 0 check (plus_ones between 0 and 50),
  email               text check (length(email) <= 320),
  phone               text check (length(phone) <= 40),
  code                text not null check (length(code) between 8 and 200),
  code_serial         integer not null default 1,
  share_token         text not null check (length(share_token) between 16 and 64),
  status              pass_status not null default 'issued',
  entries             integer not null default 0,
  inside              integer not null default 0,
  first_entry_scan_id uuid,
  created_by          uuid,
  created_at          timestamptz not null default now(),
  primary key (venue_id, id),
  foreign key (venue_id, list_id, event_id) references guest_lists (venue_id, id, event_id),
  unique (venue_id, code),
  unique (venue_id, share_token),
  check (entries between 0 and plus_ones + 1),
  check (inside between 0 and entries)
);
create index guests_list_idx on guests (venue_id, list_id, created_at, id);
create index guests_event_idx on guests (venue_id, event_id);
-- Door search by a part of the name, and near-duplicate names on an event's
-- lists (pg_trgm similarity); the folded name, as for the other holders
-- (db/migrations/008.do.door-search.sql).
create index guests_name_trgm_idx on guests using gin (fold_text(name) gin_trgm_ops);
create index guests_code_suffix_idx on guests (venue_id, right(code, 6));

-- What decide_scan() needs of a guest's party, read under the guest's lock:
-- its size (plus_ones + 1), how many came in, and how many are inside.
alter type scan_subject
  add attribute party_size    integer,
  add attribute party_entered integer,
  add attribute party_inside  integer;
