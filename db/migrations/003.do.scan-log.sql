-- The scan log, the per-scanner counters and annulments. The decision
-- itself is redeem_scan() (db/functions/redeem_scan.sql); docs/scan-decision.md
-- mirrors it step by step.

create type scan_direction as enum ('entry', 'exit');
create type scan_decision as enum ('admit', 'deny');
create type entry_type as enum ('first_entry', 'reentry', 'exit');
create type subject_kind as enum ('vip_pass', 'ticket');
-- Deny reasons, plus 'reentry', the one remark an admission may carry.
create type scan_reason as enum (
  'unknown_code', 'invalid_signature', 'revoked', 'wrong_event', 'cancelled',
  'unpaid', 'reservation_not_confirmed', 'reservation_cancelled',
  'not_yet_valid', 'expired', 'already_used', 'already_inside', 'not_inside',
  'capacity_reached', 'reentry');

-- What the server learnt about the scanned text before deciding
-- (src/scan/parse-code.ts): a plain token to look up, a signed code whose
-- signature verified with a key of the scanner's venue (what it names), a
-- code that claims to be signed but does not verify, or a person picked by
-- subject id at the door (door search). One argument of redeem_scan().
create type code_form as enum ('plain', 'signed', 'forged', 'subject');
create type scanned_code as (
  form       code_form,
  text       text,          -- what was scanned (plain: looked up; unknown: hashed)
  kind       subject_kind,  -- signed: what the code names
  subject_id uuid,          -- signed or subject
  serial     integer,       -- signed: the code's serial (a re-issued code's old one is revoked)
  kid        bigint,        -- signed: the key that signed it
  manual     boolean        -- typed by hand: a failed signature is a typo, not a forgery
);

-- The facts a decision needs about the subject, read under its row lock
-- (lock_scan_subject), and what decide_scan() makes of them.
create type scan_subject as (
  kind                subject_kind,
  id                  uuid,
  event_id            uuid,
  status              pass_status,
  serial              integer,
  inside              boolean,
  first_entry_scan_id uuid,
  reservation_id      uuid,
  reentry             reentry_policy,
  order_status        order_status,
  valid_from          timestamptz,
  valid_until         timestamptz,
  door_opens          timestamptz,
  door_closes         timestamptz,
  reservation_status  reservation_status,
  key_event_id        uuid,
  key_revoked         boolean
);
create type scan_verdict as (
  reason       scan_reason,
  entry_type   entry_type,
  inside_delta smallint
);

-- One row per scan, admitted or denied; append-only except for reset_id.
-- No foreign keys on purpose: an FK check takes FOR KEY SHARE on the parent
-- row, so every scan would lock (and dirty) its reservation and event rows,
-- which are exactly the hot rows principle 8 keeps scans away from.
-- The counters and the invariant checks (src/db/invariants.ts) keep the log
-- honest instead. event_id is null only for a code that names no event of
-- the scanner's venue, read by a scanner bound to no event.
create table scan_log (
  id                  uuid not null,
  venue_id            uuid not null,
  event_id            uuid,
  scanner_id          uuid not null,      -- the device, or the staff member scanning by hand
  device_id           uuid,
  staff_id            uuid,
  gate                text not null,
  nonce               text not null check (length(nonce) between 1 and 64),
  direction           scan_direction not null,
  decision            scan_decision not null,
  entry_type          entry_type,
  reason              scan_reason,
  subject_kind        subject_kind,
  subject_id          uuid,
  reservation_id      uuid,
  code_hash           bytea,              -- SHA-256 of an unknown code; never the raw text
  -- What the reservation looked like right after this scan, so a replay
  -- answers exactly what the first answer said.
  checked_in_guests   integer,
  reservation_status  reservation_status,
  first_entry_scan_id uuid,               -- the subject's first entry, when it came before this scan
  inside_since        timestamptz,        -- the subject was already inside since then (no exit)
  inside_delta        smallint not null default 0 check (inside_delta between -1 and 1),
  manual              boolean not null default false,
  offline             boolean not null default false,
  scanned_at          timestamptz,        -- the device's clock
  recorded_at         timestamptz not null default now(),
  reset_id            uuid,               -- set when a reset moved the row out of the live log
  primary key (venue_id, id),
  check (device_id is not null or staff_id is not null),
  check ((decision = 'admit') = (entry_type is not null))
);
-- A retry carries the same nonce: the same (scanner, nonce) is one scan.
create unique index scan_log_scanner_nonce_key on scan_log (venue_id, scanner_id, nonce);
create index scan_log_event_time_idx on scan_log (venue_id, event_id, recorded_at desc, id desc);
create index scan_log_subject_idx on scan_log (venue_id, subject_id, recorded_at desc) where subject_id is not null;
create index scan_log_reservation_idx on scan_log (venue_id, reservation_id) where reservation_id is not null;

-- Live counts, one row per (event, scanner, gate). Every scan bumps only its
-- own scanner's row, so scanners never wait on each other here; a single
-- event-wide row would serialise every scan of the night behind one lock
-- (the hot row of DESIGN.md, ~1,900 commits/s here). Stats sum the rows;
-- live_scan_effects (db/views) is what they must always add up to.
create table scan_counters (
  venue_id      uuid not null,
  event_id      uuid not null,
  scanner_id    uuid not null,
  gate          text not null,
  scans         bigint not null default 0,
  admitted      bigint not null default 0,
  denied        bigint not null default 0,
  first_entries bigint not null default 0,
  reentries     bigint not null default 0,
  exits         bigint not null default 0,
  inside        bigint not null default 0,
  last_scan_at  timestamptz not null default now(),
  primary key (venue_id, event_id, scanner_id, gate)
);

-- An admission undone by its scanner (db/functions/annul_scan.sql). The log
-- row stays; this records the undo. txid lets the status trigger accept the
-- backwards move the annul makes, in that transaction only.
create table scan_annulments (
  venue_id       uuid not null,
  scan_id        uuid not null,
  event_id       uuid not null,
  scanner_id     uuid not null,
  reservation_id uuid,
  txid           bigint not null default txid_current(),
  annulled_at    timestamptz not null default now(),
  primary key (venue_id, scan_id)
);
