-- Table deposits and minimum spend (issue 13): a booking paid through the
-- provider, its refunds, spend sent from the till, and devices that are tills.

-- A booking made with a deposit holds its table until hold_expires_at; unpaid
-- by then, the housekeeping job cancels it (the table is free again). Its
-- passes are mailed once, when the deposit is paid (passes_mailed_at is the
-- claim, as orders.tickets_mailed_at), in the host's language.
alter table vip_reservations
  add column hold_expires_at timestamptz,
  add column host_locale text not null default 'en' check (host_locale in ('en', 'es')),
  add column passes_mailed_at timestamptz;
create index vip_reservations_hold_idx on vip_reservations (venue_id, hold_expires_at) where status = 'pending' and hold_expires_at is not null;
create index vip_reservations_unmailed_idx on vip_reservations (venue_id, id)
  where status in ('confirmed', 'checked_in') and hold_expires_at is not null and passes_mailed_at is null;
create index payments_reservation_idx on payments (venue_id, reservation_id) where reservation_id is not null;

-- A refund gives back an order's money or a booking's deposit. asked_at
-- claims the call to the provider: concurrent retries of one refund (two
-- cancels at once) ask the provider once.
alter table refunds
  alter column order_id drop not null,
  add column reservation_id uuid,
  add column asked_at timestamptz,
  add foreign key (venue_id, reservation_id, event_id) references vip_reservations (venue_id, id, event_id),
  add check (num_nonnulls(order_id, reservation_id) = 1),
  add unique (venue_id, reservation_id, idempotency_key);

-- Spend from a point of sale carries its reference: one entry per
-- reference and booking, so a point of sale that resends a ticket books it once.
-- A kept deposit (no-show, or cancelled after refundable_until) is one
-- `deposit` entry per booking: it moves no money (the charge booked it), it
-- says the deposit is the venue's.
alter table ledger_entries add column pos_ref text check (length(pos_ref) between 1 and 100);
create unique index ledger_entries_pos_ref_idx on ledger_entries (venue_id, reservation_id, pos_ref) where pos_ref is not null;
create unique index ledger_entries_one_kept_deposit_idx on ledger_entries (venue_id, reservation_id) where kind = 'deposit';
create index ledger_entries_reservation_idx on ledger_entries (venue_id, reservation_id) where reservation_id is not null;

-- A scanner at a gate, or a point of sale (a till) that may only send spend.
create type device_role as enum ('scanner', 'pos');
alter table devices add column role device_role not null default 'scanner';

-- Closing the night. closed_at stops sales (public checkout, table
-- bookings, spend); the close's totals are kept so a later change is seen.
alter table events add column closed_at timestamptz;

create table night_closes (
  venue_id  uuid not null,
  event_id  uuid not null,
  closed_at timestamptz not null,
  closed_by uuid,
  totals    jsonb not null,
  primary key (venue_id, event_id),
  foreign key (venue_id, event_id) references events (venue_id, id)
);

-- Cash counted at the end of the night (one row per till or count; they add up).
create table cash_counts (
  venue_id   uuid not null,
  id         uuid not null default gen_random_uuid(),
  event_id   uuid not null,
  cents      bigint not null check (cents between 0 and 100000000000),
  note       text check (length(note) <= 500),
  counted_by uuid,
  counted_at timestamptz not null default now(),
  primary key (venue_id, id),
  foreign key (venue_id, event_id) references events (venue_id, id)
);
create index cash_counts_event_idx on cash_counts (venue_id, event_id);

-- What the close found: one row per (kind, ref), replaced by each close.
--   provider_ledger: the provider's balance transactions and our ledger disagree on one object (ref: ch_…, re_…, txn_…)
--   admitted_unpaid: a ticket was admitted whose order is not paid (ref: the ticket)
--   under_minimum:   a table that came spent less than its minimum, its deposit counted (ref: the booking)
--   cash:            cash counted is not the cash taken at the box office (ref: 'cash')
--   after_close:     money booked after the night was closed (a late webhook; ref: the provider's object)
create type discrepancy_kind as enum ('provider_ledger', 'admitted_unpaid', 'under_minimum', 'cash', 'after_close');

create table revenue_discrepancies (
  venue_id       uuid not null,
  id             uuid not null default gen_random_uuid(),
  event_id       uuid not null,
  kind           discrepancy_kind not null,
  ref            text not null check (length(ref) between 1 and 255),
  expected_cents bigint not null,
  actual_cents   bigint not null,
  delta_cents    bigint not null,
  message        text not null check (length(message) <= 500),
  found_at       timestamptz not null default now(),
  primary key (venue_id, id),
  unique (venue_id, event_id, kind, ref),
  foreign key (venue_id, event_id) references events (venue_id, id)
);
