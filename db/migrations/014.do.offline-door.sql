-- The offline door (issue 11): scans decided on the phone and uploaded in
-- batches (POST /v1/scans/batch), placed by their scan time, and an
-- attention inbox for what should not have happened and for the fraud
-- signals of the live path. docs/scan-decision.md tells how a scan uses them.

-- What an attention item is about. An offline admission the server would
-- have refused opens one of the admitted_* kinds (double_admit: the code was
-- already used); the last three are fraud signals of live scans.
create type attention_kind as enum (
  'double_admit', 'admitted_while_revoked', 'admitted_while_cancelled', 'admitted_while_unpaid',
  'admitted_while_invalid', 'clock_skew',
  'code_on_many_devices', 'unknown_code_burst', 'reentry_burst');

create table attention_items (
  venue_id        uuid not null,
  id              uuid not null default gen_random_uuid(),
  event_id        uuid,                 -- null: a burst of unknown codes at a scanner bound to no event
  kind            attention_kind not null,
  reason          scan_reason,          -- the server's denial an offline admission overrode
  subject_id      uuid,
  scanner_id      uuid,                 -- the scanner of a burst or of a skewed clock
  scan_ids        uuid[] not null default '{}',
  opened_at       timestamptz not null default now(),
  last_scan_at    timestamptz not null default now(),  -- a burst grows this item while it goes on
  resolved_at     timestamptz,
  resolved_by     uuid,
  resolution_note text check (length(resolution_note) <= 1000),
  primary key (venue_id, id),
  check ((resolved_at is null) = (resolved_by is null))
);
-- The inbox, newest first, open or resolved.
create index attention_items_event_idx on attention_items
  (venue_id, event_id, (resolved_at is null), opened_at desc, id desc);
-- One open item per burst: a signal finds the open item of its key to grow.
create index attention_items_open_idx on attention_items (venue_id, kind, coalesce(subject_id, scanner_id), last_scan_at desc)
  where resolved_at is null;

-- The scan's side of it: offline scans say so; an offline admission the
-- server would have refused names its item; a device clock outside the
-- door window or in the future is clamped into it and flagged.
alter table scan_log
  add column conflict_id  uuid,
  add column clock_skewed boolean not null default false;
-- The archive keeps scan_log's columns in scan_log's order (src/db/archive.ts moves rows as they are).
alter table scan_log_archive
  add column conflict_id  uuid,
  add column clock_skewed boolean not null default false;
-- unknown_code_burst counts a scanner's unknown and forged codes of the last
-- minute; only those rows are in this index, so other scans pay nothing.
create index scan_log_scanner_failures_idx on scan_log (venue_id, scanner_id, recorded_at desc)
  where reason in ('unknown_code', 'invalid_signature');

-- The fraud signals' thresholds, per venue (the owner sets them).
alter table venues
  add column many_devices_seconds   integer not null default 60 check (many_devices_seconds between 1 and 3600),
  add column unknown_burst_count    integer not null default 10 check (unknown_burst_count between 2 and 10000),
  add column unknown_burst_seconds  integer not null default 60 check (unknown_burst_seconds between 1 and 3600),
  add column reentry_burst_count    integer not null default 3 check (reentry_burst_count between 2 and 1000),
  add column reentry_burst_minutes  integer not null default 10 check (reentry_burst_minutes between 1 and 1440);

-- redeem_scan gains the offline arguments (db/functions/redeem_scan.sql).
drop function if exists redeem_scan(uuid, bytea, uuid, uuid, uuid, text, text, scanned_code, scan_direction, timestamptz);
