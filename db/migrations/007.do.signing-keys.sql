-- Ed25519 signing keys, one or more per event (rotation adds one; old keys
-- stay valid until revoked). kid is the 32-bit key id carried inside every
-- signed code. The private key is encrypted with the server secret
-- (AES-256-GCM, src/domain/secret-box.ts); the public key is raw 32 bytes.
create table event_keys (
  kid             bigint primary key check (kid between 0 and 4294967295),
  event_id        uuid not null references events,
  public_key      bytea not null check (length(public_key) = 32),
  private_key_enc bytea not null,
  created_at      timestamptz not null default now(),
  revoked_at      timestamptz
);
create index event_keys_event_idx on event_keys (event_id, created_at);

-- Codes that no longer admit: a re-issued code's old serial, or a revoked
-- pass or ticket. Scanners verifying offline download this list.
create table code_revocations (
  event_id     uuid not null,
  subject_kind subject_kind not null,
  subject_id   uuid not null,
  serial       integer not null,
  revoked_at   timestamptz not null default now(),
  primary key (subject_id, serial)
);
create index code_revocations_event_idx on code_revocations (event_id);
