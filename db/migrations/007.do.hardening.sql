-- Hardening (issue 10): values PostgreSQL could not hold, how long a
-- pending order holds its tickets, shared log-in limits and the check value
-- of the server secret.

-- A floor-plan position of 1e-50 underflowed `real` (a 500); double
-- precision holds every number JSON can carry in the allowed range.
alter table vip_tables alter column x type double precision, alter column y type double precision;

-- A pending order holds its inventory until expires_at; then
-- release_expired_orders() (db/functions) cancels it and gives the tickets back.
alter table orders add column expires_at timestamptz;
create index orders_pending_expiry_idx on orders (expires_at) where status = 'pending';

-- Log-in attempts per client address and per account, one row per key and
-- minute, shared by every server process. Keys are SHA-256 digests (of
-- "address:…" or "account:…"), so what people typed is never stored.
-- Global like staff e-mails: a log-in happens before any venue is known.
create table login_attempts (
  key_hash     bytea not null,
  window_start timestamptz not null,
  attempts     integer not null check (attempts >= 1),
  primary key (key_hash, window_start)
);
create index login_attempts_window_idx on login_attempts (window_start);

-- One row for the installation: an HMAC of a fixed label under the server
-- secret. A process started with another secret would sign codes no
-- scanner accepts and could not decrypt the event keys: it refuses to start.
create table installation (
  singleton    boolean primary key default true check (singleton),
  secret_check bytea not null,
  created_at   timestamptz not null default now()
);
