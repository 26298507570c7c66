-- Money (issue 12): provider payments, refunds, an append-only ledger in
-- integer minor units (in the venue's currency, venues.currency), and the
-- provider's webhook events, each stored once.

-- One checkout at the provider: a Checkout Session and, once the buyer
-- pays, its PaymentIntent. Only the provider's ids and what the buyer sees
-- are kept; the money itself is in ledger_entries.
create type payment_status as enum ('open', 'paid', 'failed', 'expired');

create table payments (
  venue_id         uuid not null,
  id               uuid not null default gen_random_uuid(),
  event_id         uuid not null,
  order_id         uuid,
  reservation_id   uuid,
  checkout_session text,
  payment_intent   text,
  amount_cents     bigint not null check (amount_cents >= 0),
  currency         text not null check (currency ~ '^[A-Z]{3}$'),
  status           payment_status not null default 'open',
  failure          text check (length(failure) <= 500),
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (venue_id, id),
  unique (venue_id, checkout_session),
  unique (venue_id, payment_intent),
  foreign key (venue_id, order_id, event_id) references orders (venue_id, id, event_id),
  foreign key (venue_id, reservation_id, event_id) references vip_reservations (venue_id, id, event_id),
  check (num_nonnulls(order_id, reservation_id) = 1)
);
create index payments_order_idx on payments (venue_id, order_id) where order_id is not null;
-- The housekeeping job expires the provider sessions of orders whose hold ended.
create index payments_open_idx on payments (venue_id, order_id) where status = 'open';

-- A refund asked for through the API: the client's Idempotency-Key makes a
-- retried request the same refund. refused: the provider said no at once
-- (failure says why); failed: it said yes, then failed (refund.updated).
create type refund_status as enum ('requested', 'pending', 'succeeded', 'failed', 'refused');

create table refunds (
  venue_id        uuid not null,
  id              uuid not null default gen_random_uuid(),
  event_id        uuid not null,
  order_id        uuid not null,
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  amount_cents    bigint not null check (amount_cents > 0),
  reason          text not null check (length(reason) between 1 and 500),
  status          refund_status not null default 'requested',
  provider_ref    text,
  failure         text check (length(failure) <= 500),
  requested_by    uuid,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (venue_id, id),
  unique (venue_id, order_id, idempotency_key),
  unique (venue_id, provider_ref),
  foreign key (venue_id, order_id, event_id) references orders (venue_id, id, event_id)
);

-- The truth of the night's money, append-only (the trigger of
-- db/triggers/ledger_entries.ledger_entries_append_only.sql refuses UPDATE
-- and DELETE). Amounts are signed minor units: money in is positive (a
-- charge, a won dispute, a refund that failed), money out negative (a fee,
-- a refund, a dispute). An entry from the provider names the provider's
-- object, and one object is booked once per kind: a refund re_… is booked
-- as `refund` when it exists and as `refund_failed` if it fails later, so a
-- webhook applied twice or in any order books the same rows. deposit, spend,
-- cash and comp are for tables and the till (no provider reference).
create type ledger_kind as enum (
  'charge', 'fee', 'refund', 'refund_failed', 'dispute', 'dispute_reversal', 'deposit', 'spend', 'cash', 'comp');

create table ledger_entries (
  venue_id       uuid not null,
  id             uuid not null default gen_random_uuid(),
  event_id       uuid not null,
  order_id       uuid,
  reservation_id uuid,
  payment_id     uuid,
  kind           ledger_kind not null,
  amount_cents   bigint not null,
  currency       text not null check (currency ~ '^[A-Z]{3}$'),
  provider_ref   text check (length(provider_ref) between 1 and 255),
  note           text check (length(note) <= 500),
  -- Milliseconds, as the API and its page cursors carry them (src/db/pagination.ts).
  at             timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  primary key (venue_id, id),
  unique (venue_id, kind, provider_ref),
  foreign key (venue_id, event_id) references events (venue_id, id),
  foreign key (venue_id, order_id, event_id) references orders (venue_id, id, event_id),
  foreign key (venue_id, reservation_id, event_id) references vip_reservations (venue_id, id, event_id),
  foreign key (venue_id, payment_id) references payments (venue_id, id)
);
create index ledger_entries_event_idx on ledger_entries (venue_id, event_id, at, id);
create index ledger_entries_order_idx on ledger_entries (venue_id, order_id) where order_id is not null;

-- Every provider event id once, written in the transaction that applies the
-- event: a retried or duplicated delivery finds its id and changes nothing.
-- Provider event ids are global (the venue is known only from the event's
-- object), so this is a global table. Kept 30 days (the provider retries for
-- 3); src/jobs/housekeeping.ts deletes older rows.
create table payment_events (
  id          text primary key check (length(id) between 1 and 255),
  type        text not null check (length(type) between 1 and 100),
  received_at timestamptz not null default now()
);
create index payment_events_received_idx on payment_events (received_at);

-- The buyer's language for the tickets' mail (the public buy page's), and
-- when the tickets were mailed: set before sending (at most one mail per
-- order, whichever process claims it first), cleared again if sending fails.
alter table orders
  add column buyer_locale text not null default 'en' check (buyer_locale in ('en', 'es')),
  add column tickets_mailed_at timestamptz;
create index orders_unmailed_idx on orders (venue_id, id) where status = 'paid' and tickets_mailed_at is null;
