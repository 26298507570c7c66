-- Ed25519 signing keys, one or more per event (rotation adds one; old keys
-- stay valid until revoked). kid is the 32-bit key id carried inside every
-- signed code, unique within the venue (a scanner looks keys up through its
-- own venue). The private key is encrypted with the server secret
-- (AES-256-GCM, src/domain/secret-box.ts); the public key is raw 32 bytes.
create table event_keys (
  kid             bigint not null check (kid between 0 and 4294967295),
  venue_id        uuid not null,
  event_id        uuid not null,
  public_key      bytea not null check (length(public_key) = 32),
  private_key_enc bytea not null,
  created_at      timestamptz not null default now(),
  revoked_at      timestamptz,
  primary key (venue_id, kid),
  foreign key (venue_id, event_id) references events (venue_id, id)
);
create index event_keys_event_idx on event_keys (venue_id, event_id, created_at);

-- Codes that no longer admit: a re-issued code's old serial, or a revoked
-- pass or ticket. Scanners verifying offline download this list.
create table code_revocations (
  venue_id     uuid not null,
  event_id     uuid not null,
  subject_kind subject_kind not null,
  subject_id   uuid not null,
  serial       integer not null,
  revoked_at   timestamptz not null default now(),
  primary key (venue_id, subject_id, serial),
  foreign key (venue_id, event_id) references events (venue_id, id)
);
create index code_revocations_event_idx on code_revocations (venue_id, event_id);
